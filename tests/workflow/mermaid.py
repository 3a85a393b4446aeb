"""Running Mermaid's own parser (the ``mermaid`` npm package under Node.js) on files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import REPO

SCRIPT = Path(__file__).with_name("mermaid_parse.mjs")


def parse(files: list[Path]) -> list[dict[str, Any]]:
    """What Mermaid understood of each file: ok/error, title and tasks with their scores."""
    node = shutil.which("node")
    assert node, "Node.js is needed: run scripts/setup --test"
    assert (REPO / "node_modules" / "mermaid").is_dir(), "run `npm ci` (scripts/setup --test)"
    done = subprocess.run(
        [node, str(SCRIPT), *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results
