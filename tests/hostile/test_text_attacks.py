"""Text that tries to take over what shows it: Markdown comments, terminals, pages, and the
inputs that made checks cubic or made ``diff`` read a whole repository.

- A file name holding a line break, ``<!--`` and backticks, and titles holding them, go
  through ``diff --format markdown`` and ``lint --format markdown``; the result is parsed
  as CommonMark with GitHub's tables and must keep the rest of the comment visible.
- Raw Unicode bidi controls (Trojan Source) are findings at their exact line and column;
  terminal, CI and site output show them as ``<U+202E>`` markers, never raw.
- 3,000 personas chained by ``based_on`` (into a cycle, or one long cycle) are checked by
  the real command under the corpus's kernel limits, with exact findings.
- ``diff`` against a revision with a large unrelated ``.yaml`` file never asks git for it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from journeyspec.escaping import md_code, md_message, md_text
from tests.conftest import MINIMAL_FILES, write_files
from tests.hostile.test_corpus import journeyspec
from tests.workflow.repo import commit, git

HOSTILE_NAME = "evil\n<!-- ``` `x` | -->\n# heading.yaml"
RLO, LRI, PDI, RLM = "\u202e", "\u2066", "\u2069", "\u200f"
BIDI_CHARACTERS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _evil_journey(title: str) -> str:
    # A stage without an owner: one lint finding that names the file.
    return (
        "journeyspec: 1\n"
        "id: aaa-evil\n"
        f"title: {json.dumps(title)}\n"
        "persona: budi\n"
        "owner: marketing\n"
        "stages:\n"
        "  - id: only\n"
        "    name: Only\n"
        "    steps:\n"
        "      - id: one\n"
        "        name: One\n"
        "        touchpoints: [search-ad]\n"
        "touchpoints:\n"
        "  - id: search-ad\n"
        "    name: Search ad\n"
        "    channel: web\n"
    )


def _parse(markdown: str) -> list[Token]:
    """Block and inline tokens as GitHub reads a comment (CommonMark and GFM tables)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [part for token in tokens for part in (token, *(token.children or ()))]


def _raw_html(tokens: list[Token]) -> list[str]:
    return [t.content.strip() for t in tokens if t.type in ("html_block", "html_inline")]


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    """A base commit, then one adding a journey under a hostile file name and title, and
    retitling another journey (the part a hidden comment would swallow)."""
    commit(tmp_path, dict(MINIMAL_FILES), "base")
    (tmp_path / "journeys" / HOSTILE_NAME).write_text(
        _evil_journey("Evil\n<!-- hide ``` the rest"), encoding="utf-8"
    )
    first = tmp_path / "journeys/first-purchase.yaml"
    first.write_text(
        first.read_text(encoding="utf-8").replace("title: First purchase", "title: Still here"),
        encoding="utf-8",
    )
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "x")
    return tmp_path


def test_a_hostile_file_name_cannot_hide_the_rest_of_the_diff_comment(hostile_repo: Path) -> None:
    code, output = journeyspec("diff", "HEAD~1", "HEAD", "--format", "markdown", cwd=hostile_repo)

    assert code == 0, output
    tokens = _parse(output)
    # The only raw HTML is journeyspec's own: the marker, <sub>, <br>, the Mermaid fold.
    assert _raw_html(tokens) == [
        "<!-- journeyspec-diff -->",
        "<sub>",
        "</sub>",
        "<details><summary>Journey map (head)</summary>",
        "</details>",
        "<sub>",
        "</sub>",
        "<details><summary>Journey map (head)</summary>",
        "</details>",
    ]
    headings = [t.content for t in tokens if t.type == "inline" and "·" in t.content]
    assert headings == [
        "🆕 Evil &lt;\\!-- hide \\`\\`\\` the rest · `aaa-evil` (added)",
        "✏️ Still here · `first-purchase` (changed)",
    ]
    codes = [t.content for t in tokens if t.type == "code_inline"]
    shown = "journeys/evil<U+000A><!-- ``` `x` | --><U+000A># heading.yaml:7:5"
    assert shown in codes  # the finding's place, whole, as one code span
    assert "retitled journey `first-purchase`: “First purchase” → “Still here”" in output


