"""Attacks on the build's output and its ``dot`` processes, as real processes on real files.

- Planted markers and forged manifests: ``site_dir`` aimed at journeys/team-a, schemas/,
  .github/ or a folder git tracks is refused (exit 2), every file byte-identical.
- ``kill -9`` of a real build while ``dot`` runs, at the exchange that publishes the site,
  and just after it: ``site/`` is always there (old or new), no ``dot`` survives, and the
  next build removes what the killed one left (staging folders, MkDocs work folders).
- A small journey whose flow diagram Graphviz would lay out for hours gets an exact
  ``diagram`` finding; a diagram past its time limit gets a text stand-in and a warning
  (an error with ``--strict``), and is not cached.

Timing is made reliable by a ``dot`` on the PATH that sleeps (a hook, as in the tests of
the time limit) and by strace's fault injection at the ``renameat2`` call; nothing here
asserts how long anything took. Waiting for a file has a generous deadline only so that
a broken build fails the test instead of hanging it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import LOOPING_FILES, MINIMAL_FILES, write_files
from tests.hostile.test_corpus import journeyspec, tree_digest

REAL_DOT = shutil.which("dot")
SLEEP = shutil.which("sleep")
DEADLINE = 120.0  # seconds to wait for a build to reach a point, before failing the test
BUILDING = ".site.building-"
WORKDIR = "journeyspec-mkdocs-"
# Lint errors would stop a --strict build before any diagram: these projects lint clean.
CLEAN_LINT = (
    "journeyspec: 1\nname: Test journeys\nlint:\n  extends: minimal\n  rules:\n"
    "    journey-objective-missing: 'off'\n    stage-no-touchpoints: 'off'\n"
)


def env_for(root: Path, **extra: str) -> dict[str, str]:
    """The build's environment: its own temporary folder, so its work folders can be seen."""
    temporary = root.parent / "tmp"
    temporary.mkdir(exist_ok=True)
    return {
        **os.environ,
        "NO_COLOR": "1",
        "JOURNEYSPEC_TODAY": "2026-06-01",
        "TMPDIR": str(temporary),
        **extra,
    }


def build(root: Path, *args: str, **extra: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "journeyspec", "build", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env=env_for(root, **extra),
    )
    return done.returncode, done.stdout + done.stderr


def debris(root: Path) -> list[str]:
    """What builds leave: staging folders beside site/, work folders in the temporary folder."""
    found = [p.name for p in root.iterdir() if p.name.startswith(BUILDING)]
    temporary = root.parent / "tmp"
    if temporary.is_dir():
        found += [p.name for p in temporary.iterdir() if p.name.startswith(WORKDIR)]
    return sorted(found)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"the build never reached: {what}"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie has finished)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def processes_with(token: str) -> list[int]:
    """Every live process whose environment holds ``token``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if token.encode() in environ and alive(int(entry.name)):
                found.append(int(entry.name))
    return found


def rename_journey(root: Path, title: str) -> None:
    """Change what the next build publishes (and what its diagrams look like)."""
    journey = root / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("title: First purchase", f"title: {title}"), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The minimal project with a flow worth drawing: the build runs ``dot``."""
    return write_files(tmp_path / "project", LOOPING_FILES)


@pytest.fixture
def sleepy_dot(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A folder with a ``dot`` that answers ``-V`` but sleeps instead of drawing, and the
    file where it notes its pid (it stays the same process: it execs ``sleep``)."""
    assert REAL_DOT is not None and SLEEP is not None
    folder, pids = tmp_path / "bin", tmp_path / "dot-pids"
    folder.mkdir()
    script = folder / "dot"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!/bin/sh
            if [ "$1" = "-V" ]; then exec {REAL_DOT} "$@"; fi
            echo $$ >> {pids}
            exec {SLEEP} 600
            """
        ),
        encoding="utf-8",
    )
    script.chmod(0o755)
    yield folder, pids
    for line in pids.read_text(encoding="utf-8").split() if pids.exists() else []:
        if alive(int(line)):  # never leave one behind, even when the test failed
            os.kill(int(line), signal.SIGKILL)


def noted_pids(pids: Path) -> list[int]:
    return [int(p) for p in pids.read_text(encoding="utf-8").split()] if pids.exists() else []


# --- item 3: planted markers and forged manifests ------------------------------------


