"""The hostile corpus: files that attack the parser, the project and the site, as data.

Each ``Case`` changes a copy of the minimal project (``tests/conftest.py``) and says
what every command must answer: exit codes and, where the input has a position, the
exact ``file:line:col`` and message. Big inputs are generated when the test runs
(``Case.setup``), so no large file is committed.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import MINIMAL_FILES
from tests.hostile.attacks import PAYLOADS, URLS, write_attack_project

JOURNEY = textwrap.dedent(MINIMAL_FILES["journeys/first-purchase.yaml"])
BAD = "journeys/bad.yaml"

Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One attack. ``where`` = (path, line, col, message) that validate and lint must print."""

    name: str
    setup: Setup
    where: tuple[str, int, int, str] | None = None
    unplaced: tuple[str, str] | None = None  # (path, message) of a finding with no position
    codes: dict[str, frozenset[int]] = field(default_factory=dict)

    def expected(self, command: str) -> frozenset[int]:
        return self.codes.get(command, frozenset({1}))


def write(relative: str, content: str | bytes) -> Setup:
    def setup(root: Path) -> None:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    return setup


def journey(replace: str, by: str, *, path: str = BAD, new_id: str = "bad") -> Setup:
    """A copy of the valid journey (with its own id) with one piece of text replaced."""
    text = JOURNEY.replace("id: first-purchase", f"id: {new_id}", 1)
    assert replace in text, replace
    return write(path, text.replace(replace, by, 1))


def both(*setups: Setup) -> Setup:
    def setup(root: Path) -> None:
        for one in setups:
            one(root)

    return setup


def big_file(root: Path) -> None:
    """50 MB of plausible YAML, written in chunks (never committed)."""
    chunk = "  - id: step\n    name: " + "x" * 1000 + "\n"
    with (root / BAD).open("w", encoding="utf-8") as out:
        out.write("journeyspec: 1\nid: big\nstages:\n")
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)


def laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def link(target: str, name: str = "journeys/linked.yaml") -> Setup:
    def setup(root: Path) -> None:
        os.symlink(target, root / name)

    return setup


def outside_link(root: Path) -> None:
    secret = root.parent / f"{root.name}-secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    os.symlink(secret, root / "journeys/linked.yaml")


def outside_folder(root: Path) -> None:
    folder = root.parent / f"{root.name}-elsewhere"
    folder.mkdir(exist_ok=True)
    (folder / "x.yaml").write_text(JOURNEY.replace("first-purchase", "elsewhere"), "utf-8")
    os.symlink(folder, root / "journeys/elsewhere")


def many_broken_references(count: int) -> str:
    """``count`` touchpoints and as many references to touchpoints that do not exist."""
    refs = ", ".join(f"zz{i}" for i in range(count))
    defined = "".join(f"  - {{id: tp{i}, name: T}}\n" for i in range(count))
    head = "journeyspec: 1\nid: bad\ntitle: T\npersona: budi\nstages:\n  - id: s\n    name: S\n"
    return head + f"    touchpoints: [{refs}]\ntouchpoints:\n{defined}"


def fifo(root: Path) -> None:
    os.mkfifo(root / "journeys/pipe.yaml")


def link_to_fifo(root: Path) -> None:
    os.mkfifo(root / "pipe.yaml")
    os.symlink("../pipe.yaml", root / "journeys/piped.yaml")


def deep_link_out(root: Path) -> None:
    secret = root.parent / f"{root.name}-secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (root / "journeys/a/b").mkdir(parents=True)
    os.symlink(f"../../../../{secret.name}", root / "journeys/a/b/linked.yaml")


def journeys_is_a_file(root: Path) -> None:
    for path in (root / "journeys").iterdir():
        path.unlink()
    (root / "journeys").rmdir()
    (root / "journeys").write_text("not a folder\n", encoding="utf-8")


def config_link_out(root: Path) -> None:
    secret = root.parent / f"{root.name}-config.yaml"
    secret.write_text("journeyspec: 1\npassword: hunter2\n", encoding="utf-8")
    (root / "journeyspec.yaml").unlink()
    os.symlink(secret, root / "journeyspec.yaml")


