"""Stories: briefings on one developing event, grouped, and what they say together."""
