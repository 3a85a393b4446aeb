"""Glob patterns for per-path overrides, matched against project-relative POSIX paths.

``*`` and ``?`` stay within one folder, ``**`` crosses folders (``journeys/**/*.yaml``
matches ``journeys/a.yaml`` and ``journeys/legacy/b.yaml``) and ``[abc]`` is a class,
as in ``.gitignore`` and GitHub's ``paths:`` filters. ``fnmatch`` lets ``*`` cross ``/``,
which would make ``journeys/*.yaml`` silently match nested files too.
"""

from __future__ import annotations

import re


def compile_glob(pattern: str) -> re.Pattern[str]:
    """A regular expression matching exactly the paths ``pattern`` names."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            negated = body.startswith("!")
            body = re.escape(body[1:] if negated else body).replace("\\-", "-")
            out.append(f"[{'^' if negated else ''}{body}]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(pattern: re.Pattern[str], path: str) -> bool:
    return pattern.match(path.removeprefix("./")) is not None
