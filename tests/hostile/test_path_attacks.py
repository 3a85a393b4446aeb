"""Paths a user or a pull request names, as real processes on real files.

Every command that takes a path reads only regular files inside the project (``..``
collapsed before the check), never hangs on a FIFO or grows on ``/dev/zero``, never
replaces a project input and never writes through a link, at any depth. The machine
saying no (a full or read-only disk, a folder or ``/dev/full`` as an output, a port in
use, a 5,000-character revision) is a plain message and exit 2, never "internal error".
Each run is limited like the hostile corpus (``test_corpus.journeyspec``): a hang or an
unbounded read is killed and fails the test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_FILES, write_files
from tests.hostile.test_corpus import journeyspec, tree_digest

F = "journeys/first-purchase.yaml"
SECRET = "password: hunter2\n"
LINK_REFUSED = "is a link; journeyspec never writes through a link"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_files(tmp_path / "project", MINIMAL_FILES)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file beside the project that nothing may read or change."""
    path = tmp_path / "secret.yaml"
    path.write_text(SECRET, encoding="utf-8")
    return path


def unformatted(root: Path) -> bytes:
    """Make the journey one that ``fmt`` rewrites (``title`` before ``journeyspec``)."""
    path = root / F
    text = path.read_text(encoding="utf-8").replace("title: First purchase\n", "")
    path.write_text("title: First purchase\n" + text, encoding="utf-8")
    return path.read_bytes()


def inputs(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".journeyspec-cache" not in p.parts
    }


def to_filesystem_root(root: Path) -> str:
    return "../" * len(root.parts)


# --- 5: named paths with `..` are normalised before the project check ---------------

NAMED_COMMANDS = (("validate",), ("lint",), ("fmt",), ("fmt", "--check"))
# Each way of climbing out, each command: paired so that every one is tried once.
ESCAPES = (
    (("validate",), "journeys/../../secret.yaml"),
    (("lint",), "journeys/../../secret.yaml"),
    (("fmt",), "journeys/../../secret.yaml"),
    (("fmt", "--check"), "journeys/../../secret.yaml"),
    (("validate",), "../secret.yaml"),
    (("lint",), "personas/../journeys/../../secret.yaml"),
    (("fmt",), "journeys/./../registry/../../secret.yaml"),
    (("validate",), "{root}/journeys/../../secret.yaml"),
)


@pytest.mark.parametrize(
    ("command", "raw"), ESCAPES, ids=lambda v: "-".join(v) if isinstance(v, tuple) else v
)
def test_a_named_path_that_climbs_out_is_refused_unread(
    command: tuple[str, ...], raw: str, root: Path, secret: Path
) -> None:
    named = raw.format(root=root)

    code, output = journeyspec(*command, named, cwd=root)

    assert code == 2, output
    assert output == (
        f"journeyspec: {named} is outside this project ({root}); run journeyspec from the "
        "project that holds it, or name its journeyspec.yaml with --config\n"
    )
    assert secret.read_text(encoding="utf-8") == SECRET


@pytest.mark.parametrize(
    ("command", "device"),
    list(zip(NAMED_COMMANDS, ["dev/zero", "dev/urandom", "dev/zero", "dev/stdin"], strict=True)),
    ids=lambda v: "-".join(v) if isinstance(v, tuple) else v,
)
def test_a_named_device_reached_with_dot_dot_is_refused(
    command: tuple[str, ...], device: str, root: Path
) -> None:
    # Before the fix `journeys/../../../../dev/zero` passed the check and was read forever.
    named = "journeys/" + to_filesystem_root(root) + device

    code, output = journeyspec(*command, named, cwd=root)

    assert code == 2, output
    assert f"journeyspec: {named} is outside this project ({root})" in output


@pytest.mark.parametrize("command", [("lint",), ("fmt", "--check")], ids=" ".join)
def test_dot_dot_that_stays_inside_is_the_file_it_names(
    command: tuple[str, ...], root: Path
) -> None:
    assert journeyspec(*command, f"personas/../{F}", cwd=root) == journeyspec(*command, F, cwd=root)


# --- 4: fmt reads through the same gate as validate, and writes through no link -----

