import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskPageFurniture } from "../../server/src/core/furniture";
import { splitSentences } from "../../server/src/core/sentences";
import { LineIndex } from "../../server/src/core/text";

describe("maskPageFurniture", () => {
  it("blanks EDGAR footers and page numbers and joins a sentence broken by the page", () => {
    const text =
      "Licensee shall not supply\n\nSource: ACME INC., 10-Q, 11/14/2019\n\n12\n\nor sell any Competing Product.\n\n5.2 Next. Text.";
    const masked = maskPageFurniture(text, new LineIndex(text));
    expect(masked.length).toBe(text.length);
    expect(masked).not.toContain("Source");
    const sentences = splitSentences(masked).map((s) =>
      masked.slice(s.start, s.end).replace(/\s+/g, " ").trim(),
    );
    expect(sentences[0]).toBe("Licensee shall not supply or sell any Competing Product.");
  });

  it("keeps a paragraph break after a finished sentence and strips a fused running header", () => {
    const text = 'The term ends.\n\nPage 3 of 40\n\nCONFIDENTIAL 1.3 "Law" means law.';
    const masked = maskPageFurniture(text, new LineIndex(text));
    expect(masked.split("\n").map((l) => l.trim())).toEqual([
      "The term ends.",
      "",
      "",
      "",
      '1.3 "Law" means law.',
    ]);
  });

  it("gives the same text whether it reads the whole string or the chunks' masks cut anywhere", () => {
    const line = fc.oneof(
      fc.constantFrom(
        "Source: ACME INC., 10-Q, 11/14/2019",
        "12",
        "Page 3 of 40",
        "CONFIDENTIAL",
        "CONFIDENTIAL 1.3 Law",
        "[***] Confidential treatment requested",
        "",
        "The term ends.",
        "shall not supply",
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom("\n", "\r\n"),
        (lines, cuts, newline) => {
          const text = lines.join(newline);
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parts = [0, ...at].map((from, i) => text.slice(from, at[i] ?? text.length));
          const index = new LineIndex(text);
          const whole = maskPageFurniture(text, index);
          expect(whole.length).toBe(text.length);
          expect(maskPageFurniture(parts, index)).toBe(whole);
        },
      ),
    );
  });

  it("blanks a page break's line breaks and the furniture in it, across the chunks it spans", () => {
    const parts = ["Licensee shall not\n\n", "Page 4\n\n", "sell it.\n"];
    const text = parts.join("");
    expect(maskPageFurniture(parts, new LineIndex(text))).toBe(
      `Licensee shall not${" ".repeat(10)}sell it.\n`,
    );
  });
});
