import { describe, expect, it } from "vitest";
import { findPlaceholders, isRedactedCopy } from "../../../server/src/core/drafting/placeholders";
import { analyzer } from "../../helpers";
import { applyEdits, draftingInput, textAt } from "./doc";

describe("placeholder", () => {
  it("reports each blank of a draft with a fix that turns it into a tab stop", () => {
    const src = `# Agreement

**1.1** The upfront payment is USD [●] and is due on [DATE].

**1.2** The cap is [TBD], the rate [X]% and the payee [insert name of bank].

**1.3** Notices go to {{notice_address}} and ______ copies.

[NTD: Lumina to confirm the cap.]

By: ______________________

Name: ____________
`;
    const doc = draftingInput(src);
    const findings = findPlaceholders(doc);
    expect(findings.map((f) => textAt(doc, f.range))).toEqual([
      "[●]",
      "[DATE]",
      "[TBD]",
      "[X]",
      "[insert name of bank]",
      "{{notice_address}}",
      "______",
      "[NTD: Lumina to confirm the cap.]",
    ]);
    const first = findings[0]!;
    expect(first.rule).toBe("placeholder");
    expect(first.severity).toBe(2);
    expect(first.message).toBe("Unfilled placeholder [●].");
    expect(first.range).toEqual({ start: { line: 2, character: 35 }, end: { line: 2, character: 38 } });
    expect(first.fixes).toEqual([
      { title: "Fill in [●]", edits: [{ range: first.range, snippet: "${1:●}" }] },
    ]);
    expect(findings[1]!.fixes[0]!.edits[0]!.snippet).toBe("${1:DATE}");
    expect(findings[4]!.fixes[0]!.edits[0]!.snippet).toBe("${1:insert name of bank}");
    expect(findings[5]!.fixes[0]!.edits[0]!.snippet).toBe("${1:notice_address}");
    const note = findings[7]!;
    expect(note.message).toBe("Note to draft left in the text: [NTD: Lumina to confirm the cap.]");
    expect(note.fixes[0]!.title).toBe("Remove the note to draft");
    expect(applyEdits(src, note.fixes[0]!.edits)).not.toContain("NTD");
    expect(applyEdits(src, note.fixes[0]!.edits)).toContain("______ copies.\n\nBy:");
  });

  it("escapes snippet syntax in a label", () => {
    const doc = draftingInput("# A\n\nPay {{amount}} and [insert $ amount].\n");
    expect(findPlaceholders(doc)[1]!.fixes[0]!.edits[0]!.snippet).toBe("${1:insert \\$ amount}");
  });

  it("does not report redactions of a filed copy, and reads [●] there as a redaction too", () => {
    const src = `Exhibit 10.1\n\nCONFIDENTIAL TREATMENT REQUESTED. [***] INDICATES OMITTED MATERIAL.\n\n1.1 The fee is [***] payable on [ * ] and [Redacted], within ***** days, rate [●].\n\n1.2 [RESERVED]\n`;
    expect(isRedactedCopy(src, false)).toBe(true);
    expect(findPlaceholders(draftingInput(src, false))).toEqual([]);
  });

  it("reads [●] as a redaction in a filing whose only legend is its running page header", () => {
    // The header is page furniture, blanked from the analysis text; the legend still counts.
    const page = (body: string) => `${body}\n\nCONFIDENTIAL TREATMENT REQUESTED\n\n`;
    const filing = [
      "SUPPLY AGREEMENT",
      "This Supply Agreement is made between Alpha Inc. and Beta AG.",
      "1.1 The price is [●] per unit, payable within thirty days of invoice.",
      "1.2 Beta shall deliver the Product within [●] days of each purchase order.",
    ]
      .map(page)
      .join("");
    const placeholders = (text: string) =>
      analyzer()
        .analyze(text, { languageId: "plaintext", force: true })
        .findings.filter((f) => f.rule === "placeholder").length;
    expect(placeholders(filing)).toBe(0);
    // Without the header the two [●] are blanks to fill: the test above is quiet for the header alone.
    expect(placeholders(filing.replaceAll("CONFIDENTIAL TREATMENT REQUESTED", "Page"))).toBe(2);
  });

  it("reads [●] as a blank in a draft without redactions, and leaves [A], [4,5-d] and task boxes alone", () => {
    const src = `# Draft\n\n1.1 The fee is [●], see Schedule [A] and compound [4,5-d].\n\n- [X] reviewed\n`;
    const doc = draftingInput(src);
    expect(isRedactedCopy(src, true)).toBe(false);
    expect(findPlaceholders(doc).map((f) => textAt(doc, f.range))).toEqual(["[●]"]);
  });
});
