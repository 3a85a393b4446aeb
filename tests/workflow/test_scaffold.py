"""``journeyspec init`` and ``journeyspec new``: a repository that lints clean and builds, and
new files that validate, without ever replacing a file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from journeyspec.scaffold import TEMPLATES, plan_repository
from tests.conftest import Result, copy_example

Run = Callable[..., Result]
TODAY = {"JOURNEYSPEC_TODAY": "2026-03-01"}

SCAFFOLD = [
    ".github/workflows/journeys.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "docs/editing.md",
    "journeys/first-order.yaml",
    "journeyspec.yaml",
    "mkdocs.yml",
    "personas/sam.yaml",
    "registry/channels.yaml",
    "registry/teams.yaml",
    "schemas/channels.schema.json",
    "schemas/config.schema.json",
    "schemas/journey.schema.json",
    "schemas/persona.schema.json",
    "schemas/research.schema.json",
    "schemas/teams.schema.json",
    "schemas/themes.schema.json",
    "schemas/touchpoints.schema.json",
]


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository made by ``journeyspec init``, then built once."""
    from click.testing import CliRunner

    from journeyspec.cli import cli

    target = tmp_path_factory.mktemp("scaffold") / "journeys-repo"
    result = CliRunner().invoke(cli, ["init", str(target)], env={"NO_COLOR": "1", **TODAY})
    assert result.exit_code == 0, result.output
    return target


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_writes_the_planned_files(scaffold: Path) -> None:
    assert [f.path for f in plan_repository()] == SCAFFOLD
    assert _files(scaffold) == SCAFFOLD
    workflow = (scaffold / ".github/workflows/journeys.yml").read_text()
    assert "journeyspec lint --format github --format sarif:journeyspec.sarif" in workflow
    assert "github/codeql-action/upload-sarif@v4" in workflow
    assert 'journeyspec diff "$BASE" --format markdown --max-bytes 65536' in workflow
    assert "journeyspec build --strict" in workflow and "actions/deploy-pages@v5" in workflow
    mkdocs = (scaffold / "mkdocs.yml").read_text()
    assert "  name: material\n" in mkdocs and "  - search\n  - journeyspec\n" in mkdocs
    assert "      scheme: slate\n" in mkdocs and "name: Switch to dark mode" in mkdocs
    journey = (scaffold / "journeys/first-order.yaml").read_text()
    assert journey.startswith("# yaml-language-server: $schema=../schemas/journey.schema.json\n")
    assert 'last_reviewed: "2026-03-01"' in journey


def test_the_scaffold_lints_clean(scaffold: Path, run: Run) -> None:
    result = run("lint", "--format", "text", cwd=scaffold, env=TODAY)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "✓ 4 files checked, no problems\n"


def test_the_scaffold_is_formatted(scaffold: Path, run: Run) -> None:
    # The workflow and pre-commit hooks a team adds may run `fmt --check`: start clean.
    result = run("fmt", "--check", cwd=scaffold)
    assert (result.exit_code, result.stdout) == (0, ""), result.stdout + result.stderr


def test_the_scaffold_builds(scaffold: Path, run: Run) -> None:
    result = run("build", cwd=scaffold, env=TODAY)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (scaffold / "site" / "index.html").is_file()
    assert (scaffold / "site" / "editing" / "index.html").is_file()
    assert "First order from the online shop" in (scaffold / "site" / "index.html").read_text()
    # One of each: the counts read "1 journey", not "1 journeys".
    assert result.stdout.startswith("Built the site of 1 journey in "), result.stdout
    home = (scaffold / "site" / "index.html").read_text()
    assert "<strong>1</strong> journey</a>" in home and "<strong>1</strong> KPI</a>" in home
    assert "1 high-impact, low-effort opportunity, and" in home


