"""Seeds: reading and validating seed files, and adding articles from the web, files and feeds."""
