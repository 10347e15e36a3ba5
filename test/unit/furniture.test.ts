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
});
