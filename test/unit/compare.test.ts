/**
 * Comparing a draft with its baseline: drafts are made from the co-development sample by editing
 * strings, the way a counterparty's mark-up changes an agreement.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  analyzeForCompare,
  compareAnalyses,
  hasRegressions,
  toCompareReport,
  type LocatedChange,
} from "../../server/src/compare/compare";
import { compareDiagnostics } from "../../server/src/compare/diagnostics";
import { snippetToPlain } from "../../server/src/core/snippet";
import type { Fix, Party } from "../../server/src/core/types";
import { LineIndex } from "../../server/src/core/text";
import { analyzer, ROOT } from "../helpers";

const BASE = readFileSync(path.join(ROOT, "samples", "co-development-agreement.md"), "utf8");
const engine = analyzer();

function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit did not apply: ${String(from)}`);
  return out;
}

function compare(draft: string, base = BASE, party?: Party): LocatedChange[] {
  const r = analyzeForCompare(engine, base, draft, party ? { dealOverride: { party } } : {});
  return compareAnalyses(r.base, r.draft, base, draft, engine.library);
}

const brief = (changes: LocatedChange[]) =>
  changes.map((c) => [c.change.change, c.change.clause, c.change.element]);

function applyFix(text: string, fix: Fix): string {
  const lines = new LineIndex(text);
  const edits = [...fix.edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of edits)
    out =
      out.slice(0, lines.offsetAt(e.range.start)) +
      snippetToPlain(e.snippet) +
      out.slice(lines.offsetAt(e.range.end));
  return out;
}

const SUPPLY_FAILURE = /\*\*7\.6 Supply Failure\.\*\*[\s\S]*?(?=## 8\.)/;
const LONGER_REVERSION = [
  "Within sixty (60) days after termination, Licensee shall assign",
  "Within one hundred twenty (120) days after termination, Licensee shall assign",
] as const;

describe("compareAnalyses", () => {
  it("finds nothing between a document and itself", () => {
    expect(compare(BASE)).toEqual([]);
  });

  it("reports a deleted sub-clause as a removed element, once", () => {
    const changes = compare(edit(BASE, SUPPLY_FAILURE, ""));
    expect(brief(changes)).toEqual([["removed", "supply", "sup.failure"]]);
    const [removed] = changes;
    expect(removed!.change.base).toMatchObject({
      section: "7.6",
      text: expect.stringMatching(/^A "Supply Failure" occurs if Licensor/) as unknown,
    });
    expect(removed!.change.draft).toBeNull();
    expect(removed!.change.message).toBe(
      "Removed: baseline 7.6 on Supply failure and remedies (Supply responsibilities) is not in the draft.",
    );
  });

  it("reports a longer deadline binding the licensee as weakened for the licensor and strengthened for the licensee", () => {
    const draft = edit(BASE, ...LONGER_REVERSION);
    const forLicensor = compare(draft);
    expect(brief(forLicensor)).toEqual([["weakened", "reversion", "rev.regulatory"]]);
    expect(forLicensor[0]!.change).toMatchObject({
      base: {
        section: "14.2",
        value: 60,
        unit: "days",
        text: expect.stringContaining("Within sixty (60) days after termination") as unknown,
      },
      draft: { section: "14.2", value: 120, unit: "days" },
      message:
        "Weakened for the licensor: longer deadline in 14.2: 60 days → 120 days (binds Licensee, the other side).",
    });
    expect(brief(compare(draft, BASE, "licensee"))).toEqual([
      ["strengthened", "reversion", "rev.regulatory"],
    ]);
  });

  it("judges minimums, cure periods and money by side", () => {
    const draft = edit(
      edit(
        edit(BASE, "at least eighty (80) full-time", "at least forty (40) full-time"),
        "fails to cure the breach within ninety (90) days",
        "fails to cure the breach within sixty (60) days",
      ),
      "at least USD 60,000,000 per Calendar Year in the United States",
      "at least USD 75,000,000 per Calendar Year in the United States",
    );
    const licensor = compare(draft).map((c) => [
      c.change.change,
      c.change.element,
      c.change.base?.value,
      c.change.draft?.value,
    ]);
    expect(licensor).toEqual([
      ["weakened", "mci.floor", 80, 40],
      ["strengthened", "mci.floor", 60_000_000, 75_000_000],
      ["strengthened", "trm.breach", 90, 60],
    ]);
    const licensee = compare(draft, BASE, "licensee").map((c) => c.change.change);
    expect(licensee).toEqual(["strengthened", "weakened", "weakened"]);
  });

  it.each([
    [
      "discrepancy exceeding five percent (5%)",
      "discrepancy exceeding ten percent (10%)",
      "dat.audit",
      "weakened",
      "strengthened",
    ],
    // The sentence names no party: the previous one does ("Licensor shall begin to transfer").
    [
      "completed within fifteen (15) months",
      "completed within twenty-four (24) months",
      "sup.techtransfer",
      "strengthened",
      "weakened",
    ],
    // "The Parties shall execute": a mutual safeguard that comes later is worse for both.
    [
      "pharmacovigilance agreement within ninety (90) days",
      "pharmacovigilance agreement within one hundred eighty (180) days",
      "dat.safety",
      "weakened",
      "weakened",
    ],
    // Licensee may terminate for convenience: less notice is worse for the licensor.
    [
      "on one hundred eighty (180) days' written notice",
      "on ninety (90) days' written notice",
      "trm.convenience",
      "weakened",
      "strengthened",
    ],
    ["the seventh (7th) anniversary", "the tenth (10th) anniversary", null, "changed", "changed"],
  ])("judges %s → %s", (from, to, element, licensor, licensee) => {
    const draft = edit(BASE, from, to);
    expect(compare(draft).map((c) => [c.change.element, c.change.change])).toEqual([[element, licensor]]);
    expect(compare(draft, BASE, "licensee").map((c) => [c.change.element, c.change.change])).toEqual([
      [element, licensee],
    ]);
  });

  it("treats a deadline the draft drops as weakened for the side it protected", () => {
    const draft = edit(
      BASE,
      "Within sixty (60) days after termination, Licensee shall assign",
      "Promptly after termination, Licensee shall assign",
    );
    const changes = compare(draft);
    expect(brief(changes)).toEqual([["weakened", "reversion", "rev.regulatory"]]);
    expect(changes[0]!.change.message).toBe(
      "Weakened for the licensor: the draft no longer states the deadline of 60 days in 14.2 (binds Licensee, the other side).",
    );
  });

  it("reports a removed sentence inside a surviving section", () => {
    const draft = edit(BASE, " Licensor shall hold and maintain the global safety database.", "");
    expect(brief(compare(draft))).toEqual([["removed", "data-sharing", "dat.safety"]]);
  });

  it("reports a whole clause gone as removed with no element, and a new one as added", () => {
    const withoutReversion = edit(BASE, /## 14\. Effects[\s\S]*?(?=## 15\.)/, "");
    const removed = compare(withoutReversion);
    expect(
      removed.filter((c) => c.change.clause === "reversion").map((c) => [c.change.change, c.change.element]),
    ).toEqual([["removed", null]]);
    const added = compare(BASE, withoutReversion);
    expect(
      added.filter((c) => c.change.clause === "reversion").map((c) => [c.change.change, c.change.element]),
    ).toEqual([["added", null]]);
    expect(
      hasRegressions(
        toCompareReport("base.md", "draft.md", { model: "co-development", party: "licensor" }, added),
      ),
    ).toBe(false);
  });
});

describe("compareDiagnostics", () => {
  function diagnostics(draft: string) {
    const r = analyzeForCompare(engine, BASE, draft);
    return compareDiagnostics(r.base, r.draft, BASE, draft, engine.library);
  }

  it("puts weakened-term on the draft's number, with a fix that restores the baseline wording", () => {
    const draft = edit(BASE, ...LONGER_REVERSION);
    const [finding, ...rest] = diagnostics(draft);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "weakened-term",
      severity: 2,
      clause: "reversion",
      element: "rev.regulatory",
    });
    const lines = new LineIndex(draft);
    expect(draft.slice(lines.offsetAt(finding!.range.start), lines.offsetAt(finding!.range.end))).toBe(
      "one hundred twenty (120) days",
    );
    expect(finding!.fixes[0]!.title).toBe("Restore the baseline: sixty (60) days");
    expect(applyFix(draft, finding!.fixes[0]!)).toBe(BASE);
  });

  it("puts removed-protection on the draft clause, with a fix that puts the sub-clause back where it was", () => {
    const draft = edit(BASE, SUPPLY_FAILURE, "");
    const [finding, ...rest] = diagnostics(draft);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "removed-protection",
      severity: 2,
      clause: "supply",
      element: "sup.failure",
    });
    expect(new LineIndex(draft).lineText(finding!.range.start.line)).toBe("## 7. Supply and Manufacturing");
    expect(applyFix(draft, finding!.fixes[0]!)).toBe(BASE);
  });

  it("restores a whole clause before the next article, escaped for snippets", () => {
    const draft = edit(BASE, /## 14\. Effects[\s\S]*?(?=## 15\.)/, "");
    const finding = diagnostics(draft).find((f) => f.clause === "reversion")!;
    expect(finding.rule).toBe("removed-protection");
    expect(finding.range).toEqual(analyzeForCompare(engine, BASE, draft).draft.titleRange);
    expect(applyFix(draft, finding.fixes[0]!)).toBe(BASE);
    const withDollar = edit(
      BASE,
      "at Manufacturing Cost. Licensee shall assign",
      "at Manufacturing Cost (US$ ${price}). Licensee shall assign",
    );
    const dropped = edit(withDollar, /## 14\. Effects[\s\S]*?(?=## 15\.)/, "");
    const r = analyzeForCompare(engine, withDollar, dropped);
    const fix = compareDiagnostics(r.base, r.draft, withDollar, dropped, engine.library).find(
      (f) => f.clause === "reversion",
    )!.fixes[0]!;
    expect(fix.edits[0]!.snippet).toContain("US\\$ \\${price\\}");
    expect(applyFix(dropped, fix)).toBe(withDollar);
  });

  it("puts a removed sentence back at the end of its section", () => {
    const draft = edit(BASE, " Licensor shall hold and maintain the global safety database.", "");
    const [finding] = diagnostics(draft);
    expect(finding).toMatchObject({ rule: "removed-protection", element: "dat.safety" });
    const fixed = applyFix(draft, finding!.fixes[0]!);
    expect(fixed).toContain(
      "non-serious adverse events monthly in line listings. Licensor shall hold and maintain the global safety database.\n",
    );
    expect(diagnostics(fixed)).toEqual([]);
  });

  it("reports nothing for strengthened terms and additions", () => {
    const draft = edit(BASE, "at least eighty (80) full-time", "at least one hundred (100) full-time");
    expect(diagnostics(draft)).toEqual([]);
  });
});