def test_init_into_a_non_empty_folder_changes_no_existing_byte(tmp_path: Path, run: Run) -> None:
    mine = {
        "journeyspec.yaml": b"journeyspec: 1\nname: Mine\n",
        "mkdocs.yml": b"site_name: mine\r\n",
        "journeys/first-order.yaml": b"\xef\xbb\xbfnot even yaml: [\n",
        "notes.txt": b"keep me",
    }
    for relative, content in mine.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(content)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "journey.schema.json").symlink_to(tmp_path / "missing-target")
    result = run("init", str(tmp_path), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    for relative, content in mine.items():
        assert (tmp_path / relative).read_bytes() == content
    assert not (tmp_path / "missing-target").exists()
    skipped = [line for line in result.stdout.splitlines() if line.startswith("skipped")]
    left_out = "(sample data: this folder holds a project already, whose teams, channels and "
    assert skipped == [
        "skipped journeys/first-order.yaml (exists; left unchanged)",
        "skipped journeyspec.yaml (exists; left unchanged)",
        "skipped mkdocs.yml (exists; left unchanged)",
        "skipped schemas/journey.schema.json (exists; left unchanged)",
        f"skipped personas/sam.yaml {left_out}personas the sample would not match)",
        f"skipped registry/channels.yaml {left_out}personas the sample would not match)",
        f"skipped registry/teams.yaml {left_out}personas the sample would not match)",
    ]
    assert result.stdout.splitlines()[-1].startswith("11 created, 7 skipped.")
    again = run("init", str(tmp_path), cwd=tmp_path)
    assert again.stdout.splitlines()[-1].startswith("0 created, 18 skipped.")


@pytest.mark.parametrize("template", TEMPLATES)
def test_new_journey_from_each_template_validates(scaffold: Path, run: Run, template: str) -> None:
    new_id = f"new-{template}"
    result = run("new", "journey", new_id, "--template", template, "--title", "A: new #map",
                 "--owner", "e-commerce", cwd=scaffold, env=TODAY)  # fmt: skip
    try:
        assert result.exit_code == 0, result.stderr
        assert result.stdout == f"created journeys/{new_id}.yaml\n"
        path = scaffold / "journeys" / f"{new_id}.yaml"
        text = path.read_text()
        assert text.startswith("# yaml-language-server: $schema=../schemas/journey.schema.json\n")
        assert 'title: "A: new #map"\n' in text
        checked = run("validate", f"journeys/{new_id}.yaml", cwd=scaffold)
        assert checked.exit_code == 0, checked.stdout
        lint = run("lint", "--format", "text", f"journeys/{new_id}.yaml", cwd=scaffold, env=TODAY)
        assert " error" not in lint.stdout, lint.stdout
    finally:
        (scaffold / "journeys" / f"{new_id}.yaml").unlink(missing_ok=True)


def test_new_persona_and_refusals(scaffold: Path, run: Run) -> None:
    try:
        made = run("new", "persona", "alex", "--title", "Alex Kim", cwd=scaffold)
        assert made.exit_code == 0, made.stderr
        text = (scaffold / "personas" / "alex.yaml").read_text()
        assert text.startswith("# yaml-language-server: $schema=../schemas/persona.schema.json\n")
        assert "name: Alex Kim\n" in text
        assert run("validate", cwd=scaffold).exit_code == 0
        again = run("new", "persona", "alex", cwd=scaffold)
        assert again.exit_code == 2
        assert again.stderr == (
            "journeyspec: personas/alex.yaml already exists; journeyspec new never replaces a file\n"
        )
        assert (scaffold / "personas" / "alex.yaml").read_text() == text
    finally:
        (scaffold / "personas" / "alex.yaml").unlink(missing_ok=True)
    for args, message in [
        (("journey", "first-order"), "journeys/first-order.yaml already exists"),
        (("journey", "Bad_Id"), "'Bad_Id' is not an id"),
        (("journey", "x", "--persona", "nobody"), "no persona 'nobody' (personas: sam)"),
        (
            ("journey", "x", "--owner", "nobody"),
            "no team 'nobody' (teams: customer-care, cx-research,",
        ),
    ]:
        refused = run("new", *args, cwd=scaffold)
        assert refused.exit_code == 2
        assert message in refused.stderr
    assert not (scaffold / "journeys" / "x.yaml").exists()


def test_new_outside_a_repository_with_schemas_uses_the_schema_url(
    minimal_project: Path, run: Run
) -> None:
    made = run("new", "journey", "later", "--template", "saas", cwd=minimal_project)
    assert made.exit_code == 0, made.stderr
    first = (minimal_project / "journeys" / "later.yaml").read_text().splitlines()[0]
    assert first == (
        "# yaml-language-server: $schema=https://journeyspec.dev/schemas/v1/journey.schema.json"
    )
    assert run("validate", cwd=minimal_project).exit_code == 0


def test_new_journey_without_owner_says_what_to_set(scaffold: Path, run: Run) -> None:
    try:
        made = run("new", "journey", "no-owner-yet", cwd=scaffold)
        assert (made.exit_code, made.stdout) == (0, "created journeys/no-owner-yet.yaml\n")
        assert made.stderr == (
            "next: set `owner:` on the journey and each stage (teams: customer-care, cx-research, "
            "e-commerce, marketing), or run again with --owner TEAM\n"
        )
    finally:
        (scaffold / "journeys" / "no-owner-yet.yaml").unlink(missing_ok=True)


def test_a_scaffold_without_docs_still_builds(tmp_path: Path, run: Run) -> None:
    assert run("init", str(tmp_path), cwd=tmp_path).exit_code == 0
    for page in (tmp_path / "docs").iterdir():
        page.unlink()
    (tmp_path / "docs").rmdir()
    built = run("build", cwd=tmp_path, env=TODAY)
    assert built.exit_code == 0, built.stderr
    assert (tmp_path / "site" / "journeys" / "first-order" / "index.html").is_file()
    assert not (tmp_path / "docs").exists()
    # A docs_dir the project names itself must exist: a typo there is an error, named.
    mkdocs = tmp_path / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + "docs_dir: guides\n")
    named = run("build", cwd=tmp_path, env=TODAY)
    assert named.exit_code == 2
    assert "docs_dir" in named.stderr and str(tmp_path / "guides") in named.stderr


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (("--owner", "marketing"), "--owner applies"),
        (("--owner", "marketing", "--persona", "sam"), "--persona and --owner apply"),
    ],
)
def test_new_persona_refuses_journey_options(
    scaffold: Path, run: Run, options: tuple[str, ...], named: str
) -> None:
    refused = run("new", "persona", "alex", *options, cwd=scaffold)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"journeyspec: {named} to journeys only; "
        "`journeyspec new persona ID` takes --title (the persona's name) and --template\n"
    )
    assert not (scaffold / "personas" / "alex.yaml").exists()


