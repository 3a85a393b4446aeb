"""The live project gives what `lint` gives, edit after edit.

On the example project, and on a copy damaged with findings of every kind (schema,
reference, rule, an id defined in two journeys, suppressions used, unused and without a
reason), a sequence of edits is applied; after each, ``LiveProject.result`` is compared
with a fresh ``lint`` of the same texts, finding for finding, and ``update`` must name
exactly the files whose findings changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from journeyspec.findings import Finding
from journeyspec.lint import lint
from journeyspec.live import LiveProject
from journeyspec.project import load_config
from tests.conftest import copy_example

TODAY = dt.date(2026, 11, 1)
GYM = "journeys/gym-membership.yaml"
BANK = "journeys/bank-account-opening.yaml"
SHOES = "journeys/dress-shoes-online-purchase.yaml"
CURRENT = "journeys/accounting-software-first-purchase.yaml"
FUTURE = "journeys/accounting-software-first-purchase-future.yaml"
TEAMS = "registry/teams.yaml"
PERSONA = "personas/marcus.yaml"

SUPPRESSIONS = (
    "# journeyspec: disable-file kpi-off-target -- target under review\n"
    "# journeyspec: disable-file journey-too-complex -- it is long on purpose\n"
)

Edit = Callable[[Path, dict[str, str]], dict[str, str | None]]


def damage(root: Path) -> None:
    """One finding of each kind the live project must carry between edits."""
    _replace(root, BANK, "\nobjective:", "\nobjectve:")  # schema: an unknown key
    _replace(root, GYM, "owner: cx-research", "owner: cx-reserch")  # reference
    # An id defined twice across journeys.
    (root / "journeys/zz-copy.yaml").write_text((root / SHOES).read_text(encoding="utf-8"))
    # Suppressions: one used, one unused, one without a reason.
    _replace(
        root,
        "journeys/missing-delivery-support.yaml",
        "journeyspec: 1\n",
        "journeyspec: 1\n"
        "# journeyspec: disable-file opportunity-overdue -- the backlog is being re-planned\n"
        "# journeyspec: disable-file journey-too-complex -- long on purpose\n"
        "# journeyspec: disable-file pain-point-without-opportunity\n",
    )


def _replace(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")


def typed(path: str, old: str, new: str) -> Edit:
    """An unsaved edit of ``path``: ``old`` becomes ``new`` in its current text."""

    def edit(root: Path, buffers: dict[str, str]) -> dict[str, str | None]:
        current = buffers.get(path, (root / path).read_text(encoding="utf-8"))
        assert old in current, (path, old)
        buffers[path] = current.replace(old, new, 1)
        return {path: buffers[path]}

    return edit


def saved(path: str) -> Edit:
    """The buffer of ``path`` written to its file and closed."""

    def edit(root: Path, buffers: dict[str, str]) -> dict[str, str | None]:
        (root / path).write_text(buffers.pop(path), encoding="utf-8")
        return {path: None}

    return edit


def closed(path: str) -> Edit:
    """The buffer of ``path`` closed unsaved: the file on disk counts again."""

    def edit(root: Path, buffers: dict[str, str]) -> dict[str, str | None]:
        buffers.pop(path)
        return {path: None}

    return edit


def removed(path: str) -> Edit:
    def edit(root: Path, buffers: dict[str, str]) -> dict[str, str | None]:
        (root / path).unlink()
        buffers.pop(path, None)
        return {path: None}

    return edit


def added(path: str, like: str, old: str, new: str) -> Edit:
    def edit(root: Path, buffers: dict[str, str]) -> dict[str, str | None]:
        text = (root / like).read_text(encoding="utf-8")
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        return {path: None}

    return edit


def configured(line: str) -> Edit:
    """journeyspec.yaml saved with ``line`` added."""

    def edit(root: Path, buffers: dict[str, str]) -> dict[str, str | None]:
        with (root / "journeyspec.yaml").open("a", encoding="utf-8") as config:
            config.write(line + "\n")
        return {"journeyspec.yaml": None}

    return edit


EDITS: list[tuple[str, Edit]] = [
    ("a journey edited", typed(GYM, "name: Awareness", "name: Finding a gym")),
    ("the edit breaks its schema", typed(GYM, "    steps:\n", "    stepz:\n")),
    ("and a reference", typed(GYM, "persona: marcus", "persona: marcs")),
    ("and its YAML", typed(GYM, "tags: [b2c", "tags: [[b2c")),
    ("fixed again", typed(GYM, "tags: [[b2c", "tags: [b2c")),
    ("schema fixed", typed(GYM, "    stepz:\n", "    steps:\n")),
    ("reference fixed", typed(GYM, "persona: marcs", "persona: marcus")),
    (
        "a rule's finding suppressed, another suppression unused",
        typed(GYM, "journeyspec: 1\n", "journeyspec: 1\n" + SUPPRESSIONS),
    ),
    (
        "a duplicate id in another journey",
        typed(BANK, "id: bank-account-opening", "id: gym-membership"),
    ),
    ("saved", saved(BANK)),
    ("the duplicate removed", typed(BANK, "id: gym-membership", "id: bank-account-opening")),
    ("closed unsaved", closed(BANK)),
    (
        "a current state renamed",
        typed(CURRENT, "\nid: accounting-software-first-purchase\n", "\nid: first-purchase\n"),
    ),
    (
        "renamed back",
        typed(CURRENT, "\nid: first-purchase\n", "\nid: accounting-software-first-purchase\n"),
    ),
    ("a team renamed in the registry", typed(TEAMS, "id: marketing", "id: growth")),
    ("the team back", typed(TEAMS, "id: growth", "id: marketing")),
    ("a rule turned off in the configuration", configured("lint: {rules: {kpi-off-target: off}}")),
    ("a journey edited under it", typed(SHOES, "name: Discovery", "name: Finding shoes")),
    ("a persona edited", typed(PERSONA, "id: marcus", "id: marcus-b")),
    ("the persona saved", saved(PERSONA)),
    ("a journey removed", removed(CURRENT)),
    ("a journey added", added("journeys/aa-new.yaml", SHOES, "\nid: ", "\nid: ")),
    ("the journey's id changed: a duplicate", typed("journeys/aa-new.yaml", "\nid: ", "\nid: x-")),
    ("the added journey removed", removed("journeys/aa-new.yaml")),
    ("the journey typed in saved", saved(GYM)),
    ("a registry removed", removed("registry/themes.yaml")),
]


def by_path(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.path, []).append(finding)
    return grouped


@pytest.mark.parametrize("damaged", [False, True], ids=["example", "damaged"])
@pytest.mark.parametrize("models", [False, True], ids=["outlines", "models"])
def test_every_edit_gives_what_lint_gives(tmp_path: Path, damaged: bool, models: bool) -> None:
    root = copy_example(tmp_path / "project")
    if damaged:
        damage(root)
    config = load_config(root)
    live = LiveProject.open(config, today=TODAY, models=models)
    expected = lint(config, today=TODAY, models=models)
    assert live.result.findings == expected.findings
    assert len(live.result.validation.portfolio.journeys) == (
        (5 if damaged else 7) if models else 0
    )
    kinds = {f.rule for f in expected.findings}
    if damaged:  # the damage holds what it should
        assert {"schema", "reference", "unused-suppression", "suppression-no-reason"} <= kinds
        assert "duplicate journey id `dress-shoes-online-purchase`" in {
            f.message for f in expected.findings
        }
    buffers: dict[str, str] = {}
    seen = set()
    for name, edit in EDITS:
        before = by_path(expected.findings)
        changed = live.update(edit(root, buffers))
        overlay = {path: text.encode("utf-8") for path, text in buffers.items()}
        expected = lint(load_config(root), today=TODAY, models=models, overlay=overlay)
        assert live.result.findings == expected.findings, name
        after = by_path(expected.findings)
        assert changed == {
            p for p in before.keys() | after.keys() if before.get(p) != after.get(p)
        }, name
        assert live.result.files == expected.files, name
        ours, theirs = live.result.validation.portfolio, expected.validation.portfolio
        assert ours.journeys == theirs.journeys, name
        assert (ours.personas, ours.teams) == (theirs.personas, theirs.teams), name
        assert live.result.validation.members == expected.validation.members, name
        seen |= {f.rule for f in expected.findings}
    # The sequence went through every kind of finding.
    assert {"schema", "reference", "syntax", "unused-suppression"} <= seen


def test_a_new_day_judges_every_journey_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened without a date, the live project follows the clock: when the day turns, an
    edit of one journey re-judges them all (reviews fall due, suppressions expire)."""
    root = copy_example(tmp_path / "project")
    _replace(
        root,
        GYM,
        "journeyspec: 1\n",
        "journeyspec: 1\n# journeyspec: disable-file kpi-off-target -- under review (until 2026-12-31)\n",
    )
    monkeypatch.setenv("JOURNEYSPEC_TODAY", "2026-11-01")
    config = load_config(root)
    live = LiveProject.open(config)
    assert live.result.findings == lint(config).findings
    monkeypatch.setenv("JOURNEYSPEC_TODAY", "2027-06-01")
    text = (root / BANK).read_text(encoding="utf-8").replace("name: ", "name: New ", 1)
    changed = live.update({BANK: text})
    expected = lint(config, overlay={BANK: text.encode("utf-8")})
    assert live.result.findings == expected.findings
    assert GYM in changed
    assert "suppression-expired" in {f.rule for f in expected.for_path(GYM)}


def test_a_journey_replaced_by_a_link_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    """A journey file that becomes a link to a file outside the project is refused, as
    discovery refuses it: its target is never read, nor quoted in a finding."""
    root = copy_example(tmp_path / "project")
    secret = tmp_path / "secret.yaml"
    secret.write_text("journeyspec: 1\nid: [the secret]\n", encoding="utf-8")
    config = load_config(root)
    live = LiveProject.open(config, today=TODAY)
    (root / GYM).unlink()
    (root / GYM).symlink_to(secret)
    changed = live.update({GYM: None})
    expected = lint(config, today=TODAY)
    assert live.result.findings == expected.findings
    assert [(f.rule, f.line) for f in live.result.for_path(GYM)] == [("project", 0)]
    assert GYM in changed
    assert "secret" not in "".join(f.message + f.hint for f in live.result.findings)
