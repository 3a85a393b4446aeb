"""The linter: settings, suppressions, baselines and the engine that runs the rules.

``lint(config, paths)`` is the entry point the CLI and the site call.
"""

from __future__ import annotations

from journeyspec.lint.engine import LintResult, lint
from journeyspec.lint.settings import LintSettings, RuleSetting, settings_from

__all__ = ["LintResult", "LintSettings", "RuleSetting", "lint", "settings_from"]