def test_a_new_journey_is_not_reviewed_and_its_placeholders_are_reported(
    scaffold: Path, run: Run
) -> None:
    try:
        made = run("new", "journey", "trial", "--template", "saas", "--owner", "e-commerce",
                   cwd=scaffold, env=TODAY)  # fmt: skip
        assert made.exit_code == 0, made.stderr
        text = (scaffold / "journeys" / "trial.yaml").read_text()
        assert "\nlast_reviewed:" not in text
        lint = run("lint", "--format", "json", "journeys/trial.yaml", cwd=scaffold, env=TODAY)
        findings = json.loads(lint.stdout)["findings"]
        placeholders = [
            (f["line"], f["column"]) for f in findings if f["rule"] == "template-placeholder"
        ]
        lines = text.splitlines()
        assert placeholders == [
            (number, line.index('"TODO: ') + 1)
            for number, line in enumerate(lines, 1)
            if '"TODO: ' in line
        ]
        assert len(placeholders) == 6  # the objective and five steps' `does`
        never = [f for f in findings if f["rule"] == "journey-review-overdue"]
        assert [f["message"] for f in never] == [
            "journey has no `last_reviewed` date; review the map and record when"
        ]
    finally:
        (scaffold / "journeys" / "trial.yaml").unlink(missing_ok=True)


