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

describe("incremental analysis while a definition is typed", () => {
  const before = `# License Agreement

This License Agreement (the "Agreement") is made by and between Alpha Bio Co., Ltd. ("Licensor") and Beta Pharma AG ("Licensee").

## 1. Definitions

**1.1** "Affiliate" means any entity controlling a Party.

**1.2** "Licensed Product" means any product containing the Compound.

**1.3** "Territory" means the world.

## 2. Reports

**2.1 Quarterly Reports.** Licensee shall deliver the Royalty Report within thirty (30) days after each quarter. Each Royalty Report shall list the sales of Licensed Products by country.

**2.2 Audits.** Licensor may audit the records behind each Royalty Report once a year. The Audit Plan shall follow the Audit Plan of the prior year.
`;
  const undefinedTerms = (r: AnalysisResult) =>
    r.findings.filter((f) => f.rule === "undefined-term").map((f) => f.message);

  it("flags and clears terms as a fresh analysis does, letter by letter", () => {
    const warm = analyzer();
    const at = before.indexOf("**1.3**");
    const typed = '**1.2A** "Royalty Report" means the report under Section 2.1.\n\n';
    let seen = warm.analyze(before);
    expect(undefinedTerms(seen)).toEqual([
      '"Royalty Report" is used as a defined term (3 times) but is never defined.',
      '"Audit Plan" is used as a defined term (2 times) but is never defined.',
    ]);
    // Each keystroke of the new definition, then each deletion back to the start: the term becomes
    // defined on its closing quote and undefined again once the quote is gone.
    const steps = [...Array(typed.length + 1).keys(), ...[...Array(typed.length).keys()].reverse()];
    for (const n of steps) {
      const text = before.slice(0, at) + typed.slice(0, n) + before.slice(at);
      seen = warm.analyze(text);
      expect(view(seen), `after ${JSON.stringify(typed.slice(0, n))}`).toBe(view(analyzer().analyze(text)));
      if (n === typed.length)
        expect(undefinedTerms(seen)).toEqual([
          '"Audit Plan" is used as a defined term (2 times) but is never defined.',
        ]);
    }
    expect(undefinedTerms(seen)).toEqual([
      '"Royalty Report" is used as a defined term (3 times) but is never defined.',
      '"Audit Plan" is used as a defined term (2 times) but is never defined.',
    ]);
  });
});
