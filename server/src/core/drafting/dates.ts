/**
 * `date-sanity`: dates that cannot exist ("February 30, 2025", "31 April", "2025-13-01") and an
 * agreement whose stated expiry date comes before its stated effective date. Numeric dates like
 * 2/30/2020 are flagged only when neither the US (month first) nor the European (day first) reading
 * exists, since an agreement rarely says which it uses.
 */
import type { Finding } from "../types";
import { perBlock } from "./blocks";
import type { DraftingInput } from "./input";
import { MONTHS } from "./lexicon";

export interface FoundDate {
  start: number;
  end: number;
  text: string;
  year: number | null;
  /** 1-based month and day. */
  month: number;
  day: number;
  valid: boolean;
}

const MONTH_RE = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`;
const DAY_RE = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR_RE = String.raw`((?:19|20)\d{2})`;
const DATE_RE = new RegExp(
  [
    // March 3, 2025 / March 3rd 2025 / March 3
    String.raw`\b${MONTH_RE}\s+${DAY_RE}(?![\d:])(?:\s*,?\s*${YEAR_RE})?`,
    // 3 March 2025 / 3rd of March, 2025 / 31 April
    String.raw`\b${DAY_RE}\s+(?:day\s+of\s+|of\s+)?${MONTH_RE}(?:\s*,?\s*${YEAR_RE})?`,
    // 2025-03-03
    String.raw`\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b`,
    // 3/3/2025 or 3.3.2025
    // (the separator is group 11 of the whole pattern)
    String.raw`\b(\d{1,2})([/.])(\d{1,2})\11((?:19|20)\d{2})\b`,
  ].join("|"),
  "g",
);

function monthNumber(name: string): number {
  const key = name.slice(0, 3).toLowerCase();
  return MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === key) + 1;
}

function daysIn(month: number, year: number | null): number {
  if (month === 2)
    return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function exists(month: number, day: number, year: number | null): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year);
}

/** Finds written dates and whether each can exist. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    let month: number;
    let day: number;
    let year: number | null;
    let valid: boolean;
    if (m[1] !== undefined) {
      // "May 2025" reads as a month and year, not May 20; "May" alone is a verb.
      month = monthNumber(m[1]);
      day = Number(m[2]);
      year = m[3] ? Number(m[3]) : null;
      if (m[1] === "May" && year === null) continue;
      valid = exists(month, day, year);
    } else if (m[4] !== undefined) {
      day = Number(m[4]);
      month = monthNumber(m[5]!);
      year = m[6] ? Number(m[6]) : null;
      if (m[5] === "May" && year === null) continue;
      valid = exists(month, day, year);
    } else if (m[7] !== undefined) {
      year = Number(m[7]);
      month = Number(m[8]);
      day = Number(m[9]);
      valid = exists(month, day, year);
    } else {
      const a = Number(m[10]);
      const b = Number(m[12]);
      year = Number(m[13]);
      const us = exists(a, b, year);
      const eu = exists(b, a, year);
      valid = us || eu;
      month = us || !eu ? a : b;
      day = us || !eu ? b : a;
    }
    out.push({ start, end, text: m[0], year, month, day, valid });
  }
  return out;
}

function ordinal(d: FoundDate): number | null {
  return d.year === null ? null : d.year * 10000 + d.month * 100 + d.day;
}

const EFFECTIVE_BEFORE =
  /(?:effective|dated|entered\s+into|made(?:\s+and\s+entered\s+into)?)\s+(?:as\s+of|on|at)?\s*(?:the\s+)?$/i;
const EFFECTIVE_AFTER = /^\s*\(?\s*(?:the\s+|this\s+)?[“"ʺ]?\s*(?:Effective\s+Date|Commencement\s+Date)/;
const EFFECTIVE_MEANS = /(?:Effective\s+Date|Commencement\s+Date)[”"ʺ]?\s*(?:shall\s+)?means?\s+$/;
const EXPIRY_BEFORE =
  /(?:(?:this\s+Agreement|the\s+(?:Initial\s+)?Term)[^.;]{0,120}?\b(?:expire|expires|terminate|terminates|end|ends|continue|continues|remain|remains)[^.;]{0,60}?\b(?:on|until|through)|(?:Expiration|Expiry|Termination)\s+Date[”"ʺ]?\s*(?:shall\s+)?means?)\s+(?:the\s+)?$/i;

/** `date-sanity` findings: impossible dates, and an expiry before the effective date. */
export function findDateProblems(doc: DraftingInput): Finding[] {
  const text = doc.masked;
  const dates: FoundDate[] = [];
  const { blocks, values } = perBlock(doc, "dates", findDates);
  values.forEach((found, i) => {
    const { start } = blocks[i]!;
    for (const d of found) dates.push({ ...d, start: d.start + start, end: d.end + start });
  });
  const findings: Finding[] = [];
  for (const d of dates) {
    if (d.valid) continue;
    findings.push({
      rule: "date-sanity",
      severity: 2,
      range: doc.lines.range(d.start, d.end),
      message:
        /\//.test(d.text) || /^\d+\.\d+\./.test(d.text)
          ? `"${d.text}" is not a valid date in either month/day or day/month order.`
          : `"${d.text}" is not a valid date.`,
      fixes: [],
    });
  }
  let effective: FoundDate | undefined;
  for (const d of dates) {
    if (!d.valid || d.year === null) continue;
    const before = text.slice(Math.max(0, d.start - 60), d.start);
    const after = text.slice(d.end, d.end + 40);
    if (EFFECTIVE_BEFORE.test(before) || EFFECTIVE_AFTER.test(after) || EFFECTIVE_MEANS.test(before)) {
      effective = d;
      break;
    }
  }
  if (effective) {
    for (const d of dates) {
      if (!d.valid || d === effective || d.year === null) continue;
      if (!EXPIRY_BEFORE.test(text.slice(Math.max(0, d.start - 220), d.start))) continue;
      if (ordinal(d)! < ordinal(effective)!) {
        findings.push({
          rule: "date-sanity",
          severity: 2,
          range: doc.lines.range(d.start, d.end),
          message: `The agreement expires on ${d.text}, before its effective date (${effective.text}).`,
          fixes: [],
          related: [{ range: doc.lines.range(effective.start, effective.end), message: "Effective date." }],
        });
      }
    }
  }
  return findings;
}