@pytest.mark.parametrize(
    "parts",
    [
        ("journeyspec.yaml", "journeys", "personas", "registry"),
        ("journeys", "personas", "registry"),  # a project without a configuration file
        ("personas",),  # a project just started: personas, no journey yet
    ],
)
def test_init_in_an_existing_project_keeps_it_valid(
    tmp_path: Path, run: Run, parts: tuple[str, ...]
) -> None:
    project = copy_example(tmp_path / "project", parts)
    checked = run("validate", cwd=project)
    before = run("lint", "--format", "json", cwd=project, env=TODAY)
    made = run("init", cwd=project)
    assert made.exit_code == 0, made.stderr
    assert not (project / "journeys" / "first-order.yaml").exists()
    assert not (project / "personas" / "sam.yaml").exists()
    assert "skipped journeys/first-order.yaml (sample data: this folder holds a project" in (
        made.stdout
    )
    after = run("lint", "--format", "json", cwd=project, env=TODAY)
    if parts == ("personas",):
        # Personas alone are no project yet (exit 2); init makes one, and every finding
        # of it is about the personas that were there: init wrote nothing that names
        # teams, channels or a persona the project does not have.
        assert checked.exit_code == 2 and "no journeyspec project" in checked.stderr
        paths = {finding["path"] for finding in json.loads(after.stdout)["findings"]}
        assert paths and all(path.startswith("personas/") for path in paths)
        return
    # What was valid stays valid: the same findings, before and after.
    assert run("validate", cwd=project) == checked
    assert checked.exit_code == 0
    assert json.loads(after.stdout)["findings"] == json.loads(before.stdout)["findings"]


@pytest.mark.parametrize("inside", [".", "sub", "sub/deeper"])
def test_init_inside_a_projects_journeys_folder_is_refused(
    tmp_path: Path, run: Run, inside: str
) -> None:
    project = copy_example(tmp_path / "project")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    refused = run("init", inside, cwd=project / "personas")
    assert refused.exit_code == 2
    folder = (project / "personas" / inside).resolve()
    assert refused.stderr == (
        f"journeyspec: {folder} is inside the personas folder of the project in {project}, "
        "which would read the new files as its personas; run init in a folder of its own, "
        "or in that project's root to add what it lacks\n"
    )
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    # A project of its own beside the data folders is fine, and leaves the outer one valid.
    made = run("init", "guides", cwd=project)
    assert made.exit_code == 0, made.stderr
    assert run("validate", cwd=project).exit_code == 0


@pytest.mark.parametrize(
    ("kind", "template", "message"),
    [
        (
            "persona",
            "saas",
            "--template saas is a journey template; persona templates: b2b-buyer, consumer, "
            "employee",
        ),
        (
            "persona",
            "lifecycle-5",  # the journeys' default, but given
            "--template lifecycle-5 is a journey template; persona templates: b2b-buyer, "
            "consumer, employee",
        ),
        (
            "journey",
            "consumer",
            "--template consumer is a persona template; journey templates: lifecycle-5, saas, "
            "support-blueprint, day-in-the-life",
        ),
    ],
)
def test_a_template_of_the_other_kind_is_refused(
    scaffold: Path, run: Run, kind: str, template: str, message: str
) -> None:
    refused = run("new", kind, "alex", "--template", template, cwd=scaffold)
    assert (refused.exit_code, refused.stderr) == (2, f"journeyspec: {message}\n")
    assert not (scaffold / f"{kind}s" / "alex.yaml").exists()


@pytest.mark.parametrize("template", ["b2b-buyer", "consumer", "employee", None])
def test_persona_templates_are_valid_and_their_prompts_are_reported(
    scaffold: Path, run: Run, template: str | None
) -> None:
    chosen = ("--template", template) if template else ()
    try:
        made = run("new", "persona", "dana", "--title", "Dana", *chosen, cwd=scaffold)
        assert made.exit_code == 0, made.stderr
        text = (scaffold / "personas" / "dana.yaml").read_text()
        assert 'role: "TODO: ' in text
        assert run("validate", cwd=scaffold).exit_code == 0
        journey = run("new", "journey", "dana-buys", "--persona", "dana", cwd=scaffold)
        assert journey.exit_code == 0, journey.stderr
        lint = run("lint", "--format", "text", "journeys/dana-buys.yaml", cwd=scaffold, env=TODAY)
        line = next(x for x in lint.stdout.splitlines() if "[persona-placeholder]" in x)
        assert line.startswith("journeys/dana-buys.yaml:11:10: warning[persona-placeholder]: ")
        assert "persona `dana` still holds the template's placeholder text in `role`" in line
        assert line.endswith("(personas/dana.yaml)")
    finally:
        (scaffold / "personas" / "dana.yaml").unlink(missing_ok=True)
        (scaffold / "journeys" / "dana-buys.yaml").unlink(missing_ok=True)
