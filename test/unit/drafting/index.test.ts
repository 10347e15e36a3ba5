import { describe, expect, it } from "vitest";
import { DRAFTING_RULES, findDraftingIssues } from "../../../server/src/core/drafting";
import { RULES, RULE_IDS } from "../../../server/src/core/rules";
import { draftingInput } from "./doc";

const DRAFT = `# Agreement\n\nThis Agreement is made between Alpha Inc. ("Alpha") and Beta AG ("Beta").\n\n## 1. Terms\n\n**1.1** Alpha shall pay [TBD] under Section 9.9.\n\n**1.2** Beta shall pay.\n\n**1.3** Beta shall report.\n`;

describe("findDraftingIssues", () => {
  it("runs every drafting rule", () => {
    const rules = new Set(findDraftingIssues(draftingInput(DRAFT)).map((f) => f.rule));
    expect(rules).toEqual(new Set(["placeholder", "broken-reference"]));
  });

  it("keeps the other rules' findings when one rule throws, and says which rule failed", () => {
    const failing = [
      {
        name: "numbering-gap",
        run: () => {
          throw new Error("boom");
        },
      },
      ...DRAFTING_RULES.filter((r) => r.name === "placeholder"),
    ];
    const findings = findDraftingIssues(draftingInput(DRAFT), failing);
    expect(findings.map((f) => f.rule)).toEqual(["internal-error", "placeholder"]);
    expect(findings[0]!.severity).toBe(3);
    expect(findings[0]!.message).toBe("Clause Checker: rule numbering-gap failed: boom");
  });

  it("lists every rule it can report in RULES, with a default severity and a description", () => {
    for (const r of [
      "undefined-term",
      "unused-definition",
      "duplicate-definition",
      "broken-reference",
      "numbering-gap",
      "placeholder",
      "party-consistency",
      "date-sanity",
      "unknown-rule",
      "internal-error",
      "vague-obligation",
      "missing-clause",
      "weak-clause",
    ]) {
      expect(RULE_IDS.has(r)).toBe(true);
    }
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(r.description).toMatch(/^[A-Z].*\.$/);
      expect([1, 2, 3, 4]).toContain(r.severity);
    }
  });
});