def test_the_text_diff_shows_line_breaks_in_names_as_markers(hostile_repo: Path) -> None:
    code, output = journeyspec("diff", "HEAD~1", "HEAD", cwd=hostile_repo)

    assert code == 0, output
    assert "aaa-evil (journeys/evil<U+000A><!-- ``` `x` | --><U+000A># heading.yaml): added" in (
        output
    )
    assert not any(line.startswith(("<!--", "# heading")) for line in output.splitlines())


def test_a_hostile_file_name_keeps_the_lint_table_whole(tmp_path: Path) -> None:
    root = write_files(tmp_path, MINIMAL_FILES)
    (root / "journeys" / HOSTILE_NAME).write_text(_evil_journey("Evil"), encoding="utf-8")

    code, output = journeyspec("lint", "--format", "markdown", cwd=root)

    assert code == 1, output
    tokens = _parse(output)
    assert set(_raw_html(tokens)) == {"<br>"}  # between each message and its hint
    rows, cells = [], 0
    for token in tokens:
        if token.type == "tr_close":
            rows.append(cells)
            cells = 0
        cells += token.type in ("td_open", "th_open")
    listed = json.loads(journeyspec("lint", "--format", "json", cwd=root)[1])["findings"]
    assert len(listed) > 10
    assert rows == [4] * (1 + len(listed))  # the header, then one row for each finding
    codes = [t.content for t in tokens if t.type == "code_inline"]
    assert "journeys/evil<U+000A><!-- ``` `x` | --><U+000A># heading.yaml:7:5" in codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a`b", "``a`b``"),
        ("``` x", "```` ``` x ````"),
        ("`", "`` ` ``"),
        (" padded ", "`  padded  `"),
        ("a\n<!--\r\nb", "`a<U+000A><!--<U+000D><U+000A>b`"),
        (f"id{RLO}x", "`id<U+202E>x`"),
        ("", ""),
    ],
)
def test_code_spans_outlast_every_backtick_run_and_hold_no_line_break(
    text: str, expected: str
) -> None:
    assert md_code(text) == expected
    if text:
        (code,) = [t for t in _parse(f"x {expected} y") if t.type == "code_inline"]
        assert "\n" not in code.content


def test_running_text_escapes_markdown_html_tables_and_maths() -> None:
    assert md_text("<!-- a --> | ~~b~~ $c$ ![i](http://x) <b>\n# h") == (
        "&lt;\\!-- a --&gt; &#124; &#126;&#126;b&#126;&#126; &#36;c&#36; \\!\\[i\\]\\(http://x\\)"
        " &lt;b&gt; \\# h"
    )
    tokens = _parse(md_text("<!-- a --> *b* [c](d) <img src=x>"))
    assert _raw_html(tokens) == []
    assert [t.type for t in tokens if t.type not in ("paragraph_open", "paragraph_close")] == [
        "inline",
        "text",
    ]


def test_messages_keep_their_code_spans_and_escape_the_rest() -> None:
    assert md_message("unknown team `a|b`: see <this> *now*") == (
        "unknown team `a|b`: see &lt;this&gt; \\*now\\*"
    )
    assert md_message("odd ` backtick <b>") == "odd \\` backtick &lt;b&gt;"
    assert md_message("two\nlines") == "two<br>lines"


BIDI_JOURNEY = (
    "journeyspec: 1\n"
    "id: first-purchase\n"
    f"title: First {RLO}purchase\n"  # line 3, column 14
    "persona: budi\n"
    f"owner: marketing # {LRI}owner: sales{PDI}\n"  # a comment: line 5, columns 20 and 33
    "stages:\n"
    "  - id: awareness\n"
    "    name: Awareness\n"
    "    owner: marketing\n"
    "    steps:\n"
    "      - id: searches\n"
    f"        {RLM}name: Searches\n"  # a key: line 12, column 9
    "        touchpoints: [search-ad]\n"
    "touchpoints:\n"
    "  - id: search-ad\n"
    "    name: Search ad\n"
    "    channel: web\n"
)


def _bidi_project(root: Path) -> Path:
    files = dict(MINIMAL_FILES)
    files["personas/budi.yaml"] = files["personas/budi.yaml"].replace("Budi", f"Bu{RLO}di", 1)
    write_files(root, files)
    (root / "journeys/first-purchase.yaml").write_text(BIDI_JOURNEY, encoding="utf-8")
    return root