REFUSED = {
    "link-to-dev-zero": (
        lambda root, secret: os.symlink("/dev/zero", root / "journeys/zero.yaml"),
        "journeys/zero.yaml",
        "file links to a place outside the project; it was not read",
    ),
    "fifo": (
        lambda root, secret: os.mkfifo(root / "journeys/pipe.yaml"),
        "journeys/pipe.yaml",
        "not a regular file (a device, pipe or socket); it was not read",
    ),
    "link-to-an-outside-file": (
        lambda root, secret: os.symlink(secret, root / "journeys/linked.yaml"),
        "journeys/linked.yaml",
        "file links to a place outside the project; it was not read",
    ),
    "relative-link-out-at-depth-3": (
        lambda root, secret: (
            (root / "journeys/a/b").mkdir(parents=True),
            os.symlink("../../../../secret.yaml", root / "journeys/a/b/linked.yaml"),
        ),
        "journeys/a/b/linked.yaml",
        "file links to a place outside the project; it was not read",
    ),
    "link-to-a-fifo-inside": (
        lambda root, secret: (
            os.mkfifo(root / "pipe.yaml"),
            os.symlink("../pipe.yaml", root / "journeys/piped.yaml"),
        ),
        "journeys/piped.yaml",
        "not a regular file (a device, pipe or socket); it was not read",
    ),
    "dangling-link": (
        lambda root, secret: os.symlink("gone.yaml", root / "journeys/dangling.yaml"),
        "journeys/dangling.yaml",
        "file is a link that leads nowhere (missing or circular); it was not read",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_fmt_skips_a_named_file_validate_refuses_and_changes_nothing_of_it(
    case: str, root: Path, secret: Path
) -> None:
    # The whole-project variants are in the hostile corpus (test_corpus, command fmt).
    make, path, why = REFUSED[case]
    make(root, secret)
    link = os.readlink(root / path) if (root / path).is_symlink() else None
    kind = os.lstat(root / path).st_mode

    code, output = journeyspec("fmt", path, cwd=root)

    assert code == 1, output
    assert f"skipped {path}: {why}\n" in output
    assert secret.read_text(encoding="utf-8") == SECRET
    assert os.lstat(root / path).st_mode == kind  # the link or FIFO is as it was
    if link is not None:
        assert os.readlink(root / path) == link


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_fmt_formats_the_file_a_link_inside_leads_to_and_leaves_the_link(
    depth: int, root: Path
) -> None:
    before = unformatted(root)
    folder = root.joinpath("journeys", *["deep"] * depth)
    folder.mkdir(parents=True, exist_ok=True)
    target = "../" * depth + "first-purchase.yaml"
    os.symlink(target, folder / "alias.yaml")

    code, output = journeyspec("fmt", cwd=root)

    assert code == 0, output
    assert output.count(f"reformatted {F}\n") == 1  # once, under its own name
    assert "alias.yaml" not in output
    assert (folder / "alias.yaml").is_symlink()
    assert os.readlink(folder / "alias.yaml") == target
    assert (root / F).read_bytes() != before
    assert not (root / F).is_symlink()


# --- 7: outputs never replace a project input, never go through a link --------------

PROJECT_INPUTS = (
    F,
    "personas/budi.yaml",
    "registry/teams.yaml",
    "journeyspec.yaml",
    "mkdocs.yml",
    "schemas/journey.schema.json",
    "docs/index.md",
    ".github/workflows/journeys.yml",
)


def write_command(kind: str, target: str) -> tuple[list[str], str]:
    """The command line writing to ``target`` and how its refusal names the target."""
    if kind == "export":
        return ["export", "--format", "json", "-o", target, "--force"], target
    if kind == "report":
        return ["lint", "--format", f"json:{target}"], f"--format json:{target}"
    return ["lint", "--write-baseline", target], f"--write-baseline {target}"


WRITERS = ("export", "report", "baseline")


@pytest.mark.parametrize(
    ("target", "kind"),
    [*zip(PROJECT_INPUTS, (WRITERS * 3)[:8], strict=True), (F, "report"), (F, "baseline")],
)
def test_no_output_replaces_a_project_input(target: str, kind: str, root: Path) -> None:
    for extra in PROJECT_INPUTS:
        if not (root / extra).exists():
            (root / extra).parent.mkdir(parents=True, exist_ok=True)
            (root / extra).write_text("authored\n", encoding="utf-8")
    before = inputs(root)
    args, what = write_command(kind, target)

    code, output = journeyspec(*args, cwd=root)

    assert code == 2, output
    assert output == (
        f"journeyspec: {what} would replace a file of the project; write it to a new file instead\n"
    )
    assert inputs(root) == before


LINKS = {
    "file": ("out.json", "victim.txt"),  # the file itself, to an outside file
    "dangling": ("out.json", "missing.txt"),  # followed out, it would create the file
    "folder": ("reports", "elsewhere"),  # a folder on the way
    "folder-depth-2": ("reports/deeper", "elsewhere"),  # a folder two levels down
}


@pytest.mark.parametrize(
    ("link", "kind"),
    [(link, kind) for link in ("file", "dangling") for kind in WRITERS]
    + [("folder", "report"), ("folder-depth-2", "export"), ("folder-depth-2", "baseline")],
)
def test_no_output_is_written_through_a_link(
    link: str, kind: str, root: Path, tmp_path: Path
) -> None:
    name, target = LINKS[link]
    (tmp_path / "victim.txt").write_text("precious\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(tmp_path / target, root / name)
    written = "out.json" if name == "out.json" else f"{name}/out.json"
    outside = tree_digest(tmp_path / "elsewhere"), (tmp_path / "victim.txt").read_bytes()
    args, _ = write_command(kind, written)

    code, output = journeyspec(*args, cwd=root)

    assert code == 2, output
    assert output == (
        f"journeyspec: {name} {LINK_REFUSED} (remove the link, or name a path without one)\n"
    )
    assert (tree_digest(tmp_path / "elsewhere"), (tmp_path / "victim.txt").read_bytes()) == outside
    assert not (tmp_path / "missing.txt").exists()


def test_export_mermaid_to_a_folder_never_writes_through_a_planted_link(
    root: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (root / "diagrams").mkdir()
    os.symlink(victim, root / "diagrams/first-purchase.mmd")

    code, output = journeyspec(
        "export", "--format", "mermaid", "-o", "diagrams", "--force", cwd=root
    )

    assert code == 2, output
    assert f"journeyspec: diagrams/first-purchase.mmd {LINK_REFUSED}" in output
    assert victim.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("kind", WRITERS)
def test_an_output_of_our_own_is_replaced(kind: str, root: Path) -> None:
    args, _ = write_command(kind, "out/result.json")
    assert journeyspec(*args, cwd=root)[0] in (0, 1)
    first = (root / "out/result.json").read_bytes()

    code, output = journeyspec(*args, cwd=root)

    assert code in (0, 1), output
    assert (root / "out/result.json").read_bytes() == first
    assert sorted(p.name for p in (root / "out").iterdir()) == ["result.json"]  # no temp left


@pytest.mark.parametrize("kind", WRITERS)
def test_no_output_is_written_into_git(kind: str, root: Path) -> None:
    (root / ".git/hooks").mkdir(parents=True)
    args, what = write_command(kind, ".git/hooks/pre-commit")

    code, output = journeyspec(*args, cwd=root)

    assert (code, output) == (2, f"journeyspec: {what} lies in .git/; write it elsewhere\n")
    assert list((root / ".git/hooks").iterdir()) == []


@pytest.mark.parametrize(
    "link",
    ["journeys", ".github/workflows", "schemas"],
)
def test_init_never_writes_through_a_link_in_the_project(link: str, tmp_path: Path) -> None:
    target = tmp_path / "new"
    outside = tmp_path / "outside"
    outside.mkdir()
    (target / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, target / link)

    code, output = journeyspec("init", ".", cwd=target)

    assert code == 2, output
    assert f"({link} {LINK_REFUSED})" in output
    assert "replace the links or files named above with folders, then run init again" in output
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("kind", ["journey", "persona"])
@pytest.mark.parametrize("in_the_way", ["link", "file"])
def test_new_never_writes_through_a_link_nor_over_a_file_folder(
    kind: str, in_the_way: str, root: Path, tmp_path: Path
) -> None:
    folder = "journeys" if kind == "journey" else "personas"
    outside = tmp_path / "outside"
    outside.mkdir()
    os.rename(root / folder, tmp_path / "moved")  # `new journey` still finds its persona
    if in_the_way == "link":
        os.symlink(outside, root / folder)
        why = f"{folder} {LINK_REFUSED}"
    else:
        (root / folder).write_text("a file\n", encoding="utf-8")
        why = f"{folder} is a file where a folder is needed"

    code, output = journeyspec("new", kind, "abc", cwd=root)

    assert code == 2, output
    assert f"journeyspec: {folder}/abc.yaml was not written: {why}\n" in output
    assert list(outside.iterdir()) == []


# --- 11: the baseline is read bounded, as a regular file -----------------------------


def deep_json(root: Path) -> str:
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return "deep.json"


def fifo(root: Path) -> str:
    os.mkfifo(root / "baseline.json")
    return "baseline.json"


def huge(root: Path) -> str:
    with (root / "huge.json").open("wb") as stream:  # sparse: no disk used
        stream.truncate(100 * 1024 * 1024)
    return "huge.json"


def link_to_zero(root: Path) -> str:
    os.symlink("/dev/zero", root / "zero.json")
    return "zero.json"


BASELINES = {
    "dev-zero": (lambda root: "/dev/zero", "is not a regular file"),
    "link-to-dev-zero": (link_to_zero, "is not a regular file"),
    "fifo": (fifo, "is not a regular file"),
    "100-mb": (huge, "is 100.0 MB or more; journeyspec reads files up to 64 MB"),
    "nested-100000": (deep_json, "is nested too deeply to be a journeyspec baseline"),
}


@pytest.mark.parametrize("case", sorted(BASELINES))
def test_a_hostile_baseline_is_a_clear_error(case: str, root: Path) -> None:
    make, message = BASELINES[case]
    named = make(root)

    code, output = journeyspec("lint", "--baseline", named, cwd=root)

    assert code == 2, output
    assert output.startswith(f"journeyspec: baseline {named} ")
    assert message in output
    assert len(output.splitlines()) == 1


# --- 12: the machine saying no is a message, not a bug -------------------------------


@pytest.mark.parametrize("kind", WRITERS)
def test_dev_full_as_an_output(kind: str, root: Path) -> None:
    args, _ = write_command(kind, "/dev/full")

    code, output = journeyspec(*args, cwd=root)

    assert code == 2, output
    if kind == "baseline":  # not a baseline, so never replaced
        assert output == (
            "journeyspec: /dev/full exists and is not a journeyspec baseline; "
            "it was left as it was\n"
        )
    else:
        assert output.endswith(
            "journeyspec: /dev/full: No space left on device "
            "(the disk is full: free some space or write somewhere else)\n"
        )


@pytest.mark.parametrize("kind", ["export", "report"])
def test_a_folder_as_an_output(kind: str, root: Path) -> None:
    (root / "out").mkdir()
    args, _ = write_command(kind, "out")

    code, output = journeyspec(*args, cwd=root)

    assert code == 2, output
    assert {
        "export": "journeyspec: out is a folder; name the file to write the json export to "
        "(e.g. out/journeys.json)\n",
        "report": "Usage: journeyspec lint [OPTIONS] [PATHS]...\n"
        "Try 'journeyspec lint --help' for help.\n\n"
        "Error: Invalid value for '--format': out is a folder; name the json report's file, "
        "e.g. json:out/lint.json\n",
    }[kind] == output
    assert list((root / "out").iterdir()) == []


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs of our own (we run as root here; elsewhere the tests skip)."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs needs root: " + done.stderr.decode(errors="replace"))
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def read_only(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)


READ_ONLY_WRITES = {  # the command, and the file its message names (under the project)
    "fmt": (["fmt"], F),
    "export": (["export", "--format", "json", "-o", "out.json"], "out.json"),
    "report": (["lint", "--format", "json:out.json"], "out.json"),
    "baseline": (["lint", "--write-baseline", "out.json"], "out.json"),
    "new": (["new", "persona", "abc"], "personas/abc.yaml"),
    "init": (["init", "sub"], None),
}


@pytest.mark.parametrize("command", sorted(READ_ONLY_WRITES))
def test_a_read_only_disk(command: str, tmpfs: Path) -> None:
    root = write_files(tmpfs / "project", MINIMAL_FILES)
    unformatted(root)
    read_only(tmpfs)
    before = inputs(root)
    args, written = READ_ONLY_WRITES[command]

    code, output = journeyspec(*args, cwd=root)

    assert code == 2, output
    assert output.endswith(
        f"journeyspec: {root / written if written else 'sub'}: Read-only file system "
        "(the file system is read-only: write somewhere else)\n"
    )
    assert "internal error" not in output
    assert inputs(root) == before


@pytest.mark.parametrize("command", ["fmt", "export"])
def test_a_full_disk_leaves_the_old_file(command: str, tmpfs: Path) -> None:
    root = write_files(tmpfs / "project", MINIMAL_FILES)
    unformatted(root)
    (root / "out.json").write_text("{}\n", encoding="utf-8")
    filler = os.open(tmpfs / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(filler, b"x" * 4096):
            pass
    except OSError:
        pass  # the disk is full
    finally:
        os.close(filler)
    before = inputs(root)
    args = (
        ["fmt"] if command == "fmt" else ["export", "--format", "json", "-o", "out.json", "--force"]
    )
    written = F if command == "fmt" else "out.json"

    code, output = journeyspec(*args, cwd=root)

    assert code == 2, output
    assert output.endswith(
        f"journeyspec: {root / written}: No space left on device "
        "(the disk is full: free some space or write somewhere else)\n"
    )
    assert inputs(root) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) in (
        [],
        [".journeyspec-cache"],
    )  # no temporary file left


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1:0", "8000", "localhost:http"])
def test_serve_refuses_an_address_out_of_range(address: str, root: Path) -> None:
    code, output = journeyspec("serve", "--dev-addr", address, cwd=root)

    assert code == 2, output
    assert output == (
        f"journeyspec: --dev-addr {address} is not IP:PORT with a port from 1 to 65535 "
        "(for example 127.0.0.1:8000)\n"
    )


def test_serve_on_a_port_in_use(root: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"

        code, output = journeyspec("serve", "--dev-addr", address, cwd=root)

    assert code == 2, output
    assert output.endswith(
        f"journeyspec: cannot serve on {address}: Address already in use; "
        "choose another address or port with --dev-addr\n"
    )


@pytest.mark.parametrize(
    "command", [("diff",), ("diff", "HEAD"), ("lint", "--changed-since")], ids=" ".join
)
def test_a_5000_character_revision(command: tuple[str, ...], root: Path) -> None:
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    revision = "a" * 5000

    code, output = journeyspec(*command, revision, cwd=root)

    assert code == 2, output
    assert "internal error" not in output
    assert "a" * 79 + "…" in output
    assert max(len(line) for line in output.splitlines()) < 300


@pytest.mark.parametrize("command", ["validate", "lint", "fmt"])
def test_journeys_being_a_file(command: str, root: Path) -> None:
    for path in (root / "journeys").iterdir():
        path.unlink()
    (root / "journeys").rmdir()
    (root / "journeys").write_text("not a folder\n", encoding="utf-8")

    code, output = journeyspec(command, cwd=root)

    assert code == 1, output
    line = "is not a folder, so no file in it was read"
    if command == "fmt":
        assert f"skipped journeys: {line}\n" in output
    else:
        assert f"journeys:0:0: error[project]: {line}" in output


def test_a_baseline_written_is_read_back(root: Path) -> None:
    # The bounded reader still reads an ordinary baseline (and the one we write).
    assert journeyspec("lint", "--write-baseline", "b.json", cwd=root)[0] == 0
    assert json.loads((root / "b.json").read_text())["format"] == "journeyspec-baseline"
    code, output = journeyspec("lint", "--baseline", "b.json", cwd=root)
    assert code == 0, output


@pytest.mark.parametrize("named", ["linked", "linked/deeper", "plain/../linked/x"])
def test_init_never_writes_under_a_link_on_the_way_to_its_folder(
    named: str, tmp_path: Path
) -> None:
    here, outside = tmp_path / "here", tmp_path / "outside"
    here.mkdir()
    outside.mkdir()
    (here / "plain").mkdir()
    os.symlink(outside, here / "linked")

    code, output = journeyspec("init", named, cwd=here)

    assert code == 2, output
    assert output == (
        f"journeyspec: linked {LINK_REFUSED} (remove the link, or name a path without one)\n"
    )
    assert list(outside.iterdir()) == []


def test_diff_of_a_folder_whose_config_links_out_reads_nothing_outside(
    root: Path, tmp_path: Path
) -> None:
    other = write_files(tmp_path / "other", MINIMAL_FILES)
    (tmp_path / "outside.yaml").write_text("journeyspec: 1\nname: hunter2\n", encoding="utf-8")
    (other / "journeyspec.yaml").unlink()
    os.symlink(tmp_path / "outside.yaml", other / "journeyspec.yaml")

    code, output = journeyspec("diff", str(other), cwd=root)

    assert code == 2, output
    assert output == (
        f"journeyspec: {other}/journeyspec.yaml links to a place outside the project; "
        "it was not read\n"
    )


def test_a_fifo_named_as_the_config(root: Path) -> None:
    os.mkfifo(root / "pipe.yaml")

    code, output = journeyspec("validate", "--config", "pipe.yaml", cwd=root)

    assert (code, output) == (2, "journeyspec: config file pipe.yaml is not a regular file\n")
