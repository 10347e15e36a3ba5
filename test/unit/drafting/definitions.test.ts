import { describe, expect, it } from "vitest";
import { findDefinitionProblems } from "../../../server/src/core/drafting/definitions";
import { draftingInput, ofRule, textAt } from "./doc";

const HEAD = `# License Agreement\n\nThis Agreement is made between Alpha Inc. ("Licensor") and Beta AG ("Licensee").\n\n## 1. Definitions\n\n`;

describe("unused-definition", () => {
  it("reports a term defined but never used, as a hint on the defined term", () => {
    const src = `${HEAD}**"Business Day"** means a day banks are open.\n\n**"Territory"** means the world.\n\n## 2. Grant\n\nLicensor grants Licensee a license in the Territory.\n`;
    const doc = draftingInput(src);
    const findings = ofRule(findDefinitionProblems(doc), "unused-definition");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe(4);
    expect(findings[0]!.message).toBe('"Business Day" is defined but never used.');
    expect(textAt(doc, findings[0]!.range)).toBe("Business Day");
    expect(findings[0]!.range).toEqual({ start: { line: 6, character: 3 }, end: { line: 6, character: 15 } });
  });

  it("counts plurals, possessives, other spellings and uses inside other definitions, but not the definition itself", () => {
    const src = `${HEAD}"Affiliate" means an entity controlling a Party.\n\n"Patent(s)" means patents.\n\n"Know-How" means information.\n\n"Loss or Losses" means damages.\n\n"Territory" means the world, and each Territory is as stated.\n\n"Third Party" means anyone but an Affiliates' parent.\n\n## 2. Grant\n\nLicensee's Patents and Know How, and the Losses of Third Parties in the Territory, go to Licensor.\n`;
    expect(ofRule(findDefinitionProblems(draftingInput(src)), "unused-definition")).toEqual([]);
  });

  it("does not treat a lower-case 'control' defined inside another definition as unused when 'controls' appears", () => {
    const src = `${HEAD}"Affiliate" means an entity that controls a Party, where "control" means owning half the votes.\n\n## 2. Grant\n\nEach Affiliate of Licensor or Licensee may sublicense.\n`;
    expect(ofRule(findDefinitionProblems(draftingInput(src)), "unused-definition")).toEqual([]);
  });
});

describe("duplicate-definition", () => {
  it("reports the second definition and points at the first with related information", () => {
    const src = `${HEAD}**"Net Sales"** means gross sales less returns.\n\n## 2. Royalties\n\nLicensee shall pay 5% of net receipts (the "Net Sales") on every Net Sales report.\n`;
    const doc = draftingInput(src);
    const [f] = ofRule(findDefinitionProblems(doc), "duplicate-definition");
    expect(f).toBeDefined();
    expect(f!.severity).toBe(2);
    expect(f!.message).toBe('"Net Sales" is defined twice: it is already defined on line 7.');
    expect(f!.range).toEqual({ start: { line: 10, character: 44 }, end: { line: 10, character: 53 } });
    expect(f!.related).toEqual([
      {
        range: { start: { line: 6, character: 3 }, end: { line: 6, character: 12 } },
        message: 'First definition of "Net Sales".',
      },
    ]);
  });

  it("does not count a pointer, an extension or a definition by reference as a second definition", () => {
    const src = `${HEAD}"Arbitral Tribunal" has the meaning given in Section 3.1.\n\n"Antibody" means a molecule. The term "Antibody" shall include fragments.\n\n## 2. Disputes\n\n2.1 Disputes go to a panel (the "Arbitral Tribunal"). The Arbitral Tribunal and the Antibody (as defined in Section 1) are named here.\n`;
    expect(ofRule(findDefinitionProblems(draftingInput(src)), "duplicate-definition")).toEqual([]);
  });

  it("keeps 'control' and 'Control' apart: case makes them different terms", () => {
    const src = `${HEAD}"Affiliate" means an entity, where "control" means owning half the votes.\n\n"Control" means the right to grant a license.\n\n## 2. Grant\n\nEach Affiliate may Control, and control, rights.\n`;
    expect(ofRule(findDefinitionProblems(draftingInput(src)), "duplicate-definition")).toEqual([]);
  });
});