def test_raw_bidi_controls_are_findings_at_their_exact_place(tmp_path: Path) -> None:
    root = _bidi_project(tmp_path)

    code, output = journeyspec("lint", "--format", "json", cwd=root)

    assert code == 1, output
    found = [
        (f["path"], f["line"], f["column"], f["rule"], f["message"])
        for f in json.loads(output)["findings"]
    ]
    message = (
        "bidirectional control character {} can make this line read differently from what it holds"
    )
    assert found == [
        ("journeys/first-purchase.yaml", 3, 14, "syntax",
         message.format("U+202E (RIGHT-TO-LEFT OVERRIDE)")),
        ("journeys/first-purchase.yaml", 5, 20, "syntax",
         message.format("U+2066 (LEFT-TO-RIGHT ISOLATE)")),
        ("journeys/first-purchase.yaml", 5, 33, "syntax",
         message.format("U+2069 (POP DIRECTIONAL ISOLATE)")),
        ("journeys/first-purchase.yaml", 12, 9, "syntax",
         message.format("U+200F (RIGHT-TO-LEFT MARK)")),
        ("personas/budi.yaml", 3, 9, "syntax", message.format("U+202E (RIGHT-TO-LEFT OVERRIDE)")),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "args", [["lint"], ["lint", "--format", "github"], ["validate"], ["build"]], ids=" ".join
)
def test_terminal_and_ci_output_show_bidi_controls_as_markers(
    tmp_path: Path, args: list[str]
) -> None:
    root = _bidi_project(tmp_path)

    code, output = journeyspec(*args, cwd=root, timeout=120)

    assert code == 1, output
    assert not any(c in output for c in BIDI_CHARACTERS)
    assert "bidirectional control character U+202E" in output
    if args in (["lint"], ["validate"]):
        # The excerpt shows the line with the control as a marker; the caret stays under it.
        assert "    3 | title: First <U+202E>purchase\n      |              ^\n" in output
        assert "   12 |         <U+200F>name: Searches\n      |         ^\n" in output


@pytest.mark.parametrize(
    "args",
    [["validate"], ["lint", "--format", "github"], ["build"], ["diff", "HEAD"]],
    ids=" ".join,
)
def test_escaped_bidi_controls_are_allowed_and_still_shown_as_markers(
    tmp_path: Path, args: list[str]
) -> None:
    # An escape is visible to a reviewer, so it is the way to write a control on purpose;
    # the value it makes is still never printed raw.
    commit(tmp_path, dict(MINIMAL_FILES), "base")
    journey = tmp_path / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    if args[0] != "diff":  # an unknown channel: a finding that quotes the value
        text = text.replace("channel: web", 'channel: "w\\u202Eeb"')
    journey.write_text(text.replace("name: Search ad", 'name: "Search \\u2066ad"'), "utf-8")

    code, output = journeyspec(*args, cwd=tmp_path, timeout=120)

    assert code == (0 if args[0] == "diff" else 1), output
    assert not any(c in output for c in BIDI_CHARACTERS)
    if args[0] == "diff":
        assert 'renamed touchpoint search-ad: "Search ad" → "Search <U+2066>ad"' in output
    else:
        assert "unknown channel `w<U+202E>eb`" in output


def test_the_site_shows_bidi_controls_as_markers_never_raw(tmp_path: Path) -> None:
    root = write_files(tmp_path, MINIMAL_FILES)
    escaped = {"RLO": "\\u202E", "PDI": "\\u2069", "RLM": "\\u200F"}
    journey = root / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    text = text.replace("title: First purchase", f'title: "Pay {escaped["RLO"]}now"')
    text = text.replace(
        "name: Searches for software", f'name: "Searches {escaped["PDI"]}{escaped["RLM"]}"'
    )
    journey.write_text(text, encoding="utf-8")
    persona = root / "personas/budi.yaml"
    persona.write_text(
        persona.read_text(encoding="utf-8").replace("name: Budi", f'name: "Bu{escaped["RLO"]}di"'),
        encoding="utf-8",
    )

    code, output = journeyspec("build", cwd=root, timeout=120)

    assert code == 0, output
    site = root / "site"
    raw = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.suffix in (".html", ".svg", ".json", ".xml", ".md")
        and any(c in path.read_text(encoding="utf-8") for c in BIDI_CHARACTERS)
    ]
    assert raw == []
    page = (site / "journeys/first-purchase/index.html").read_text(encoding="utf-8")
    assert "Pay &lt;U+202E&gt;now" in page
    assert "Searches &lt;U+2069&gt;&lt;U+200F&gt;" in page
    assert "Bu&lt;U+202E&gt;di" in page
    svgs = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.svg"))
    assert "&lt;U+202E&gt;" in svgs or "&lt;U+2069&gt;" in svgs


