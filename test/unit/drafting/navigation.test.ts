import { describe, expect, it } from "vitest";
import {
  definitionOf,
  referencesOf,
  renameTermEdits,
  sectionForReference,
  termAt,
  type ReferenceTarget,
  type TermTarget,
} from "../../../server/src/core/navigation";
import { applyEdits, draftingInput, textAt } from "./doc";

const SRC = `# License Agreement

This Agreement is made between Alpha Inc. ("Licensor") and Beta AG ("Licensee").

## 1. Definitions

**1.1** "Licensed Product" means any product containing the Compound, as further described in Section 2.2.

**1.2** "Party" means Licensor or Licensee.

## 2. Grant

**2.1 License.** Licensor grants Licensee a license to sell Licensed Products in the Territory (the "Field of Use").

**2.2 Reports.** Each Licensed Product's sales are reported, and each Party reports on the Field of Use under Section 2.1.
`;

const offsetOf = (needle: string, from = 0) => SRC.indexOf(needle, from);

describe("navigation", () => {
  const doc = draftingInput(SRC);

  it("finds the term under the cursor in any form, preferring the longer term", () => {
    const at = termAt(doc, offsetOf("Products in the") + 3) as TermTarget;
    expect(at.kind).toBe("term");
    expect(at.term).toBe("Licensed Product");
    expect(textAt(doc, at.range)).toBe("Licensed Products");
    const possessive = termAt(doc, offsetOf("Licensed Product's") + 1) as TermTarget;
    expect(textAt(doc, possessive.range)).toBe("Licensed Product");
    expect(termAt(doc, offsetOf("containing"))).toBeNull();
  });

  it("goes to the definition and gives its text for a hover", () => {
    const at = termAt(doc, offsetOf("Field of Use under") + 2) as TermTarget;
    const def = definitionOf(at)!;
    expect(textAt(doc, def.range)).toBe("Field of Use");
    expect(def.definitionKind).toBe("inline");
    expect(def.text).toBe(
      'Licensor grants Licensee a license to sell Licensed Products in the Territory (the "Field of Use").',
    );
    const product = definitionOf(termAt(doc, offsetOf("Licensed Product's")) as TermTarget)!;
    expect(product.text).toBe(
      '"Licensed Product" means any product containing the Compound, as further described in Section 2.2.',
    );
  });

  it("lists every use of a term, definition first", () => {
    const uses = referencesOf(termAt(doc, offsetOf("Licensed Products")) as TermTarget);
    expect(uses.map((u) => [textAt(doc, u.range), u.definition])).toEqual([
      ["Licensed Product", true],
      ["Licensed Products", false],
      ["Licensed Product", false],
    ]);
    const parties = referencesOf(termAt(doc, offsetOf("each Party") + 6) as TermTarget);
    expect(parties.map((u) => textAt(doc, u.range))).toEqual(["Party", "Party"]);
  });

  it("follows a section reference to its heading and lists the references to it", () => {
    const ref = termAt(doc, offsetOf("Section 2.1") + 9) as ReferenceTarget;
    expect(ref.kind).toBe("reference");
    expect(ref.reference.label).toBe("2.1");
    const target = sectionForReference(ref)!;
    expect(target.section?.number).toBe("2.1");
    expect(textAt(doc, target.range)).toBe("2.1 License");
    expect(referencesOf(ref).map((r) => r.range.start.line)).toEqual([14]);
    const onWord = termAt(doc, offsetOf("Section 2.2") + 2) as ReferenceTarget;
    expect(onWord.reference.label).toBe("2.2");
  });

  it("renames a term everywhere, keeping plurals and possessives", () => {
    const at = termAt(doc, offsetOf("Licensed Products")) as TermTarget;
    const result = renameTermEdits(at, "Covered Product");
    expect("edits" in result).toBe(true);
    if (!("edits" in result)) return;
    const renamed = applyEdits(SRC, result.edits);
    expect(renamed).toContain('"Covered Product" means');
    expect(renamed).toContain("license to sell Covered Products in");
    expect(renamed).toContain("Each Covered Product's sales");
    expect(renamed).not.toContain("Licensed Product");
  });

  it("refuses a rename to an empty name, a quoted name or a term already defined", () => {
    const at = termAt(doc, offsetOf("Licensed Products")) as TermTarget;
    expect(renameTermEdits(at, " ")).toEqual({
      error: "A defined term cannot be empty or contain quotes or line breaks.",
    });
    expect(renameTermEdits(at, "Party")).toEqual({ error: '"Party" is already defined in this agreement.' });
  });
});
