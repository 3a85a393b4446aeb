// Parse Mermaid files with Mermaid's own parser and print what it understood, as JSON.
//
// Usage: node mermaid_parse.mjs FILE...
// Prints one object per file: {file, ok, error, type, title, tasks: [{section, task, score, people}]}.
// Mermaid expects a browser; a jsdom window is enough for parsing (nothing is rendered).
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const results = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const journey = diagram.type === "journey";
    results.push({
      file,
      ok: true,
      error: null,
      type: diagram.type,
      title: journey ? db.getDiagramTitle() : null,
      tasks: journey
        ? db.getTasks().map((t) => ({
            section: t.section,
            task: t.task,
            score: t.score,
            people: t.people,
          }))
        : [],
    });
  } catch (error) {
    results.push({ file, ok: false, error: String(error.message || error), type: null, title: null, tasks: [] });
  }
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
