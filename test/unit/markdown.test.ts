import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corpusToMarkdown } from "../../scripts/bench/docs";
import {
  blockMask,
  groupChunks,
  maskMarkdown,
  parseAndMaskChunk,
  quickMask,
  runInMask,
  splitChunks,
  syntaxFree,
} from "../../server/src/core/markdown";
import { ROOT } from "../helpers";

const CORPUS = path.join(ROOT, "../shared/corpus/agreements");

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

describe("syntaxFree: chunks masked without parsing", () => {
  /** Every chunk, as maskMarkdown groups them, of the samples and of corpus agreements turned into Markdown. */
  function realChunks(): string[] {
    const texts = readdirSync(path.join(ROOT, "samples"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => readFileSync(path.join(ROOT, "samples", f), "utf8"));
    if (existsSync(CORPUS)) {
      let n = 0;
      for (const f of readdirSync(CORPUS).sort().slice(0, 8)) {
        texts.push(corpusToMarkdown(readFileSync(path.join(CORPUS, f), "utf8"), () => ++n));
        // As filed: plain text with its indentation and page furniture, read as Markdown.
        texts.push(readFileSync(path.join(CORPUS, f), "utf8"));
      }
    }
    return texts.flatMap((t) => [...splitChunks(t), ...groupChunks(splitChunks(t)).map((g) => g.text)]);
  }

  const parsed = (chunk: string) => {
    const m = parseAndMaskChunk(chunk);
    return { masked: m.masked, headings: m.headings, html: m.html };
  };

  it("is claimed only where the parser's mask is the chunk itself, on real agreements", () => {
    const chunks = realChunks();
    const free = chunks.filter((c) => syntaxFree(c));
    const runIn = chunks.filter((c) => runInMask(c) !== null);
    // Most of an agreement is plain prose or run-in paragraphs: the fast paths must matter, or they are dead weight.
    expect(free.length / chunks.length).toBeGreaterThan(0.3);
    expect(runIn.length).toBeGreaterThan(50);
    for (const chunk of free) expect(parsed(chunk)).toEqual({ masked: chunk, headings: [], html: [] });
    for (const chunk of runIn)
      expect(parsed(chunk)).toEqual({ masked: runInMask(chunk), headings: [], html: [] });
    const blocks = chunks.filter((c) => blockMask(c) !== null);
    expect(blocks.length).toBeGreaterThan(50);
    for (const chunk of blocks) expect(parsed(chunk)).toEqual(blockMask(chunk));
  });

  it("is claimed only where the parser's mask is the chunk itself, on generated near-Markdown", () => {
    const piece = fc.constantFrom(
      "Licensee",
      "shall",
      " ",
      "  ",
      "\n",
      "\r\n",
      "\n\n",
      "    ",
      "-",
      "- ",
      "--",
      "-- --",
      "=",
      "==",
      "+",
      "1.",
      "1)",
      "12. ",
      "#",
      "# ",
      ">",
      "a.b",
      "www.x",
      "http://x",
      ":",
      "/",
      "(a)",
      '"',
      "'",
      "$",
      "%",
      "^",
      "!",
      "?",
      "é",
      "😀",
      ".",
      ",",
      "5.1",
      "   ",
      "***",
      "__",
      "[x]",
      "`",
      "~",
      "\\",
      "<b>",
      "&amp;",
      "|",
      "@",
      "\t",
      "\u0000",
      "**",
      "**5.1 Supply.**",
      "** x**",
      "**x **",
      '**"Term"**',
      "**a.**b",
      "**a**b",
      "  **",
      "*",
      "\u00a0",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...["", "**5.1 Supply.** ", "**Term**", '  **"Agreement"**', "**a.**", "** x**"],
          ...["## ", "  # ", "###### ", "####### ", "1. ", "12) ", "   3. ", "1.     ", "1.", "# #", "#\t"],
        ),
        fc.array(piece, { maxLength: 40 }),
        (head, parts) => {
          const chunk = head + parts.join("");
          if (syntaxFree(chunk)) expect(parsed(chunk)).toEqual({ masked: chunk, headings: [], html: [] });
          const runIn = runInMask(chunk);
          if (runIn !== null) expect(parsed(chunk)).toEqual({ masked: runIn, headings: [], html: [] });
          const block = blockMask(chunk);
          if (block !== null) expect(parsed(chunk)).toEqual(block);
        },
      ),
      { numRuns: 4000 },
    );
  });

  it("agrees with the parser on the near-Markdown that longer generated runs once broke", () => {
    // A one-column table has no pipe ("Term" over ":-"); an empty nested item ends its line ("1. 1)").
    for (const chunk of ["**Term**\n:- ", "Term\n:-", "1. 1)\n\n", "1. 2.\r\n"]) {
      const quick = quickMask(chunk);
      if (quick !== null) expect(parsed(chunk), JSON.stringify(chunk)).toEqual(quick);
    }
    expect(quickMask("**Term**\n:- ")).toBeNull();
  });

  it("sends every kind of block and inline syntax to the parser", () => {
    for (const chunk of [
      "# Title",
      "   > quote",
      "- item",
      "+ item",
      "1. item",
      "12) item",
      "Title\n=====",
      "Title\n-----",
      "-- --",
      "Term\n:-",
      "Term\n :--: ",
      "    code",
      "a *b*",
      "a _b_",
      "a [b](c)",
      "a `b`",
      "a ~~b~~",
      "a \\* b",
      "a <b>",
      "a &amp; b",
      "| a | b |",
      "x@y.com",
      "see www.x.com",
      "see https://x.com",
      "a\tb",
      "a\u0000b",
    ]) {
      expect(syntaxFree(chunk), chunk).toBe(false);
    }
    expect(
      syntaxFree(
        "Licensee shall use Commercially Reasonable Efforts (as defined in Section 1.12) in the Territory.",
      ),
    ).toBe(true);
  });
});

describe("redactions in Markdown", () => {
  it("stay text, even where two [***] in a paragraph would read as emphasis", () => {
    const src =
      "Licensee shall pay [***] dollars within [***] days and [ * ] per unit.\n\n**5.2 Fees.** A fee of [***] within [***] days.\n";
    expect(maskMarkdown(src).masked).toBe(
      "Licensee shall pay [***] dollars within [***] days and [ * ] per unit.\n\n  5.2 Fees.   A fee of [***] within [***] days.\n",
    );
    // Real emphasis next to a redaction is still masked.
    expect(maskMarkdown("Pay *promptly* [***] and [***].\n").masked).toBe(
      "Pay  promptly  [***] and [***].\n",
    );
  });
});
