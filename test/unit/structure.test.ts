import { describe, expect, it } from "vitest";
import { maskMarkdown } from "../../server/src/core/markdown";
import { buildSections, isBlank, looksLikeTitle, romanToInt } from "../../server/src/core/structure";
import { LineIndex } from "../../server/src/core/text";
import { TextCache } from "../../server/src/core/text-cache";

function outline(source: string, markdown = false, cache?: TextCache): string[] {
  const m = markdown ? maskMarkdown(source) : { masked: source, headings: [] };
  const lines = new LineIndex(source);
  const headingLines = new Map<number, number>();
  for (const h of m.headings) headingLines.set(lines.positionAt(h.offset).line, h.depth);
  return buildSections({
    masked: m.masked,
    source,
    lines,
    headingLines,
    skipUntil: 0,
    ...(cache ? { cache } : {}),
  })
    .slice(1)
    .map((s) => `${"  ".repeat(s.depth - 1)}${s.number ?? "-"} ${s.title}`.trimEnd());
}

describe("buildSections", () => {
  it("nests articles, numbered sections and (a)/(i) sub-clauses of plain text", () => {
    const text = [
      "ARTICLE V",
      "SUPPLY",
      "",
      "5.1 Clinical Supply. Licensor shall supply.",
      "",
      "(a) first;",
      "",
      "(i) roman one;",
      "",
      "(ii) roman two;",
      "",
      "(b) second.",
      "",
      "5.2 Commercial Supply. Licensee shall manufacture.",
      "",
      "ARTICLE VI - TERMINATION",
      "",
      "6.1 Breach. Either Party may terminate.",
    ].join("\n");
    expect(outline(text)).toEqual([
      "V SUPPLY",
      "  5.1 Clinical Supply",
      "    (a)",
      "      (i)",
      "      (ii)",
      "    (b)",
      "  5.2 Commercial Supply",
      "VI TERMINATION",
      "  6.1 Breach",
    ]);
  });

  it("reads (i) after (h) as a letter, not a Roman numeral", () => {
    const letters = "abcdefghij"
      .split("")
      .map((c) => `(${c}) item;`)
      .join("\n\n");
    expect(outline(`1. List.\n\n${letters}`).map((l) => l.trim())).toEqual(
      ["1. List", "(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)"].map((l) =>
        l.replace("1. List", "1 List"),
      ),
    );
  });

  it("takes Markdown headings and bold run-in titles", () => {
    const md =
      "# Licence Agreement\n\n## 2. License Grant\n\n**2.1 Exclusive License.** Licensor grants.\n\n**2.2 Retained Rights.** Licensor keeps.\n\n## 3. Supply\n\nText.\n";
    expect(outline(md, true)).toEqual([
      "- Licence Agreement",
      "  2 License Grant",
      "    2.1 Exclusive License",
      "    2.2 Retained Rights",
      "  3 Supply",
    ]);
  });

  it("recognises ALL-CAPS heading lines and exhibits, and skips a table of contents", () => {
    const text =
      "TABLE OF CONTENTS\n\n1. Definitions 1\n2. Supply 4\n\nThis agreement is made between the parties named below on the date written above today.\n\n1. DEFINITIONS\n\nWords.\n\nEXHIBIT A\n\nPRODUCT SPECIFICATIONS\n\nText.";
    expect(outline(text)).toEqual(["1 DEFINITIONS", "A", "  - PRODUCT SPECIFICATIONS"]);
  });

  it("does not start sections at decimals or mid-sentence numbers", () => {
    expect(outline("The fee is\n2.5 million dollars payable\n2020. The end")).toEqual([]);
  });
});

describe("helpers", () => {
  it("converts Roman numerals", () => {
    expect([romanToInt("XIV"), romanToInt("iv"), romanToInt("abc")]).toEqual([14, 4, NaN]);
  });
  it("recognises titles", () => {
    expect(looksLikeTitle("Term and Termination")).toBe(true);
    expect(looksLikeTitle("the parties shall negotiate")).toBe(false);
  });
});

