/**
 * Incremental analysis equals full analysis: an analyzer that has seen earlier versions of a document
 * (and reuses cached chunks and sections) must give exactly what a fresh analyzer gives, after any
 * sequence of edits.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../server/src/core/analyze";
import { analyzer, ROOT } from "../helpers";

const DOCUMENTS: Array<[string, string]> = [
  ["samples/out-licensing-draft.md", "markdown"],
  ["../shared/corpus/agreements/anixabiosciencesinc-collaboration-agreement.txt", "plaintext"],
  ["../shared/corpus/agreements/artaratherapeuticsinc-license-agreement.txt", "plaintext"],
];

const INSERTS = [
  "x",
  " ",
  "\n",
  "\n\n",
  "## 9. Supply\n\n",
  "5.1 ",
  "(a) ",
  "**",
  "```\n",
  "<!-- ",
  " shall promptly ",
  "[***]",
  "exclusive license",
  ".",
  "ARTICLE 7\n",
  // Edits that change what the drafting rules know document-wide: a definition, a pointer, a reference.
  '"Royalty Report" means ',
  " (as defined below)",
  "Section 4.2",
  "“",
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 8 })),
});

const view = (r: AnalysisResult) =>
  JSON.stringify({ a: r.agreement, c: r.clauses, f: r.findings, s: r.sections });

describe("incremental analysis", () => {
  for (const [file, languageId] of DOCUMENTS) {
    it(`matches a full analysis after random edits of ${path.basename(file)}`, () => {
      const original = readFileSync(path.join(ROOT, file), "utf8");
      const warm = analyzer();
      warm.analyze(original, { languageId });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
          let text = original;
          for (const e of edits) {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
            warm.analyze(text, { languageId });
          }
          expect(view(warm.analyze(text, { languageId }))).toBe(
            view(analyzer().analyze(text, { languageId })),
          );
        }),
        { numRuns: 15 },
      );
    });
  }
});