def forged_manifest(folder: Path) -> None:
    """A manifest listing every file of ``folder`` with its right hash, as a PR could commit."""
    files = {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    text = json.dumps({"format": "journeyspec-site/1", "files": files}, indent=0)
    (folder / ".journeyspec-site").write_text(text + "\n", encoding="utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


PLANTS = {
    # name: (site_dir, files planted there, manifest: "marker" | "forged", git?, reason)
    "journeys-team-a": (
        "journeys/team-a",
        {"journeys/team-a/second.yaml": MINIMAL_FILES["journeys/first-purchase.yaml"]},
        "forged",
        False,
        "it is inside the journeys folder",
    ),
    "schemas-marker": (
        "schemas",
        {"schemas/journey.schema.json": '{"type": "object"}\n'},
        "marker",
        False,
        "its .journeyspec-site is not a manifest this version of journeyspec wrote",
    ),
    "github-marker-in-git": (
        ".github",
        {".github/workflows/ci.yml": "on: push\n"},
        "marker",
        True,
        "git tracks 2 file(s) in it, such as .journeyspec-site",
    ),
    "schemas-forged-in-git": (
        "schemas",
        {"schemas/journey.schema.json": '{"type": "object"}\n'},
        "forged",
        True,
        "git tracks 2 file(s) in it, such as .journeyspec-site",
    ),
    "pages-forged-in-git": (
        "public",
        {"public/guide/intro.html": "<p>Intro</p>\n", "public/index.html": "<p>Home</p>\n"},
        "forged",
        True,
        "git tracks 3 file(s) in it, such as .journeyspec-site",
    ),
}


@pytest.mark.parametrize("name", sorted(PLANTS))
def test_a_planted_marker_or_manifest_never_makes_build_replace_a_folder(
    name: str, tmp_path: Path, project: Path
) -> None:
    site_dir, planted, manifest, in_git, reason = PLANTS[name]
    write_files(project, planted)
    folder = project / site_dir
    if manifest == "forged":
        forged_manifest(folder)
    else:
        (folder / ".journeyspec-site").write_text("planted\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: x\nsite_dir: {site_dir}\nplugins:\n  - journeyspec\n", encoding="utf-8"
    )
    (project / "docs").mkdir(exist_ok=True)
    if in_git:
        git(project, "init", "-q")
        git(project, "add", "-A")
        git(project, "commit", "-q", "-m", "a pull request")
    before = tree_digest(tmp_path)

    code, output = journeyspec("build", cwd=project)

    assert code == 2, output
    assert f"journeyspec: refusing to build into {folder}: {reason}" in output
    assert "Traceback" not in output
    assert tree_digest(tmp_path) == before


def test_a_site_git_tracks_is_refused_even_when_journeyspec_built_it(project: Path) -> None:
    code, output = journeyspec("build", cwd=project, timeout=120)
    assert code == 0, output
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "site committed")
    before = tree_digest(project)

    code, output = journeyspec("build", cwd=project, timeout=120)

    assert code == 2, output
    assert f"refusing to build into {project / 'site'}: git tracks" in output
    assert "build into a folder git ignores" in output
    assert tree_digest(project) == before


# --- item 9: kill -9 at several points -------------------------------------------------


def test_kill_while_dot_runs_keeps_the_site_kills_dot_and_the_next_build_cleans(
    project: Path, sleepy_dot: tuple[Path, Path]
) -> None:
    code, output = build(project)
    assert code == 0, output
    site = snapshot(project / "site")
    rename_journey(project, "Second purchase")  # new diagrams: dot must run
    shims, pids = sleepy_dot
    path = f"{shims}{os.pathsep}{os.environ['PATH']}"
    killed = subprocess.Popen(
        [sys.executable, "-m", "journeyspec", "build"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env_for(project, PATH=path),
    )
    try:
        wait_for(lambda: bool(noted_pids(pids)), "a dot process")
        assert len(debris(project)) == 2  # its staging folder and its MkDocs work folder
    finally:
        killed.kill()
        killed.wait()

    for pid in noted_pids(pids):
        wait_for(lambda pid=pid: not alive(pid), f"dot {pid} dying with the build")
    assert snapshot(project / "site") == site
    assert len(debris(project)) == 2

    code, output = build(project)
    assert code == 0, output
    assert debris(project) == []
    assert "Second purchase" in (project / "site/index.html").read_text(encoding="utf-8")


def test_dot_dies_with_the_build_without_setpriv_too(
    project: Path, sleepy_dot: tuple[Path, Path]
) -> None:
    shims, pids = sleepy_dot
    killed = subprocess.Popen(  # the PATH holds only the sleepy dot: no setpriv, no git
        [sys.executable, "-m", "journeyspec", "build"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env_for(project, PATH=str(shims)),
    )
    try:
        wait_for(lambda: bool(noted_pids(pids)), "a dot process")
    finally:
        killed.kill()
        killed.wait()
    for pid in noted_pids(pids):
        wait_for(lambda pid=pid: not alive(pid), f"dot {pid} dying with the build")


def strace_works() -> bool:
    strace = shutil.which("strace")
    if strace is None:
        return False
    done = subprocess.run([strace, "-o", os.devnull, "true"], capture_output=True, check=False)
    return done.returncode == 0


needs_strace = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not strace_works(),
    reason="needs strace and ptrace to stop the build at its renameat2 call",
)


def traced_build(project: Path, inject: str) -> subprocess.Popen[bytes]:
    """``journeyspec build`` under strace, which acts at the build's renameat2 call."""
    return subprocess.Popen(
        [
            *("strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=renameat2", "-e", inject),
            *(sys.executable, "-m", "journeyspec", "build"),
        ],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env_for(project, JOURNEYSPEC_JOBS="1"),
    )


@needs_strace
def test_kill_at_the_exchange_keeps_the_old_site_and_the_next_build_cleans(
    project: Path,
) -> None:
    code, output = build(project)
    assert code == 0, output
    site = snapshot(project / "site")
    rename_journey(project, "Second purchase")

    traced = traced_build(project, "inject=renameat2:signal=KILL")
    assert traced.wait(timeout=300) != 0

    assert snapshot(project / "site") == site  # killed before the exchange: the old site
    assert len(debris(project)) == 2
    code, output = build(project)
    assert code == 0, output
    assert debris(project) == []
    assert "Second purchase" in (project / "site/index.html").read_text(encoding="utf-8")


@needs_strace
def test_kill_just_after_the_exchange_leaves_the_new_site_and_the_next_build_cleans(
    project: Path,
) -> None:
    code, output = build(project)
    assert code == 0, output
    old_manifest = (project / "site/.journeyspec-site").read_bytes()
    rename_journey(project, "Second purchase")

    # The exchange happens, then the build sits in the call until it is killed.
    traced = traced_build(project, "inject=renameat2:delay_exit=600000000")
    try:
        wait_for(
            lambda: (project / "site/.journeyspec-site").read_bytes() != old_manifest,
            "the exchange",
        )
        children = Path(f"/proc/{traced.pid}/task/{traced.pid}/children").read_text()
        for child in children.split():
            os.kill(int(child), signal.SIGKILL)
    finally:
        traced.kill()
        traced.wait()

    new_site = snapshot(project / "site")
    assert "Second purchase" in (project / "site/index.html").read_text(encoding="utf-8")
    [staging, _] = debris(project)
    assert (project / staging / "site/.journeyspec-site").read_bytes() == old_manifest
    code, output = build(project)
    assert code == 0, output
    assert debris(project) == []
    assert snapshot(project / "site") == new_site


def test_folders_that_only_look_like_debris_are_left_alone(project: Path) -> None:
    """A staging folder with a claim from elsewhere, or a link, is not a killed build's."""
    code, output = build(project)
    assert code == 0, output
    write_files(
        project,
        {
            f"{BUILDING}planted/.journeyspec-claim": "journeyspec build folder 1:2\n",
            f"{BUILDING}planted/site/index.html": "mine\n",
        },
    )
    outside = write_files(project.parent / "outside", {"keep.txt": "keep\n"})
    (project / f"{BUILDING}link").symlink_to(outside, target_is_directory=True)
    before = [tree_digest(project / f"{BUILDING}planted"), tree_digest(outside)]

    code, output = build(project)

    assert code == 0, output
    assert [tree_digest(project / f"{BUILDING}planted"), tree_digest(outside)] == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(BUILDING)) == [
        f"{BUILDING}link",
        f"{BUILDING}planted",
    ]


# --- item 6: bounded drawing ---------------------------------------------------------


def hostile_journey(steps: int = 300, links: int = 20) -> str:
    """A valid journey of ``steps`` steps, each with ``links`` crossing ``next`` links."""
    lines = [
        "journeyspec: 1",
        "id: tangled",
        "title: Tangled",
        "persona: budi",
        "owner: marketing",
        "stages:",
    ]
    for first in range(0, steps, 50):
        lines += [f"  - id: stage-{first}", f"    name: Stage {first}", "    owner: marketing"]
        lines += ["    steps:"]
        for i in range(first, min(first + 50, steps)):
            targets = ", ".join(f"s{(i * 7 + k * 13 + 1) % steps}" for k in range(links))
            lines += [f"      - id: s{i}", f"        name: Step {i}", f"        next: [{targets}]"]
    return "\n".join(lines) + "\n"


def test_a_journey_too_tangled_to_lay_out_gets_an_exact_finding_and_a_text_stand_in(
    project: Path,
) -> None:
    text = hostile_journey()
    assert 45_000 < len(text.encode()) < 100_000
    write_files(project, {"journeyspec.yaml": CLEAN_LINT, "journeys/tangled.yaml": text})
    # 300 steps may have 5,000 // 300 = 16 links: the 17th link of the first step is past.
    line = 13
    column = text.splitlines()[line - 1].index(f"s{16 * 13 + 1}") + 1

    code, output = journeyspec("build", cwd=project, timeout=120)

    assert code == 0, output
    assert text.splitlines()[line - 1].startswith("        next: [s1, ")
    assert (
        f"journeys/tangled.yaml:{line}:{column}: warning[diagram]: the flow diagram is too "
        "large to draw: 6,000 `next` links among 300 steps, and a journey of 300 steps may "
        "have at most 16 (steps × links ≤ 5,000); the page shows its text description "
        "instead (list in `next` only real branches and loop-backs, or split the journey; "
        "a step without `next` leads to the following one)"
    ) in output.splitlines()
    stand_in = (project / "site/journeys/tangled/flow.svg").read_text(encoding="utf-8")
    assert "Not drawn: too many next links for Graphviz to lay out." in stand_in
    assert "<script" not in stand_in
    assert "<g id=" in (project / "site/journeys/tangled/emotion.svg").read_text()  # drawn

    site = tree_digest(project / "site")
    code, output = journeyspec("build", "--strict", cwd=project, timeout=120)
    assert code == 1, output
    assert f"journeys/tangled.yaml:{line}:{column}: error[diagram]:" in output
    assert "no site was built" in output
    assert tree_digest(project / "site") == site
    assert debris(project) == []


@pytest.mark.parametrize("where", ["config", "environment"])
def test_a_diagram_past_its_time_limit_shows_text_warns_and_is_not_cached(
    where: str, project: Path, sleepy_dot: tuple[Path, Path]
) -> None:
    shims, pids = sleepy_dot
    extra = {"PATH": f"{shims}{os.pathsep}{os.environ['PATH']}"}
    if where == "config":
        write_files(project, {"journeyspec.yaml": CLEAN_LINT + "site: {diagram_timeout: 0.5}\n"})
    else:
        write_files(project, {"journeyspec.yaml": CLEAN_LINT})
        extra["JOURNEYSPEC_DIAGRAM_TIMEOUT"] = "0.5"

    code, output = build(project, **extra)

    assert code == 0, output
    warning = (
        "journeys/first-purchase.yaml: warning[diagram]: the {} diagram '{}' was not drawn: "
        "Graphviz took longer than the time limit of 0.5 s; the page shows its text "
        "description instead (raise site.diagram_timeout in journeyspec.yaml or "
        "$JOURNEYSPEC_DIAGRAM_TIMEOUT, or make the journey smaller)"
    )
    assert [line for line in output.splitlines() if "[diagram]" in line] == [
        warning.format("flow", "Flow: First purchase"),  # the curve needs no Graphviz
    ]
    flow = (project / "site/journeys/first-purchase/flow.svg").read_text(encoding="utf-8")
    assert "Not drawn: Graphviz took longer than the time limit of 0.5 s." in flow
    assert len(noted_pids(pids)) == 1
    assert [pid for pid in noted_pids(pids) if alive(pid)] == []  # killed at the limit
    assert list((project / ".journeyspec-cache").rglob("*.svg")) == []

    first = snapshot(project / "site")
    code, output = build(project, "--site-dir", "again", **extra)
    assert code == 0, output
    assert snapshot(project / "again") == first  # the same stand-ins, byte for byte

    code, output = build(project, "--strict", **extra)
    assert code == 1, output
    assert "journeys/first-purchase.yaml: error[diagram]: the flow diagram" in output
    assert snapshot(project / "site") == first


def test_no_real_dot_outlives_a_build_whose_diagrams_all_time_out(project: Path) -> None:
    token = f"JOURNEYSPEC_TEST_{uuid.uuid4().hex}"
    code, output = build(project, JOURNEYSPEC_DIAGRAM_TIMEOUT="0.001", **{token: "1"})
    assert code == 0, output
    assert output.count("warning[diagram]") == 1  # the flow: the curve needs no Graphviz
    assert processes_with(token) == []


@pytest.mark.parametrize("value", ["abc", "0", "-1", "601", "nan"])
def test_a_bad_time_limit_in_the_environment_is_a_usage_error(value: str, project: Path) -> None:
    before = tree_digest(project)
    code, output = build(project, JOURNEYSPEC_DIAGRAM_TIMEOUT=value)
    assert code == 2, output
    assert output == (
        f"journeyspec: JOURNEYSPEC_DIAGRAM_TIMEOUT={value!r} is not a time limit: give "
        "seconds above 0 and at most 600, such as 20\n"
    )
    assert tree_digest(project) == before
