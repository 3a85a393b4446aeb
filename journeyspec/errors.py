"""The exception family: one base the CLI catches once, and a subclass per cause."""

from __future__ import annotations


class JourneyspecError(Exception):
    """Base of every error journeyspec raises on purpose; the CLI turns it into exit code 2."""


class UsageError(JourneyspecError):
    """Raised when a command is given arguments it cannot act on (a path that does not exist)."""


class ConfigError(JourneyspecError):
    """Raised when the project configuration is missing, malformed or names unknown settings."""


class BuildError(JourneyspecError):
    """Raised when the site cannot be built (and the previous site was left as it was)."""
