"""The single spaCy parse of an article, and the syntax helpers every stage shares."""
