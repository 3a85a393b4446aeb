"""Where rule help links point: ``lint.docs_url`` when set, else the project's own published
site (``site_url`` of its mkdocs.yml, whose rule reference is at ``rules/<id>/``), else
nowhere: no link beats a link to a site that may not exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from journeyspec.loader import MAX_FILE_BYTES
from journeyspec.project import ProjectConfig

MKDOCS_FILE = "mkdocs.yml"


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml often carries tags (``!ENV``, ``!!python/name:``): read them as nothing."""


def _nothing(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Lenient.add_multi_constructor("", _nothing)


def site_url(path: Path) -> str:
    """``site_url`` of the MkDocs config at ``path`` when it is an http(s) URL, else ""
    (no file, unreadable, invalid YAML: the build reports those, lint does not)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return ""
        settings: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    url = settings.get("site_url") if isinstance(settings, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return ""
    return url if url.endswith("/") else url + "/"


def docs_url(config: ProjectConfig) -> str:
    """The base URL of the rule reference for ``config``'s project ("" when there is none)."""
    configured = (config.lint or {}).get("docs_url")
    if configured:
        return str(configured)
    return site_url(config.root / MKDOCS_FILE)
