import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFrontMatter } from "../../server/src/core/frontmatter";
import { snippetToPlain } from "../../server/src/core/snippet";
import type { Fix } from "../../server/src/core/types";
import { LineIndex } from "../../server/src/core/text";
import { analyzer, builtin, fillTemplate, ROOT, skeleton } from "../helpers";

const sample = (name: string) => readFileSync(path.join(ROOT, "samples", name), "utf8");

/** Applies a fix's edits (as a client without snippet support would) and returns the new text. */
function applyFix(text: string, fix: Fix): string {
  const lines = new LineIndex(text);
  const edits = fix.edits
    .map((e) => ({
      start: lines.offsetAt(e.range.start),
      end: lines.offsetAt(e.range.end),
      text: snippetToPlain(e.snippet),
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A plain-text agreement as filed: ARTICLE headings, numbered sections, no Markdown. */
function plainSkeleton(title: string, body: string): string {
  return `LICENSE AGREEMENT\n\nThis License Agreement is entered into by and between Alpha Co. ("Licensor") and Beta Inc. ("Licensee").\n\nWHEREAS, Licensor owns the Compound.\n\nARTICLE 1\nDEFINITIONS\n\n1.1 "Product" means the licensed product.\n\nARTICLE 2\n${title.toUpperCase()}\n\n${body}\n\nIN WITNESS WHEREOF, the Parties have executed this Agreement.\n\nBy: ____________\n`;
}

describe("agreement decision", () => {
  it("leaves ordinary Markdown alone", () => {
    const result = analyzer().analyze(sample("not-an-agreement.md"));
    expect(result.agreement).toBe(false);
    expect(result.findings).toEqual([]);
    expect(result.clauses).toEqual([]);
  });
  it("obeys clause-checker: false in front matter", () => {
    const result = analyzer().analyze(`---\nclause-checker: false\n---\n${skeleton("")}`);
    expect(result.agreement).toBe(false);
  });
  it("does not take a README that mentions an agreement for one", () => {
    const readme =
      "# Licence Agreement Tracker\n\nThis tool tracks our agreement drafts.\n\n## Install\n\nRun npm install.\n\n## Usage\n\nOpen a file.\n";
    expect(analyzer().analyze(readme).agreement).toBe(false);
  });
  it("recognises a plain-text filed agreement by its shape", () => {
    const text = readFileSync(
      path.join(ROOT, "../shared/corpus/agreements/artaratherapeuticsinc-license-agreement.txt"),
      "utf8",
    );
    expect(analyzer().analyze(text, { languageId: "plaintext" }).agreement).toBe(true);
  });
});

describe("deal context", () => {
  it("defaults to out-licensing / licensor, reads front matter, and lets the command line override it", () => {
    const doc = skeleton("", "---\nagreement:\n  model: newco\n  party: licensee\n---\n");
    expect(analyzer().analyze(skeleton("")).deal).toEqual({ model: "out-licensing", party: "licensor" });
    expect(analyzer().analyze(doc, { deal: { model: "co-development" } }).deal).toEqual({
      model: "newco",
      party: "licensee",
    });
    expect(analyzer().analyze(doc, { dealOverride: { model: "co-development" } }).deal).toEqual({
      model: "co-development",
      party: "licensee",
    });
  });
  it("reads front matter afresh when it changes, and gives each caller its own reading", () => {
    const bad = "---\nagreement:\n  model: merger\n---\n# A\n";
    const first = readFrontMatter(bad);
    first.problems.push("changed by the caller");
    expect(readFrontMatter(bad)).toEqual({
      length: 35,
      agreement: true,
      problems: ['agreement.model "merger" is not one of out-licensing, co-development, newco'],
    });
    expect(readFrontMatter(bad.replace("merger", "newco"))).toEqual({
      length: 34,
      agreement: true,
      model: "newco",
      problems: [],
    });
  });
  it("reports an unknown model in front matter", () => {
    const result = analyzer().analyze(skeleton("", "---\nagreement:\n  model: merger\n---\n"));
    expect(result.findings.filter((f) => f.rule === "front-matter").map((f) => f.message)).toEqual([
      'Clause Checker: agreement.model "merger" is not one of out-licensing, co-development, newco.',
    ]);
  });
});

describe("each clause type in plain-text numbering", () => {
  for (const clause of builtin().clauses) {
    const template =
      clause.def.templates.find(
        (t) => t.models.includes("out-licensing") && t.parties.includes("licensor"),
      ) ?? clause.def.templates[0]!;
    const plain = snippetToPlain(fillTemplate(template.body, "2")).replace(/\*\*/g, "");

    it(`${clause.def.id}: present from its template, missing without it`, () => {
      const present = analyzer().analyze(plainSkeleton(clause.def.title, plain), { languageId: "plaintext" });
      const judged = present.clauses.find((c) => c.clause === clause.def.id)!;
      expect(judged.elements.filter((e) => e.required && !e.present).map((e) => e.element)).toEqual([]);
      expect(judged.status).toBe("present");
      expect(present.sections[judged.sections[0]!]!.number).toBe("2");
      const missing = analyzer().analyze(
        plainSkeleton("General", "2.1 Notices. Notices shall be in writing."),
        { languageId: "plaintext" },
      );
      expect(missing.clauses.find((c) => c.clause === clause.def.id)!.status).toBe("missing");
    });

    it(`${clause.def.id}: redacted values count as present values`, () => {
      const redacted = plain.replace(/\b(?:[a-z]+(?:[- ][a-z]+)? \()?\d[\d,.]*\)?/g, "[***]");
      const result = analyzer().analyze(plainSkeleton(clause.def.title, redacted), {
        languageId: "plaintext",
      });
      expect(result.clauses.find((c) => c.clause === clause.def.id)!.status).toBe("present");
    });

    for (const weak of clause.def.examples.weak) {
      it(`${clause.def.id}: weak example is judged weak in Markdown and plain text — "${weak.slice(0, 50)}…"`, () => {
        const md = analyzer().analyze(skeleton(`## 2. ${clause.def.title}\n\n${weak}`));
        expect(md.clauses.find((c) => c.clause === clause.def.id)!.status).toBe("weak");
        const txt = analyzer().analyze(plainSkeleton(clause.def.title, `2.1 ${weak}`), {
          languageId: "plaintext",
        });
        expect(txt.clauses.find((c) => c.clause === clause.def.id)!.status).toBe("weak");
      });
    }
  }
});

describe("headings contradicted by their text", () => {
  it("does not take an 'Exclusivity' heading over a non-exclusive grant for an exclusivity clause", () => {
    const text = skeleton(
      "## 2. Exclusivity\n\n**2.1 Grant.** During the Term, the parties will promote the Products on a non-exclusive basis in the Territory, as provided below.",
    );
    expect(
      analyzer()
        .analyze(text)
        .clauses.find((c) => c.clause === "exclusivity")!.status,
    ).toBe("missing");
  });
});

describe("findings and fixes on the licensor's out-licensing draft", () => {
  const text = sample("out-licensing-draft.md");
  const result = analyzer().analyze(text);
  const lines = text.split("\n");

  it("reports the missing required clauses as errors on the title line", () => {
    const missing = result.findings.filter((f) => f.rule === "missing-clause");
    expect(missing.map((f) => [f.clause, f.severity])).toEqual([
      ["reversion", 1],
      ["minimum-commercial-investment", 1],
      ["governance", 2],
    ]);
    const titleLine = lines.findIndex((l) => l.startsWith("# "));
    for (const f of missing)
      expect(f.range).toEqual({
        start: { line: titleLine, character: 0 },
        end: { line: titleLine, character: lines[titleLine]!.length },
      });
  });

  it("inserts the missing reversion clause after the termination article, numbered to fit", () => {
    const finding = result.findings.find((f) => f.rule === "missing-clause" && f.clause === "reversion")!;
    const edit = finding.fixes[0]!.edits[0]!;
    const nextArticle = lines.findIndex((l) => l.startsWith("## 13."));
    expect(edit.range.start).toEqual({ line: nextArticle, character: 0 });
    expect(edit.snippet.split("\n")[0]).toBe("## 12A. Reversion of rights on termination");
    expect(edit.snippet).toMatch(/\$\{1:[^}]+\}/);
    const fixed = analyzer().analyze(applyFix(text, finding.fixes[0]!));
    expect(fixed.clauses.find((c) => c.clause === "reversion")!.status).toBe("present");
    expect(fixed.findings.some((f) => f.rule === "missing-clause" && f.clause === "reversion")).toBe(false);
  });

  it("completes a weak clause with the missing elements' sub-clauses", () => {
    const finding = result.findings.find((f) => f.rule === "weak-clause" && f.clause === "data-sharing")!;
    expect(finding.range.start.line).toBe(lines.findIndex((l) => l.startsWith("## 6.")));
    const fixed = analyzer().analyze(applyFix(text, finding.fixes[0]!));
    expect(fixed.clauses.find((c) => c.clause === "data-sharing")!.status).toBe("present");
    expect(applyFix(text, finding.fixes[0]!)).toContain("**6.5 ");
  });

  it("flags promptly without a number of days, with a tab-stop fix", () => {
    const vague = result.findings.filter((f) => f.rule === "vague-obligation");
    expect(vague.length).toBeGreaterThan(0);
    const lines = text.split("\n");
    const promptly = vague.find(
      (f) =>
        lines[f.range.start.line]!.slice(f.range.start.character, f.range.end.character).toLowerCase() ===
        "promptly",
    )!;
    expect(promptly.severity).toBe(3);
    expect(promptly.fixes[0]!.edits[0]!.snippet).toMatch(/\$\{1:/);
  });
});
