"""Every property of every schema is reported by ``diff`` or deliberately not reported.

Each property of ``schemas/*.schema.json`` is changed, one at a time, in a file that sets
every property; the diff of the two versions must report that change under the property's
own name. A property the format gains fails here until diff reports it or it is listed in
``NOT_REPORTED`` with the reason.
"""

from __future__ import annotations

import copy
import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeyspec import model
from journeyspec.diff.changes import Change
from journeyspec.diff.compare import compare, compare_registry
from journeyspec.diff.phrases import describe
from journeyspec.loader import load_document
from journeyspec.references import walk
from journeyspec.schema import SCHEMA_NAMES, schema_path, validate
from tests.conftest import Result, write_files

NOT_REPORTED: dict[tuple[str, str], str] = {
    **{
        (name, "/journeyspec"): "the format version: the same in every file one release reads"
        for name in ("journey", "persona", "teams", "channels", "touchpoints", "research", "themes")
    },
    # Settings, not journey data: what they change is reported where it lands (a project
    # emotion scale on each journey using it, lint settings as new and fixed findings,
    # paths as journeys added or removed, site settings on the site itself).
    **{
        ("config", path): "a project setting; its effects are reported, not the setting"
        for path in (
            "/journeyspec", "/name", "/paths", "/paths/journeys", "/paths/personas",
            "/paths/teams", "/paths/channels", "/paths/touchpoints", "/paths/research",
            "/paths/themes", "/emotion_scale", "/emotion_scale/min",
            "/emotion_scale/max", "/review_interval", "/phases", "/lint", "/lint/extends",
            "/lint/fail_on", "/lint/rules", "/lint/overrides", "/lint/overrides/*/files",
            "/lint/overrides/*/rules", "/lint/plugins", "/lint/docs_url", "/lanes",
            "/lanes/*/id", "/lanes/*/name", "/lanes/*/description", "/lanes/*/kind",
            "/site", "/site/title", "/site/description", "/site/repo_url", "/site/edit_uri",
            "/site/diagram_timeout", "/phases",
        )
    },
}  # fmt: skip

