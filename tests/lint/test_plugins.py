"""Custom rules: from a project folder and from an installed package's entry point, with
options, profiles, suppressions and documentation; broken ones are exit 2, by name and file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from journeyspec.lint import lint
from journeyspec.project import load_config
from tests.conftest import Runner as Run
from tests.conftest import write_files
from tests.lint.conftest import config_text

RULE = '''\
"""The journey's title is too short to say what the map is about.

**What it checks.** The title has at least ``min_length`` characters.

**Why.** Our portfolio has forty maps; "Returns" says nothing next to "Returns of
damaged goods by business customers".
"""

from journeyspec.findings import Severity
from journeyspec.rules.base import Hit, Option

ID = "journey-title-short"
SEVERITY = Severity.WARNING
PROFILE = "recommended"
OPTIONS = {"min_length": Option(10, "The fewest characters a title may have.")}


def check(journey, context):
    if len(journey.title) < context.options["min_length"]:
        yield Hit("/title", f"title `{journey.title}` is short", hint="say whose journey it is")
'''
PLUGINS = "  plugins: [rules/]\n"
# ``title: Returns`` is line 3; its value starts at column 8.
SHORT_TITLE = (3, 8, "journey-title-short", "title `Returns` is short")


def _with_rule(project: Path, source: str = RULE, name: str = "title_short.py") -> Path:
    (project / "journeyspec.yaml").write_text(config_text(PLUGINS), encoding="utf-8")
    write_files(project, {f"rules/{name}": source})
    return project


def _found(project: Path) -> list[tuple[int, int, str, str]]:
    result = lint(load_config(project))
    return [(f.line, f.col, f.rule, f.message) for f in result.for_path("journeys/returns.yaml")]


def _card(project: Path) -> list[tuple[int, int, str, str]]:
    return [
        (7, 5, "stage-no-owner", "stage `request` has no owner"),
        (7, 5, "stage-no-touchpoints", "stage `request` has no touchpoints"),
    ]


def test_a_rule_from_a_project_folder_runs(project: Path) -> None:
    _with_rule(project)
    assert _found(project) == [SHORT_TITLE, *_card(project)]


def test_its_options_are_validated_and_applied(project: Path, run: Run) -> None:
    _with_rule(project)
    config = config_text("    journey-title-short: {min_length: 5}\n" + PLUGINS)
    (project / "journeyspec.yaml").write_text(config, encoding="utf-8")
    assert _found(project) == _card(project)
    wrong = config_text("    journey-title-short: {min_lenght: 5}\n" + PLUGINS)
    (project / "journeyspec.yaml").write_text(wrong, encoding="utf-8")
    result = run("lint", cwd=project)
    assert result.exit_code == 2
    assert "rule `journey-title-short` has no option `min_lenght`" in result.stdout + result.stderr


def test_its_profile_decides_whether_it_runs(project: Path) -> None:
    _with_rule(project, RULE.replace('PROFILE = "recommended"', 'PROFILE = "strict"'))
    (project / "journeyspec.yaml").write_text(
        config_text(PLUGINS).replace("extends: strict", "extends: recommended"), encoding="utf-8"
    )
    assert [f[2] for f in _found(project)] == ["stage-no-owner", "stage-no-touchpoints"]


def test_it_is_suppressible_like_a_built_in_rule(project: Path) -> None:
    _with_rule(project)
    journey = (project / "journeys/returns.yaml").read_text(encoding="utf-8")
    journey = journey.replace(
        "title: Returns\n",
        "# journeyspec: disable-next-line journey-title-short -- the team knows it\n"
        "title: Returns\n",
    )
    (project / "journeys/returns.yaml").write_text(journey, encoding="utf-8")
    assert [f[:3] for f in _found(project)] == [
        (8, 5, "stage-no-owner"),
        (8, 5, "stage-no-touchpoints"),
    ]


def test_rules_and_explain_list_it(project: Path, run: Run) -> None:
    _with_rule(project)
    listing = run("rules", cwd=project)
    assert listing.exit_code == 0
    line = next(x for x in listing.stdout.splitlines() if x.startswith("journey-title-short"))
    assert line.split()[1:4] == ["warning", "recommended", "The"]
    explained = run("explain", "journey-title-short", cwd=project)
    assert explained.exit_code == 0
    assert "custom rule from rules/title_short.py" in explained.stdout
    assert "min_length (default 10): The fewest characters a title may have." in explained.stdout
    assert "**Why.** Our portfolio has forty maps" in explained.stdout


def test_no_plugins_leaves_the_code_unrun_and_its_settings_unread(project: Path, run: Run) -> None:
    _with_rule(project, RULE + "\nraise SystemExit('must not run')\n")
    config = config_text("    journey-title-short: {min_length: 5}\n" + PLUGINS)
    (project / "journeyspec.yaml").write_text(config, encoding="utf-8")
    result = run("lint", "--no-plugins", cwd=project)
    assert result.exit_code == 1
    assert "journey-title-short" not in result.stdout
    assert "stage-no-owner" in result.stdout
    by_env = run("lint", cwd=project, env={"JOURNEYSPEC_NO_PLUGINS": "1"})
    assert (by_env.exit_code, by_env.stdout) == (1, result.stdout)


BROKEN = {
    "import error": (
        "import json\nimport no_such_module_here\n",
        "rules/broken.py:2: custom rule module cannot be loaded: "
        "ModuleNotFoundError: No module named 'no_such_module_here'",
    ),
    "syntax error": (
        '"""Doc."""\nID = "x-y"\ndef check(:\n',
        "rules/broken.py:3: custom rule module cannot be loaded: SyntaxError",
    ),
    "no id": (
        RULE.replace('ID = "journey-title-short"\n', ""),
        'rules/broken.py: a custom rule needs `ID = "my-rule-id"` (kebab-case)',
    ),
    "built-in id": (
        RULE.replace('"journey-title-short"', '"stage-no-owner"'),
        "rules/broken.py: rule ID `stage-no-owner` is a built-in rule's; choose another",
    ),
    "engine id": (
        RULE.replace('"journey-title-short"', '"unused-suppression"'),
        "rules/broken.py: rule ID `unused-suppression` is a built-in rule's; choose another",
    ),
    "no docstring": (
        RULE[RULE.index('"""\n\nfrom') + 4 :],
        "rules/broken.py: a custom rule needs a docstring",
    ),
    "bad severity": (
        RULE.replace("Severity.WARNING", '"loud"'),
        "rules/broken.py: SEVERITY 'loud' is not error, warning or info",
    ),
    "exception in check": (
        RULE.replace("    if len(journey.title)", "    1 / 0\n    if len(journey.title)"),
        "rules/broken.py:19: custom rule `journey-title-short` failed on "
        "journeys/first-purchase.yaml: ZeroDivisionError: division by zero",
    ),
    "not a hit": (
        RULE.replace("yield Hit(", 'yield "/title"  # Hit('),
        "rules/broken.py: custom rule `journey-title-short` yielded str on "
        "journeys/returns.yaml; yield journeyspec.rules.base.Hit(pointer, message)",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_rule_is_exit_2_with_its_name_and_file(project: Path, run: Run, case: str) -> None:
    source, message = BROKEN[case]
    _with_rule(project, source, "broken.py")
    for command in (("lint",), ("rules",)):
        result = run(*command, cwd=project)
        output = result.stdout + result.stderr
        if command == ("rules",) and ("failed on" in message or "yielded" in message):
            assert result.exit_code == 0  # loading it is fine; only a lint runs its check
            continue
        assert result.exit_code == 2, output
        assert message in output
        assert "Traceback" not in output


def test_two_custom_rules_with_one_id_are_refused(project: Path, run: Run) -> None:
    _with_rule(project)
    write_files(project, {"rules/title_again.py": RULE})
    result = run("lint", cwd=project)
    assert result.exit_code == 2
    assert (
        "rules/title_short.py: rule ID `journey-title-short` is taken by rules/title_again.py"
        in result.stdout + result.stderr
    )


def test_a_plugin_folder_outside_the_project_is_refused(project: Path, run: Run) -> None:
    config = config_text("  plugins: [../elsewhere]\n")
    (project / "journeyspec.yaml").write_text(config, encoding="utf-8")
    result = run("lint", cwd=project)
    assert result.exit_code == 2
    assert "lint.plugins `../elsewhere`" in result.stdout + result.stderr
    assert "lies outside the project" in result.stdout + result.stderr


def test_a_rule_from_an_installed_package_entry_point(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real distribution on sys.path: its dist-info names the rule module in the
    ``journeyspec.rules`` entry point group, as an installed wheel's does."""
    site = tmp_path / "site-packages"
    write_files(
        site,
        {
            "acme_rules/__init__.py": "",
            "acme_rules/title_short.py": RULE,
            "acme_rules-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: acme-rules\n"
            "Version: 1.0\n",
            "acme_rules-1.0.dist-info/entry_points.txt": textwrap.dedent(
                """\
                [journeyspec.rules]
                journey-title-short = acme_rules.title_short
                """
            ),
        },
    )
    monkeypatch.syspath_prepend(str(site))
    assert _found(project) == [SHORT_TITLE, *_card(project)]


def test_the_site_documents_it_in_the_rule_reference(project: Path) -> None:
    from journeyspec.site.build import build_site

    _with_rule(project)
    site = build_site(load_config(project), strict=False).site_dir
    page = (site / "rules/journey-title-short/index.html").read_text(encoding="utf-8")
    assert (
        "The journey&#39;s title is too short" in page or "The journey's title is too short" in page
    )
    assert "Our portfolio has forty maps" in page
    assert "min_length" in page
    index = (site / "rules/index.html").read_text(encoding="utf-8")
    assert 'href="journey-title-short/"' in index


def test_a_rule_file_linking_out_of_the_project_is_not_run(
    project: Path, run: Run, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "evil.py"
    outside.write_text("raise SystemExit('ran code from outside')\n", encoding="utf-8")
    _with_rule(project)
    (project / "rules/evil.py").symlink_to(outside)
    result = run("lint", cwd=project)
    assert result.exit_code == 2
    assert "rules/evil.py: links to a place outside the project; it was not run" in (result.stderr)
    assert "ran code from outside" not in result.stdout + result.stderr


def test_diff_judges_both_sides_with_the_working_trees_rules(project: Path, run: Run) -> None:
    """The old revision is read from git without its rule files; the working tree's rules
    judge it, so a custom finding present on both sides is neither new nor fixed."""
    from tests.workflow.repo import commit

    _with_rule(project)
    commit(project, {}, "rules")
    journey = project / "journeys/returns.yaml"
    journey.write_text(journey.read_text().replace("name: Request\n", "name: Asks\n"))
    result = run("diff", "HEAD", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "1 journey changed; lint: 0 new findings, 0 fixed" in result.stdout
    assert 'renamed stage request: "Request" → "Asks"' in result.stdout
