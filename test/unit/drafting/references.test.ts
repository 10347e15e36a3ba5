import { describe, expect, it } from "vitest";
import { findBrokenReferences, findReferences } from "../../../server/src/core/drafting/references";
import { applyEdits, draftingInput, textAt } from "./doc";

const AGREEMENT = `# License Agreement

## 1. Definitions

**1.1** "Territory" means the world.

## 2. Grant

**2.1 License.** Licensor grants a license under Section 5.3.

**2.2 Sublicenses.** Licensee may sublicense as set out in Sections 2.1 and 2.4.

(a) to Affiliates; and

(b) to Third Parties.

**2.3 Retained Rights.** Subject to Section 2.2(b) and Section 2.2(c), Article 2 and Schedule 2 apply.

## 5. Payments

**5.1 Upfront.** See Exhibit A and Exhibit B.

**5.2 Milestones.** Under Section 5.1.

## Exhibit A – Milestones

Text.
`;

describe("broken-reference", () => {
  it("reports references to numbers the agreement does not have, with the closest existing numbers as fixes", () => {
    const doc = draftingInput(AGREEMENT);
    const findings = findBrokenReferences(doc);
    expect(findings.map((f) => f.message)).toEqual([
      "Section 5.3 does not exist in this agreement.",
      "Section 2.4 does not exist in this agreement.",
      "Section 2.2(c) does not exist in this agreement.",
      "Schedule 2 is not attached to this agreement.",
      "Exhibit B is not attached to this agreement.",
    ]);
    const first = findings[0]!;
    expect(first.rule).toBe("broken-reference");
    expect(first.severity).toBe(2);
    expect(textAt(doc, first.range)).toBe("5.3");
    expect(first.range).toEqual({ start: { line: 8, character: 57 }, end: { line: 8, character: 60 } });
    expect(first.fixes.map((f) => f.title)).toEqual([
      "Change to Section 5.2",
      "Change to Section 5.1",
      "Change to Section 2.3",
    ]);
    expect(applyEdits(AGREEMENT, first.fixes[0]!.edits)).toContain("grants a license under Section 5.2.");
    expect(findings[1]!.fixes.map((f) => f.title)).toEqual([
      "Change to Section 2.3",
      "Change to Section 2.2",
      "Change to Section 2.1",
    ]);
    expect(findings[4]!.fixes.map((f) => f.title)).toEqual(["Change to Exhibit A"]);
  });

  it("does not check references into other instruments or statutes", () => {
    const src = `# Supply Agreement

## 1. Supply

**1.1 Terms.** As provided in Section 5.1 of the License Agreement and under Section 101 of the Bankruptcy Code, and Section 365(n) of the U.S. Bankruptcy Code, 35 U.S.C. Section 271(e)(1), 21 CFR Sections 210 and 211, and Rule 24b-2 under the Exchange Act, and Sections 1128 or 1156 of the Social Security Act.

**1.2 Other.** Section 1.1 applies.

**1.3 More.** Section 1.2 applies.
`;
    expect(findBrokenReferences(draftingInput(src))).toEqual([]);
  });

  it("resolves Roman and numeric articles, zero-padded numbers and numbers run into a filing's paragraph", () => {
    const src = `LICENSE AGREEMENT

ARTICLE I DEFINITIONS

1.01 "Territory" means the world. 1.02 "Product" means a drug.

ARTICLE II GRANT

2.1 Grant. Licensor grants a license under Article I, Article 2, Section 1.1, Section 1.2 and Section 2.01.

2.2 Scope. As above.

2.3 Term. As above.
`;
    expect(findBrokenReferences(draftingInput(src, false))).toEqual([]);
  });

  it("lists every item of a list of references", () => {
    const doc = draftingInput(AGREEMENT);
    const refs = findReferences(doc).filter((r) => r.word === "Sections");
    expect(refs.map((r) => r.label)).toEqual(["2.1", "2.4"]);
  });

  it("suggests targets for the first 100 distinct broken numbers only, and still reports the rest", () => {
    const refs = Array.from({ length: 250 }, (_v, i) => `**2.${i + 10}** Under Section 9.${i + 1}.`).join(
      "\n\n",
    );
    const doc = draftingInput(`# License Agreement\n\n## 2. Terms\n\n${refs}\n`);
    const findings = findBrokenReferences(doc).filter((f) => f.message.startsWith("Section 9."));
    expect(findings).toHaveLength(250);
    const withSuggestions = findings.filter((f) => f.fixes.some((x) => x.title.startsWith("Change to")));
    expect(withSuggestions).toHaveLength(100);
    expect(withSuggestions.at(-1)!.message).toBe("Section 9.100 does not exist in this agreement.");
    expect(findings[100]!.fixes.filter((x) => x.title.startsWith("Change to"))).toEqual([]);
  });
});
