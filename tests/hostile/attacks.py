"""Text attacks: a whole valid project whose every text field holds a hostile payload.

Payloads that would run set ``window.__pwned`` or call ``alert``, so the browser test
can tell; the others try to break out of Markdown, Jinja, DOT labels and URLs, or to
make the browser fetch from another host. Every file is written by ``yaml``'s safe dumper
so the payloads arrive in the data exactly as listed (bidi controls as escapes).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from journeyspec.escaping import BIDI

PWN = "window.__pwned=1"

PAYLOADS: tuple[str, ...] = (
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f'"><svg onload="{PWN}">',
    "'><img src=x onerror=alert(1)>",
    f"[click me](javascript:{PWN})",
    f"![pic](javascript:{PWN})",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f'<a href="javascript:{PWN}">link</a>',
    f'Intro\n\n<div onmouseover="{PWN}">raw HTML block</div>\n\nOutro',
    "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} {{ self.__init__.__globals__ }}",
    "{% for x in range(99999999) %}x{% endfor %}{# comment #}",
    f'"]; node [label="pwn" URL="javascript:{PWN}"]; "',
    '\\N \\G \\E \\T \\H \\L \\n \\l \\r \\\\ " \\" end',
    '<<TABLE><TR><TD HREF="javascript:alert(1)">cell</TD></TR></TABLE>>',
    "W" * 3000,
    "</script><script>alert(1)</script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<style>body{background:url(http://evil.example/bg.png)}</style>",
    "<link rel=stylesheet href=http://evil.example/x.css>",
    "![tracker](http://evil.example/pixel.png)",
    "<http://evil.example/autolink>",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;alert(1)",
    f'<details open ontoggle="{PWN}">details</details>',
    f'{{: onclick="{PWN}" }}',
    f"text\n{{: onmouseover='{PWN}' }}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\u202eevil reversed\u200b zero\u2028width",
    "`<script>alert(1)</script>`",
    "<!-- --><script>alert(1)</script>",
    f"[x]: javascript:{PWN}\n\n[ref link][x]",
    f"# Heading\n\n* list <b onclick='{PWN}'>bold</b>\n\n    indented code <script>",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | x |",
    "%}{{ {%- endraw %}",
    "${alert(1)} #{alert(1)} <%= 7*7 %>",
)

# Links must match ^(https?://|mailto:)[^\s]+$ — which still lets quotes and brackets in.
URLS: tuple[str, ...] = (
    f'https://example.com/"onmouseover="{PWN}"',
    f"https://example.com/'><script>{PWN}</script>",
    'mailto:x"><img/src=x/onerror=alert(1)>',
    "http://example.com/?a=<svg/onload=alert(1)>",
)


def _cycle(items: tuple[str, ...]) -> Iterator[str]:
    return itertools.cycle(items)


def attack_files(payloads: tuple[str, ...] = PAYLOADS) -> dict[str, str]:
    """``{relative path: YAML text}`` of a valid project with payloads in every text field."""
    text, url = _cycle(payloads).__next__, _cycle(URLS).__next__

    def many(n: int = 3) -> list[str]:
        return [text() for _ in range(n)]

    def evidence(i: int) -> dict[str, Any]:
        return {
            "id": f"ev-{i}",
            "kind": "interview",
            "title": text(),
            "date": "2026-01-15",
            "sample_size": 12,
            "solicited": True,
            "summary": text(),
            "link": url(),
        }

    def step(stage: int, i: int) -> dict[str, Any]:
        sid = f"s{stage}-{i}"
        return {
            "id": sid,
            "name": text(),
            "does": text(),
            "thinks": many(),
            "emotion": {"score": [-2, 1, 2, -1][i % 4], "label": text(), "note": text()}
            | {"evidence": ["ev-0"]},
            "motivation": text(),
            "actor": "boss",
            "touchpoints": [f"tp-{stage}"],
            "moment_of_truth": i == 0,
            "next": [sid],  # a loop back onto itself: diagrams and rules must not hang
            "gaps": [{"id": f"gap-{sid}", "text": text()}],
            "lanes": {k: many(2) for k in ("physical_evidence", "frontstage", "backstage")}
            | {"support": many(2)},
            "wait_time": text(),
        }

    stages = [
        {
            "id": f"stage-{n}",
            "name": text(),
            "description": text(),
            "phase": phase,
            "owner": "team-a",
            "handoff": text(),
            "touchpoints": [f"tp-{n}"],
            "steps": [step(n, i) for i in range(2)],
        }
        for n, phase in enumerate(("pre-purchase", "purchase", "post-purchase"))
    ]
    journey: dict[str, Any] = {
        "journeyspec": 1,
        "id": "attack",
        "title": text(),
        "description": text(),
        "kind": "service-blueprint",
        "status": "published",
        "persona": "victim",
        "actors": [{"role": text(), "persona": "boss"}],
        "owner": "team-a",
        "objective": text(),
        "scenario": text(),
        "scope": {"starts": text(), "ends": text(), "focus": "end-to-end"},
        "tags": ["b2b", "xss"],
        "last_reviewed": "2026-01-01",
        "review_interval": "P6M",
        "links": [{"title": text(), "url": u} for u in URLS],
        "stages": stages,
        "touchpoints": [
            {
                "id": f"tp-{n}",
                "name": text(),
                "channel": "web",
                "owner": "team-a",
                "description": text(),
                "link": url(),
            }
            for n in range(3)
        ],
        "pain_points": [
            {
                "id": f"pain-{n}",
                "title": text(),
                "description": text(),
                "step": f"s{n}-0",
                "severity": "abandon",
                "evidence": ["ev-0"],
                "kpis": ["kpi-0"],
            }
            for n in range(3)
        ],
        "opportunities": [
            {
                "id": f"opp-{n}",
                "title": text(),
                "description": text(),
                "addresses": [f"pain-{n}", f"gap-s{n}-1"],
                "impact": ["high", "medium", "low"][n],
                "effort": ["low", "medium", "high"][n],
                "owner": "team-a",
                "due": "2027-01-01",
                "status": "planned",
                "kpis": ["kpi-0"],
                "link": url(),
            }
            for n in range(3)
        ],
        "kpis": [
            {
                "id": f"kpi-{n}",
                "name": text(),
                "description": text(),
                "stage": f"stage-{n}",
                "unit": text(),
                "baseline": 10,
                "target": 20,
                "direction": "increase",
                "source": text(),
                "owner": "team-a",
            }
            for n in range(3)
        ],
        "evidence": [evidence(i) for i in range(2)],
    }
    future = {
        "journeyspec": 1,
        "id": "attack-future",
        "title": text(),
        "kind": "future-state",
        "current_state": "attack",
        "persona": "victim",
        "stages": [{"id": "only", "name": text(), "steps": [step(9, 0) | {"next": []}]}],
        "touchpoints": [{"id": "tp-9", "name": text()}],
        "evidence": [evidence(0)],
    }
    persona = {
        "journeyspec": 1,
        "id": "victim",
        "name": text(),
        "role": text(),
        "description": text(),
        "quote": text(),
        "segment": text(),
        "tags": ["b2b"],
        "demographics": {text()[:40] or "k": text(), "age": 38},
        **{
            key: many()
            for key in (
                "goals",
                "motivations",
                "pain_points",
                "current_solutions",
                "decision_criteria",
                "expectations",
            )
        },
        "preferred_channels": ["web"],
        "evidence": [evidence(5)],
    }
    boss = {"journeyspec": 1, "id": "boss", "name": text(), "based_on": "victim"}
    teams = {
        "journeyspec": 1,
        "teams": [
            {"id": "team-a", "name": text(), "description": text(), "lead": text()}
            | {"contact": text()}
        ],
    }
    channels = {
        "journeyspec": 1,
        "channels": [{"id": "web", "name": text(), "description": text(), "type": "digital"}],
    }
    config = {
        "journeyspec": 1,
        "name": text(),
        "site": {
            "title": text(),
            "description": text(),
            # The config schema only asks for ^https?:// here: spaces and quotes get in.
            "repo_url": f'https://example.com/" onfocus="{PWN}" autofocus="',
            "edit_uri": f'edit/"><script>{PWN}</script>/',
        },
    }
    return {
        "journeyspec.yaml": dump(config),
        "journeys/attack.yaml": dump(journey),
        "journeys/attack-future.yaml": dump(future),
        "personas/victim.yaml": dump(persona),
        "personas/boss.yaml": dump(boss),
        "registry/teams.yaml": dump(teams),
        "registry/channels.yaml": dump(channels),
    }


class _Dumper(yaml.SafeDumper):
    """Text holding a bidi control is written double-quoted, the control as an escape: raw,
    it is a Trojan Source finding and the file would not be valid."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        style = '"' if BIDI.search(data) else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _Dumper.represent_str)


def dump(data: Any) -> str:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return escape_bidi(text)


def escape_bidi(text: str) -> str:
    """YAML text whose bidi controls all sit in double-quoted scalars, with each written as
    an escape (``\\u202E``): the same data, and no Trojan Source finding."""
    return BIDI.sub(lambda found: f"\\u{ord(found.group()):04X}", text)


def write_attack_project(root: Path, payloads: tuple[str, ...] = PAYLOADS) -> Path:
    for relative, content in attack_files(payloads).items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root
