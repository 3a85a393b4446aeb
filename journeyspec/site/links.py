"""Where every generated page lives, and relative links between them.

Every generated page is a folder's ``index.md`` so its address is the folder both with
and without MkDocs' ``use_directory_urls``. Links inside raw HTML are not rewritten by
MkDocs, so the plan writes final relative URLs itself.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

HOME = "index.md"
JOURNEYS = "journeys/index.md"
PERSONAS = "personas/index.md"
TEAMS = "teams/index.md"
PAIN_POINTS = "pain-points/index.md"
OPPORTUNITIES = "opportunities/index.md"
KPIS = "kpis/index.md"
HEATMAP = "heatmap/index.md"
CHANNELS = "channels/index.md"
THEMES = "themes/index.md"  # planned when the project has themes
TOUCHPOINTS = "touchpoints/index.md"  # planned when it has shared touchpoints
CHANGES = "changes/index.md"
HEALTH = "authoring/health/index.md"
RULES = "rules/index.md"
FORMAT = "format/index.md"

ASSET_DIR = "assets/journeyspec"
STYLESHEET = f"{ASSET_DIR}/journeyspec.css"
PRINT_STYLESHEET = f"{ASSET_DIR}/journeyspec-print.css"
PORTFOLIO_STYLESHEET = f"{ASSET_DIR}/portfolio.css"
SCRIPT = f"{ASSET_DIR}/journeyspec.js"


def journey(journey_id: str) -> str:
    return f"journeys/{journey_id}/index.md"


def journey_file(journey_id: str, name: str) -> str:
    return f"journeys/{journey_id}/{name}"


def poster(journey_id: str, extension: str) -> str:
    """A journey's workshop poster (``pdf`` or ``svg``)."""
    return f"posters/{journey_id}.{extension}"


def facet(name: str, value: str) -> str:
    return f"journeys/by-{name}/{value}/index.md"


def persona(persona_id: str) -> str:
    return f"personas/{persona_id}/index.md"


def team(team_id: str) -> str:
    return f"teams/{team_id}/index.md"


def touchpoint(touchpoint_id: str) -> str:
    """The page of a shared touchpoint (a journey's own touchpoints have none)."""
    return f"touchpoints/{touchpoint_id}/index.md"


def rule(rule_id: str) -> str:
    return f"rules/{rule_id}/index.md"


def folder(src: str) -> str:
    """The folder a page or file is served from ("" for the site root)."""
    return posixpath.dirname(src)


def relative(target: str, start: str) -> str:
    """``posixpath.relpath(target, start)`` for paths inside the site, without its two
    ``os.getcwd()`` calls: a 1,000-journey site computes some 200,000 links."""
    to = [part for part in posixpath.normpath(target).split("/") if part != "."]
    at = [part for part in posixpath.normpath(start).split("/") if part != "."]
    common = 0
    for mine, theirs in zip(to, at, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


@dataclass(frozen=True)
class Linker:
    """Relative URLs from one page to any other page or file of the site."""

    src: str
    directory_urls: bool = True

    def __call__(self, target: str, fragment: str = "") -> str:
        here = folder(self.src) or "."
        if target.endswith("index.md"):
            there = folder(target) or "."
            url = relative(there, here)
            url = "./" if url == "." else url + "/"
            if not self.directory_urls:
                url += "index.html"
        else:
            url = relative(target, here)
        return f"{url}#{fragment}" if fragment else url
