"""The plain MkDocs peer: the same number of pages, comparable Markdown, no diagrams, no plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The theme journeyspec's own site uses when a project has no mkdocs.yml; kept in step by
# reading journeyspec's packaged defaults when they are there.
FALLBACK_CONFIG: dict[str, Any] = {
    "theme": {"name": "material", "font": False},
    "plugins": ["search"],
    "markdown_extensions": [{"toc": {"permalink": True}}, "tables", "admonition"],
}


def mkdocs_config(site_name: str) -> dict[str, Any]:
    """journeyspec's default MkDocs settings without the journeyspec plugin."""
    packaged = Path(__file__).resolve().parent.parent / "journeyspec/site/default-mkdocs.yml"
    config: dict[str, Any] = dict(FALLBACK_CONFIG)
    if packaged.is_file():
        config = yaml.safe_load(packaged.read_text(encoding="utf-8")) or config
    config["plugins"] = [p for p in config.get("plugins", ["search"]) if p != "journeyspec"]
    config.update(site_name=site_name, docs_dir="docs", site_dir="site")
    return config


def write_plain_site(corpus: Path, out_dir: Path, pages: int, *, short_nav: bool = False) -> int:
    """Write an MkDocs project of ``pages`` pages made from ``corpus``; the pages written.

    By default MkDocs lists every page in the navigation, which Material renders into every
    page (most of a large plain build's time). ``short_nav`` gives it a one-entry
    navigation instead, short like journeyspec's sections: the stricter peer.
    """
    docs = out_dir / "docs"
    (docs / "journeys").mkdir(parents=True, exist_ok=True)
    config = mkdocs_config("Benchmark journeys")
    if short_nav:
        config["nav"] = [{"Home": "index.md"}]
    (out_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    journeys = sorted((corpus / "journeys").glob("*.yaml"))
    written = 1
    listing = []
    for path in journeys[: max(0, pages - 1)]:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        (docs / "journeys" / f"{data['id']}.md").write_text(journey_page(data), encoding="utf-8")
        listing.append(f"- [{data['title']}](journeys/{data['id']}.md)")
        written += 1
    extra = 0
    while written < pages:
        # More pages than journeys: the site also has persona, register and index pages.
        extra += 1
        (docs / f"page-{extra}.md").write_text(
            f"# Register {extra}\n\n" + "\n".join(listing[:50]) + "\n", encoding="utf-8"
        )
        written += 1
    index = "# Benchmark journeys\n\n" + "\n".join(listing) + "\n"
    (docs / "index.md").write_text(index, encoding="utf-8")
    return written


def journey_page(data: dict[str, Any]) -> str:
    """A journey as hand-written Markdown: what a plain docs site would hold."""
    lines = [f"# {data['title']}", "", data.get("description", ""), ""]
    lines += [f"- **{key}**: {data.get(key, '')}" for key in ("persona", "owner", "objective")]
    for stage in data["stages"]:
        lines += ["", f"## {stage['name']}", "", stage.get("description", ""), ""]
        lines += [
            "| Step | Does | Thinks | Feels | Touchpoints |",
            "| --- | --- | --- | --- | --- |",
        ]
        for step in stage.get("steps", []):
            thoughts = step.get("thinks", [])
            thinks = "<br>".join(t if isinstance(t, str) else t["text"] for t in thoughts)
            emotion = step.get("emotion", {})
            feels = f"{emotion.get('label', '')} ({emotion.get('score', '')})"
            touch = ", ".join(step.get("touchpoints", []))
            lines.append(
                f"| {step['name']} | {step.get('does', '')} | {thinks} | {feels} | {touch} |"
            )
    lines += ["", "## Pain points", ""]
    lines += [f"- **{p['title']}** ({p.get('severity', '')})" for p in data.get("pain_points", [])]
    lines += ["", "## Opportunities", "", "| Opportunity | Impact | Effort | Owner | Due |"]
    lines.append("| --- | --- | --- | --- | --- |")
    for item in data.get("opportunities", []):
        cells = [item.get(k, "") for k in ("title", "impact", "effort", "owner", "due")]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines += ["", "## KPIs", "", "| KPI | Baseline | Target | Unit |", "| --- | --- | --- | --- |"]
    for kpi in data.get("kpis", []):
        cells = [kpi.get(k, "") for k in ("name", "baseline", "target", "unit")]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
