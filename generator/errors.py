"""Errors users can act on.

Every failure a user can fix has its own exception type, so the CLI can print one
clear line and the MkDocs plugin can turn it into a ``PluginError`` without a
traceback. Anything else escaping the package is a bug.
"""

from __future__ import annotations

from pathlib import Path


class BriefingsError(Exception):
    """Base class of every error the package raises on purpose."""


class SeedError(BriefingsError):
    """A seed file cannot be turned into a briefing (bad header, bad encoding, ...).

    Carries the file and, where it applies, the 1-based line so the message points
    at the exact place to fix.
    """

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class ModelError(BriefingsError):
    """The spaCy pipeline named in the settings cannot be loaded."""


class TemplateError(BriefingsError):
    """A Jinja template in ``templates/`` is missing or fails to render."""


class ConfigError(BriefingsError):
    """The configuration (mkdocs.yml or CLI options) is invalid."""
