/**
 * Paragraph blocks, the unit of the drafting rules' per-block cache (see text-cache.test.ts): the
 * runs of non-blank lines.
 */
import { describe, expect, it } from "vitest";
import { paragraphBlocks } from "../../../server/src/core/drafting/blocks";

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
