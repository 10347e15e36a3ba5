/** Reading quantities out of agreement sentences, and the direction table that judges their changes. */
import { describe, expect, it } from "vitest";
import { direction, kindOf } from "../../server/src/compare/direction";
import { formatQuantity, parseNumberWords, parseQuantities } from "../../server/src/compare/numbers";
import { actorOf, partyNames } from "../../server/src/compare/parties";

const read = (text: string) => parseQuantities(text).map((q) => [q.text, q.value, q.unit]);

describe("parseNumberWords", () => {
  it.each([
    ["sixty", 60],
    ["one hundred twenty", 120],
    ["one hundred and eighty", 180],
    ["twenty-five", 25],
    ["two thousand", 2000],
    ["seventh", 7],
    ["lots", null],
  ])("%s → %s", (words, value) => {
    expect(parseNumberWords(words)).toBe(value);
  });
});

describe("parseQuantities", () => {
  it("reads words-and-digits durations and plain ones", () => {
    expect(read("cure within sixty (60) days, or 30 days for non-payment, and twelve (12) months")).toEqual([
      ["sixty (60) days", 60, "days"],
      ["30 days", 30, "days"],
      ["twelve (12) months", 12, "months"],
    ]);
    expect(
      read(
        "within one hundred twenty (120) days; ten (10) Business Days; ninety days; a rolling eighteen-month forecast",
      ),
    ).toEqual([
      ["one hundred twenty (120) days", 120, "days"],
      ["ten (10) Business Days", 10, "business days"],
      ["ninety days", 90, "days"],
      ["eighteen-month", 18, "months"],
    ]);
  });

  it("reads money with a currency code, a symbol or a scale word", () => {
    expect(
      read(
        "at least USD 25,000,000 per year, $25 million, US$ 3.5m, EUR 10,000,000 and 2,000,000 US dollars",
      ),
    ).toEqual([
      ["USD 25,000,000", 25_000_000, "USD"],
      ["$25 million", 25_000_000, "USD"],
      ["US$ 3.5m", 3_500_000, "USD"],
      ["EUR 10,000,000", 10_000_000, "EUR"],
      ["2,000,000 US dollars", 2_000_000, "USD"],
    ]);
  });

  it("reads percentages, anniversaries and counted things", () => {
    expect(
      read("twenty-five percent (25%) of the shortfall, 80%, five percent, the seventh (7th) anniversary"),
    ).toEqual([
      ["twenty-five percent (25%)", 25, "%"],
      ["80%", 80, "%"],
      ["five percent", 5, "%"],
      ["seventh (7th) anniversary", 7, "years"],
    ]);
    const [reps, more] = parseQuantities(
      "deploy at least eighty (80) full-time oncology sales representatives in the United States and at least 20 in each other Major Market",
    );
    expect(reps).toMatchObject({
      value: 80,
      unitClass: "count",
      noun: "full-time oncology sales representatives",
    });
    expect(more).toMatchObject({ value: 20, unitClass: "count" });
  });

  it("skips references, dates, years, phases, list labels, redactions and placeholders", () => {
    expect(
      read(
        "under Section 5.4, 6.2 or 6.3 and Articles 11, 14 and 15; by June 30, 2026; Phase 3; (2) the other; 21 C.F.R. Parts 210, 211 and 600; Incoterms 2020; USD [***]; [X] days",
      ),
    ).toEqual([]);
  });

  it("keeps offsets of the whole expression", () => {
    const text = "Licensee shall cure within sixty (60) days' notice.";
    const [q] = parseQuantities(text);
    expect(text.slice(q!.start, q!.end)).toBe("sixty (60) days");
    expect(q!.normalized).toBe(60);
  });

  it("normalises durations to days for comparison", () => {
    const [months, weeks, business] = parseQuantities(
      "two (2) months, three (3) weeks and five (5) Business Days",
    );
    expect(months!.normalized).toBeCloseTo(60.83, 1);
    expect(weeks!.normalized).toBe(21);
    expect(business!.normalized).toBe(7);
  });

  it("formats quantities for messages", () => {
    const [a, b, c, d] = parseQuantities("sixty (60) days, USD 25,000,000, 80% and one (1) month");
    expect([a, b, c, d].map((q) => formatQuantity(q!))).toEqual([
      "60 days",
      "USD 25,000,000",
      "80%",
      "1 month",
    ]);
  });
});

