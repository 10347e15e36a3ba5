/**
 * `party-consistency`: a party written with a variant of its defined name: "Nordvik Pharma A.G." for
 * "Nordvik Pharma AG", "NordVik" or "Nord Vik" for "Nordvik". Names compare by their letters and digits
 * only, case-insensitively, so only spelling variants match; a name in capitals (headings, signature
 * blocks) is styling, not a variant. The fix writes the party's defined short name.
 */
import { escapeSnippet } from "../snippet";
import type { Finding } from "../types";
import { glossaryOf, type PartyName } from "./glossary";
import { blockMatches } from "./blocks";
import type { DraftingInput } from "./input";
import { KNOWN_WORDS } from "./lexicon";
import { nonProseSpans, SpanFlags } from "./regions";

const UPPER = /^[A-Z\u00C0-\u00D6\u00D8-\u00DE]/;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]/g, "");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A pattern for a name's letters in order, with up to three spaces or punctuation marks between any two. */
function namePattern(norm: string): RegExp {
  const chars = [...norm].map(escapeRegExp);
  return new RegExp(`(?<![A-Za-z0-9])${chars.join("[ .,'’&-]{0,3}")}(?![A-Za-z0-9])`, "gi");
}

/** Whether [start, end) lies inside one of the spans, which are sorted and do not overlap. */
function insideSorted(
  spans: ReadonlyArray<{ start: number; end: number }>,
  start: number,
  end: number,
): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && end <= spans[at]!.end;
}

export interface PartyVariant {
  start: number;
  end: number;
  text: string;
  /** The defined spelling it varies from. */
  canonical: string;
  /** What the fix writes: the party's first defined short name (or the canonical spelling). */
  replacement: string;
}

/** Finds variant spellings of the parties' full and short names. */
export function findPartyVariantSpans(doc: DraftingInput): PartyVariant[] {
  const g = glossaryOf(doc);
  const names: Array<{ canonical: string; norm: string; party: PartyName }> = [];
  for (const p of g.parties) {
    if (p.full) {
      names.push({ canonical: p.full.replace(/\.$/, ""), norm: normalise(p.full), party: p });
      // "Nordvik Pharma" for "Nordvik Pharma AG": the legal name cut short is neither the name nor the short name.
      const stripped = p.full.replace(CORPORATE_SUFFIX, "");
      if (
        stripped !== p.full &&
        stripped.split(/\s+/).length >= 2 &&
        !p.short.some((d) => normalise(d.term) === normalise(stripped))
      ) {
        names.push({ canonical: p.full.replace(/\.$/, ""), norm: normalise(stripped), party: p });
      }
    }
    for (const s of p.short) names.push({ canonical: s.term, norm: normalise(s.term), party: p });
  }
  const usable = names.filter((n) => n.norm.length >= 3);
  if (usable.length === 0) return [];
  const text = doc.masked;
  const quoted = g.quoted;
  const out: PartyVariant[] = [];
  // Headings, page headers, signature and notice lines name parties as they please; so does a cover
  // note before the parties are defined.
  const taken = new SpanFlags(text.length);
  for (const sp of nonProseSpans(doc)) taken.add(sp.start, sp.end);
  const firstParty = Math.min(...g.parties.map((p) => p.fullStart));
  if (firstParty > 0 && Number.isFinite(firstParty)) taken.add(0, firstParty);
  // Longest names first, so "Nordvik Pharma A.G." is one variant, not "Nordvik" plus leftovers.
  usable.sort((a, b) => b.norm.length - a.norm.length);
  for (const name of usable) {
    for (const m of blockMatches(doc, `parties:${name.norm}`, namePattern(name.norm))) {
      const start = m.index;
      // "A.G." keeps its final full stop; a sentence's full stop after "AG" is not part of the name.
      const end =
        start + m[0].length + (/[A-Za-z]\.[A-Za-z]$/.test(m[0]) && text[start + m[0].length] === "." ? 1 : 0);
      if (!UPPER.test(text[start]!) || taken.overlaps(start, end)) continue;
      const written = text.slice(start, end).replace(/\s+/g, " ");
      // The name as defined: it also hides the short name inside it ("Eton" in "Eton Pharmaceuticals, Inc.").
      if (written === name.canonical || written.replace(/\.$/, "") === name.canonical.replace(/\.$/, "")) {
        taken.add(start, end);
        continue;
      }
      // Capitals are styling (headings, signature blocks), and so is the ordinary case of a name defined in capitals.
      if (written === written.toUpperCase()) continue;
      if (
        name.canonical === name.canonical.toUpperCase() &&
        written.toUpperCase() === name.canonical.toUpperCase()
      )
        continue;
      if (insideSorted(quoted, start, end)) continue;
      taken.add(start, end);
      const replacement = name.party.short[0]?.term ?? name.canonical;
      out.push({ start, end, text: written, canonical: name.canonical, replacement });
    }
  }
  for (const v of misspelledShortNames(doc, taken)) out.push(v);
  return out.sort((a, b) => a.start - b.start);
}

