"""The output folder: which folders a build may replace, the marker it leaves, the swap."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from journeyspec.errors import UsageError
from journeyspec.project import ProjectConfig

MARKER = ".journeyspec-site"
MARKER_TEXT = "Built by journeyspec: `journeyspec build` may replace this whole folder.\n"


class UnsafeOutputError(UsageError):
    """Raised when the output folder is one the build must not replace (nothing was touched)."""


def _contains(folder: Path, other: Path) -> bool:
    return folder == other or folder in other.parents


def check_output(target: Path, config: ProjectConfig) -> Path:
    """The resolved output folder, or UnsafeOutputError when replacing it could lose work."""
    target = target.expanduser().resolve()
    protected = {
        "the project": config.root.resolve(),
        "the journeys folder": config.path("journeys").resolve(),
        "the personas folder": config.path("personas").resolve(),
        # Files, not folders: a folder holding one is refused even with a planted marker.
        "the teams registry": config.path("teams").resolve(),
        "the channels registry": config.path("channels").resolve(),
        "the shared touchpoints": config.path("touchpoints").resolve(),
        "the research library": config.path("research").resolve(),
        "the themes registry": config.path("themes").resolve(),
        "your home folder": Path.home().resolve(),
    }
    for name, folder in protected.items():
        if _contains(target, folder):
            raise UnsafeOutputError(
                f"refusing to build into {target}: it is or contains {name} ({folder}); "
                "choose a separate folder such as site/"
            )
    if target.exists() and not target.is_dir():
        raise UnsafeOutputError(f"refusing to build into {target}: it is a file, not a folder")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise UnsafeOutputError(
            f"refusing to replace {target}: it is not empty and was not built by journeyspec "
            f"(no {MARKER} file in it); remove it yourself or choose another --site-dir"
        )
    return target


def staging_folder(target: Path) -> Path:
    """A new empty folder beside ``target``, so the final swap is a rename on one disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))


def publish(staged: Path, target: Path) -> None:
    """Mark ``staged`` as ours and put it in place of ``target`` (which check_output allowed)."""
    (staged / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    if not target.exists():
        os.replace(staged, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staged, target)
    except OSError:
        os.replace(retired / target.name, target)
        raise
    shutil.rmtree(retired)


def discard(staged: Path) -> None:
    """Remove a staging folder this build created."""
    shutil.rmtree(staged, ignore_errors=True)