def _personas(root: Path, links: dict[int, int | None], count: int) -> None:
    folder = root / "personas"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        based_on = f"based_on: p{links[i]}\n" if links.get(i) is not None else ""
        (folder / f"p{i:04d}.yaml").write_text(
            f"journeyspec: 1\nid: p{i}\nname: Persona {i}\n{based_on}", encoding="utf-8"
        )


def _findings(output: str) -> dict[str, tuple[int, int, str]]:
    return {
        f["path"]: (f["line"], f["column"], f["message"]) for f in json.loads(output)["findings"]
    }


CHAIN = 3_000


def test_three_thousand_chained_personas_leading_into_a_cycle(tmp_path: Path) -> None:
    # p0 -> p1 -> ... -> p2999 -> p2997: three personas in a cycle, the rest lead into it.
    root = write_files(tmp_path, {"journeyspec.yaml": "journeyspec: 1\n"})
    _personas(root, {i: i + 1 for i in range(CHAIN - 1)} | {CHAIN - 1: CHAIN - 3}, CHAIN)

    code, output = journeyspec("lint", "--format", "json", cwd=root)

    assert code == 1, output[-2000:]
    found = _findings(output)
    assert len(found) == CHAIN
    assert found["personas/p0000.yaml"] == (
        4,
        11,
        "based on `p1`, which leads into a cycle of personas at `p2997`",
    )
    assert found["personas/p2998.yaml"] == (
        4, 11, "personas are based on each other in a cycle: `p2998` -> `p2999` -> `p2997` -> `p2998`"
    )  # fmt: skip


def test_a_cycle_of_three_thousand_personas_is_named_briefly(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"journeyspec.yaml": "journeyspec: 1\n"})
    links: dict[int, int | None] = {i: (i + 1) % CHAIN for i in range(CHAIN)}
    _personas(root, links | {CHAIN: None}, CHAIN + 1)

    code, output = journeyspec("lint", "--format", "json", cwd=root)

    assert code == 1, output[-2000:]
    found = _findings(output)
    assert len(found) == CHAIN and "personas/p3000.yaml" not in found
    assert found["personas/p1234.yaml"][2] == (
        "personas are based on each other in a cycle: `p1234` -> `p1235` -> `p1236` -> "
        "`p1237` -> `p1238` -> … -> `p1234` (3,000 personas)"
    )


def test_a_long_chain_without_a_cycle_is_valid(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"journeyspec.yaml": "journeyspec: 1\n"})
    _personas(root, {i: i + 1 for i in range(CHAIN - 1)}, CHAIN)

    code, output = journeyspec("validate", cwd=root)

    assert code == 0, output[-2000:]


@pytest.fixture
def logged_git(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose ``git`` records every object ``git cat-file`` is asked for."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "cat-file.log"
    wrapper = folder / "git"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = cat-file ]; then tee -a "{log}" | exec "{real}" "$@"; fi\n'
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}, log


