"""The output folder: which folder a build may replace, where it stages, how it publishes.

A build replaces only a folder that does not exist, an empty one, or one it built itself:
its manifest still describes every file in it (``manifest``) and git tracks none of them
(a marker or manifest a pull request commits proves nothing). Never the project, its
journeys, personas or registries, a folder inside the journeys or personas folders, your
home folder, a file or a link. The site is built in a claimed staging folder beside the
output (``claims``) and published by one atomic exchange of the two folders (``swap``),
after which the old site goes with the staging folder. Killed at any moment, a build
leaves the old site or the new one in place, and a staging folder the next build removes.
"""

from __future__ import annotations

import os
from pathlib import Path

from journeyspec import git
from journeyspec.errors import UsageError
from journeyspec.project import ProjectConfig
from journeyspec.site import swap
from journeyspec.site.claims import Claim, remove_abandoned
from journeyspec.site.manifest import NotOurs, check_ours, write_manifest

MARKER = ".journeyspec-site"  # the manifest's name


class UnsafeOutputError(UsageError):
    """Raised when the output folder is one the build must not replace (nothing was touched)."""


def check_output(target: Path, config: ProjectConfig) -> Path:
    """The absolute output folder, or UnsafeOutputError when replacing it could lose work.

    Its parent folders are resolved; the folder itself is taken as named, never through
    a link.
    """
    named = Path(os.path.abspath(target.expanduser()))
    target = named.parent.resolve() / named.name if named.name else named
    holds = {
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
    for name, folder in holds.items():
        if target == folder or target in folder.parents:
            _refuse(target, f"it is or contains {name} ({folder})")
    for name in ("journeys", "personas"):
        folder = config.path(name).resolve()
        # Inputs kept in the project's own folder (``personas: .``) leave the rest of it free.
        if folder in target.parents and folder != holds["the project"]:
            _refuse(target, f"it is inside the {name} folder ({folder})")
    check_replaceable(target)
    return target


def check_replaceable(target: Path) -> None:
    """UnsafeOutputError unless ``target`` is absent, empty or a site this build made."""
    if target.is_symlink():
        _refuse(target, "it is a link; name the real folder instead")
    if not target.exists():
        return
    if not target.is_dir():
        _refuse(target, "it is a file, not a folder")
    if not any(target.iterdir()):
        return
    tracked = git.tracked(target)
    if tracked:
        _refuse(
            target,
            f"git tracks {len(tracked)} file(s) in it, such as {tracked[0]}; journeyspec never "
            "replaces files git tracks: build into a folder git ignores, such as site/",
        )
    try:
        check_ours(target)
    except NotOurs as why:
        _refuse(
            target,
            f"{why}; journeyspec replaces only a folder it built, as it built it: move your "
            "files out or remove the folder yourself, or choose another --site-dir",
        )


def _refuse(target: Path, why: str) -> None:
    raise UnsafeOutputError(f"refusing to build into {target}: {why}")


class Staging:
    """A claimed folder beside the output: MkDocs writes the new site into ``site``."""

    def __init__(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        self._claim = Claim(target.parent, debris_prefix(target))
        self.site = self._claim.path / "site"

    def discard(self) -> None:
        """Remove the staging folder and all in it (a new site, or the old one after a swap)."""
        self._claim.remove()


def debris_prefix(target: Path) -> str:
    return f".{target.name}.building-"


def remove_debris(target: Path) -> list[Path]:
    """Remove the staging folders killed builds left beside ``target``; the ones removed."""
    return remove_abandoned(target.parent, debris_prefix(target))


def publish(staging: Staging, target: Path) -> None:
    """Write the manifest and put the staged site in place of ``target`` in one step.

    ``target`` is checked again first: it may have changed while the site was built.
    """
    write_manifest(staging.site)
    check_replaceable(target)
    if not os.path.lexists(target):
        os.rename(staging.site, target)
    elif not swap.exchange(staging.site, target):
        # No atomic exchange here: two renames, and a moment without the site.
        retired = staging.site.with_name("old")
        os.rename(target, retired)
        try:
            os.rename(staging.site, target)
        except OSError:
            os.rename(retired, target)
            raise
    staging.discard()
