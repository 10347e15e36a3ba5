/**
 * Word import: .docx fixtures are generated here (test/fixtures/make-docx.ts), converted, and the
 * Markdown checked exactly; then the pieces: Word numbering, the HTML → Markdown converter.
 */
import { describe, expect, it } from "vitest";
import { docxToMarkdown } from "../../server/src/import/docx";
import { escapeText, htmlToMarkdown } from "../../server/src/import/html-to-markdown";
import {
  formatNumber,
  materializeNumbering,
  NumberingState,
  readNumbering,
  readStyles,
} from "../../server/src/import/numbering";
import { analyzer } from "../helpers";
import { makeDocx, SAMPLE_MARKDOWN, sampleAgreement } from "../fixtures/make-docx";

describe("docxToMarkdown", () => {
  it("keeps headings (Title → #), automatic numbering, bold defined terms and tables", async () => {
    const { markdown, numbered } = await docxToMarkdown(await makeDocx(sampleAgreement()));
    expect(markdown).toBe(SAMPLE_MARKDOWN);
    expect(numbered).toBe(9);
  });

  it("gives the analysis the sections Word numbered", async () => {
    const { markdown } = await docxToMarkdown(await makeDocx(sampleAgreement()));
    const result = analyzer().analyze(markdown, { languageId: "markdown", force: true });
    const outline = result.sections.slice(1).map((s) => `${s.kind} ${s.number ?? "-"} ${s.title}`.trim());
    expect(outline).toEqual([
      "heading - License Agreement",
      "heading 1 Definitions",
      "heading 2 Supply",
      "heading 2.1 Supply Failure",
      "paren (a)",
      "paren (b)",
      "heading 2.2 Remedies",
      "heading - Payment Schedule",
    ]);
    expect(result.terms.map((t) => t.term)).toEqual(expect.arrayContaining(["Territory", "Net Sales"]));
  });

  it("rejects files that are not Word documents", async () => {
    await expect(docxToMarkdown(Buffer.from("# not a docx"))).rejects.toThrow(/not a \.docx/);
  });

  it("reads numbering given by styles and keeps bullets as lists", async () => {
    const md = (
      await docxToMarkdown(
        await makeDocx([
          { style: "Heading1", runs: ["Grant"] },
          { style: "Heading2", runs: ["Exclusive License"] },
          { style: "Heading2", runs: ["Sublicenses"] },
          { style: "Heading1", runs: ["Supply"] },
          { style: "Heading2", runs: ["Clinical Supply"] },
          { runs: ["one"], num: { id: 2, level: 0 } },
          { runs: ["nested"], num: { id: 2, level: 1 } },
        ]),
      )
    ).markdown;
    expect(md).toBe(
      "# 1. Grant\n\n## 1.1 Exclusive License\n\n## 1.2 Sublicenses\n\n# 2. Supply\n\n## 2.1 Clinical Supply\n\n- one\n   - nested\n",
    );
  });
});

describe("Word numbering", () => {
  it.each([
    [4, "decimal", "4"],
    [4, "lowerLetter", "d"],
    [28, "lowerLetter", "bb"],
    [4, "upperLetter", "D"],
    [14, "lowerRoman", "xiv"],
    [9, "upperRoman", "IX"],
    [3, "decimalZero", "03"],
    [2, "ordinal", "2nd"],
    [11, "ordinal", "11th"],
    [3, "cardinalText", "Three"],
    [1, "ordinalText", "First"],
  ])("formats %i as %s → %s", (n, fmt, out) => {
    expect(formatNumber(n, fmt)).toBe(out);
  });

  const NUMBERING = `<w:numbering>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="ARTICLE %1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>`;

  it("counts like Word: levels restart under a new parent, isLgl shows parents as digits, overrides restart", () => {
    const state = new NumberingState(readNumbering(NUMBERING), readStyles(""));
    const labels = [
      { numId: "1", ilvl: 0 },
      { numId: "1", ilvl: 1 },
      { numId: "1", ilvl: 2 },
      { numId: "1", ilvl: 2 },
      { numId: "1", ilvl: 1 },
      { numId: "1", ilvl: 2 },
      { numId: "1", ilvl: 0 },
      { numId: "1", ilvl: 1 },
      { numId: "2", ilvl: 2 },
      { numId: "0", ilvl: 0 },
      {},
    ].map((p) => state.next(p));
    expect(labels).toEqual([
      "ARTICLE I",
      "1.1",
      "(a)",
      "(b)",
      "1.2",
      "(a)",
      "ARTICLE II",
      "2.1",
      "(e)",
      null,
      null,
    ]);
  });

  it("writes the numbers into the paragraphs and switches Word numbering off, ignoring tracked property changes", () => {
    const doc =
      '<w:body><w:p w:rsidR="1"><w:pPr><w:pStyle w:val="Body"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' +
      '<w:pPrChange w:id="3"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Supply</w:t></w:r></w:p>' +
      "<w:p><w:r><w:t>plain</w:t></w:r></w:p><w:p/></w:body>";
    const { xml, numbered } = materializeNumbering(doc, NUMBERING, null);
    expect(numbered).toBe(1);
    expect(xml).toBe(
      '<w:body><w:p w:rsidR="1"><w:pPr><w:pStyle w:val="Body"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>' +
        '<w:pPrChange w:id="3"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t xml:space="preserve">ARTICLE I </w:t></w:r><w:r><w:t>Supply</w:t></w:r></w:p>' +
        "<w:p><w:r><w:t>plain</w:t></w:r></w:p><w:p/></w:body>",
    );
  });
});

describe("htmlToMarkdown", () => {
  it("converts mammoth's tags", () => {
    const html =
      '<h2><strong>Heading</strong> two</h2><p>Text with <em>italic</em>, <s>struck</s>, a<br />break and a <a href="https://example.com/a b">link</a>.</p>' +
      '<p>Note<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><ol><li><p>item one</p><ol><li>nested</li></ol></li><li>item two</li></ol>' +
      '<table><tr><td><p>a</p><p>b</p></td><td colspan="2">c</td></tr><tr><td>d</td></tr></table>' +
      '<ol><li id="footnote-1"><p>The note. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(htmlToMarkdown(html)).toBe(
      [
        "## Heading two",
        "Text with *italic*, ~~struck~~, a\\\nbreak and a [link](<https://example.com/a%20b>).",
        "Note[^1]",
        "1. item one\n   1. nested\n2. item two",
        "| a<br>b | c | |\n| --- | --- | --- |\n| d | | |",
        "[^1]: The note.",
      ].join("\n\n") + "\n",
    );
  });

  it("puts quotes inside the bold of defined terms and keeps white space outside markers", () => {
    expect(
      htmlToMarkdown(
        '<p>“<strong>Term</strong>” means x; "<strong>Other </strong>" means y; <strong>Bold </strong>text.</p>',
      ),
    ).toBe('**“Term”** means x; **"Other"** means y; **Bold** text.\n');
  });

  it("escapes only what would become markup", () => {
    expect(escapeText("a*b [***] ____ snake_case _lead <b> [x](y) 5 * 3")).toBe(
      "a\\*b [***] ____ snake_case \\_lead \\<b> \\[x](y) 5 * 3",
    );
    expect(htmlToMarkdown("<p># not a heading</p><p>- not a bullet</p><p>1. a number as typed</p>")).toBe(
      "\\# not a heading\n\n\\- not a bullet\n\n1. a number as typed\n",
    );
    expect(htmlToMarkdown("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>")).toBe(
      "\\<script>alert(1)\\</script> & more\n",
    );
  });
});