def persona(pid: str, based_on: str) -> Setup:
    return write(
        f"personas/{pid}.yaml", f"journeyspec: 1\nid: {pid}\nname: P\nbased_on: {based_on}\n"
    )


def text_attack(payloads: tuple[str, ...]) -> Setup:
    def setup(root: Path) -> None:
        (root / "journeys/first-purchase.yaml").unlink()  # it names teams the attack replaces
        write_attack_project(root, payloads)

    return setup


VALID = {
    "validate": frozenset({0}),
    "lint": frozenset({0, 1}),
    "build": frozenset({0}),
    "fmt": frozenset({0}),
}
CONFIG = {c: frozenset({2}) for c in ("validate", "lint", "build", "fmt")}
# Found across files or in the model, not by loading or the schema: ``fmt`` judges one file
# at a time by its schema alone, so it formats the file or skips it for another reason.
ACROSS = {"fmt": frozenset({0, 1})}
DEEP = "nesting deeper than 100 levels"
F = "journeys/first-purchase.yaml"

CASES: tuple[Case, ...] = (
    # --- YAML that attacks the parser -------------------------------------------------
    Case("billion-laughs", write(BAD, laughs()), (BAD, 5, 4, "expands to more than 200,000")),
    Case("recursive-alias", write(BAD, "a: &a [x, *a]\n"), (BAD, 1, 4, "alias refers to a value")),
    Case("undefined-alias", write(BAD, "a: *nowhere\n"), (BAD, 1, 4, "found undefined alias")),
    Case(
        "nesting-flow-10000",
        write(BAD, "a: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        (BAD, 1, 104, DEEP),
    ),
    Case(
        "nesting-flow-mappings-10000",
        write(BAD, "a: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"),
        (BAD, 1, 404, DEEP),
    ),
    Case("nesting-block-10000", write(BAD, "- " * 10_000 + "x\n"), (BAD, 1, 203, DEEP)),
    Case(
        "nesting-block-mappings-1500",
        write(BAD, "".join(" " * i + "a:\n" for i in range(1_500))),
        (BAD, 102, 102, DEEP),
    ),
    Case("file-50mb", big_file, (BAD, 1, 1, "file is 50.0 MB; journeyspec reads files up to 5 MB")),
    Case(
        "string-1mb",
        journey("title: First purchase", "title: " + "x" * (1024 * 1024), new_id="big"),
        (BAD, 3, 8, "`title` is 1,048,576 characters long; the limit is 5,000"),
    ),
    Case("binary", write(BAD, bytes(range(256)) * 4), (BAD, 2, 118, "not valid UTF-8 (byte 0x80)")),
    Case(
        "invalid-utf8",
        write(
            BAD,
            JOURNEY.replace("First purchase", "First \udcff buy").encode(
                "utf-8", "surrogateescape"
            ),
        ),
        (BAD, 3, 14, "file is not valid UTF-8 (byte 0xff)"),
    ),
    Case(
        "utf16-bom",
        write(BAD, JOURNEY.replace("first-purchase", "bad").encode("utf-16")),
        (BAD, 1, 1, "file is UTF-16 encoded"),
    ),
    Case(
        "tabs",
        journey("  - id: awareness", "\t- id: awareness"),
        (BAD, 7, 1, "tab character where YAML expects indentation"),
    ),
    Case(
        "duplicate-keys",
        journey("owner: marketing\n", "owner: marketing\nowner: x\n"),
        (BAD, 6, 1, "duplicate key `owner`"),
    ),
    Case(
        "merge-keys",
        journey("  - id: onboarding\n", "  - <<: {owner: marketing}\n    id: onboarding\n"),
        (BAD, 15, 5, "merge keys (<<) are not supported"),
    ),
    Case(
        "python-object-apply",
        journey("title: First purchase", "title: !!python/object/apply:os.system [echo pwned]"),
        (BAD, 3, 8, "tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
    ),
    Case(
        "python-name",
        journey("title: First purchase", "title: !!python/name:os.system"),
        (BAD, 3, 8, "tag tag:yaml.org,2002:python/name:os.system is not allowed"),
    ),
    Case(
        "local-tag",
        journey("title: First purchase", "title: !ruby/object:Gem::Installer x"),
        (BAD, 3, 8, "tag !ruby/object:Gem::Installer is not allowed"),
    ),
    Case(
        "explicit-float-tag",
        journey("title: First purchase", "title: !!float pwned"),
        (BAD, 3, 8, "`pwned` is not a valid float"),
    ),
    Case(
        "multiple-documents",
        write(BAD, JOURNEY.replace("first-purchase", "bad") + "---\nid: second\n"),
        (BAD, 30, 1, "file holds more than one YAML document"),
    ),
    Case("empty-file", write(BAD, ""), (BAD, 1, 1, "file is empty")),
    Case("comments-only", write(BAD, "# nothing here\n"), (BAD, 1, 1, "file holds no data")),
    Case(
        "null-document",
        write(BAD, "~\n"),
        (BAD, 1, 1, "the top level must be a mapping, not empty"),
    ),
    Case(
        "list-root",
        write(BAD, "- a\n- b\n"),
        (BAD, 1, 1, "the top level must be a mapping, not a list"),
    ),
    Case(
        "scalar-root",
        write(BAD, "just text\n"),
        (BAD, 1, 1, "the top level must be a mapping, not text"),
    ),
    Case(
        "huge-integer",
        journey("emotion: {score: -1", "emotion: {score: " + "9" * 5000),
        (BAD, 14, 26, "integer is too large"),
    ),
    Case(
        "huge-hex-integer",
        journey("emotion: {score: -1", "emotion: {score: 0x" + "f" * 100_000),
        (BAD, 14, 26, "integer is too large"),
    ),
    Case(
        "nan",
        journey("emotion: {score: -1", "emotion: {score: .nan"),
        (BAD, 14, 26, "`.nan` is not a finite number"),
    ),
    Case(
        "inf",
        journey("emotion: {score: -1", "emotion: {score: -.inf"),
        (BAD, 14, 26, "`-.inf` is not a finite number"),
    ),
    Case(
        "raw-control-character",
        journey("title: First purchase", "title: First\x07purchase"),
        (BAD, 3, 13, "character U+0007 is not allowed in YAML"),
    ),
    Case(
        "raw-escape-sequence",  # the excerpt under the message must not replay it
        journey("title: First purchase", "title: \x1b[2J\x1b]0;pwned\x07 First purchase"),
        (BAD, 3, 8, "character U+001B is not allowed in YAML"),
    ),
    Case(
        "escaped-control-character",
        journey("title: First purchase", 'title: "\\e[2J\\e[31mred"'),
        (BAD, 3, 8, "text holds the control character U+001B"),
    ),
    Case(
        "long-key",
        journey("title: First purchase", "k" * 2000 + ": 1\ntitle: x"),
        (BAD, 3, 2001, "a key longer than 1024 characters"),
    ),
    # --- files that attack the project ------------------------------------------------
    Case(
        "id-dot-dot",
        journey("id: bad", "id: ../../etc/passwd"),
        (BAD, 2, 5, "`../../etc/passwd` is not a valid id"),
    ),
    Case("id-slash", journey("id: bad", "id: a/b"), (BAD, 2, 5, "`a/b` is not a valid id")),
    Case(
        "id-nul",
        journey("id: bad", 'id: "a\\0b"'),
        (BAD, 2, 5, "text holds the control character U+0000"),
    ),
    Case(
        "id-very-long", journey("id: bad", "id: " + "a" * 100_000), (BAD, 2, 5, "is not a valid id")
    ),
    Case(
        "reference-dot-dot",
        journey("persona: budi", "persona: ../../budi"),
        (BAD, 4, 10, "unknown persona `../../budi`"),
        codes=ACROSS,
    ),
    Case(
        "symlink-out-of-project",
        outside_link,
        unplaced=("journeys/linked.yaml", "file links to a place outside the project"),
    ),
    Case(
        "symlink-to-system-file",
        link("/etc/passwd"),
        unplaced=("journeys/linked.yaml", "file links to a place outside the project"),
    ),
    Case(
        "symlink-folder-out-of-project",
        outside_folder,
        unplaced=("journeys/elsewhere", "folder links to a place outside the project"),
    ),
    Case(
        "symlink-loop",
        both(
            link("loop-b.yaml", "journeys/loop-a.yaml"), link("loop-a.yaml", "journeys/loop-b.yaml")
        ),
        unplaced=("journeys/loop-a.yaml", "file is a link that leads nowhere"),
    ),
    Case("fifo", fifo, unplaced=("journeys/pipe.yaml", "not a regular file")),
    Case(
        "symlink-to-dev-zero",
        link("/dev/zero"),
        unplaced=("journeys/linked.yaml", "file links to a place outside the project"),
    ),
    Case(
        "symlink-to-fifo-in-project",
        link_to_fifo,
        unplaced=("journeys/piped.yaml", "not a regular file"),
    ),
    Case(
        "symlink-relative-out-at-depth-3",
        deep_link_out,
        unplaced=("journeys/a/b/linked.yaml", "file links to a place outside the project"),
    ),
    Case(
        "journeys-is-a-file",
        journeys_is_a_file,
        unplaced=("journeys", "is not a folder, so no file in it was read"),
    ),
    Case(
        "config-symlink-out-of-project",
        config_link_out,
        unplaced=("journeyspec.yaml", "links to a place outside the project; it was not read"),
        codes=CONFIG,
    ),
    Case(
        "review-interval-past-year-9999",  # valid; adding it to the date stopped lint
        journey(
            "owner: marketing\n",
            "owner: marketing\nlast_reviewed: 2026-01-01\nreview_interval: P9999Y\n",
        ),
        codes=VALID,
    ),
    Case(
        "many-broken-references",  # "did you mean" was quadratic: minutes for a 200 KB file
        write(BAD, many_broken_references(5_000)),
        (BAD, 8, 19, "unknown touchpoint `zz0`"),
        codes=ACROSS,
    ),
    Case(
        "same-id-in-two-files",
        write("journeys/copy.yaml", JOURNEY),
        (F, 2, 5, "duplicate journey id `first-purchase`"),
        codes=ACROSS,
    ),
    Case(
        "persona-cycle",
        both(persona("a", "b"), persona("b", "c"), persona("c", "a")),
        (
            "personas/a.yaml",
            4,
            11,
            "personas are based on each other in a cycle: `a` -> `b` -> `c` -> `a`",
        ),
        codes=ACROSS,
    ),
    Case(
        "own-current-state",
        journey("owner: marketing\n", "owner: marketing\nkind: future-state\ncurrent_state: bad\n"),
        (BAD, 7, 16, "a journey cannot be its own current-state map"),
        codes=ACROSS,
    ),
    Case(
        "config-paths-outside",
        write(
            "journeyspec.yaml",
            "journeyspec: 1\npaths:\n  journeys: ../../../..\n  teams: /etc/passwd\n",
        ),
        ("journeyspec.yaml", 3, 13, "`../../../..` lies outside the project"),
        codes=CONFIG,
    ),
    Case(
        "config-deep",
        write("journeyspec.yaml", "journeyspec: 1\nx-a: " + "[" * 50_000 + "]" * 50_000 + "\n"),
        ("journeyspec.yaml", 2, 106, DEEP),
        codes=CONFIG,
    ),
    Case(
        "config-personas-is-the-root",
        write("journeyspec.yaml", "journeyspec: 1\npaths:\n  personas: .\n"),
        codes=VALID,
    ),
    # --- text that attacks the site and the diagrams (valid input: exit 0) -----------
    Case("text-script-and-handlers", text_attack(PAYLOADS[:9]), codes=VALID),
    Case("text-jinja-and-templates", text_attack(PAYLOADS[9:11] + PAYLOADS[32:]), codes=VALID),
    Case("text-dot-injection", text_attack(PAYLOADS[11:15]), codes=VALID),
    Case("text-markdown-and-html", text_attack(PAYLOADS[15:32]), codes=VALID),
    Case("text-urls", text_attack(URLS), codes=VALID),
    Case(
        "text-whitespace-only",  # valid (minLength 1); made Graphviz fail on an empty <B></B>
        journey(
            "        name: Searches for software\n",
            '        name: " "\n        lanes: {backstage: [" "]}\n',
            path=F,
            new_id="first-purchase",
        ),
        codes=VALID,
    ),
)