def test_diff_reads_only_the_project_files_of_a_revision(
    tmp_path: Path, logged_git: tuple[dict[str, str], Path]
) -> None:
    env, log = logged_git
    repo = tmp_path / "repo"
    repo.mkdir()
    files = {**MINIMAL_FILES, "journeyspec.yaml": "journeyspec: 1\npaths: {journeys: maps}\n"}
    files["maps/first-purchase.yaml"] = files.pop("journeys/first-purchase.yaml")
    commit(repo, files, "base")
    # 10 MB of YAML beside the project's folders, and files in folders it does not use.
    (repo / "data").mkdir()
    with (repo / "data/dump.yaml").open("w", encoding="utf-8") as dump:
        dump.writelines(f"row{i}: {'x' * 60}\n" for i in range(150_000))
    write_files(repo, {"journeys/stray.yaml": "a: 1\n", "personas.yml": "b: 2\n"})
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "dump")
    unread = {git(repo, "rev-parse", f"HEAD:{p}").strip()
              for p in ("data/dump.yaml", "journeys/stray.yaml", "personas.yml")}  # fmt: skip
    read = {git(repo, "rev-parse", f"HEAD:{p}").strip()
            for p in ("journeyspec.yaml", "maps/first-purchase.yaml", "personas/budi.yaml",
                      "registry/teams.yaml", "registry/channels.yaml")}  # fmt: skip

    done = subprocess.run(
        [sys.executable, "-m", "journeyspec", "diff", "HEAD", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "NO_COLOR": "1"},
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["journeys_changed"] == 0
    requested = set(log.read_text(encoding="utf-8").split())
    assert requested == read
    assert not requested & unread


def test_a_project_file_too_large_to_read_is_streamed_and_refused(tmp_path: Path) -> None:
    files = dict(MINIMAL_FILES)
    commit(tmp_path, files, "base")
    with (tmp_path / "journeys/huge.yaml").open("w", encoding="utf-8") as huge:
        huge.writelines(f"# {'y' * 70}\n" for _ in range(100_000))  # 7.3 MB
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "huge")
    (tmp_path / "journeys/huge.yaml").unlink()

    code, output = journeyspec("diff", "HEAD", "--format", "json", cwd=tmp_path)

    assert code == 0, output
    fixed = json.loads(output)["other_findings"]["fixed"]
    assert [(f["path"], f["message"]) for f in fixed] == [
        ("journeys/huge.yaml", "file is 7.0 MB; journeyspec reads files up to 5 MB")
    ]


def _tree(repo: Path, lines: list[str]) -> str:
    done = subprocess.run(
        ["git", "mktree"], cwd=repo, input="\n".join(lines) + "\n", capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def test_a_crafted_tree_with_dot_dot_entries_writes_nothing_outside(tmp_path: Path) -> None:
    # git refuses to check out a tree entry named "..", but ls-tree lists it: a revision
    # whose journeys/ holds ../../…/outside/escaped.yaml must not be written there.
    repo = tmp_path / "repo"
    repo.mkdir()
    commit(repo, dict(MINIMAL_FILES), "base")
    outside = tmp_path / "outside"
    outside.mkdir()
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"], cwd=repo, input=_evil_journey("Escaped"),
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    tree = _tree(repo, [f"100644 blob {blob}\tescaped.yaml"])
    for part in reversed(outside.parts[1:]):
        tree = _tree(repo, [f"040000 tree {tree}\t{part}"])
    for _ in range(40):  # more levels up than any temporary folder is deep
        tree = _tree(repo, [f"040000 tree {tree}\t.."])
    journeys = [*git(repo, "ls-tree", "HEAD:journeys").splitlines(), f"040000 tree {tree}\t.."]
    top = [
        line
        if not line.endswith("\tjourneys")
        else f"040000 tree {_tree(repo, journeys)}\tjourneys"
        for line in git(repo, "ls-tree", "HEAD").splitlines()
    ]
    crafted = git(repo, "commit-tree", _tree(repo, top), "-p", "HEAD", "-m", "crafted").strip()

    code, output = journeyspec("diff", crafted, "--format", "json", cwd=repo)

    assert code == 0, output
    assert list(outside.iterdir()) == []
    assert json.loads(output)["journeys"] == []


NOT_UTF8 = b"journeys/caf\xe9.yaml"  # Latin-1: not a UTF-8 name


@pytest.mark.parametrize(
    "args", [["lint"], ["lint", "--format", "markdown"], ["diff", "HEAD~1", "HEAD"]],
    ids=" ".join,
)  # fmt: skip
def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(
    tmp_path: Path, args: list[str]
) -> None:
    commit(tmp_path, dict(MINIMAL_FILES), "base")
    Path(os.fsdecode(tmp_path) + "/" + os.fsdecode(NOT_UTF8)).write_text(
        _evil_journey("Café"), encoding="utf-8"
    )
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "x")

    code, output = journeyspec(*args, cwd=tmp_path)

    assert "internal error" not in output
    assert code == (0 if args[0] == "diff" else 1), output
    assert "journeys/caf<0xE9>.yaml" in output
    assert "\ufffd" not in output  # no raw byte reached the output