describe("filed agreements with collapsed lines", () => {
  it("splits a collapsed line at inline section numbers and reads Roman-dot articles and lettered sub-sections", () => {
    const line =
      'Exhibit 10.1\n\nSUPPLY AGREEMENT\n\nThe Parties agree as follows:   I. DEFINITIONS   "Product" means the vial.   II. LICENSE   A. HEMISPHERX grants a licence.   B. SCIEN shall sell.   1. First duty of the seller in the territory.   2. Second duty.   C. Term of the licence.   III. SUPPLY   A. Licensor shall supply the product.';
    expect(outline(line)).toEqual([
      "- SUPPLY AGREEMENT",
      "I DEFINITIONS",
      "II LICENSE",
      "  A",
      "  B",
      "    1",
      "    2",
      "  C",
      "III SUPPLY",
      "  A",
    ]);
  });

  it("marks numbered definitions so their terms are not taken for clause headings", () => {
    const text =
      '1. DEFINITIONS\n\n1.1 "Exclusivity Period" means five years.\n\n1.2 Supply. Licensor shall supply.';
    const lines = new LineIndex(text);
    const sections = buildSections({
      masked: text,
      source: text,
      lines,
      headingLines: new Map(),
      skipUntil: 0,
    });
    expect(sections.slice(1).map((s) => [s.number, s.title, s.definition ?? false])).toEqual([
      ["1", "DEFINITIONS", false],
      ["1.1", "Exclusivity Period", true],
      ["1.2", "Supply", false],
    ]);
  });
});

describe("sections run together on one line", () => {
  it("starts a section at a dotted number after a sentence end when a term or run-in title follows", () => {
    const text =
      'EXCLUSIVE LICENSE AGREEMENT made by and between the parties. 1.1 "Affiliates" means any entity. 1.2 "Product" means the drug. 2.1 Grant of License. Licensor grants a licence under Section 2.1 of the Other Agreement.';
    expect(outline(text)).toEqual(["1.1 Affiliates", "1.2 Product", "2.1 Grant of License"]);
  });
});

describe("a table of contents", () => {
  it("lists headings that start no section, until a paragraph of twelve words or more", () => {
    const text = [
      "TABLE OF CONTENTS",
      "",
      "1. Definitions",
      "",
      "2. Supply",
      "",
      "These words are fewer than twelve and do not end it.",
      "",
      "3. Term",
      "",
      "This paragraph has twelve words and so it ends the contents list.",
      "",
      "1. Definitions",
      "",
      "1.1 Term. The term of the agreement.",
    ].join("\n");
    expect(outline(text)).toEqual(["1 Definitions", "  1.1 Term"]);
  });
});

describe("blocks of lines read once and kept", () => {
  it("reads a blank line as trim does, for every UTF-16 code unit", () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const line = ` ${String.fromCharCode(c)}\t`;
      if (isBlank(line, 0, line.length) !== (line.trim() === "")) differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  it("reads the same block differently where its source, its headings or its place near the top differ", () => {
    // Each document holds two blocks with the same masked text that read differently: a cache keyed
    // by that text alone would answer the second as it answered the first. The first two start past
    // the lines near the top, which are told apart by their numbers.
    const TOP = "Text.\n\n".repeat(3);
    const cases: Array<[string, string[]]> = [
      [
        `${TOP}1. Supply\n\n**1.1 Licensor shall supply.** The rest.\n\n  1.1 Licensor shall supply.   The rest.`,
        ["1 Supply", "  1.1 Licensor shall supply", "  1.1"],
      ],
      // A Setext heading's title line is masked and written as a plain line is: only its depth differs.
      [`${TOP}Supply\n------\n\nLicensor shall supply.\n\nSupply\n\nLicensor shall supply.`, ["- Supply"]],
      [`Title\n\nEXHIBIT 10.1\n\n${"Text.\n\n".repeat(3)}EXHIBIT 10.1\n`, ["10.1"]],
    ];
    for (const [text, expected] of cases) {
      expect(outline(text, true)).toEqual(expected);
      // Twice with one cache: the second reading takes every block from the first.
      const cache = new TextCache();
      expect(outline(text, true, cache)).toEqual(expected);
      expect(outline(text, true, cache)).toEqual(expected);
    }
  });
});
