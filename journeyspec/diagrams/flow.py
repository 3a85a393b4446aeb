"""The flow diagram: stages as clusters, steps along the flow, branches, loop-backs, exits,
moments of truth."""

from __future__ import annotations

import itertools

from journeyspec.diagrams import dot
from journeyspec.diagrams.diagram import Diagram, listing
from journeyspec.flow import flow_of
from journeyspec.model import Journey, Step


def flow_diagram(journey: Journey) -> Diagram:
    """Draw the journey's steps left to right, grouped by stage."""
    steps = journey.steps
    follows = [list(targets) for targets in flow_of(journey).follows]
    has_star = any(step.moment_of_truth for step in steps)
    has_back = any(j <= i for i, targets in enumerate(follows) for j in targets)
    has_exit = any(step.ends for step in steps)
    title = f"Flow: {journey.title}"
    lines = dot.header(
        "digraph",
        f"flow-{journey.id}",
        title,
        _legend(has_star, has_back, has_exit),
        {"rankdir": "LR", "nodesep": "0.25", "ranksep": "0.4", "newrank": "true"},
    )
    order: list[str] = []  # every node in reading order, to pin the stages left to right
    position = 0
    for g, stage in enumerate(journey.stages):
        cluster: dict[str, str | dot.Html] = {
            "label": dot.Html(f"<B>{dot.label(stage.name, 28, 2)}</B>"),
            "style": "rounded,filled",
            "fillcolor": dot.STAGE_FILLS[g % 2],
            "color": dot.LINE,
            "labeljust": "l",
            "margin": "12",
        }
        lines.append(f"  subgraph cluster_g{g} {{")
        lines.append(f"    graph {dot.attrs(cluster)};")
        if not stage.steps:
            empty: dict[str, str | dot.Html] = {"label": dot.Html("<I>no steps yet</I>")}
            empty |= {"shape": "box", "style": "dashed", "color": dot.LINE}
            lines.append(f"    e{g} {dot.attrs(empty)};")
            order.append(f"e{g}")
        for step in stage.steps:
            lines.append(f"    s{position} {dot.attrs(_step_node(step))};")
            if step.ends:
                lines.append(f"    x{position} {dot.attrs(_EXIT)};")
            order.append(f"s{position}")
            position += 1
        lines.append("  }")
    drawn = set()
    for i, targets in enumerate(follows):
        for j in targets:
            style = {} if j > i else {"style": "dashed", "color": dot.BACK, "constraint": "false"}
            lines.append(f"  s{i} -> s{j} {dot.attrs({'color': dot.LINE, **style})};")
            drawn.add((f"s{i}", f"s{j}"))
        if steps[i].ends:
            lines.append(f"  s{i} -> x{i} {dot.attrs({'color': dot.LINE, 'style': 'dashed'})};")
    for left, right in itertools.pairwise(order):
        if (left, right) not in drawn:
            lines.append(f"  {left} -> {right} [style=invis];")
    lines.append("}")
    return Diagram("flow", title, _alt(journey, follows), "\n".join(lines) + "\n")


def _step_node(step: Step) -> dict[str, str | dot.Html]:
    name = dot.label(step.name, 22, 4)
    node: dict[str, str | dot.Html] = {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#ffffff",
        "color": dot.LINE,
        "margin": "0.12,0.06",
    }
    if step.moment_of_truth:
        node |= {"fillcolor": dot.STAR_FILL, "color": dot.STAR_EDGE, "peripheries": "2"}
        node["label"] = dot.Html(f"★ {name}")
    else:
        node["label"] = dot.Html(name)
    return node


# A step with ``next: []`` ends the journey there: drawn as an exit, never as an edge on.
_EXIT: dict[str, str | dot.Html] = {
    "label": "exit",
    "shape": "box",
    "style": "rounded,dashed",
    "color": dot.LINE,
    "fontcolor": dot.MUTED,
}


def _legend(has_star: bool, has_back: bool, has_exit: bool = False) -> str:
    cells = ['<TD BORDER="1" COLOR="#616e7c" BGCOLOR="#ffffff" STYLE="rounded">step</TD>']
    cells.append("<TD>→ next step</TD>")
    if has_star:
        cells.append(
            f'<TD BORDER="1" COLOR="{dot.STAR_EDGE}" BGCOLOR="{dot.STAR_FILL}" STYLE="rounded">'
            "★ moment of truth (double border)</TD>"
        )
    if has_back:
        cells.append(f'<TD><FONT COLOR="{dot.BACK}">- - → loops back</FONT></TD>')
    if has_exit:
        cells.append(
            f'<TD BORDER="1" COLOR="{dot.LINE}" STYLE="rounded,dashed">exit: the journey '
            "ends here</TD>"
        )
    return f'<TABLE BORDER="0" CELLSPACING="6"><TR>{"".join(cells)}</TR></TABLE>'


def _alt(journey: Journey, follows: list[list[int]]) -> str:
    steps = journey.steps
    name = [dot.shorten(step.name, 80) for step in steps]
    parts = [
        f"Flow diagram of the journey {dot.shorten(journey.title, 120)}: "
        f"{len(steps)} steps in {len(journey.stages)} stages, read from left to right."
    ]
    for stage in journey.stages:
        inside = listing([dot.shorten(s.name, 80) for s in stage.steps]) or "no steps yet"
        parts.append(f"Stage {dot.shorten(stage.name, 80)}: {inside}.")
    branches = [
        f"{name[i]} leads to {' or '.join(name[j] for j in targets)}"
        for i, targets in enumerate(follows)
        if len(targets) > 1
    ]
    backs = [f"{name[i]} returns to {name[j]}" for i, t in enumerate(follows) for j in t if j <= i]
    stars = [name[i] for i, step in enumerate(steps) if step.moment_of_truth]
    exits = [name[i] for i, step in enumerate(steps) if step.ends]
    if branches:
        parts.append(f"Branches: {listing(branches)}.")
    if backs:
        parts.append(f"Loops back: {listing(backs)}.")
    if exits:
        parts.append(f"The journey ends (exits) after: {listing(exits)}.")
    if stars:
        parts.append(f"Moments of truth: {listing(stars)}.")
    return " ".join(parts)
