"""The site: pages computed from Briefing values alone, rendered through the packaged templates."""
