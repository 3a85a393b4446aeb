"""The project: finding journeyspec.yaml, reading its settings and discovering its files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyspec.errors import ConfigError, UsageError
from journeyspec.findings import Finding
from journeyspec.loader import Document, read_document
from journeyspec.schema import SchemaName, validate

CONFIG_NAME = "journeyspec.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
DEFAULT_PATHS = {
    "journeys": "journeys",
    "personas": "personas",
    "teams": "registry/teams.yaml",
    "channels": "registry/channels.yaml",
}


@dataclass(frozen=True)
class ProjectConfig:
    """Settings from journeyspec.yaml (or the defaults when a project has none)."""

    root: Path
    config_path: Path | None = None
    name: str = "Customer journeys"
    paths: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PATHS))
    emotion_scale: tuple[int, int] = (-2, 2)
    review_interval: str = "P6M"
    lint: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)

    def path(self, key: str) -> Path:
        return self.root / self.paths[key]


class ConfigFileError(ConfigError):
    """Raised when journeyspec.yaml exists but cannot be used; carries positioned findings."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def find_config(start: Path) -> Path | None:
    """The nearest journeyspec.yaml in ``start`` or a folder above it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None, *, config_file: Path | None = None) -> ProjectConfig:
    """Read the project's settings; without a journeyspec.yaml, ``start`` is the root."""
    start = (start or Path.cwd()).resolve()
    if config_file is not None and not config_file.is_file():
        raise UsageError(f"config file {config_file} does not exist")
    path = config_file or find_config(start)
    if path is None:
        return ProjectConfig(root=start if start.is_dir() else start.parent)
    document = read_document(path, path.name)
    findings = document.errors or validate(document, "config")
    if findings:
        raise ConfigFileError(findings)
    data: dict[str, Any] = document.data
    scale = data.get("emotion_scale", {"min": -2, "max": 2})
    if scale["min"] >= scale["max"]:
        raise ConfigFileError(
            [document.finding("/emotion_scale", "config", "emotion_scale.min must be below max")]
        )
    return ProjectConfig(
        root=path.parent.resolve(),
        config_path=path.resolve(),
        name=data.get("name", "Customer journeys"),
        paths={**DEFAULT_PATHS, **data.get("paths", {})},
        emotion_scale=(scale["min"], scale["max"]),
        review_interval=data.get("review_interval", "P6M"),
        lint=data.get("lint", {}),
        site=data.get("site", {}),
    )


@dataclass
class SourceFile:
    """A file of the project and the schema it is checked against."""

    path: Path
    schema: SchemaName


@dataclass
class Project:
    """Every document of a project, loaded, each with the schema that governs it."""

    config: ProjectConfig
    documents: list[tuple[Document, SchemaName]]
    errors: list[Finding] = field(default_factory=list)

    def of_kind(self, schema: SchemaName) -> list[Document]:
        return [doc for doc, kind in self.documents if kind == schema]


def discover(config: ProjectConfig) -> tuple[list[SourceFile], list[Finding]]:
    """Every journey, persona and registry file, in a stable order; problems as findings."""
    files: list[SourceFile] = []
    problems: list[Finding] = []
    folders: tuple[tuple[str, SchemaName], ...] = (("journeys", "journey"), ("personas", "persona"))
    for key, schema in folders:
        folder = config.path(key)
        if folder.is_dir():
            for path in _yaml_files(folder):
                if _inside(path, config.root):
                    files.append(SourceFile(path, schema))
                else:
                    problems.append(
                        Finding(
                            display_path(path, config.root),
                            0,
                            0,
                            "project",
                            "file links to a place outside the project; it was not read",
                            hint="copy the file into the project instead of linking to it",
                        )
                    )
    registries: tuple[SchemaName, ...] = ("teams", "channels")
    for key in registries:
        path = config.path(key)
        if path.is_file():
            files.append(SourceFile(path, key))
    return files, problems


def load_project(config: ProjectConfig) -> Project:
    """Discover and read every file of the project (no checks beyond loading)."""
    files, problems = discover(config)
    documents = [
        (read_document(f.path, display_path(f.path, config.root)), f.schema) for f in files
    ]
    return Project(config, documents, problems)


def schema_for(path: Path, config: ProjectConfig) -> SchemaName:
    """Which schema governs ``path``, by where it lies in the project."""
    resolved = path.resolve()
    registries: tuple[SchemaName, ...] = ("teams", "channels")
    for key in registries:
        if resolved == config.path(key).resolve():
            return key
    if config.config_path and resolved == config.config_path:
        return "config"
    if _inside(resolved, config.path("personas").resolve()):
        return "persona"
    return "journey"


def select(paths: Sequence[str], config: ProjectConfig) -> set[str]:
    """The display paths of the project files named by ``paths`` (files or folders)."""
    chosen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{raw}: no such file or folder")
        targets = list(_yaml_files(path)) if path.is_dir() else [path]
        chosen.update(display_path(t, config.root) for t in targets)
    return chosen


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to the project root, with forward slashes, for reports and pages."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        relative = os.path.relpath(path.absolute(), root.absolute())
        return Path(relative).as_posix()


def _yaml_files(folder: Path) -> Iterable[Path]:
    found = [p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()]
    return sorted(found, key=lambda p: p.as_posix())


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
