"""The flow of a journey: which step follows which, read the same way by every rule and view.

A step's successors are its ``next`` when the file gives one, else the step after it in
file order (across stages); ``next: []`` ends the journey there (an exit, a drop-off), and
so does the last step of the file. Targets that name no step are left out: the reference
check reports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from journeyspec.model import Journey, Step


@dataclass(frozen=True)
class Flow:
    """The steps of a journey (in file order) and, for each, the indexes that follow it."""

    steps: tuple[Step, ...]
    follows: tuple[tuple[int, ...], ...]

    @cached_property
    def precedes(self) -> tuple[tuple[int, ...], ...]:
        """For each step, the indexes of the steps that lead to it, in file order."""
        before: list[list[int]] = [[] for _ in self.steps]
        for i, targets in enumerate(self.follows):
            for j in targets:
                before[j].append(i)
        return tuple(tuple(sorted(set(b))) for b in before)

    def index(self, step_id: str) -> int | None:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), None)

    def edges(self) -> Iterator[tuple[int, int]]:
        """Every (from, to) pair of the flow, in file order of the source step."""
        for i, targets in enumerate(self.follows):
            for j in targets:
                yield i, j

    @property
    def linear(self) -> bool:
        """Each step leads to the next in file order and only the last ends the journey:
        no branch, loop, skip or early exit (a flow diagram would repeat the grid)."""
        count = len(self.steps)
        return self.follows == tuple((i + 1,) if i + 1 < count else () for i in range(count))

    def exits(self) -> tuple[int, ...]:
        """The steps where a path ends (``next: []`` or the last step with no ``next``)."""
        return tuple(i for i, targets in enumerate(self.follows) if not targets)

    def reachable(self, start: int = 0) -> frozenset[int]:
        """The steps some path from ``start`` reaches, ``start`` included."""
        if not self.steps:
            return frozenset()
        seen, todo = {start}, [start]
        while todo:
            for j in self.follows[todo.pop()]:
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        return frozenset(seen)

    def can_end(self) -> frozenset[int]:
        """The steps from which some path reaches an exit."""
        ending, todo = set(self.exits()), list(self.exits())
        while todo:
            for i in self.precedes[todo.pop()]:
                if i not in ending:
                    ending.add(i)
                    todo.append(i)
        return frozenset(ending)

    def nearest(self, index: int, *, forward: bool, keep: set[int]) -> tuple[int, ...]:
        """The closest steps in ``keep`` on each branch before (or after) ``index``.

        Steps outside ``keep`` (unscored ones, say) are walked through, never stopped at;
        each branch yields the first kept step it meets, so every branch is judged alone.
        """
        links = self.follows if forward else self.precedes
        found: set[int] = set()
        seen, todo = {index}, list(links[index])
        while todo:
            j = todo.pop()
            if j in seen:
                continue
            seen.add(j)
            if j in keep:
                found.add(j)
            else:
                todo.extend(links[j])
        return tuple(sorted(found))


def flow_of(journey: Journey) -> Flow:
    """The journey's flow graph."""
    steps = journey.steps
    position = {step.id: i for i, step in enumerate(steps)}
    follows: list[tuple[int, ...]] = []
    for i, step in enumerate(steps):
        if step.ends:
            follows.append(())
        elif step.next:
            follows.append(tuple(position[t] for t in step.next if t in position))
        else:
            follows.append((i + 1,) if i + 1 < len(steps) else ())
    return Flow(steps, tuple(follows))
