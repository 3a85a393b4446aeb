"""Which channel each touchpoint has, from the steps table's per-step lists.

The steps table writes a step's touchpoints by name and, in another cell, the channels of
those touchpoints: each channel once, in the order of the touchpoints carrying one. One
step rarely settles which touchpoint has which channel; the steps together often do.
"""

from __future__ import annotations

import itertools

SOLVE_MAX = 6  # touchpoints of one step tried in every combination (7**6 at most)


def solve_channels(
    lists: list[tuple[list[str], list[str]]],
) -> tuple[dict[str, str | None], set[str]]:
    """Each touchpoint's channel (None: it has none), from ``lists``: per step, its
    touchpoints and its channels as the steps table writes them (each channel once, in the
    order of the touchpoints carrying one). What every reading agrees on is taken; where
    readings differ, the first one giving the most touchpoints a channel is chosen and its
    touchpoints are returned as guessed. Every choice fits every list it can."""
    known: dict[str, str | None] = {}
    guessed: set[str] = set()
    while True:
        open_steps = []
        changed = False
        for names, channels in lists:
            unknown = [n for n in dict.fromkeys(names) if n not in known]
            if not unknown or len(unknown) > SOLVE_MAX:
                continue
            fits = _fits(names, channels, unknown, known)
            for i, name in enumerate(unknown):
                values = {combo[i] for combo in fits}
                if len(values) == 1:
                    known[name] = values.pop()
                    changed = True
            if fits:
                open_steps.append((unknown, fits))
        if changed:
            continue
        if not open_steps:
            return known, guessed
        unknown, fits = open_steps[0]
        fewest = min(combo.count(None) for combo in fits)
        choice = next(combo for combo in fits if combo.count(None) == fewest)
        known |= dict(zip(unknown, choice, strict=True))
        guessed |= set(unknown)


def _fits(
    names: list[str], channels: list[str], unknown: list[str], known: dict[str, str | None]
) -> list[tuple[str | None, ...]]:
    options: list[str | None] = [*channels, None]
    fits = []
    for combo in itertools.product(options, repeat=len(unknown)):
        trial = known | dict(zip(unknown, combo, strict=True))
        shown = dict.fromkeys(c for c in (trial[n] for n in names) if c is not None)
        if list(shown) == channels:
            fits.append(combo)
    return fits