FULL = {
    "journey": """\
        journeyspec: 1
        id: full
        title: Full
        description: Every property set
        kind: future-state
        status: draft
        persona: budi
        actors: [{persona: budi, role: Buyer}, {role: Approver}]
        owner: marketing
        objective: Why do buyers stop?
        scenario: Budi buys software
        scope: {starts: Search, ends: Purchase, focus: end-to-end}
        tags: [b2b, saas]
        last_reviewed: 2026-01-01
        review_interval: P6M
        current_state: full-now
        parent: {journey: full-now, stage: awareness}
        emotion_scale: {min: -2, max: 2}
        links: [{title: Research, url: "https://example.com/r"}, {title: Deck, url: "https://example.com/d"}]
        stages:
          - id: awareness
            name: Awareness
            description: Finds options
            phase: pre-purchase
            owner: marketing
            handoff: To sales
            touchpoints: [ad]
            steps:
              - id: searches
                name: Searches
                does: Types a query
                thinks: ["Which one?", "Is it safe?", {text: "Where is the price?", answered_by: [ad]}]
                emotion: {score: -1, label: unsure, note: many options, evidence: [interviews]}
                motivation: Save time
                actor: budi
                touchpoints: [ad]
                moment_of_truth: true
                next: [compares, buys]
                gaps: [{id: no-demo, text: No demo}, {id: no-price, text: No price}]
                lanes:
                  physical_evidence: [Ad]
                  frontstage: [Ad copy]
                  backstage: [Bidding]
                  support: [Ad platform]
                wait_time: P1D
              - id: compares
                name: Compares
          - id: purchase
            name: Purchase
            steps:
              - id: buys
                name: Buys
        touchpoints:
          - {id: ad, name: Ad, channel: web, owner: marketing, description: Search ad,
             link: "https://example.com/ad"}
          - {id: mail, name: Mail}
        pain_points:
          - {id: slow, title: Slow, description: Too slow, step: searches, touchpoint: ad,
             severity: workaround, evidence: [interviews], kpis: [conversion],
             themes: [hidden-prices]}
          - {id: other, title: Other}
        opportunities:
          - {id: faster, title: Faster, description: Speed up, addresses: [slow, no-demo],
             impact: high, effort: medium, owner: marketing, due: 2026-06-01, status: idea,
             kpis: [conversion], link: "https://example.com/o", themes: [hidden-prices],
             evidence: [interviews]}
          - {id: later, title: Later}
        kpis:
          - {id: conversion, name: Conversion, description: Buyers, stage: awareness,
             unit: "%", baseline: 10, target: 20, direction: increase, source: Analytics,
             owner: marketing, evidence: [interviews], current: {value: 14, date: 2026-05-31},
             series: [{value: 11, date: 2026-03-31}, {value: 12, date: 2026-04-30}]}
          - {id: nps, name: NPS}
        evidence:
          - {id: interviews, kind: interview, title: Interviews, date: 2026-01-01,
             sample_size: 8, solicited: true, summary: Eight buyers,
             link: "https://example.com/e"}
          - {id: survey, kind: survey, title: Survey}
        """,
    "persona": """\
        journeyspec: 1
        id: budi
        name: Budi
        role: Finance manager
        description: Runs the books
        quote: Just make it work
        based_on: generic
        segment: SMB
        tags: [smb]
        demographics: {age: "40", city: Jakarta}
        goals: [Close the month]
        motivations: [Less stress]
        pain_points: [Manual imports]
        current_solutions: [Spreadsheets]
        decision_criteria: [Price]
        expectations: [Bank import]
        preferred_channels: [web]
        evidence:
          - {id: talks, kind: interview, title: Talks, date: 2026-01-01, sample_size: 3,
             solicited: false, summary: Three talks, link: "https://example.com/t"}
          - {id: notes, kind: sales-notes, title: Notes}
        research: [nps-q1]
        """,
    "teams": """\
        journeyspec: 1
        teams:
          - {id: marketing, name: Marketing, description: Demand, lead: Ana, contact: "m@x.org"}
          - {id: sales, name: Sales}
        """,
    "channels": """\
        journeyspec: 1
        channels:
          - {id: web, name: Website, description: Our site, type: digital}
          - {id: phone, name: Phone}
        """,
    "touchpoints": """\
        journeyspec: 1
        touchpoints:
          - {id: pricing-page, name: Pricing page, channel: web, owner: marketing,
             description: Plans and prices, link: "https://example.com/pricing"}
          - {id: support-line, name: Support line}
        """,
    "research": """\
        journeyspec: 1
        studies:
          - {id: nps-q1, title: NPS Q1, method: nps, date: 2026-04-01, sample_size: 800,
             solicited: true, summary: Detractors name prices, link: "https://example.com/n",
             owner: marketing}
          - {id: tickets, title: Tickets, method: support-tickets}
        """,
    "themes": """\
        journeyspec: 1
        themes:
          - {id: hidden-prices, name: Hidden prices, description: Costs shown late}
          - {id: lock-in, name: Lock-in}
        """,
}
PATHS = {"journey": "journeys/full.yaml", "persona": "personas/budi.yaml",
         "teams": "registry/teams.yaml", "channels": "registry/channels.yaml",
         "touchpoints": "registry/touchpoints.yaml", "research": "registry/research.yaml",
         "themes": "registry/themes.yaml"}  # fmt: skip
# Where each kind of file holds parts matched by id (their fields are changes of theirs).
PARTS = {
    "journey": ("/stages/*/steps/*", "/stages/*", "/touchpoints/*", "/pain_points/*",
                "/opportunities/*", "/kpis/*", "/evidence/*", ""),
    "persona": ("",),
    "teams": ("/teams/*",),
    "channels": ("/channels/*",),
    "touchpoints": ("/touchpoints/*",),
    "research": ("/studies/*",),
    "themes": ("/themes/*",),
}  # fmt: skip


