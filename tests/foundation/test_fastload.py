"""The fast path of loading gives exactly the careful path's data, or leaves the file to it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from journeyspec import fastload, loader
from journeyspec.sourcemap import SourceMap

ROOT = Path(__file__).resolve().parents[2]

PLAIN = [
    "true",
    "True",
    "TRUE",
    "false",
    "False",
    "FALSE",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "NO",
    "~",
    "null",
    "Null",
    "NULL",
    "nul",
    "0",
    "-0",
    "+0",
    "12",
    "+12",
    "-12",
    "0777",
    "0017",
    "0o17",
    "0O17",
    "0x1F",
    "0b101",
    "1_000",
    "1:20",
    "190:20:30",
    "1.5",
    ".5",
    "+.5",
    "-.5",
    "1.",
    "1.e3",
    "1e3",
    "1E3",
    "1e+3",
    "1e-3",
    "+1e3",
    "-1.5e-3",
    ".inf",
    "-.inf",
    "+.inf",
    ".Inf",
    ".INF",
    ".nan",
    ".NaN",
    ".NAN",
    "inf",
    "nan",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "12e",
    "1e",
    "0.1.2",
    "1.2.3.4",
    "2020-01-01",
    "2020-01-01T10:00:00Z",
    "2001-12-14t21:59:43.10-05:00",
    "=",
    "-",
    "--",
    "0.",
    "00",
    "+-",
    "9223372036854775807",
    "9223372036854775808",
    "999999999999999999",
    "1000000000000000000",
    "123456789012345678901234567890",
    "1.7976931348623157e308",
    "5e17",
    "2e18",
    "0.0000001",
    "a:b",
    "a#b",
    "http://x.y/z?q=1",
    "é",
    "日本",
    "🎉",
    "'quoted'",
    '"dq"',
    "a\\b",
]
SHAPES = [
    "a: |\n  x\n   y\n\n  z\nb: >\n  p\n  q\n\n   r\n  s\n",
    "a: |-\n  x\n\n\nb: |+\n  y\n\n\nc: >-\n  z\n\n",
    "c: plain\n  multi\n\n  line\nd: \"q  \n  w\"\ne: 'it''s\n\n  x'\n",
    "a: >\n\n  lead\n  more\n    indented\n  back\n\n\n",
    "a: |2\n    two\n   x\n",
    "a: trailing   \nb: 'single  '\n",
    "a:\n- 1\n- - 2\n  - 3\n-\n- {b: c, d: [e]}\n",
    "a: {}\nb: []\nc: ''\nd:\ne: ~\n",
    "? a\n: b\n",
    "a: 1 # c\n# x\nb: 'x # y'\n",
    "- a\n- b\n",
    "just text\n",
    "",
    "---\na: 1\n...\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\na: 2\n",
    'a: "\\t tab"\n',
    "a:\tb\n",
    "a: x\n\tb: y\n",
    "{a: 1, b: [2, 3]}\n",
    "a: [1, 2,]\n",
    "a: {b: }\n",
    "a: x\r\nb: y\r\n",
    'a: "esc \\u00e9 \\x41"\n',
    "a: - b\n",
    "a: b: c\n",
    "a: [b: c]\n",
    "a: {b, c}\n",
    "'a': 1\n\"b\": 2\n",
    "a: ! x\n",
    "a: @x\n",
    "a: %x\n",
    "a: x%\n",
    "a: 'x' y\n",
    "a: |\n x\n  \n y\n",
    "a: >\n  folded\n\n\n  paras\n",
    "a: 1\n b: 2\n",
    "a: &x 1\nb: *x\n",
    "a: R&D *bold* wow!\n",
    "a: !!str 1\n",
    "a: [" * 99 + "]" * 99 + "\n",
    "a: [" * 101 + "]" * 101 + "\n",
    "---\na: 1\n",
    "--- \na: 1\n...\n",
    "a: [x, [y, {z: [w]}]]\nb: {c: {d: {}}}\n",
    "[a]: x\n",
    "{a: b}: x\n",
    "? [a]\n: x\n",
    "? - a\n: x\n",
    ": x\n",
    "'': x\n",
    "a: ''\n",
    "a:\n  - b: 1\n    b: 2\n",
    "a: {b: 1, b: 1}\n",
    'a: "x"\nb: \'y\'\nc: "1"\nd: \'true\'\ne: "~"\n',
    "a: x # &not-an-anchor\n",
    "a: 'say \"hi\"'\nb: x\ty\n",
    "a: NaN\nb: Infinity\nc: -Infinity\n",
    "a: 0.\nb: 1.0\nc: 1.50\nd: 10e2\ne: 1.0e+2\n",
]
CASES = [
    *(f"k: {p}\n" for p in PLAIN),
    *(f"{p}: v\n" for p in PLAIN),
    *(f"k: [{p}, x]\n" for p in PLAIN),
    *SHAPES,
]


@pytest.mark.parametrize("text", CASES)
def test_the_fast_path_agrees_with_the_careful_one_or_stands_aside(text: str) -> None:
    fast = fastload.load(text)
    if fast is None:
        return
    careful = loader.load_document(text, "x.yaml")
    assert careful.errors == []
    assert repr(fast) == repr(careful.data)


def _agree(text: str) -> bool:
    """Whether the fast path stood aside or gave exactly the careful path's data."""
    fast = fastload.load(text)
    if fast is None:
        return True
    careful = loader.load_document(text, "x.yaml")
    return careful.errors == [] and repr(fast) == repr(careful.data)


