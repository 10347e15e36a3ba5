import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TABLE_DEFINITION_RE, tableDefinitionMatches } from "../../../server/src/core/drafting/glossary";
import { UNKEPT_NUMBER, unkeptNumberMatches } from "../../../server/src/core/drafting/references";

// The drafting rules scan some expressions only where a match can be: these check the narrowed scans
// against a scan of the whole text, on real agreements and on texts made of the pieces a match is
// made of.
const shape = (ms: RegExpExecArray[] | RegExpMatchArray[]) => ms.map((m) => [m.index, ...m]);

const corpus = path.resolve(__dirname, "../../../../shared/corpus/agreements");
const realTexts = [
  ...readdirSync(corpus).map((f) => readFileSync(path.join(corpus, f), "utf8")),
  ...["co-development-agreement.md", "newco-counterparty-draft.md", "out-licensing-draft.md"].map((f) =>
    readFileSync(path.resolve(__dirname, "../../../samples", f), "utf8"),
  ),
];

// Small alphabets, so that short texts often hold a match or nearly do.
const numbers = fc.array(
  fc.constantFrom("1", "23", "456", ".", " ", "\n", "\n\n", "A", "a", "“", "Section", "and", ":", "(", "§"),
  { maxLength: 16 },
);
const tables = fc.array(
  fc.constantFrom(
    "Net",
    "Sales",
    " ",
    "\t",
    "\n",
    "\r\n",
    "shall",
    "means",
    "mean",
    "s",
    " / ",
    "MA",
    "x",
    ".",
    "-",
  ),
  { maxLength: 16 },
);

describe.each([
  // A number at the text's start; one of three digits after a colon and a line break.
  [
    "unkeptNumberMatches",
    UNKEPT_NUMBER,
    unkeptNumberMatches,
    numbers,
    ["1.2 Term", "as follows:\n123.45 any"],
  ],
  // "shall" lines above "mean"; the term on the text's first line, a blank line below it.
  [
    "tableDefinitionMatches",
    TABLE_DEFINITION_RE,
    tableDefinitionMatches,
    tables,
    ["Net Sales\nthe amount shall\n\n\nmean x.", "Term / T\n\nmeans"],
  ],
] as const)("%s", (_name, re, narrowed, pieces, edges) => {
  it("finds what a scan of the whole text finds, on the corpus agreements and the samples", () => {
    let found = 0;
    for (const text of realTexts) {
      const whole = [...text.matchAll(re)];
      expect(shape(narrowed(text))).toEqual(shape(whole));
      found += whole.length;
    }
    // The comparison means something only if the texts hold matches.
    expect(found).toBeGreaterThan(0);
  });

  it("finds the matches at the edges of what it scans", () => {
    for (const text of edges) {
      expect(shape(narrowed(text))).toEqual(shape([...text.matchAll(re)]));
      expect(narrowed(text)).not.toEqual([]);
    }
  });

  // One long line full of places to try. Looking back for line feeds from each "mean" was quadratic:
  // 8 s on 400 KB of "x means ", so this 1.6 MB line would show it as a timeout, not a slow pass.
  it("reads one long line full of candidates in one pass", () => {
    for (const text of ["x means ".repeat(200_000), "1.2 x ".repeat(266_000)])
      expect(shape(narrowed(text))).toEqual(shape([...text.matchAll(re)]));
  });

  it("finds what a scan of the whole text finds, on any arrangement of the pieces that matter", () => {
    fc.assert(
      fc.property(pieces, (parts) => {
        const text = parts.join("");
        expect(shape(narrowed(text))).toEqual(shape([...text.matchAll(re)]));
      }),
      { numRuns: 20_000 },
    );
  });
});
