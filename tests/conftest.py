"""Shared fixtures: the repository, a minimal valid project, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeyspec.cli import cli

REPO = Path(__file__).resolve().parent.parent

MINIMAL_FILES = {
    "journeyspec.yaml": """\
        journeyspec: 1
        name: Test journeys
        """,
    "registry/teams.yaml": """\
        journeyspec: 1
        teams:
          - id: marketing
            name: Marketing
          - id: customer-success
            name: Customer Success
        """,
    "registry/channels.yaml": """\
        journeyspec: 1
        channels:
          - id: web
            name: Website
          - id: email
            name: Email
        """,
    "personas/budi.yaml": """\
        journeyspec: 1
        id: budi
        name: Budi
        role: Finance manager
        """,
    "journeys/first-purchase.yaml": """\
        journeyspec: 1
        id: first-purchase
        title: First purchase
        persona: budi
        owner: marketing
        stages:
          - id: awareness
            name: Awareness
            owner: marketing
            steps:
              - id: searches
                name: Searches for software
                touchpoints: [search-ad]
                emotion: {score: -1, label: anxious}
          - id: onboarding
            name: Onboarding
            owner: customer-success
            steps:
              - id: imports-data
                name: Imports old data
                touchpoints: [welcome-email]
        touchpoints:
          - id: search-ad
            name: Search ad
            channel: web
          - id: welcome-email
            name: Welcome email
            channel: email
        objective: Why do trial users not buy?
        """,
}

_SCORED = "                emotion: {score: -1, label: anxious}\n"
# The minimal project with its journey looping back (searching again): a flow worth drawing,
# so a build runs Graphviz (a linear flow is not drawn; curves and matrices never need it).
LOOPING_FILES = {
    **MINIMAL_FILES,
    "journeys/first-purchase.yaml": MINIMAL_FILES["journeys/first-purchase.yaml"].replace(
        _SCORED, _SCORED + "                next: [imports-data, searches]\n"
    ),
}

EXAMPLE_CONTENT = ("journeyspec.yaml", "journeys", "personas", "registry")


def copy_example(target: Path, parts: tuple[str, ...] = EXAMPLE_CONTENT) -> Path:
    """Copy ``parts`` of the repository's example project into ``target`` (made if missing),
    so tests never run against the checkout itself."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``root`` (text is dedented)."""
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A small valid project in ``tmp_path``: one journey, one persona, two teams, two channels."""
    return write_files(tmp_path, MINIMAL_FILES)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


Runner = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Iterator[Runner]:
    """Run ``journeyspec ARGS`` in a folder, in-process; returns exit code and both streams."""

    def invoke(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
        monkeypatch.chdir(cwd)
        merged = {"NO_COLOR": "1", **(env or {})}
        result = CliRunner().invoke(cli, list(args), env=merged, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    old = os.getcwd()
    yield invoke
    os.chdir(old)
