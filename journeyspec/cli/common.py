"""What every command shares: finding the project, printing reports, one place that exits."""

from __future__ import annotations

import functools
import os
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from journeyspec import git
from journeyspec.errors import EnvironmentProblem, JourneyspecError
from journeyspec.escaping import visible
from journeyspec.project import ConfigFileError, ProjectConfig, load_config, require_project
from journeyspec.wording import clip

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_LONG_WORD = re.compile(r"[^\s:,;]{201,}")

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration (journeyspec.yaml, or a pyproject.toml with a "
    "[tool.journeyspec] table) instead of the nearest one above the current directory.",
)


def guarded(func: F) -> F:
    """Run a command body; turn known errors into a message and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            code = func(*args, **kwargs)
        except ConfigFileError as exc:
            for finding in exc.findings:
                click.echo(visible(str(finding)), err=True)
            click.echo("journeyspec: the configuration is invalid", err=True)
            sys.exit(EXIT_ERROR)
        except JourneyspecError as exc:
            click.echo(f"journeyspec: {visible(_shortened(str(exc)))}", err=True)
            sys.exit(EXIT_ERROR)
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(EXIT_ERROR)
        except OSError as exc:  # the disk, permissions, a port: the machine, not a bug
            click.echo(f"journeyspec: {EnvironmentProblem.from_os_error(exc)}", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            if os.environ.get("JOURNEYSPEC_DEBUG"):
                traceback.print_exc()
            click.echo(
                f"journeyspec: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in journeyspec; set JOURNEYSPEC_DEBUG=1 to see where it happened.",
                err=True,
            )
            sys.exit(EXIT_ERROR)
        sys.exit(code or EXIT_CLEAN)

    return wrapper  # type: ignore[return-value]


def _shortened(message: str) -> str:
    """``message`` with every word over 200 characters cut: a 5,000-character revision or
    file name quoted in an error must not flood the terminal."""
    return _LONG_WORD.sub(lambda match: clip(match.group(), 80), message)


def project_config(config_file: Path | None, *, required: bool = False) -> ProjectConfig:
    """The settings of the project around the working directory; with ``required``, a
    folder that holds no project is a usage error (the commands that check or publish)."""
    config = load_config(Path.cwd(), config_file=config_file)
    if config.ignored is not None and config.config_path is not None:
        click.echo(
            f"journeyspec: warning: using {config.config_path.name}; the [tool.journeyspec] "
            f"table in {config.ignored.name} beside it is ignored (remove one of the two)",
            err=True,
        )
    if required:
        require_project(config)
    return config


def path_prefix(config: ProjectConfig) -> str:
    """How to reach the project root from the working directory, for clickable paths."""
    try:
        relative = os.path.relpath(config.root, Path.cwd())
    except ValueError:
        return str(config.root) + "/"
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def repository_root(config: ProjectConfig) -> Path:
    """The folder code hosts resolve report paths against: ``$GITHUB_WORKSPACE`` in GitHub
    Actions, else the top of the git work tree, else the project root (the first of these
    that holds the project, so ``working-directory:`` in a workflow changes nothing)."""
    root = config.root.resolve()
    workspace = os.environ.get("GITHUB_WORKSPACE")
    candidates = [Path(workspace).resolve()] if workspace else []
    top = git.toplevel(root)
    candidates += [top.resolve()] if top else []
    return next((c for c in candidates if root.is_relative_to(c)), root)


def repository_prefix(config: ProjectConfig, repository: Path) -> str:
    """How to reach the project root from ``repository`` ("" when they are the same)."""
    relative = config.root.resolve().relative_to(repository).as_posix()
    return "" if relative == "." else relative + "/"


def use_colour(stream: Any) -> bool:
    """Colour on a terminal; ``NO_COLOR`` turns it off and ``FORCE_COLOR`` on (for CI logs
    that show colour), NO_COLOR winning when both are set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def note_if_empty(config: ProjectConfig, checked: int, paths: tuple[str, ...]) -> None:
    """A run that found no file at all is more likely the wrong folder than a clean project:
    say where journeyspec looked instead of a bare green tick."""
    if checked == 0 and not paths:
        click.echo(
            f"journeyspec: no journey, persona or registry files found in {config.root} "
            f"(journeys go in {config.paths['journeys']}/); "
            "run this in your project, or `journeyspec init` to start one",
            err=True,
        )