def properties(name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of schema ``name``: its pointer pattern (``*`` for list items) and
    its schema, ``$ref``s followed."""
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def visit(node: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
        node = resolve(node)
        # A value of several shapes (`emotion: -1` or `emotion: {score: -1, ...}`): the
        # properties of each shape are properties at this place.
        for alternative in (*node.get("anyOf", ()), *node.get("oneOf", ())):
            yield from visit(alternative, path)
        for key, child in node.get("properties", {}).items():
            yield f"{path}/{key}", resolve(child)
            yield from visit(child, f"{path}/{key}")
        if isinstance(node.get("items"), dict):
            yield from visit(node["items"], f"{path}/*")

    yield from visit(schema, "")


def has_properties(name: str, schema: dict[str, Any]) -> bool:
    """Whether ``schema`` (or one of its shapes) is an object with named properties."""
    defs = json.loads(schema_path(name).read_text(encoding="utf-8")).get("$defs", {})
    shapes = [schema, *schema.get("anyOf", ()), *schema.get("oneOf", ())]
    for shape in shapes:
        while "$ref" in shape:
            shape = defs[shape["$ref"].rsplit("/", 1)[-1]]
        if "properties" in shape:
            return True
    return False


def data_of(name: str) -> Any:
    document = load_document(textwrap.dedent(FULL[name]), PATHS[name])
    assert not document.errors and not validate(document, name), (name, document.errors)
    return document.data


def mutate(value: Any, schema: dict[str, Any]) -> Any:
    """Another valid value of the same property."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, list):
        return value[:-1] if value and isinstance(value[0], dict) else [*value, "extra"]
    if isinstance(value, dict):  # a free mapping (demographics)
        return {**value, "extra": "value"}
    if "enum" in schema:
        return next(v for v in schema["enum"] if v != value)
    if schema.get("format") == "date":
        return "2020-02-02"
    if value.startswith("P"):
        return "P9W"
    if value.startswith(("https://", "mailto:")):
        return "https://example.org/elsewhere"
    return value + "-x"


def diffed(name: str, old: Any, new: Any) -> list[Change]:
    if name == "journey":
        before = model.journey_from(old, PATHS[name], (-2, 2))
        return compare(before, model.journey_from(new, PATHS[name], (-2, 2)))

    def portfolio(data: Any) -> model.Portfolio:
        personas = {data["id"]: model.persona_from(data, PATHS[name])} if name == "persona" else {}
        teams = model.teams_from(data, PATHS[name]) if name == "teams" else {}
        channels = model.channels_from(data, PATHS[name]) if name == "channels" else {}
        shared = model.touchpoints_from(data, PATHS[name]) if name == "touchpoints" else {}
        studies = model.studies_from(data, PATHS[name]) if name == "research" else {}
        themes = model.themes_from(data, PATHS[name]) if name == "themes" else {}
        return model.Portfolio((), personas, teams, channels, shared, studies, themes)

    return compare_registry(portfolio(old), portfolio(new))


def expected(name: str, path: str) -> set[str]:
    """The change kinds that report a change of ``path``: its name within its part."""
    if path + "/*" in PARTS[name]:
        return {"removed", "resolved"}  # an item of a list of parts taken away
    part = max((p for p in PARTS[name] if path.startswith(p + "/")), key=len)
    relative = path[len(part) + 1 :].split("/")
    field = relative[0]
    if field == "id":
        return {"added", "removed"}
    if field in ("name", "title") and len(relative) == 1:
        return {"renamed"}
    if field == "emotion":
        return {"score"} if relative[-1] == "score" else {f"emotion.{relative[-1]}"}
    if field in ("scope", "lanes") and len(relative) > 1:
        return {f"{field}.{relative[1]}"}
    if relative[-1] == "answered_by":  # a thought's touchpoints, apart from its text
        return {"answered_by"}
    return {field}


# Reported, but not by comparing two versions of one file: journeys are matched by id, so
# a journey whose id changed is one removed and one added (test_diff.py shows both).
MATCHED = {("journey", "/id")}

CASES = [
    (name, path, schema)
    for name in SCHEMA_NAMES
    for path, schema in properties(name)
    if (name, path) not in NOT_REPORTED and (name, path) not in MATCHED
]


def test_every_schema_property_is_covered() -> None:
    """Every property is either tested below or listed, with a reason; the full files set
    every property tested, so each test changes a value that is there."""
    assert {name for name, _, _ in CASES} == {
        "journey", "persona", "teams", "channels", "touchpoints", "research", "themes"
    }  # fmt: skip
    assert all(reason for reason in NOT_REPORTED.values())
    every = {(name, path) for name in SCHEMA_NAMES for path, _ in properties(name)}
    assert set(NOT_REPORTED) <= every, "NOT_REPORTED names a property no schema has"
    for name, path, _ in CASES:
        assert list(walk(data_of(name), path)), f"FULL[{name!r}] does not set {path}"


@pytest.mark.parametrize(("name", "path", "schema"), CASES, ids=[f"{n}:{p}" for n, p, _ in CASES])
def test_a_change_of_each_property_is_reported(name: str, path: str, schema: Any) -> None:
    old = data_of(name)
    new = copy.deepcopy(old)
    pointer, value = next(walk(new, path))
    if isinstance(value, dict) and has_properties(name, schema):
        pytest.skip("an object: reported through its properties, each tested on its own")
    *parents, last = pointer.split("/")[1:]
    holder = new
    for token in parents:
        holder = holder[int(token)] if isinstance(holder, list) else holder[token]
    holder[last] = mutate(value, schema)
    changes = diffed(name, old, new)
    kinds = {change.change for change in changes}
    assert kinds & expected(name, path), f"{path}: {value!r} -> {holder[last]!r} gave {changes}"
    for change in changes:  # every kind of change can be said in words
        assert describe(change, str, str)


def _project(root: Path) -> Path:
    files = {PATHS[name]: FULL[name] for name in FULL}
    current = textwrap.dedent(FULL["journey"]).replace("id: full\n", "id: full-now\n")
    files["journeys/full-now.yaml"] = (
        current.replace("kind: future-state\n", "")
        .replace("current_state: full-now\n", "")
        .replace("parent: {journey: full-now, stage: awareness}\n", "")
    )
    files["personas/generic.yaml"] = "journeyspec: 1\nid: generic\nname: Generic\n"
    files["journeyspec.yaml"] = "journeyspec: 1\nname: Fields\n"
    return write_files(root, files)


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_changes_the_issue_named_are_said_in_every_format(tmp_path: Path, run: Any) -> None:
    base = _project(tmp_path / "base")
    head = _project(tmp_path / "head")
    _edit(head, PATHS["journey"], "next: [compares, buys]", "next: [compares]")
    _edit(head, PATHS["journey"], "moment_of_truth: true", "moment_of_truth: false")
    _edit(head, PATHS["journey"], '"Which one?", "Is it safe?"', '"Which one?"')
    _edit(head, PATHS["journey"], "does: Types a query", "does: Asks a colleague")
    _edit(head, PATHS["journey"], "impact: high, effort: medium", "impact: high, effort: low")
    _edit(head, PATHS["teams"], "lead: Ana", "lead: Bea")
    _edit(head, PATHS["persona"], "role: Finance manager", "role: Finance director")
    _edit(head, PATHS["channels"], "  - {id: phone, name: Phone}\n", "")
    _edit(
        head,
        PATHS["journey"],
        "emotion_scale: {min: -2, max: 2}",
        "emotion_scale: {min: 1, max: 5}",
    )
    _edit(head, PATHS["journey"], "score: -1,", "score: 2,")
    result: Result = run("diff", str(base), str(head), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for line in (
        '  ~ journey full "Full" emotion scale: -2..2 → 1..5',
        '  ~ step searches "Searches" emotion: -1 → +2',
        '  ~ step searches "Searches" next: −buys',
        '  ~ step searches "Searches" moment of truth: yes → no',
        '  ~ step searches "Searches" thinks: −"Is it safe?"',
        '  ~ step searches "Searches" does: "Types a query" → "Asks a colleague"',
        '  ~ opportunity faster "Faster" is now a quick win (high impact, low effort)',
        '  ~ opportunity faster "Faster" effort: medium → low',
        "personas and registries:",
        '  ~ persona budi "Budi" role: "Finance manager" → "Finance director"',
        '  ~ team marketing "Marketing" lead: "Ana" → "Bea"',
        '  - removed channel phone "Phone"',
    ):
        assert line in text.splitlines(), (line, text)
    assert "1 journey changed, 3 persona or registry changes" in text
    markdown = run("diff", str(base), str(head), "--format", "markdown", cwd=tmp_path).stdout
    assert "### Personas and registries" in markdown
    assert "- step `searches` “Searches” next: −`buys`" in markdown
    document = json.loads(
        run("diff", str(base), str(head), "--format", "json", cwd=tmp_path).stdout
    )
    assert document["summary"]["registry_changes"] == 3
    assert [(c["part"], c["id"], c["change"]) for c in document["registry_changes"]] == [
        ("persona", "budi", "role"),
        ("team", "marketing", "lead"),
        ("channel", "phone", "removed"),
    ]
