"""From a seeds folder to briefings and written pages.

Parallel extraction, the content-addressed cache, crash-safe output.
"""
