import { describe, expect, it } from "vitest";
import { maskMarkdown, splitChunks } from "../../server/src/core/markdown";

describe("maskMarkdown", () => {
  it("blanks syntax but keeps prose and list numbers at their offsets", () => {
    const src =
      "## 5. Supply\n\n**5.1 Clinical.** Licensor *shall* supply `API`.\n\n5. Numbered item\n\n```\ncode here\n```\n";
    const { masked, headings } = maskMarkdown(src);
    expect(masked.length).toBe(src.length);
    expect(masked.split("\n")).toEqual([
      "   5. Supply",
      "",
      "  5.1 Clinical.   Licensor  shall  supply  API .",
      "",
      "5. Numbered item",
      "",
      "   ",
      "         ",
      "   ",
      "",
    ]);
    expect(headings).toEqual([{ offset: 0, depth: 2 }]);
  });

  it("masks front matter, HTML comments and blockquote markers", () => {
    const src = "---\nagreement:\n  model: newco\n---\n> quoted\n> text\n\n<!-- note -->\n";
    const { masked, html } = maskMarkdown(src);
    const blank = (line: string) => line.replace(/./g, " ");
    expect(masked.split("\n")).toEqual([
      ...["---", "agreement:", "  model: newco", "---"].map(blank),
      "  quoted",
      "  text",
      "",
      blank("<!-- note -->"),
      "",
    ]);
    expect(html.map((h) => h.text)).toEqual(["<!-- note -->"]);
  });

  it("splits only at safe blank lines and concatenates back to the source", () => {
    const src = "a\n\n```\nx\n\ny\n```\n\n<!--\n\n-->\nb\n\n  indented\n\nc";
    const chunks = splitChunks(src);
    expect(chunks.join("")).toBe(src);
    expect(chunks).toEqual(["a\n\n", "```\nx\n\ny\n```\n\n", "<!--\n\n-->\nb\n\n  indented\n\n", "c"]);
  });
});
