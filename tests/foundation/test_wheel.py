"""The built wheel works on its own: schemas ship inside it, no checkout needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import MINIMAL_FILES, REPO, write_files


def test_wheel_ships_schemas_and_validates_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("journeyspec-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("journey", "persona", "teams", "channels", "config"):
        assert f"journeyspec/_schemas/{name}.schema.json" in names
    assert "journeyspec/py.typed" in names

    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    project = write_files(tmp_path / "project", MINIMAL_FILES)
    # The installed copy comes first on the path, ahead of the editable checkout.
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import journeyspec, journeyspec.schema as s;"
            "print(journeyspec.__file__); print(s.schema_path('journey'))",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where), where

    done = subprocess.run(
        [sys.executable, "-m", "journeyspec", "validate"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "✓ 4 files checked, no problems\n")
    printed = subprocess.run(
        [sys.executable, "-m", "journeyspec", "schema", "persona"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(printed)["title"] == "journeyspec persona"
