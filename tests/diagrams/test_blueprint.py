"""The service blueprint: lanes in order, the three lines labelled, fail points and waits shown."""

from __future__ import annotations

from pathlib import Path

from journeyspec.diagrams import render_svgs
from journeyspec.diagrams.blueprint import blueprint_diagram
from tests.diagrams.builders import journey, one_journey


def test_lanes_run_from_evidence_to_support_split_by_the_three_lines(tmp_path: Path) -> None:
    step = {
        "id": "a",
        "name": "Calls support",
        "does": "Calls from the truck",
        "wait_time": "50 minutes",
        "lanes": {
            "physical_evidence": ["Hold music"],
            "frontstage": ["Agent answers"],
            "backstage": ["Agent opens a ticket"],
            "support": ["CRM"],
        },
    }
    plain = {"id": "b", "name": "Hangs up"}
    stages = [{"id": "s", "name": "Reporting", "steps": [step, plain]}]
    pains = [{"id": "p", "title": "Holds of 50 minutes", "step": "a"}]
    subject, _ = one_journey(tmp_path, journey(stages=stages, pain_points=pains))
    diagram = blueprint_diagram(subject)
    order = [
        "Physical evidence",
        "Hold music",
        "Customer actions",
        "Calls support",
        "Calls from the truck",
        "waits 50 minutes",
        "⚠ Holds of 50 minutes",
        "line of interaction",
        "Frontstage",
        "Agent answers",
        "line of visibility",
        "Backstage",
        "Agent opens a ticket",
        "line of internal interaction",
        "Support processes",
        "CRM",
    ]
    positions = [diagram.dot.index(words) for words in order]
    assert positions == sorted(positions)
    assert '<TD COLSPAN="2" BGCOLOR="#ffffff"><B>Reporting</B></TD>' in diagram.dot
    assert "Step Calls support. Physical evidence: Hold music. Frontstage: Agent answers." in (
        diagram.alt
    )
    assert "Fail points: Holds of 50 minutes." in diagram.alt
    assert "Step Hangs up. No lanes." in diagram.alt
    [svg] = render_svgs([diagram], tmp_path / "cache")
    assert "line of visibility" in svg and "Agent opens a ticket" in svg