def test_the_fast_path_agrees_on_every_yaml_file_of_the_repository() -> None:
    files = [
        path
        for folder in ("journeys", "personas", "registry", "tests", "docs", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.yaml"))
    ]
    taken = [path for path in files if fastload.load(path.read_text("utf-8")) is not None]
    assert len(taken) > 50  # the examples and most fixtures are ordinary
    assert [path for path in files if not _agree(path.read_text("utf-8"))] == []


def test_the_fast_path_takes_and_agrees_on_a_generated_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path, 40, seed=3)
    texts = {path: path.read_text("utf-8") for path in sorted(tmp_path.rglob("*.yaml"))}
    assert [path for path, text in texts.items() if fastload.load(text) is None] == []
    assert [path for path, text in texts.items() if not _agree(text)] == []


def test_the_fast_path_takes_ordinary_files_and_refuses_what_needs_care() -> None:
    assert fastload.load("id: a\ntitle: R&D a*b wow!\nn: [1, 2.5, true, null]\n") == {
        "id": "a",
        "title": "R&D a*b wow!",
        "n": [1, 2.5, True, None],
    }
    refused = [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: ~\nb: True\nc: 0x1F\n",  # text to rapidyaml, null, boolean, number to the core
        "a: '123'\n",  # quoted: JSON cannot say so, the careful path decides
        "a: .NaN\n",  # rapidyaml writes .nan, the core schema refuses it as not finite
        "a: 1\n---\nb: 2\n",  # two documents
        "a: 1\na: 2\n",  # duplicate keys: the careful path places the error
        "a: [unclosed\n",
        "- a\n",
        "a: 123456789012345678901234567890\n",
        "a: .inf\n",
        'a: "\\x07"\n',
        "a: x\r\nb: y\r\n",
        "a: " + "[" * 101 + "]" * 101 + "\n",
    ]
    assert [text for text in refused if fastload.load(text) is not None] == []


def test_a_document_loaded_fast_still_places_findings() -> None:
    text = "id: a\nstages:\n  - id: s\n    owner: x\n"
    document = loader.load_document(text, "j.yaml", fast=True)
    assert document.tree is None  # the fast path took it
    assert document.data == loader.load_document(text, "j.yaml").data
    assert document.position("/stages/0/owner") == (4, 12)
    assert document.position("/stages/0/owner", key=True) == (4, 5)


def test_an_ordinary_file_is_placed_as_the_full_source_map_places_it(tmp_path: Path) -> None:
    write_corpus(tmp_path, 8, seed=5)
    extra = [
        "a: {b: [1, {c: d}], 'e/f': {g~h: x}}\nlist:\n  - - deep\n  - x y\n",
        "k: [x, y]\nz: {1a: b, 'c d': [e]}\n",
    ]
    texts = [path.read_text("utf-8") for path in sorted(tmp_path.rglob("*.yaml"))] + extra
    for text in texts:
        assert fastload.load(text) is not None
        full = SourceMap.from_text(text)
        ordinary = SourceMap.from_ordinary_text(text)
        pointers = list(full._values)
        # Pointers that name no node fall back to their nearest ancestor in both.
        pointers += [p + suffix for p in pointers for suffix in ("/nope", "/7", "/01")]
        pointers += ["/stages/99/steps/0", "/missing", "/k/1", "/k/2", "/k/-1", "/0"]
        for pointer in pointers:
            assert ordinary.value(pointer) == full.value(pointer), pointer
            assert ordinary.key(pointer) == full.key(pointer), pointer
            assert (pointer in ordinary) == (pointer in full), pointer


@pytest.mark.parametrize(
    "text",
    [
        "a: {{x}: 1}\n",  # a collection as a key
        "[a, b]: c\n",
        "? [a]\n: b\n",
        "a:\n  - id: '\n  name: x\n  b: '\n",  # quoted text over lines rapidyaml refuses
    ],
)
def test_text_rapidyaml_refuses_takes_the_careful_path_silently(
    text: str, capfd: pytest.CaptureFixture[str]
) -> None:
    fast = loader.load_document(text, "x.yaml", fast=True)
    careful = loader.load_document(text, "x.yaml")
    assert not fast.ordinary
    assert (fast.data, fast.errors) == (careful.data, careful.errors)
    assert capfd.readouterr() == ("", "")  # rapidyaml printed nothing


def test_with_another_thread_running_the_careful_path_loads() -> None:
    text = "id: a\nn: [1, 2]\n"
    assert fastload.load(text) is not None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        # Silencing stderr at the descriptor could swallow what that thread writes.
        assert fastload.load(text) is None
    finally:
        stop.set()
        other.join()


def _resident_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmRSS")


def test_loading_a_file_many_times_does_not_grow_the_process() -> None:
    # rapidyaml's emit_json_malloc never freed its JSON: 200 KB a file, lost in each
    # worker for every file it loaded (a lint of 10,000 journeys peaked at 428 MB).
    text = "".join(f"k{i}: " + "word " * 40 + "\n" for i in range(1000))
    assert fastload.load(text) is not None
    before = _resident_mb()
    for _ in range(200):
        fastload.load(text)
    assert _resident_mb() - before < 10  # 40 MB when each JSON was kept
