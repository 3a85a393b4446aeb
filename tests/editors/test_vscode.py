"""The VS Code extension packages with the official packager (vsce) into a working .vsix."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"


@pytest.mark.slow
def test_the_extension_packages_into_a_vsix_holding_its_client(tmp_path: Path) -> None:
    vsce = EXTENSION / "node_modules" / ".bin" / "vsce"
    assert vsce.exists(), "run scripts/setup --test (it installs the extension's packages)"
    # Packaged from a copy: the packager writes nothing into the repository.
    work = tmp_path / "vscode"
    shutil.copytree(EXTENSION, work, symlinks=True)
    target = tmp_path / "journeyspec.vsix"
    done = subprocess.run(
        [str(vsce), "package", "--out", str(target)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(target) as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
        entry = vsix.read("extension/extension.js").decode("utf-8")
    assert {"extension.vsixmanifest", "extension/readme.md", "extension/LICENSE.txt"} <= names
    assert "extension/node_modules/vscode-languageclient/node.js" in names
    assert not any(name.startswith("extension/node_modules/@vscode/vsce/") for name in names)
    assert manifest["main"] == "./extension.js"
    assert manifest["contributes"]["configuration"]["properties"]["journeyspec.server.command"][
        "default"
    ] == ["journeyspec", "lsp"]
    assert 'require("vscode-languageclient/node")' in entry
    assert '"journeyspec", "lsp"' in entry
