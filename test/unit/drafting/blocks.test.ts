/**
 * Paragraph blocks and the per-block cache the drafting rules keep between keystrokes: blocks are the
 * runs of non-blank lines, and a cached value is computed once per block text and forgotten when the
 * latest analysis no longer has that block.
 */
import { describe, expect, it } from "vitest";
import { paragraphBlocks } from "../../../server/src/core/drafting/blocks";
import { TextCache } from "../../../server/src/core/text-cache";

describe("paragraphBlocks", () => {
  it("splits at blank lines, a line of spaces or tabs counting as blank", () => {
    const text = "\n# Title\n\nFirst line\nsecond line\n  \t\nThird\r\n\r\nLast";
    expect(paragraphBlocks(text)).toEqual([
      { start: 1, text: "# Title" },
      { start: 10, text: "First line\nsecond line" },
      { start: 37, text: "Third\r" },
      { start: 46, text: "Last" },
    ]);
    for (const b of paragraphBlocks(text)) expect(text.slice(b.start, b.start + b.text.length)).toBe(b.text);
  });

  it("gives no block for an empty or blank text", () => {
    expect(paragraphBlocks("")).toEqual([]);
    expect(paragraphBlocks(" \n\t\n")).toEqual([]);
  });
});

describe("TextCache", () => {
  it("computes a value once per kind and text, and forgets what the latest analysis did not use", () => {
    const cache = new TextCache();
    const computed: string[] = [];
    const length = (text: string) => {
      computed.push(text);
      return text.length;
    };
    expect(cache.get("length", "alpha", length)).toBe(5);
    expect(cache.get("length", "beta", length)).toBe(4);
    expect(cache.get("length", "alpha", length)).toBe(5);
    expect(cache.get("upper", "alpha", (t) => t.toUpperCase())).toBe("ALPHA");
    cache.sweep();
    // The next analysis has "alpha" only: "beta" is dropped at the sweep after it.
    expect(cache.get("length", "alpha", length)).toBe(5);
    cache.sweep();
    expect(cache.get("length", "beta", length)).toBe(4);
    expect(computed).toEqual(["alpha", "beta", "beta"]);
  });
});
