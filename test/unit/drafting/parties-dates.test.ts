import { describe, expect, it } from "vitest";
import { findDateProblems, findDates } from "../../../server/src/core/drafting/dates";
import { findPartyVariants } from "../../../server/src/core/drafting/parties";
import { applyEdits, draftingInput, textAt } from "./doc";

const PARTIES = `# License Agreement

This License Agreement is entered into by and between **Suzhou Lumina Biopharma Co., Ltd.**, a company organized under the laws of China ("Lumina"), and **Nordvik Pharma AG**, a stock corporation organized under the laws of Switzerland ("Nordvik").

## 1. Grant

Under this Agreement, Lumina grants Nordvik Pharma A.G. a license. NordVik shall pay Lumina. NORDVIK PHARMA AG and Nordvik Pharma AG sign below.
`;

describe("party-consistency", () => {
  it("reports variant spellings of a party's full and short names, fixed to the defined short name", () => {
    const doc = draftingInput(PARTIES);
    const findings = findPartyVariants(doc);
    expect(findings.map((f) => textAt(doc, f.range))).toEqual(["Nordvik Pharma A.G.", "NordVik"]);
    const [full, short] = findings;
    expect(full!.rule).toBe("party-consistency");
    expect(full!.severity).toBe(2);
    expect(full!.message).toBe(
      '"Nordvik Pharma A.G." is a variant spelling of the party name "Nordvik Pharma AG", defined as "Nordvik".',
    );
    expect(full!.range).toEqual({ start: { line: 6, character: 36 }, end: { line: 6, character: 55 } });
    expect(full!.fixes).toEqual([
      { title: 'Replace with "Nordvik"', edits: [{ range: full!.range, snippet: "Nordvik" }] },
    ]);
    expect(short!.message).toBe('"NordVik" is a variant spelling of the party name "Nordvik".');
    expect(applyEdits(PARTIES, short!.fixes[0]!.edits)).toContain("a license. Nordvik shall pay");
  });

  it("reports a legal name cut short and a one-letter misspelling of a party's short name", () => {
    const src = PARTIES.replace(
      "Lumina grants Nordvik Pharma A.G. a license. NordVik shall pay Lumina.",
      "Suzhou Lumina Biopharma grants Nordvik a license. Nordvk shall pay Lumina.",
    );
    const doc = draftingInput(src);
    expect(findPartyVariants(doc).map((f) => f.message)).toEqual([
      '"Suzhou Lumina Biopharma" is a variant spelling of the party name "Suzhou Lumina Biopharma Co., Ltd", defined as "Lumina".',
      '"Nordvk" is a variant spelling of the party name "Nordvik".',
    ]);
  });

  it("does not take a role's real-word neighbours for misspellings", () => {
    const src = `# Agreement\n\nThis Agreement is made by and between Alpha Inc. ("Licensor") and Beta AG ("Licensee").\n\n1.1 Licensor grants Licenses to Licensee.\n`;
    expect(findPartyVariants(draftingInput(src))).toEqual([]);
  });

  it("accepts the defined spellings, capitals and possessives", () => {
    const src = PARTIES.replace(
      "Nordvik Pharma A.G. a license. NordVik shall pay",
      "Nordvik a license. Nordvik's Affiliates shall pay",
    );
    expect(findPartyVariants(draftingInput(src))).toEqual([]);
  });
});

describe("date-sanity", () => {
  it("reports dates that cannot exist", () => {
    const src = `# Agreement\n\n1.1 Payment is due on February 30, 2025, or 31 April 2026, or 2025-13-01, or 2/30/2025.\n\n1.2 Valid: February 29, 2024, 30 April 2026, 2025-12-31, 13/02/2025, May 31.\n`;
    const doc = draftingInput(src);
    const findings = findDateProblems(doc);
    expect(findings.map((f) => textAt(doc, f.range))).toEqual([
      "February 30, 2025",
      "31 April 2026",
      "2025-13-01",
      "2/30/2025",
    ]);
    expect(findings[0]!.message).toBe('"February 30, 2025" is not a valid date.');
    expect(findings[0]!.range).toEqual({
      start: { line: 2, character: 22 },
      end: { line: 2, character: 39 },
    });
    expect(findings[3]!.message).toBe(
      '"2/30/2025" is not a valid date in either month/day or day/month order.',
    );
  });

  it("reports an expiry date before the effective date", () => {
    const src = `# Agreement\n\nThis Agreement is entered into as of March 3, 2025 (the "Effective Date").\n\n## 12. Term\n\n12.1 This Agreement shall expire on December 31, 2024 unless extended.\n`;
    const doc = draftingInput(src);
    const [f, ...rest] = findDateProblems(doc);
    expect(rest).toEqual([]);
    expect(f!.message).toBe(
      "The agreement expires on December 31, 2024, before its effective date (March 3, 2025).",
    );
    expect(textAt(doc, f!.range)).toBe("December 31, 2024");
    expect(textAt(doc, f!.related![0]!.range)).toBe("March 3, 2025");
  });

  it("accepts an expiry after the effective date and a leap day", () => {
    const src = `# Agreement\n\nThis Agreement is dated as of February 29, 2024 (the "Effective Date").\n\n12.1 The Term shall end on December 31, 2030.\n`;
    expect(findDateProblems(draftingInput(src))).toEqual([]);
    expect(findDates("on 29 February 2023").map((d) => d.valid)).toEqual([false]);
  });
});
