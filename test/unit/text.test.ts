import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../server/src/core/sentences";
import { findDefinedTerms, isDefinitionSentence } from "../../server/src/core/definitions";
import { escapeSnippet, joinSnippets, snippetToPlain } from "../../server/src/core/snippet";
import { countBelow, LineIndex, lineStartMatches } from "../../server/src/core/text";

describe("LineIndex", () => {
  it("counts UTF-16 code units and handles CRLF", () => {
    const idx = new LineIndex("a😀b\r\nsecond\rthird");
    expect(idx.positionAt(3)).toEqual({ line: 0, character: 3 });
    expect(idx.positionAt(6)).toEqual({ line: 1, character: 0 });
    expect(idx.lineText(2)).toBe("third");
    expect(idx.offsetAt({ line: 0, character: 99 })).toBe(4);
  });

  it("starts a line after every LF, CRLF and lone CR, with or without carriage returns in the text", () => {
    const text = fc.string({ unit: fc.constantFrom("a", " ", "\n", "\r", "\r\n", "😀"), maxLength: 40 });
    fc.assert(
      fc.property(text, (t) => {
        const starts = [0];
        for (const m of t.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
        expect(new LineIndex(t).lineStarts).toEqual(starts);
      }),
    );
  });
});

describe("countBelow", () => {
  it("counts the values of an ascending list below a value", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 })), fc.integer({ min: -6, max: 6 }), (values, v) => {
        const sorted = values.sort((a, b) => a - b);
        expect(countBelow(sorted, v)).toBe(sorted.filter((x) => x < v).length);
      }),
    );
  });
});

describe("lineStartMatches", () => {
  it("finds what a global scan finds, for expressions that match only at the start or a line feed", () => {
    const expressions = [
      /(?:^|\n)[ \t#*]*(Exhibit|EXHIBIT)\s+([A-Z]|\d)(?![A-Za-z0-9])/g,
      /(^|\n)[ \t]*(?:\d[\d.]*\s+)?\*\*([^*\n]{1,8})\*\*[ \t]*(?:means|:)/g,
      // Can match nothing at all, and across lines.
      /(?:^|\n)a*/g,
      /(?:^|\n)\s*b/g,
      // Can end past the next line feed.
      /(?:^|\n)a\s*/g,
    ];
    // Headings and definitions, and a small alphabet that reaches every way lines and matches can meet.
    const text = fc.oneof(
      fc.array(
        fc.constantFrom("\n", " ", "#", "**", "Exhibit", "EXHIBIT", "A", "1", "a", "b", ":", "means", "\r"),
        { maxLength: 30 },
      ),
      fc.array(fc.constantFrom("\n", "a", "b", " "), { maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(...expressions), (parts, re) => {
        const t = parts.join("");
        const shape = (ms: RegExpExecArray[] | RegExpMatchArray[]) => ms.map((m) => [m.index, ...m]);
        expect(shape(lineStartMatches(re, t))).toEqual(shape([...t.matchAll(re)]));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("splitSentences", () => {
  it("does not split at section numbers, abbreviations or initials", () => {
    const text = "Under Section 5.1 Acme Inc. shall pay U.S. taxes. Then it ends. (b) Next";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "Under Section 5.1 Acme Inc. shall pay U.S. taxes.",
      " Then it ends.",
      " (b) Next",
    ]);
  });
});

describe("defined terms", () => {
  it("finds means-definitions, parenthetical and bold definitions", () => {
    const src =
      '1.4 "Competing Product" means any product.\nNordvik Pharma AG ("Licensee") and the "Territory" shall mean China.\n**Supply Failure** means a shortfall.';
    expect(findDefinedTerms(src, src).map((t) => t.term)).toEqual([
      "Competing Product",
      "Licensee",
      "Territory",
      "Supply Failure",
    ]);
    expect(isDefinitionSentence('"Territory" means the PRC.')).toBe(true);
    expect(isDefinitionSentence("Licensee shall report quarterly.")).toBe(false);
  });
});

describe("snippets", () => {
  it("escapes literal text and converts snippets to plain text", () => {
    expect(escapeSnippet("USD $100,000 {x} \\")).toBe("USD \\$100,000 {x\\} \\\\");
    expect(snippetToPlain("within ${1:thirty (30)} days, pay \\$5 to ${2:Licensee}$0")).toBe(
      "within thirty (30) days, pay $5 to Licensee",
    );
    expect(joinSnippets(["a ${1:x} $2", "b ${1:y}"], "\n")).toBe("a ${1:x} $2\nb ${3:y}");
  });
});
