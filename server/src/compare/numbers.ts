/**
 * Reads the quantities an agreement writes into its obligations: "sixty (60) days", "30 days",
 * "twelve (12) months", "the seventh (7th) anniversary", "USD 25,000,000", "$25 million",
 * "twenty-five percent (25%)", "80%", "eighty (80) full-time sales representatives".
 *
 * Numbers that are not quantities are skipped: section and article references ("Section 5.4",
 * "Articles 11, 14 and 15"), dates ("June 30, 2026"), years, "Phase 3", and bare list labels "(1)".
 * Redacted values ("[***]") and placeholders ("[X] days") carry no number and are not returned.
 */

export type UnitClass = "duration" | "money" | "percent" | "count";

export interface Quantity {
  /** The number as written, in `unit`. */
  value: number;
  /** Canonical unit: days, business days, weeks, months, quarters, years, %, a currency code, or "count". */
  unit: string;
  unitClass: UnitClass;
  /** The value in a common scale for comparison: days for durations, the full amount for money. */
  normalized: number;
  /** What is counted ("full-time oncology sales representatives"), for counts. */
  noun?: string;
  /** Offsets of the whole expression in the text ("sixty (60) days"). */
  start: number;
  end: number;
  /** The expression as written. */
  text: string;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  fifteenth: 15,
  twentieth: 20,
};

const NUMWORD = `(?:${[...Object.keys(UNITS), ...Object.keys(SCALES)].sort((a, b) => b.length - a.length).join("|")})`;
const ORDWORD = `(?:${Object.keys(ORDINALS).join("|")})`;
/** "one hundred twenty", "twenty-five", "two thousand and fifty". */
const WORDS = `${NUMWORD}(?:(?:\\s+and\\s+|[\\s-]+)${NUMWORD})*`;
const DIGITS = `\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?`;
const CURRENCY = `USD|US\\$|U\\.S\\.\\s?\\$|EUR|GBP|CHF|JPY|CNY|RMB|€|\\$|£|¥`;
const MONEY_SCALE = `million|billion|thousand|mn|m|bn|k`;
const DURATION_UNIT = `(?:(calendar|business|working)\\s+)?(hours?|days?|weeks?|months?|years?|quarters?)`;

/** The alternatives tried at each position, longest forms first. */
const SCAN = new RegExp(
  [
    // 1. money with a currency before: USD 25,000,000 / $25 million / € 3.5m
    `(?<cur>${CURRENCY})\\s?(?<mnum>${DIGITS})(?:\\s?(?<mscale>${MONEY_SCALE})\\b)?`,
    // 2. words then digits in brackets: sixty (60) / twenty-five percent (25%) / seventh (7th)
    `(?<words>(?:${WORDS}|${ORDWORD})(?:\\s+(?:percent|per cent))?\\s*)?\\((?<pnum>${DIGITS})\\s?(?<psuffix>%|st|nd|rd|th)?\\)`,
    // 3. a compound adjective: eighteen-month forecast, 12-month period
    `(?<hnum>${WORDS}|\\d+)-(?<hunit>day|week|month|year|quarter)\\b`,
    // 4. digits: 30 days / 80% / 25,000,000 US dollars
    `(?<dnum>${DIGITS})(?<dpct>\\s?%|\\s+(?:percent|per cent)\\b)?`,
    // 5. words alone before a unit: ninety days / five percent
    `(?<wnum>${WORDS})(?=\\s+(?:(?:calendar|business|working)\\s+)?(?:days?|weeks?|months?|years?|quarters?|percent|per cent)\\b)`,
  ].join("|"),
  "gi",
);

const REFERENCE_BEFORE =
  /(?:\b(?:Sections?|Articles?|Clauses?|Parts?|Paragraphs?|Schedules?|Exhibits?|Annex(?:es)?|Appendix|Appendices|Phase|Incoterms|Rule|Form|No\.|Nos\.|Level|Grade|Stage|Cohort|Version|v)|§)\s*(?:[\dA-Za-z.()]+(?:,\s*|\s+(?:and|or|to|through)\s+))*$/i;
