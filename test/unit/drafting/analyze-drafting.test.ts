import { describe, expect, it } from "vitest";
import { analyzer, skeleton } from "../../helpers";

describe("drafting rules in the analysis", () => {
  const draft = skeleton(
    `## 2. Payments\n\n**2.1 Upfront.** Licensee shall pay USD [TBD] within thirty (30) days under Section 7.4.\n\n**2.2 Royalties.** Licensee shall pay royalties on Licensed Products.\n\n**2.3 Reports.** Licensee shall report quarterly.`,
  );

  it("reports drafting findings next to clause findings, each with 'Ignore <rule> here' as its last fix", () => {
    const result = analyzer().analyze(draft);
    const placeholder = result.findings.find((f) => f.rule === "placeholder")!;
    expect(placeholder.message).toBe("Unfilled placeholder [TBD].");
    expect(placeholder.fixes.map((f) => f.title)).toEqual(["Fill in [TBD]", "Ignore placeholder here"]);
    expect(
      result.findings.some(
        (f) => f.rule === "broken-reference" && f.message === "Section 7.4 does not exist in this agreement.",
      ),
    ).toBe(true);
    const missing = result.findings.find((f) => f.rule === "missing-clause")!;
    expect(missing.fixes[missing.fixes.length - 1]!.title).toBe("Ignore missing-clause here");
    expect(missing.fixes[missing.fixes.length - 1]!.edits[0]!.snippet).toBe(
      "<!-- clause-checker-disable-next-line missing-clause -->\n",
    );
  });

  it("applies suppression comments written in the document, and reports unknown rule ids", () => {
    const commented = draft
      .replace("**2.1 Upfront.**", "<!-- clause-checker-disable-next-line placeholder -->\n**2.1 Upfront.**")
      .replace(
        "**2.2 Royalties.**",
        "<!-- clause-checker-disable-next-line royalty-check -->\n**2.2 Royalties.**",
      );
    const result = analyzer().analyze(commented);
    expect(result.findings.some((f) => f.rule === "placeholder")).toBe(false);
    expect(result.findings.some((f) => f.rule === "broken-reference")).toBe(true);
    const unknown = result.findings.filter((f) => f.rule === "unknown-rule");
    expect(unknown.map((f) => f.message)).toEqual([
      'Unknown rule "royalty-check" in a clause-checker comment.',
    ]);
  });

  it("takes ignored rules and patterns from the options, for plain-text agreements", () => {
    const text = draft.replace(/\*\*/g, "");
    const all = analyzer().analyze(text, { languageId: "plaintext" });
    expect(all.findings.some((f) => f.rule === "placeholder")).toBe(true);
    const ignored = analyzer().analyze(text, {
      languageId: "plaintext",
      ignore: { rules: ["placeholder"], patterns: ["7.4"] },
    });
    expect(ignored.findings.some((f) => f.rule === "placeholder" || f.rule === "broken-reference")).toBe(
      false,
    );
  });
});
