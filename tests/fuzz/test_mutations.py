"""Randomly mutated YAML never raises: only findings, each at a real place in the file.

Seeds are real journeys (the repository's examples, the minimal fixture, the text-attack
journey); mutations delete, duplicate, swap, re-indent and retype lines, truncate, and
flip bytes. Three levels: loading one document, validating it against the schema, and a
whole project through validation, lint, diagram and page planning.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeyspec.lint import lint
from journeyspec.loader import load_document
from journeyspec.project import load_config
from journeyspec.rules import RULES
from journeyspec.schema import validate
from journeyspec.site.figures import plan_figures
from journeyspec.site.plan import SiteInputs, plan_site
from tests.conftest import MINIMAL_FILES, REPO, write_files
from tests.fuzz.conftest import scaled
from tests.hostile.attacks import attack_files

SEEDS: tuple[str, ...] = (
    textwrap.dedent(MINIMAL_FILES["journeys/first-purchase.yaml"]),
    attack_files()["journeys/attack.yaml"],
    *(p.read_text("utf-8") for p in sorted((REPO / "journeys").glob("*.yaml"))),
)
VALUES = (
    "[]",
    "{}",
    "~",
    "0",
    "-1.5",
    "1e999",
    "true",
    '"x"',
    "[a, [b]]",
    "{a: {b: c}}",
    "&x a",
    "*x",
    "!!str",
    "!!int x",
    "- x",
    "|",
    ">-",
    "'",
    '"',
    "? x",
    "<<: {}",
    ": :",
    "0x",
    "{{ x }}",
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed journey with 1–5 line-level mutations, then maybe byte flips and truncation."""
    lines = draw(st.sampled_from(SEEDS)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.integers(0, 6))
        if operation == 0:
            del lines[at]
        elif operation == 1:
            lines.insert(at, lines[at])
        elif operation == 2:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == 3:
            lines[at] = draw(st.sampled_from(["  ", "    ", "\t", ""])) + lines[at].lstrip(" ")
        elif operation == 4 and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {draw(st.sampled_from(VALUES))}\n"
        elif operation == 5:
            lines.insert(at, draw(st.sampled_from(draw(st.sampled_from(SEEDS)).splitlines(True))))
        else:
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
    raw = bytearray("".join(lines).encode("utf-8"))
    for _ in range(draw(st.integers(0, 3)) if raw else 0):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    if raw and draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    return bytes(raw)


def line_count(raw: bytes) -> int:
    """Lines as YAML counts them (CR, LF, CRLF, NEL, LS, PS all end a line) or as bytes do."""
    text = raw.decode("utf-8", "replace")
    return max(raw.count(b"\n"), len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text))) + 1


def assert_placed(findings: list, text_lines: int) -> None:  # type: ignore[type-arg]
    for finding in findings:
        assert 1 <= finding.line <= text_lines + 1, finding
        assert finding.col >= 1, finding
        assert finding.message


@settings(max_examples=scaled(1_200))
@given(raw=mutated())
def test_mutated_yaml_loads_and_validates_without_raising(raw: bytes) -> None:
    document = load_document(raw, "journeys/x.yaml")
    lines = line_count(raw)
    assert_placed(document.errors, lines)
    if not document.errors:
        assert_placed(validate(document, "journey"), lines)


@settings(max_examples=scaled(400))
@given(raw=st.binary(max_size=2_000))
def test_arbitrary_bytes_load_without_raising(raw: bytes) -> None:
    document = load_document(raw, "journeys/x.yaml")
    assert_placed(document.errors, line_count(raw))
    if not document.errors:
        validate(document, "journey")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-mutated")


@settings(max_examples=scaled(150))
@given(raw=mutated(), where=st.sampled_from(["journeys/x.yaml", "journeys/first-purchase.yaml"]))
def test_mutated_project_lints_and_plans_without_raising(
    workdir: Path, raw: bytes, where: str
) -> None:
    root = workdir / "project"
    shutil.rmtree(root, ignore_errors=True)
    write_files(root, MINIMAL_FILES)
    (root / where).write_bytes(raw)
    result = lint(load_config(root), today=dt.date(2026, 6, 1))
    for finding in result.findings:
        assert finding.line >= 1 and finding.col >= 1, finding
    portfolio = result.validation.portfolio
    figures = plan_figures(portfolio)
    plan_site(
        SiteInputs(
            portfolio=portfolio,
            findings=result.findings,
            rules=RULES,
            site_name="Fuzz",
            today=dt.date(2026, 6, 1),
            figures=dict(figures.by_journey),
            portfolio_figures=list(figures.portfolio),
        )
    )
