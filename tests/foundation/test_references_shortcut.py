"""check_journey builds pointers only where a reference fails, with the exact findings."""

from __future__ import annotations

import pytest

from journeyspec import references
from journeyspec.loader import load_document

REGISTRY = {
    "persona": ["id: budi\nname: Budi\n"],
    "teams": ["teams:\n  - {id: sales, name: Sales}\n  - {id: support, name: Support}\n"],
    "channels": ["channels:\n  - {id: web, name: Web}\n"],
    "touchpoints": ["touchpoints:\n  - {id: shared-page, name: Page, channel: web}\n"],
}
JOURNEY = """\
id: j
persona: budi
owner: sales
stages:
  - id: s1
    owner: support
    touchpoints: [tp-1, shared-page]
    steps:
      - id: a
        touchpoints: [tp-1]
        next: [b]
        thinks: [{text: Why?, answered_by: [tp-1]}]
      - id: b
        emotion: {score: 1, evidence: [ev]}
touchpoints:
  - {id: tp-1, name: Own, channel: web, owner: sales}
pain_points:
  - {id: p1, step: a, touchpoint: tp-1, evidence: [ev]}
opportunities:
  - {id: o1, addresses: [p1, a], owner: sales}
evidence:
  - {id: ev, kind: interview}
"""
BROKEN = {
    "clean": ("", ""),
    "unknown persona": ("persona: budi", "persona: bud"),
    "unknown team": ("owner: support", "owner: suport"),
    "unknown touchpoint": ("answered_by: [tp-1]", "answered_by: [tp-2]"),
    "wrong kind": ("addresses: [p1, a]", "addresses: [p1, tp-1]"),
    "unknown step": ("next: [b]", "next: [c]"),
    "unknown evidence": ("evidence: [ev]}\ntouch", "evidence: [nope]}\ntouch"),
    "duplicate id": ("- id: b", "- id: a"),
    "stage and step share an id": ("- id: b", "- id: s1"),
    "own touchpoint with a shared id": ("{id: tp-1, name: Own", "{id: shared-page, name: Own"),
    "own current state": ("owner: sales\nstages", "owner: sales\ncurrent_state: j\nstages"),
    "not text": ("next: [b]", "next: [1]"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_shortcut_finds_what_the_walk_with_pointers_finds(name: str) -> None:
    old, new = BROKEN[name]
    text = JOURNEY.replace(old, new, 1)
    assert (text == JOURNEY) == (name == "clean")
    documents = {
        kind: [load_document(source, f"{kind}.yaml") for source in sources]
        for kind, sources in REGISTRY.items()
    }
    index, problems = references.build_index(documents)
    assert problems == []
    journey = load_document(text, "j.yaml")
    found = references.check_journey(journey, index)
    assert found == references._check_journey(journey, index)
    assert (found == []) == (name in {"clean", "not text"})  # the schema judges types
