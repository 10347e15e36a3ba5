import { describe, expect, it } from "vitest";
import { findNumberingGaps } from "../../../server/src/core/drafting/numbering";
import { draftingInput, textAt } from "./doc";

describe("numbering-gap", () => {
  it("reports a skipped number on the heading of the section after the gap", () => {
    const src = `# Agreement\n\n## 5. Supply\n\n**5.1 Forecasts.** Text.\n\n**5.2 Orders.** Text.\n\n**5.4 Delivery.** Text.\n`;
    const doc = draftingInput(src);
    const [f, ...rest] = findNumberingGaps(doc);
    expect(rest).toEqual([]);
    expect(f!.rule).toBe("numbering-gap");
    expect(f!.severity).toBe(2);
    expect(f!.message).toBe("5.4 follows 5.2: 5.3 is missing.");
    expect(f!.range).toEqual({ start: { line: 8, character: 2 }, end: { line: 8, character: 5 } });
    expect(textAt(doc, f!.range)).toBe("5.4");
  });

  it("reports a duplicated number with the first one as related information", () => {
    const src = `# Agreement\n\n## 5. Supply\n\n**5.1 Forecasts.** Text.\n\n**5.2 Orders.** Text.\n\n**5.2 Delivery.** Text.\n\n**5.3 Title.** Text.\n`;
    const [f, ...rest] = findNumberingGaps(draftingInput(src));
    expect(rest).toEqual([]);
    expect(f!.message).toBe("5.2: duplicated number (also on line 7).");
    expect(f!.range.start.line).toBe(8);
    expect(f!.related).toEqual([
      {
        range: { start: { line: 6, character: 2 }, end: { line: 6, character: 5 } },
        message: "5.2 is first used here.",
      },
    ]);
  });

  it("checks articles, headings and lettered items, and a first sub-section that is not 1", () => {
    const src = `AGREEMENT\n\nARTICLE I\nDEFINITIONS\n\n1.1 Terms. Text.\n\nARTICLE II\nGRANT\n\n2.2 Grant. Text.\n\n(a) first;\n\n(b) second;\n\n(d) fourth.\n\nARTICLE IV\nTERM\n\n4.1 Term. Text.\n`;
    const messages = findNumberingGaps(draftingInput(src, false)).map((f) => f.message);
    expect(messages).toEqual([
      "Section 2.2 is the first of its sub-sections: 2.1 is missing.",
      "(d) follows (b): (c) is missing.",
      "IV follows II: III is missing.",
    ]);
  });

  it("accepts restarted lists, items written inline and a clean sequence", () => {
    const src = `# Agreement\n\n## 1. Definitions\n\n**1.1** Text.\n\n**1.2** Text.\n\n## 2. Payments\n\n**2.1 Milestones.** Upon each event:\n\n(a) first; and (b) second;\n\n(c) third.\n\n**2.2 Royalties.** Rates:\n\n(a) five percent;\n\n(b) six percent.\n\n## 3. Term\n\nText.\n`;
    expect(findNumberingGaps(draftingInput(src))).toEqual([]);
  });
});