const CORPORATE_SUFFIX =
  /[,\s]+(?:Co\.?,?\s*)?(?:Inc|Ltd|LLC|L\.L\.C|Corp|GmbH|AG|A\.G|S\.A|SA|N\.V|B\.V|plc|PLC|Limited|Corporation|Company|KGaA|S\.p\.A|Pty)\.?$/;

function damerau1(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A short name misspelt by one letter ("Licencee" for "Licensee", "Nordvk" for "Nordvik"). Only for
 * names of six letters or more, and only for a capitalised word the agreement never writes in lower
 * case and never uses in a defined term: "Licensed" is one letter from "Licensee" and a real word.
 */
function misspelledShortNames(doc: DraftingInput, taken: SpanFlags): PartyVariant[] {
  const g = glossaryOf(doc);
  const out: PartyVariant[] = [];
  const termWords = new Set(g.definitions.flatMap((d) => d.term.toLowerCase().split(/[^a-z0-9]+/)));
  const seen = new Map<string, boolean>();
  for (const p of g.parties) {
    for (const s of p.short) {
      const name = s.term;
      // A role ("Licensee") has real words one letter away ("Licensed", "Licenses"); only names are checked.
      if (!/^[A-Z][a-z]{5,}$/.test(name) || KNOWN_WORDS.has(name.toLowerCase())) continue;
      const re = new RegExp(`\\b[A-Z][a-z]{${name.length - 2},${name.length}}\\b`, "g");
      for (const m of doc.masked.matchAll(re)) {
        const word = m[0];
        if (
          !damerau1(word.toLowerCase(), name.toLowerCase()) ||
          taken.overlaps(m.index, m.index + word.length)
        )
          continue;
        let ok = seen.get(word);
        if (ok === undefined) {
          const lower = word.toLowerCase();
          ok = !termWords.has(lower) && !new RegExp(`\\b${lower}\\b`).test(doc.masked) && !g.byKey.has(lower);
          seen.set(word, ok);
        }
        if (!ok) continue;
        out.push({
          start: m.index,
          end: m.index + word.length,
          text: word,
          canonical: name,
          replacement: name,
        });
      }
    }
  }
  return out;
}

/** `party-consistency` findings, each with a fix that writes the defined name. */
export function findPartyVariants(doc: DraftingInput): Finding[] {
  return findPartyVariantSpans(doc).map((v) => {
    const range = doc.lines.range(v.start, v.end);
    const same = v.canonical === v.replacement;
    return {
      rule: "party-consistency",
      severity: 2,
      range,
      message: same
        ? `"${v.text}" is a variant spelling of the party name "${v.canonical}".`
        : `"${v.text}" is a variant spelling of the party name "${v.canonical}", defined as "${v.replacement}".`,
      fixes: [
        {
          title: `Replace with "${v.replacement}"`,
          edits: [{ range, snippet: escapeSnippet(v.replacement) }],
        },
      ],
    };
  });
}
