"""Hypothesis profiles: ``ci`` (the default, over 2,000 examples in all) and ``long``.

Run the long profile with ``HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/fuzz -n 2``:
ten times the examples (over 20,000) and shrinking of failures, for a nightly job or
before a release (about ten minutes).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    deadline=None,  # a shared CI machine has pauses; a deadline would make tests flaky
    max_examples=100,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # No shrinking in CI: a failure prints its example and a reproduce blob at once, instead
    # of minutes of shrinking against the suite's timeout. The long run shrinks.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
settings.register_profile(
    "long", parent=settings.get_profile("ci"), max_examples=1_000, phases=tuple(Phase)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def scaled(examples: int) -> int:
    """``examples`` under the ci profile, ten times as many under long."""
    return examples * settings.default.max_examples // 100
