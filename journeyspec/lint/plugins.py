"""Custom rules: a project's own rule modules, from its folders and installed packages.

Two sources, both with the contract of the built-in rules (``journeyspec.rules.base``):
the folders that ``lint.plugins`` in the configuration names (each ``*.py`` file not
starting with ``_`` is one rule), and the ``journeyspec.rules`` entry point group of
installed packages (each entry point names a rule module). Loading runs their code, so it
happens only when asked: a folder only when the configuration names it, nothing at all
with ``enabled=False`` or ``JOURNEYSPEC_NO_PLUGINS=1``.

A broken rule — a module that cannot be imported, a missing or clashing ``ID``, a wrong
``SEVERITY``, ``PROFILE`` or ``OPTIONS``, no docstring, an exception inside ``check()`` —
raises ``PluginError`` naming the rule and its file: exit 2, never a traceback.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import traceback
from collections.abc import Callable, Collection, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from journeyspec.errors import ConfigError
from journeyspec.findings import Severity
from journeyspec.lint.catalogue import CHECKS, configurable_ids
from journeyspec.model import Journey
from journeyspec.project import ProjectConfig, display_path
from journeyspec.rules.base import PROFILES, Context, Hit, Option, Profile

GROUP = "journeyspec.rules"
ENV = "JOURNEYSPEC_NO_PLUGINS"
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class PluginError(ConfigError):
    """Raised when a custom rule cannot be loaded, breaks the rule contract or fails while
    checking; the message names the rule (or module) and its file."""


class CustomRule:
    """A loaded custom rule, shaped like a rule module; ``origin`` says where it came from.

    ``check`` (and ``check_across``) run the module's own, turning whatever it raises or
    yields wrongly into a ``PluginError``.
    """

    def __init__(self, module: Any, origin: str, rule_id: str) -> None:
        self.ID = rule_id
        self.origin = origin
        self.file: str | None = getattr(module, "__file__", None)
        self.SEVERITY: Severity = _severity(module, origin)
        self.PROFILE: Profile = _profile(module, origin)
        self.OPTIONS: Mapping[str, Option] = _options(module, origin)
        self.__doc__ = _doc(module, origin)
        self._check: Callable[..., Any] = _callable(module, "check", origin, required=True) or _none
        across = _callable(module, "check_across", origin, required=False)
        if across is not None:
            self.check_across = self._guard(across)

    def check(self, journey: Journey, context: Context) -> Iterable[Hit]:
        return self._guard(self._check)(journey, context)

    def _guard(self, function: Callable[..., Any]) -> Callable[..., list[Hit]]:
        def guarded(journey: Any, *args: Any) -> list[Hit]:
            where = getattr(journey, "path", "") or getattr(journey, "id", "")
            try:
                hits = list(function(journey, *args))
            except (Exception, SystemExit) as error:
                at = _at(error, self.origin, self.file)
                raise PluginError(
                    f"{at}: custom rule `{self.ID}` failed on {where}: {_describe(error)}"
                ) from None
            for hit in hits:
                if not isinstance(hit, Hit):
                    raise PluginError(
                        f"{self.origin}: custom rule `{self.ID}` yielded {type(hit).__name__} "
                        f"on {where}; yield journeyspec.rules.base.Hit(pointer, message)"
                    )
            return hits

        return guarded


def load_rules(config: ProjectConfig, *, enabled: bool | None = None) -> tuple[CustomRule, ...]:
    """The project's custom rules: its folders' (in the order named, files by name), then
    the installed packages' (by entry point name). ``enabled`` None: unless
    JOURNEYSPEC_NO_PLUGINS says no."""
    if not (plugins_enabled() if enabled is None else enabled):
        return ()
    # Ids in use already: the built-in rules, the engine's, and the checks reports cite.
    taken = {*configurable_ids(), *CHECKS}
    loaded: list[CustomRule] = []
    for index, folder in enumerate(config.lint.get("plugins", [])):
        for path in _modules(config, folder):
            origin = display_path(path, config.root)
            module = _import(path, f"_journeyspec_rules_{index}.{path.stem}", origin)
            loaded.append(_rule(module, origin, taken, loaded))
    for entry in sorted(metadata.entry_points(group=GROUP), key=lambda e: (e.name, e.value)):
        dist = entry.dist.name if entry.dist is not None else "an installed package"
        origin = f"{entry.value} (entry point `{entry.name}` of {dist})"
        try:
            module = entry.load()
        except (Exception, SystemExit) as error:
            raise PluginError(f"{origin}: cannot be loaded: {_describe(error)}") from None
        file = getattr(module, "__file__", None)
        loaded.append(_rule(module, f"{file} ({origin})" if file else origin, taken, loaded))
    return tuple(loaded)


def plugins_enabled() -> bool:
    """Whether custom rules load when no one said: unless ``JOURNEYSPEC_NO_PLUGINS`` is set."""
    return os.environ.get(ENV, "") in ("", "0")


def _modules(config: ProjectConfig, folder: str) -> list[Path]:
    where = f"lint.plugins `{folder}` in {config.config_path.name if config.config_path else ''}"
    path = config.root / folder
    try:
        inside = path.resolve().is_relative_to(config.root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise PluginError(f"{where}: lies outside the project; rules are read from inside it")
    if not path.is_dir():
        raise PluginError(f"{where}: is not a folder of rule modules")
    modules = sorted(
        (p for p in path.glob("*.py") if not p.name.startswith("_") and p.is_file()),
        key=lambda p: p.name,
    )
    for module in modules:
        if not module.resolve().is_relative_to(config.root.resolve()):
            shown = display_path(module, config.root)
            raise PluginError(f"{shown}: links to a place outside the project; it was not run")
    return modules


def _import(path: Path, name: str, origin: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"{origin}: cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and typing look modules up by name
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as error:
        del sys.modules[name]
        raise PluginError(
            f"{_at(error, origin, str(path))}: custom rule module cannot be loaded: "
            f"{_describe(error)}"
        ) from None
    return module


def _rule(module: Any, origin: str, taken: Collection[str], loaded: list[CustomRule]) -> CustomRule:
    rule_id = getattr(module, "ID", None)
    if not isinstance(rule_id, str):
        raise PluginError(f'{origin}: a custom rule needs `ID = "my-rule-id"` (kebab-case)')
    if not _ID.fullmatch(rule_id):
        raise PluginError(f"{origin}: rule ID `{rule_id}` is not kebab-case (`my-rule-id`)")
    if rule_id in taken:
        raise PluginError(f"{origin}: rule ID `{rule_id}` is a built-in rule's; choose another")
    for other in loaded:
        if rule_id == other.ID:
            raise PluginError(f"{origin}: rule ID `{rule_id}` is taken by {other.origin}")
    return CustomRule(module, origin, rule_id)


def _severity(module: Any, origin: str) -> Severity:
    value = getattr(module, "SEVERITY", None)
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(value) if isinstance(value, str) else _missing(origin)
    except ValueError:
        raise PluginError(f"{origin}: SEVERITY {value!r} is not error, warning or info") from None


def _missing(origin: str) -> Severity:
    raise PluginError(f'{origin}: a custom rule needs SEVERITY (Severity.WARNING, or "warning")')


def _profile(module: Any, origin: str) -> Profile:
    value = getattr(module, "PROFILE", "recommended")
    for profile in PROFILES:
        if value == profile:
            return profile
    raise PluginError(f"{origin}: PROFILE {value!r} is not one of {', '.join(PROFILES)}")


def _options(module: Any, origin: str) -> Mapping[str, Option]:
    value = getattr(module, "OPTIONS", {})
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, Option) for k, v in value.items()
    ):
        raise PluginError(f"{origin}: OPTIONS must map option names to Option(default, text)")
    return dict(value)


def _doc(module: Any, origin: str) -> str:
    doc = getattr(module, "__doc__", None)
    if not isinstance(doc, str) or not doc.strip():
        raise PluginError(
            f"{origin}: a custom rule needs a docstring (its documentation: a summary line, "
            "what it checks, why, examples)"
        )
    return doc


def _callable(module: Any, name: str, origin: str, *, required: bool) -> Callable[..., Any] | None:
    value = getattr(module, name, None)
    if value is None and not required:
        return None
    if not callable(value):
        raise PluginError(f"{origin}: a custom rule needs `def {name}(journey, context)`")
    function: Callable[..., Any] = value
    return function


def _none(*args: Any) -> Iterable[Hit]:
    return ()


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _at(error: BaseException, origin: str, file: str | None) -> str:
    """``origin`` with the line of ``file`` (the rule's own) where ``error`` arose."""
    if isinstance(error, SyntaxError) and error.lineno and error.filename == file:
        return f"{origin}:{error.lineno}"
    own = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == file]
    return f"{origin}:{own[-1].lineno}" if own and own[-1].lineno else origin
