/**
 * A failure in one part of the analysis costs that part's findings only: the clause judge and the
 * vague-drafting rule are made to throw, and the drafting rules' findings must still arrive, next to
 * one information finding naming the part that failed.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as clauses from "../../server/src/core/clauses";
import * as vague from "../../server/src/core/vague";
import { analyzer, skeleton } from "../helpers";

vi.mock("../../server/src/core/clauses", { spy: true });
vi.mock("../../server/src/core/vague", { spy: true });

const DRAFT = skeleton(
  "## 2. Diligence\n\nLicensee shall use reasonable efforts to develop the Licensed Product and shall promptly pay [TBD] under Section 9.9.\n",
);

const summary = (text: string) =>
  analyzer()
    .analyze(text, { languageId: "markdown" })
    .findings.map((f) => `${f.rule}: ${f.message}`);

describe("a part of the analysis that throws", () => {
  afterEach(() => {
    vi.mocked(clauses.judgeClauses).mockRestore();
    vi.mocked(vague.findVagueObligations).mockRestore();
  });

  it("loses only its own findings: clause detection failing keeps the drafting findings", () => {
    const healthy = summary(DRAFT);
    expect(healthy.some((f) => f.startsWith("missing-clause"))).toBe(true);
    vi.mocked(clauses.judgeClauses).mockImplementation(() => {
      throw new Error("boom");
    });
    const degraded = summary(DRAFT);
    expect(degraded).toContain("internal-error: Clause Checker: clause detection failed: boom");
    // Without clauses there are no clause findings and no vague-drafting pass over clause units; the
    // drafting rules are untouched.
    expect(
      degraded.filter((f) => f !== "internal-error: Clause Checker: clause detection failed: boom"),
    ).toEqual(healthy.filter((f) => !/^(?:missing-clause|weak-clause|vague-obligation)/.test(f)));
    expect(degraded.some((f) => f.startsWith("placeholder"))).toBe(true);
    expect(degraded.some((f) => f.startsWith("broken-reference"))).toBe(true);
  });

  it("loses only its own findings: vague-obligation failing keeps the clause and drafting findings", () => {
    const healthy = summary(DRAFT);
    expect(healthy.some((f) => f.startsWith("vague-obligation"))).toBe(true);
    vi.mocked(vague.findVagueObligations).mockImplementation(() => {
      throw new Error("bad pattern");
    });
    const degraded = summary(DRAFT);
    const failure = "internal-error: Clause Checker: rule vague-obligation failed: bad pattern";
    expect(degraded).toContain(failure);
    expect(degraded.filter((f) => f !== failure)).toEqual(
      healthy.filter((f) => !f.startsWith("vague-obligation")),
    );
  });
});
