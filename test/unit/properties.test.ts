/**
 * Property tests over the core: for arbitrary Markdown, plain text and Unicode (astral characters,
 * CRLF, BOM, NUL) the analysis never throws, is deterministic, and every range lies inside the document.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../server/src/core/analyze";
import { LineIndex } from "../../server/src/core/text";
import type { Range } from "../../server/src/core/types";
import { analyzer } from "../helpers";

const FRAGMENTS = [
  "ARTICLE V",
  "Article 12 - TERMINATION",
  "5.1 Supply of Product.",
  "5.1.2",
  "(a)",
  "(i)",
  "(h)",
  "(A)",
  "XII. SUPPLY",
  "C. Licensee shall",
  "## 2. Exclusivity",
  "# Licence Agreement",
  "**2.1 Exclusive License.**",
  "**",
  "*",
  "_",
  "`",
  "```",
  "~~~",
  "<!--",
  "-->",
  "<!-- clause-checker-disable-next-line weak-clause -->",
  "[***]",
  "[ * ]",
  "[●]",
  "[TBD]",
  "____",
  "WHEREAS",
  "IN WITNESS WHEREOF",
  "By: ______",
  '"Supply Failure" means',
  '("Licensee")',
  "shall promptly supply",
  "within sixty (60) days",
  "from time to time",
  "exclusive license",
  "non-exclusive",
  "Joint Steering Committee",
  "Section 5.3",
  "Exhibit B",
  "| a | b |",
  "|---|---|",
  "> ",
  "- ",
  "1. ",
  "   ",
  "\t",
  "\n",
  "\n\n",
  "\r\n",
  "\r",
  "\u0000",
  "\uFEFF",
  "😀",
  "𝔘",
  "\uD800",
  "é",
  "—",
  "“",
  "”",
  "---",
  "---\nagreement:\n  model: newco\n---\n",
];

const agreementish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FRAGMENTS),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "binary", maxLength: 6 }),
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(" "));
const anyText = fc.oneof(
  agreementish,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
);

function rangesOf(result: AnalysisResult): Range[] {
  const ranges: Range[] = [result.titleRange];
  for (const f of result.findings) {
    ranges.push(f.range);
    for (const fix of f.fixes) for (const e of fix.edits) ranges.push(e.range);
    for (const r of f.related ?? []) ranges.push(r.range);
  }
  return ranges;
}

function inside(lines: LineIndex, r: Range): boolean {
  const ok = (p: Range["start"]) =>
    p.line >= 0 &&
    p.line < lines.lineCount &&
    p.character >= 0 &&
    p.character <= lines.lineText(p.line).length;
  const ordered =
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

const strip = (r: AnalysisResult) =>
  JSON.stringify({ a: r.agreement, c: r.clauses, f: r.findings, s: r.sections });

describe("analysis properties", () => {
  for (const languageId of ["markdown", "plaintext"]) {
    it(`never throws, is deterministic and keeps ranges inside the document (${languageId})`, () => {
      fc.assert(
        fc.property(anyText, fc.boolean(), (text, force) => {
          const first = analyzer().analyze(text, { languageId, force });
          const second = analyzer().analyze(text, { languageId, force });
          expect(strip(second)).toBe(strip(first));
          const lines = new LineIndex(text);
          for (const r of rangesOf(first)) expect(inside(lines, r), JSON.stringify(r)).toBe(true);
          for (const s of first.sections)
            expect(s.start <= s.ownEnd && s.ownEnd <= s.end && s.end <= text.length).toBe(true);
        }),
        { numRuns: 1500 },
      );
    });
  }

  it("gives the same result from a warm analyzer (caches) as from a fresh one", () => {
    const warm = analyzer();
    fc.assert(
      fc.property(anyText, (text) => {
        expect(strip(warm.analyze(text, { force: true }))).toBe(
          strip(analyzer().analyze(text, { force: true })),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
