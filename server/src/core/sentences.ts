/**
 * Splits clause text into sentences, the unit in which cues co-occur. Legal prose is hostile to naive
 * splitting ("Section 5.1", "Inc.", "U.S.", "i.e."), so a full stop ends a sentence only when a space
 * and a capital, an opening bracket or a quote follow, and not after a known abbreviation or an initial.
 */

export interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  "inc",
  "ltd",
  "co",
  "corp",
  "llc",
  "plc",
  "no",
  "nos",
  "sec",
  "art",
  "e.g",
  "i.e",
  "u.s",
  "u.k",
  "p.r.c",
  "etc",
  "mr",
  "ms",
  "mrs",
  "dr",
  "st",
  "vs",
  "cf",
  "approx",
  "incl",
  "viz",
  "s.a",
  "n.v",
  "b.v",
  "ag",
  "gmbh",
  "pty",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "para",
  "fig",
  "sch",
  "ex",
]);

/** Returns the sentences of `text[from, to)` as absolute offsets. */
export function splitSentences(text: string, from = 0, to = text.length): Sentence[] {
  const out: Sentence[] = [];
  let start = from;
  const re = /[.!?](?=[”"’')\]]?\s)|\n[ \t]*\n/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const at = m.index;
    if (m[0][0] === ".") {
      const before = text.slice(Math.max(from, at - 12), at);
      const word = /([A-Za-z][A-Za-z.]*)$/.exec(before)?.[1]?.toLowerCase() ?? "";
      if (ABBREVIATIONS.has(word) || /^[a-z]$/i.test(word) || /\d$/.test(before)) {
        // "5.1", "Inc.", "A. Smith": not an end unless a blank line follows.
        const after = text.slice(at + 1, at + 4);
        if (!/^\s*\n/.test(after)) continue;
      }
      const next = /^[”"’')\]]?\s+(.)/.exec(text.slice(at + 1, at + 8));
      if (next && !/[A-Z(“"\d[]/.test(next[1]!)) continue;
    }
    const end = m[0][0] === "\n" ? at : at + 1;
    if (end > start && text.slice(start, end).trim() !== "") out.push({ start, end });
    start = m[0][0] === "\n" ? at + m[0].length : at + 1;
  }
  if (to > start && text.slice(start, to).trim() !== "") out.push({ start, end: to });
  return out;
}

const OBLIGATION =
  /\b(?:shall|will|must|agrees? to|undertakes? to|covenants? to|is obliged to|is required to|are required to|shall be responsible)\b/i;

/** Decides whether a sentence reads as an obligation of a party. */
export function isObligation(sentence: string): boolean {
  return OBLIGATION.test(sentence);
}