describe("kinds and directions", () => {
  const kind = (sentence: string, expression: string) => {
    const [q] = parseQuantities(sentence).filter((x) => x.text === expression);
    return kindOf(q!, sentence, q!.start, q!.end);
  };

  it("classifies cure and notice periods, deadlines, audit thresholds and commitments", () => {
    expect(
      kind(
        "Either Party may terminate if the other fails to cure the breach within ninety (90) days.",
        "ninety (90) days",
      ),
    ).toBe("cure-period");
    expect(kind("Licensor may terminate on sixty (60) days' notice.", "sixty (60) days")).toBe(
      "notice-period",
    );
    expect(
      kind(
        "Within sixty (60) days after termination, Licensee shall assign all Regulatory Filings.",
        "sixty (60) days",
      ),
    ).toBe("deadline");
    expect(
      kind(
        "The audited Party bears the cost if the audit reveals a discrepancy exceeding five percent (5%).",
        "five percent (5%)",
      ),
    ).toBe("audit-threshold");
    expect(kind("Licensee shall incur at least USD 60,000,000 per Calendar Year.", "USD 60,000,000")).toBe(
      "commitment",
    );
    expect(
      kind(
        "A Supply Failure occurs if Licensor delivers less than eighty percent (80%) of the quantities.",
        "eighty percent (80%)",
      ),
    ).toBe("other");
  });

  it("reads who a quantity binds, with names learned from the parties paragraph", () => {
    const preamble =
      'This Agreement is made by and between Suzhou Lumina Co., Ltd. ("Lumina" or "Licensor"), and Veyra Therapeutics, Inc. ("NewCo").\n\n';
    const names = partyNames(preamble);
    expect(names).toEqual({ licensor: ["Licensor", "Lumina"], licensee: ["Licensee", "NewCo"] });
    const s = "Lumina may give notice and NewCo shall cure the failure within ninety (90) days.";
    const at = s.indexOf("ninety");
    expect(actorOf(s, at, at + 15, names, "licensor")).toEqual({ actor: "them", name: "NewCo" });
    expect(actorOf(s, at, at + 15, names, "licensee")).toEqual({ actor: "us", name: "NewCo" });
    const passive = "Development Costs shall be borne sixty-five percent (65%) by Licensee.";
    expect(actorOf(passive, passive.indexOf("sixty"), passive.indexOf(" by"), names, "licensor").actor).toBe(
      "them",
    );
  });

  it("follows the documented table", () => {
    // For the licensor: a longer cure period, a longer deadline on the licensee, a higher audit
    // threshold are worse; a higher minimum on the licensee is better.
    expect(direction("cure-period", "mutual", "licensor")).toBe(-1);
    expect(direction("cure-period", "mutual", "licensee")).toBe(1);
    expect(direction("deadline", "them", "licensor")).toBe(-1);
    expect(direction("deadline", "us", "licensor")).toBe(1);
    expect(direction("notice-period", "us", "licensor")).toBe(-1);
    expect(direction("notice-period", "them", "licensor")).toBe(1);
    expect(direction("audit-threshold", "unknown", "licensor")).toBe(-1);
    expect(direction("commitment", "them", "licensor")).toBe(1);
    expect(direction("commitment", "us", "licensee")).toBe(-1);
    expect(direction("commitment", "mutual", "licensor")).toBe(0);
    expect(direction("other", "them", "licensor")).toBe(0);
  });
});
