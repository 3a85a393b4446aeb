"""Lint output of a generated corpus, byte for byte, against what the slower code produced.

The corpus is the benchmark's (every planted finding) plus journeys damaged in every way
the loader knows of, so a faster loader, validator or cache cannot move a single finding,
position, message or excerpt. The golden files were written once by the code before the
loader was made faster; regenerate only deliberately, after an intended change of output:
``JOURNEYSPEC_UPDATE_GOLDEN=1 pytest tests/lint/test_lint_golden.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus

GOLDEN = Path(__file__).parent / "golden"
JOURNEYS = 60  # every planted rule: one journey in seven has one, eight rules in turn

# Each damage applied to its own copy of journey 1: (name, how the text is changed).
_DUPLICATE = "\ntitle: Duplicate\n"
DAMAGES: dict[str, str] = {
    "duplicate-key": "append:" + _DUPLICATE,
    "python-tag": "append:\nexploit: !!python/object/apply:os.system [echo]\n",
    "bad-int-tag": "append:\nextra_number: !!int twelve\n",
    "anchors": "append:\nanchored: &a {x: [1, 2, &b yes], y: *b}\nagain: *a\n",
    "merge-key": "append:\nbase: &base {a: 1}\nmerged:\n  <<: *base\n  b: 2\n",
    "syntax": "append:\nbroken: [unclosed\n",
    "tab": "append:\nindented:\n\t- tab\n",
    "control": 'append:\nescaped: "bell \\x07 here"\n',
    "huge-int": "append:\nhuge: 123456789012345678901234567890\n",
    "infinite": "append:\nforever: .inf\n",
    "complex-key": "append:\n? [a, b]\n: c\n",
    "deep": "append:\ndeep: " + "[" * 120 + "]" * 120 + "\n",
    "two-documents": "append:\n---\nid: second\n",
    "scalar-top": "whole:just text\n",
    "empty": "whole:",
    "comments-only": "whole:# nothing here\n---\n",
    "wrong-type": "replace:\ntitle: |\ntitle: [not, text]\nformer: ",
    "bom": "bom:",
    "utf16": "utf16:",
    "bad-utf8": "badbyte:",
    "self-alias": "append:\nloop: &l [*l]\n",
    "bidi": 'append:\nnote: "abc \u202e cba"\n',
}


def damaged(text: str, how: str) -> bytes:
    kind, _, change = how.partition(":")
    if kind == "append":
        return (text + change).encode("utf-8")
    if kind == "replace":
        old, new = change.split("|", 1)
        return text.replace(old, new, 1).encode("utf-8")
    if kind == "whole":
        return change.encode("utf-8")
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind == "utf16":
        return text.encode("utf-16")
    assert kind == "badbyte"
    return text.encode("utf-8").replace(b"\ntitle: ", b"\ntitle: \xff", 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden") / "corpus"
    write_corpus(root, JOURNEYS, seed=3)
    journeys = root / "journeys"
    text = (journeys / "journey-00001.yaml").read_text(encoding="utf-8")
    for name, how in DAMAGES.items():
        (journeys / f"zz-{name}.yaml").write_bytes(damaged(text, how))
    return root


def lint(corpus: Path, form: str, jobs: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "journeyspec", "lint", "--format", form, "--quiet"],
        cwd=corpus,
        env={
            **os.environ,
            "JOURNEYSPEC_TODAY": "2026-11-01",
            "NO_COLOR": "1",
            "JOURNEYSPEC_JOBS": jobs,
        },
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


@pytest.mark.parametrize("form", ["json", "text"])
def test_lint_output_is_byte_identical_to_the_golden_file(corpus: Path, form: str) -> None:
    golden = GOLDEN / f"lint-corpus.{form}"
    # Cold (no cache) on every core, then warm (the cache that run left), then in one process.
    shutil.rmtree(corpus / ".journeyspec-cache", ignore_errors=True)
    runs = [lint(corpus, form, "2"), lint(corpus, form, "2"), lint(corpus, form, "1")]
    if os.environ.get("JOURNEYSPEC_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(runs[0], encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    for produced in runs:
        assert produced == expected, "run with JOURNEYSPEC_UPDATE_GOLDEN=1 only if intended"
