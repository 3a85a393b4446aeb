"""The exception family: one base the CLI catches once, and a subclass per cause."""

from __future__ import annotations

import errno

from journeyspec.wording import clip


class JourneyspecError(Exception):
    """Base of every error journeyspec raises on purpose; the CLI turns it into exit code 2."""


class UsageError(JourneyspecError):
    """Raised when a command is given arguments it cannot act on (a path that does not exist)."""


class ConfigError(JourneyspecError):
    """Raised when the project configuration is missing, malformed or names unknown settings."""


class BuildError(JourneyspecError):
    """Raised when the site cannot be built (and the previous site was left as it was)."""


# What to do about the errors the system gives for what is around journeyspec (the disk,
# permissions, the network), rather than for anything journeyspec got wrong.
_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space or write somewhere else",
    errno.EDQUOT: "the disk quota is used up: free some space or write somewhere else",
    errno.EROFS: "the file system is read-only: write somewhere else",
    errno.EACCES: "permission denied: check the permissions, or write somewhere else",
    errno.EPERM: "not permitted: check the permissions, or write somewhere else",
    errno.EISDIR: "it is a folder: name a file",
    errno.ENOTDIR: "a part of the path is a file where a folder is needed",
    errno.EEXIST: "something is in the way: move it, or name another path",
    errno.ENAMETOOLONG: "the name is too long: use a shorter one",
    errno.ENOENT: "it does not exist: check the path",
    errno.ELOOP: "too many links (a link loop?): point the links somewhere real",
    errno.EADDRINUSE: "the address is in use: stop what is using it, or choose another port",
    errno.EADDRNOTAVAIL: "the address is not one of this machine's: choose another",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n)",
    errno.ENOMEM: "out of memory",
}


class EnvironmentProblem(JourneyspecError):
    """Raised for an ``OSError`` from the machine around journeyspec (a full or read-only
    disk, a folder where a file should be, a port in use): a message, not a bug report."""

    @classmethod
    def from_os_error(cls, exc: OSError) -> EnvironmentProblem:
        where = exc.filename if exc.filename is not None else ""
        if isinstance(where, bytes):
            where = where.decode(errors="replace")
        where = clip(str(where), 200)
        reason = exc.strerror or str(exc) or type(exc).__name__
        advice = _ADVICE.get(exc.errno or 0, "")
        message = f"{where}: {reason}" if where else f"cannot go on: {reason}"
        return cls(f"{message} ({advice})" if advice else message)