const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const MONTH_BEFORE = new RegExp(`\\b(?:${MONTHS})\\.?\\s*$`);
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\b`);
const BOUND_BEFORE =
  /\b(?:at least|at most|no fewer than|not fewer than|no less than|not less than|minimum of|maximum of|up to|no more than|not more than|exceeding)\s*$/i;
const COUNT_STOP = new Set([
  "in",
  "of",
  "to",
  "for",
  "at",
  "on",
  "per",
  "and",
  "or",
  "each",
  "who",
  "that",
  "which",
  "with",
  "within",
  "after",
  "before",
  "by",
  "from",
  "than",
  "as",
  "under",
  "during",
  "is",
  "are",
  "shall",
  "will",
  "may",
  "the",
  "a",
  "an",
  "if",
]);

const CURRENCY_CODES: Record<string, string> = {
  $: "USD",
  us$: "USD",
  "u.s.$": "USD",
  "u.s. $": "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  rmb: "CNY",
};
const MONEY_SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
};
const DAYS_PER: Record<string, number> = {
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 365 / 12,
  quarter: 365 / 4,
  year: 365,
};

/** Reads "one hundred twenty", "twenty-five", "two thousand"; null when the words are not a number. */
export function parseNumberWords(words: string): number | null {
  const tokens = words
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((t) => t !== "" && t !== "and");
  if (tokens.length === 0) return null;
  if (tokens.length === 1 && ORDINALS[tokens[0]!] !== undefined) return ORDINALS[tokens[0]!]!;
  let total = 0;
  let current = 0;
  for (const t of tokens) {
    const u = UNITS[t];
    const s = SCALES[t];
    if (u !== undefined) current += u;
    else if (s === 100) current = (current || 1) * 100;
    else if (s !== undefined) {
      total += (current || 1) * s;
      current = 0;
    } else return null;
  }
  return total + current;
}

/** Parses a digit string with thousands separators: "25,000,000" → 25000000. */
export function parseDigits(digits: string): number {
  return Number(digits.replace(/,/g, ""));
}

function durationAfter(text: string, at: number): { unit: string; days: number; end: number } | null {
  const m = new RegExp(`^[ \\t]*${DURATION_UNIT}\\b`, "i").exec(text.slice(at, at + 40));
  if (!m) return null;
  return makeDuration(m[1], m[2]!, at + m[0].length);
}

function makeDuration(
  qualifier: string | undefined,
  unitWord: string,
  end: number,
): { unit: string; days: number; end: number } {
  const base = unitWord.toLowerCase().replace(/s$/, "");
  const q = qualifier?.toLowerCase();
  const business = q === "business" || q === "working";
  const unit = `${business ? "business " : ""}${base}s`;
  return { unit, days: business ? 7 / 5 : DAYS_PER[base]!, end };
}

function percentAfter(text: string, at: number): number | null {
  const m = /^\s?(?:%|(?:percent|per cent)\b)/i.exec(text.slice(at, at + 12));
  return m ? at + m[0].length : null;
}

function nounAfter(text: string, at: number, to: number): { noun: string; end: number } | null {
  // Words of two letters or more; "C.F.R." and other abbreviations end the noun.
  const re = /^[ \t]+([A-Za-z][A-Za-z-]+)(?![.\w])/;
  const words: string[] = [];
  let pos = at;
  let end = at;
  while (words.length < 4) {
    const m = re.exec(text.slice(pos, Math.min(to, pos + 40)));
    if (!m) break;
    if (COUNT_STOP.has(m[1]!.toLowerCase())) break;
    words.push(m[1]!);
    pos += m[0].length;
    end = pos;
  }
  return words.length > 0 ? { noun: words.join(" "), end } : null;
}

function isReference(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 80), start);
  if (REFERENCE_BEFORE.test(before)) return true;
  if (MONTH_BEFORE.test(before)) return true;
  if (MONTH_AFTER.test(text.slice(end, end + 14))) return true;
  return false;
}

/** Finds the quantities in `text[from, to)`, in order, with absolute offsets. */
export function parseQuantities(text: string, from = 0, to = text.length): Quantity[] {
  const out: Quantity[] = [];
  SCAN.lastIndex = from;
  for (let m = SCAN.exec(text); m && m.index < to; m = SCAN.exec(text)) {
    const g = m.groups!;
    const start = m.index;
    let end = start + m[0].length;
    // Never start inside a word or a longer number ("5.1", "B12", "x30").
    const prev = start > 0 ? text[start - 1]! : " ";
    if (
      /[\p{L}\p{N}_]/u.test(prev) ||
      (prev === "." && /\d/.test(text[start - 2] ?? "")) ||
      (prev === "-" && !g.cur)
    ) {
      continue;
    }
    let q: Omit<Quantity, "start" | "end" | "text"> | null = null;
    if (g.cur !== undefined) {
      const code = CURRENCY_CODES[g.cur.toLowerCase()] ?? g.cur.toUpperCase().replace(/\s/g, "");
      const scale = g.mscale ? (MONEY_SCALES[g.mscale.toLowerCase()] ?? 1) : 1;
      const value = parseDigits(g.mnum!) * scale;
      q = { value, unit: code, unitClass: "money", normalized: value };
    } else if (g.pnum !== undefined) {
      const value = parseDigits(g.pnum);
      const wordsText = (g.words ?? "").trim();
      if (g.psuffix === "%" || /\bper\s?cent$/i.test(wordsText)) {
        q = { value, unit: "%", unitClass: "percent", normalized: value };
      } else if (g.psuffix && /^anniversary\b/i.test(text.slice(end).trimStart())) {
        const anniversary = /^\s*anniversary/i.exec(text.slice(end))!;
        end += anniversary[0].length;
        q = { value, unit: "years", unitClass: "duration", normalized: value * 365 };
      } else {
        const duration = durationAfter(text, end);
        const pct = duration ? null : percentAfter(text, end);
        if (duration) {
          end = duration.end;
          q = { value, unit: duration.unit, unitClass: "duration", normalized: value * duration.days };
        } else if (pct !== null) {
          end = pct;
          q = { value, unit: "%", unitClass: "percent", normalized: value };
        } else if (wordsText !== "" && !g.psuffix) {
          // "eighty (80) sales representatives"; a bare "(2)" is a list label, not a count.
          const noun = nounAfter(text, end, to);
          if (noun) end = noun.end;
          q = {
            value,
            unit: "count",
            unitClass: "count",
            normalized: value,
            ...(noun ? { noun: noun.noun } : {}),
          };
        }
      }
    } else if (g.hnum !== undefined) {
      const value = /^\d+$/.test(g.hnum) ? Number(g.hnum) : parseNumberWords(g.hnum);
      if (value !== null) {
        const d = makeDuration(undefined, g.hunit!, end);
        q = { value, unit: d.unit, unitClass: "duration", normalized: value * d.days };
      }
    } else if (g.dnum !== undefined) {
      const value = parseDigits(g.dnum);
      if (g.dpct) {
        q = { value, unit: "%", unitClass: "percent", normalized: value };
      } else {
        const after = text.slice(end, end + 30);
        const money =
          /^\s?(?<scale>million|billion|thousand|mn|bn)?\s?(?<cur>US dollars|U\.S\. dollars|dollars|euros|USD|EUR|GBP|CHF)\b/i.exec(
            after,
          );
        const duration = durationAfter(text, end);
        if (money?.groups?.cur) {
          const scale = money.groups.scale ? MONEY_SCALES[money.groups.scale.toLowerCase()]! : 1;
          const cur = money.groups.cur.toLowerCase();
          end += money[0].length;
          const code = /dollar/.test(cur) ? "USD" : /euro/.test(cur) ? "EUR" : cur.toUpperCase();
          q = { value: value * scale, unit: code, unitClass: "money", normalized: value * scale };
        } else if (duration) {
          end = duration.end;
          q = { value, unit: duration.unit, unitClass: "duration", normalized: value * duration.days };
        } else if (
          /^\d+$/.test(g.dnum) &&
          !/^(?:19|20)\d\d$/.test(g.dnum) &&
          !/^\s*\n/.test(text.slice(Math.max(0, start - 1), start + 1))
        ) {
          const lineStart = text.lastIndexOf("\n", start - 1) + 1;
          if (text.slice(lineStart, start).trim() !== "") {
            // A bare number counts only with a noun after it or a bound before it ("at least 20 in each").
            const noun = nounAfter(text, end, to);
            if (noun) end = noun.end;
            if (noun || BOUND_BEFORE.test(text.slice(Math.max(0, start - 30), start))) {
              q = {
                value,
                unit: "count",
                unitClass: "count",
                normalized: value,
                ...(noun ? { noun: noun.noun } : {}),
              };
            }
          }
        }
      }
    } else if (g.wnum !== undefined) {
      const value = parseNumberWords(g.wnum);
      if (value !== null) {
        const duration = durationAfter(text, end);
        const pct = duration ? null : percentAfter(text, end);
        if (duration) {
          end = duration.end;
          q = { value, unit: duration.unit, unitClass: "duration", normalized: value * duration.days };
        } else if (pct !== null) {
          end = pct;
          q = { value, unit: "%", unitClass: "percent", normalized: value };
        }
      }
    }
    if (!q || end > to) continue;
    if (q.unitClass === "count" && isReference(text, start, end)) continue;
    // The apostrophe of "sixty (60) days' notice" stays outside the span.
    out.push({ ...q, start, end, text: text.slice(start, end) });
    SCAN.lastIndex = end;
  }
  return out;
}

/** Writes a quantity for a message: "60 days", "USD 25,000,000", "80%", "20 sales representatives". */
export function formatQuantity(q: Pick<Quantity, "value" | "unit" | "unitClass" | "noun">): string {
  const n = q.value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  switch (q.unitClass) {
    case "money":
      return `${q.unit} ${n}`;
    case "percent":
      return `${n}%`;
    case "duration":
      return `${n} ${q.value === 1 ? q.unit.replace(/s$/, "") : q.unit}`;
    case "count":
      return q.noun ? `${n} ${q.noun}` : n;
  }
}
