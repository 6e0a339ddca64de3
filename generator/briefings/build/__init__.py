"""From a seeds folder to briefings and written pages: parallel extraction, the content-addressed cache, crash-safe output."""
