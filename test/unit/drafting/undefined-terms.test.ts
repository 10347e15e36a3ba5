import { describe, expect, it } from "vitest";
import { findUndefinedTerms, findTermCandidates } from "../../../server/src/core/drafting/undefined-terms";
import { applyEdits, draftingInput, textAt } from "./doc";

const AGREEMENT = `# License Agreement

This License Agreement (the "Agreement") is made by and between Alpha Bio Co., Ltd. ("Licensor") and Beta Pharma AG ("Licensee").

## 1. Definitions

**1.1** "Affiliate" means any entity controlling a Party.

**1.2** "Licensed Product" means any product containing the Compound.

**1.3** "Territory" means the world.

## 2. Reports

**2.1 Quarterly Reports.** Licensee shall deliver the Royalty Report within thirty (30) days after each quarter. Each Royalty Report shall list the sales of Licensed Products' by country.
`;

describe("undefined-term", () => {
  it("flags a capitalised term used like a defined term, with a stub definition in its alphabetical place", () => {
    const doc = draftingInput(AGREEMENT);
    const findings = findUndefinedTerms(doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.rule).toBe("undefined-term");
    expect(f.severity).toBe(2);
    expect(f.message).toBe('"Royalty Report" is used as a defined term (2 times) but is never defined.');
    expect(textAt(doc, f.range)).toBe("Royalty Report");
    expect(f.range.start).toEqual({ line: 14, character: 54 });
    expect(f.related).toHaveLength(1);
    expect(f.fixes).toHaveLength(1);
    expect(f.fixes[0]!.title).toBe('Add a definition of "Royalty Report" to Section 1');
    const fixed = applyEdits(AGREEMENT, f.fixes[0]!.edits);
    expect(fixed).toContain(
      '**1.2** "Licensed Product" means any product containing the Compound.\n\n**1.2A** "Royalty Report" means ${1:definition}.\n\n**1.3** "Territory" means the world.',
    );
  });

  it("matches the bold Markdown style of the definitions it joins", () => {
    const src = `# Agreement\n\nThis Agreement is made between Alpha Inc. ("Alpha") and Beta AG ("Beta").\n\n## 1. Definitions\n\n**"Affiliate"** means a controlled entity.\n\n**"Territory"** means the world.\n\n## 2. Supply\n\nAlpha shall supply the Clinical Supply to Beta. The Clinical Supply shall meet GMP.\n`;
    const doc = draftingInput(src);
    const [f] = findUndefinedTerms(doc);
    expect(f?.message).toBe('"Clinical Supply" is used as a defined term (2 times) but is never defined.');
    expect(applyEdits(src, f!.fixes[0]!.edits)).toContain(
      '**"Affiliate"** means a controlled entity.\n\n**"Clinical Supply"** means ${1:definition}.\n\n**"Territory"**',
    );
  });

  it("appends after the last definition when the term sorts last, in a plain-text numbered list", () => {
    const src = `LICENSE AGREEMENT\n\nThis Agreement is made between Alpha Inc. ("Alpha") and Beta AG ("Beta").\n\n1. DEFINITIONS\n\n1.1 "Affiliate" means a controlled entity.\n\n1.2 "Territory" means the world.\n\n2. SUPPLY\n\n2.1 Alpha shall deliver the Yearly Forecast to Beta. Beta shall review each Yearly Forecast.\n`;
    const doc = draftingInput(src, false);
    const [f] = findUndefinedTerms(doc);
    expect(f?.message).toBe('"Yearly Forecast" is used as a defined term (2 times) but is never defined.');
    expect(applyEdits(src, f!.fixes[0]!.edits)).toContain(
      '1.2 "Territory" means the world.\n\n1.2A "Yearly Forecast" means ${1:definition}.\n\n2. SUPPLY',
    );
  });

  it("flags a slip on a defined term used once after 'the'", () => {
    const src = AGREEMENT.replace(
      "Each Royalty Report shall list",
      "The Licensed Prodct shall be listed, and the report shall list",
    );
    const names = findTermCandidates(draftingInput(src)).map((c) => c.term);
    expect(names).toContain("Licensed Prodct");
  });

  it("accepts every way of defining a term: means, inline, bold, unquoted tables and by reference", () => {
    const src = `# Agreement

This Agreement is made between Alpha Inc. ("Alpha") and Beta AG ("Beta").

## 1. Definitions

**Net Sales** means gross sales less deductions.

Royalty Term means the period in Section 5.1.

## 2. Payments

2.1 Beta shall pay royalties on the Net Sales during the Royalty Term. The Net Sales shall be reported with the Royalty Term.

2.2 Beta shall prepare a development plan (the "Development Plan"). The Development Plan shall be updated yearly, and each Development Plan shall be approved.

2.3 The Milestone Payments (as defined in Section 4.2) shall be paid in cash, and the Milestone Payments shall not be refundable.

2.4 The Sales Reports (as defined below) shall be accurate, and each of the Sales Reports shall be certified.

2.5 Sales Reports. "Sales Reports" means the quarterly reports of sales.
`;
    expect(findTermCandidates(draftingInput(src))).toEqual([]);
  });

  it('does not take "as defined below" on trust when nothing below defines the term', () => {
    const src = `# Agreement

This Agreement is made between Alpha Inc. ("Alpha") and Beta AG ("Beta").

## 1. Reports

1.1 Beta shall deliver the Sales Reports (as defined below) quarterly, and each of the Sales Reports shall be certified.
`;
    expect(findTermCandidates(draftingInput(src)).map((c) => c.term)).toEqual(["Sales Reports"]);
  });

  it("ignores sentence starts, headings, parties, places, bodies, statutes, months, quotes and exhibit titles", () => {
    const src = `# Supply Agreement

This Supply Agreement is made by and between Suzhou Lumina Biopharma Co., Ltd. ("Lumina") and Nordvik Pharma AG ("Nordvik").

## 1. Quality Control

Quality Control shall be done in Basel. Quality Control follows the plan.

## 2. Regulatory

2.1 Nordvik shall file with the Food and Drug Administration and the European Medicines Agency in the United States and the European Union.

2.2 Nothing here limits rights under the Bankruptcy Code or the Federal Food, Drug, and Cosmetic Act, and the Chief Executive Officer of each Party shall meet in January and again in the first week of March.

2.3 Nordvik Pharma shall ship from the Nordvik Pharma site to 12 Gilmore Hall, Iowa City, IA. The parties call this "Project Falcon", and the Project Falcon team meets monthly; each Project Falcon meeting is minuted.

2.4 Lumina shall follow the Development Plan in Exhibit A, and the Development Plan shall be updated.

## Exhibit A – Development Plan

The plan.
`;
    expect(findTermCandidates(draftingInput(src)).map((c) => c.term)).toEqual([]);
  });

  it("stays quiet when the agreement borrows the definitions of another agreement", () => {
    const src = `# First Amendment\n\nCapitalized terms used but not defined herein have the meanings given to them in the License Agreement.\n\n1. Licensee shall deliver the Royalty Report. Each Royalty Report shall be signed.\n`;
    expect(findUndefinedTerms(draftingInput(src))).toEqual([]);
  });

  it("reads a borrowed-definitions sentence broken by a page break", () => {
    const src = `# First Amendment\n\nCapitalized terms used but not defined herein have the meanings given to them\n\n   \n\nin the License Agreement.\n\n1. Licensee shall deliver the Royalty Report. Each Royalty Report shall be signed.\n`;
    expect(findUndefinedTerms(draftingInput(src))).toEqual([]);
    // Without the sentence, the term is reported: the test above is not quiet for another reason.
    expect(findUndefinedTerms(draftingInput(src.replace("Capitalized", "Other"))).map((f) => f.rule)).toEqual(
      ["undefined-term"],
    );
  });

  it("reports a term used once without a determiner only when it is used again", () => {
    const once = `# Agreement\n\nThis Agreement is made between Alpha Inc. ("Alpha") and Beta AG ("Beta").\n\n## 1. Terms\n\nAlpha sells by Telegraphic Transfer only.\n`;
    expect(findUndefinedTerms(draftingInput(once))).toEqual([]);
  });
});
