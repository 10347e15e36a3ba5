/**
 * `undefined-term`: a capitalised phrase used the way defined terms are used but defined nowhere.
 *
 * It has to be quiet enough to be on by default, so it only looks at phrases of two or more
 * capitalised words ("Royalty Report", "Statement of Work"), only in running prose (not headings,
 * titles, signature blocks, quotes or the first word of a sentence), and only when the phrase is used
 * like a defined term: twice or more, or after "the", "such", "any" or "each". A phrase is explained,
 * and never flagged, when it is defined in any way the glossary knows (including by reference, "as
 * defined in Section 4.2"), quoted anywhere, a party's name, a section or exhibit title, the long form
 * of a defined acronym, or a proper name (places, regulators, statutes, companies, officers; see
 * lexicon.ts). Words covered by a defined term split the phrase: in "Licensed Product Royalty Report"
 * only "Royalty Report" can be undefined. Measured on 20 filed agreements: see scripts/undefined-terms.ts.
 */
import { escapeSnippet } from "../snippet";
import type { Section } from "../structure";
import type { Finding, Fix } from "../types";
import {
  BOILERPLATE_TERMS,
  glossaryOf,
  isAsciiAlnum,
  keyVariants,
  quotedInBlock,
  sectionStarts,
  termKey,
  type Definition,
  type Glossary,
} from "./glossary";
import { blockCache, matchStarts, perBlock } from "./blocks";
import { intern, Serials, Variants } from "../text-cache";
import { oncePerInput, type DraftingInput } from "./input";
import {
  CONNECTORS,
  CORPORATE_WORDS,
  KNOWN_PHRASES,
  KNOWN_WORDS,
  PLACE_WORDS,
  PROPER_NAME_FIRSTS,
  PROPER_NAME_HEADS,
  PUNCTUATED_NAMES,
  STATUTE_WORDS,
  STOP_WORDS,
} from "./lexicon";
import { isSentenceStart, nonProseSpans, tableOfContentsSpans } from "./regions";
import { editDistance } from "../editDistance";

interface Token {
  text: string;
  start: number;
  end: number;
  /** Lower case, possessive ending removed. */
  bare: string;
  /** {@link termKey} of the word. */
  key: string;
  /** "break": a lower-case word or anything else that ends a run (never stored). */
  type: "cap" | "stop" | "connector" | "number" | "acronym" | "break";
  possessive: boolean;
  /** Whether a capitalised run can go on from the token before to this one (only blanks, at most one line break, between them). */
  joined: boolean;
}

export interface TermCandidate {
  /** The phrase as first written, white space normalised. */
  term: string;
  /** Occurrences in prose: offsets of the phrase, and whether "the", "such", "any" or "each" precedes it. */
  uses: Array<{ start: number; end: number; determiner: boolean }>;
}

const DETERMINERS = new Set(["the", "such", "any", "each"]);
const CORPORATE_AFTER =
  /^\s*,?\s*(?:Inc|Ltd|LLC|L\.L\.C|Corp|Co|GmbH|AG|S\.A|SA|SAS|N\.V|B\.V|plc|PLC|Limited|L\.P|LP|LLP|K\.K|S\.p\.A|Pty|SE|S\.A\.S|A\/S|AB|ASA|Oy|KGaA)\b/;
const PERSON_AFTER =
  /^\s*,?\s*(?:M\.?\s?D\.?|Ph\.?\s?D\.?|Esq\.?|Jr\.?|Sr\.?|J\.?D\.?|MBA|R\.?N\.?|Pharm\.?\s?D\.?|DVM|FRCP)(?![A-Za-z])/;
const PERSON_BEFORE = /(?:\/s\/|\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame)\.?)\s*$/;
const LONG_FORM_AFTER = /^[®™]?\s*\((?:the\s+|a\s+|an\s+)?[“"ʺ]?\s*[A-Z][A-Z0-9&-]+s?\s*[”"ʺ]?\)/;
/** Words after a phrase that make it the name of a document: "Professional Fee Schedule", "Return Goods Policy". */
const DOCUMENT_WORDS = new Set([
  "agreement",
  "agreements",
  "schedule",
  "policy",
  "program",
  "programme",
  "protocol",
  "list",
]);
/** An attachment's title run into a filing's text: "Attachment 3 HEMISPHERX Return Goods Policy". */
const ATTACHMENT_TITLE =
  /\b(?:Exhibit|EXHIBIT|Attachment|ATTACHMENT|Schedule|SCHEDULE|Appendix|APPENDIX|Annex|ANNEX)\s+[A-Z0-9]{1,3}(?:[.-]\d{1,2})?[ \t]+(?:[-–—:][ \t]*)?((?:[A-Z][\w'’&/-]*|of|and|for|the|to|in|on)(?:[ \t]+(?:[A-Z][\w'’&/-]*|of|and|for|the|to|in|on)){0,10})/g;
// Sticky: tried only where "capitalized" starts (see hasBlanketReference).
const BLANKET_REFERENCE =
  /capitali[sz]ed\s+terms\s+(?:used\s+)?(?:herein\s+|in\s+this\s+\w+\s+)?(?:(?:but|and|that\s+are|which\s+are)\s+)?not\s+(?:otherwise\s+)?defined[^.]{0,120}?meanings?\s+(?:given|set\s+forth|ascribed|assigned|specified|provided|attributed|as\s+defined)[^.]{0,80}?\b(?:in|under)\s+(?:the|that\s+certain|such)\s+(?!this\b)[^.]{0,40}?\b(?:Agreement|Plan|Policy|Protocol|Contract)\b/iy;
/** The name of an agreement (sticky: see knownKeys). */
const AGREEMENT_NAME =
  /\b(?:this|This|THIS)\s+((?:[A-Z][\w'’-]*\s+(?:and\s+|of\s+|for\s+)?){1,8})Agreement\b/y;

/**
 * Where a "this" or a "capitalized" starts (any case), found block by block in one pass: the only
 * places AGREEMENT_NAME and BLANKET_REFERENCE can match from. Each expression fails at once where
 * the other's word starts.
 */
const sentenceStarts = oncePerInput((doc) =>
  matchStarts(doc, "undefined-terms:starts", /\bthis\b|capitali[sz]ed/gi),
);

/**
 * Whether the document points capitalised terms it does not define to another agreement. The
 * sentence may run on past a page break's blank lines, so it is tried on the whole text, but only
 * where "capitalized" starts: searching a 50,000-word text for it cost 0.3 ms a keystroke.
 */
function hasBlanketReference(doc: DraftingInput): boolean {
  for (const at of sentenceStarts(doc)) {
    BLANKET_REFERENCE.lastIndex = at;
    if (BLANKET_REFERENCE.test(doc.masked)) return true;
  }
  return false;
}
/** A run-in heading after a section number: "12.3 Survival of Representations and Warranties." */
const INLINE_HEADING =
  /(?<![\w.,§])\d{1,3}(?:\.\d{1,3})*\.?(?:\([a-z0-9]{1,4}\))?[ \t]+(?:[A-Z][\w'’&/-]*|of|and|or|for|the|to|in|on|by|with|under|from|a|an|upon|&|,)(?:[ \t]+(?:[A-Z][\w'’&/-]*|of|and|or|for|the|to|in|on|by|with|under|from|a|an|upon|&|;|,))*[ \t]*[.:](?=\s|$)/g;
/** A section title quoted after a reference: "Section 4.8 (Right of Reference and Access to Data)". */
// Only from a number's first digit ((?<!\d\.*)): a later start can only fail where the first did, and
// on "1.1.1.1…" every start rescanned the rest of the run (200,000 characters took 15 s).
const PAREN_TITLE = /(?<!\d\.*)\d(?:[\d.]*\d)?(?:\([a-z0-9]{1,4}\))*[ \t]*\(([A-Z][^()\n]{2,100})\)/g;

const UPPER = /^[A-Z\u00C0-\u00D6\u00D8-\u00DE]/;
const LOWER = /[a-z\u00DF-\u00F6\u00F8-\u00FF]/;

/**
 * A Latin letter (accents included: U+00C0 to U+024F but × and ÷) or an ASCII digit. Latin only: a
 * Unicode property class was an order of magnitude slower on a long filing.
 */
function isTokenChar(c: number): boolean {
  if (c < 0xc0) return isAsciiAlnum(c);
  return c <= 0x24f && c !== 0xd7 && c !== 0xf7;
}

/**
 * Where the token starting at `i` ends, or -1 when none starts there. A token is a run of letters and
 * digits joined by hyphens or apostrophes (a hyphen or soft hyphen may be followed by one space:
 * "Know- How" is a word broken across a line in a filing), with an optional closing apostrophe; or
 * `&` or `/`. Read by hand: the equivalent regular expression (TOKEN_PATTERN in the tests) allocated
 * a match for every word of the document.
 */
export function tokenEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 38 || c === 47) return i + 1; // & /
  if (!isTokenChar(c)) return -1;
  let end = i + 1;
  while (end < text.length && isTokenChar(text.charCodeAt(end))) end++;
  for (;;) {
    const j = text.charCodeAt(end);
    let next = -1;
    if (j === 45 || j === 0xad) {
      // - or soft hyphen, then a letter, or one space and a letter
      if (isTokenChar(text.charCodeAt(end + 1))) next = end + 1;
      else if (text.charCodeAt(end + 1) === 32 && isTokenChar(text.charCodeAt(end + 2))) next = end + 2;
    } else if ((j === 39 || j === 0x2019) && isTokenChar(text.charCodeAt(end + 1))) next = end + 1;
    if (next < 0) break;
    end = next + 1;
    while (end < text.length && isTokenChar(text.charCodeAt(end))) end++;
  }
  const last = text.charCodeAt(end);
  return last === 39 || last === 0x2019 ? end + 1 : end;
}

function tokenType(raw: string, prev: Token | undefined): Token["type"] {
  // Most tokens are lower-case words: decided first, as no number starts with a lower-case letter.
  const first = raw.charCodeAt(0);
  if (first >= 97 && first <= 122 && !CONNECTORS.has(raw)) return "break";
  if (/^\d+[a-z]?$|^\d+[a-z]?\/\d+[a-z]?$|^[IVX]{1,4}[ab]?$/.test(raw)) return "number";
  // "SIGA Intellectual Property": an acronym can be part of a defined term, never a term's own word.
  if (UPPER.test(raw) && !LOWER.test(raw.replace(/s$/, "")))
    return raw.length > 1 && !/[-'’]/.test(raw) ? "acronym" : "break";
  if (raw === "/" || raw === "&") return "connector";
  if (CONNECTORS.has(raw))
    return raw === "the" && !(prev && prev.type === "connector") ? "break" : "connector";
  // Lower-case words, "Product-by-Product", drug names with digits ("Alfa-n3").
  if (!UPPER.test(raw) || /-by-/i.test(raw) || /\d/.test(raw)) return "break";
  const core = raw.replace(/['’]s?$/, "").replace(/s$/, "");
  if (!LOWER.test(core)) return "break";
  return STOP_WORDS.has(raw.replace(/['’]s?$/, "").toLowerCase()) ? "stop" : "cap";
}

const MAX_CONNECTOR_LENGTH = Math.max(...[...CONNECTORS].map((c) => c.length));

/**
 * The words that can make up a term: capitalised words, acronyms, connectors and numbers. Anything
 * else (a lower-case word, a word with digits) is left out; the text between two kept tokens then
 * holds letters, which ends a run, so no token object is made for most of a long filing's words.
 */
function tokenize(text: string, markdown: boolean): Token[] {
  const out: Token[] = [];
  for (let at = 0; at < text.length; at++) {
    const end = tokenEnd(text, at);
    if (end < 0) continue;
    const index = at;
    at = end - 1;
    // A lower-case word longer than any connector is a break (see tokenType): most words of an
    // agreement, passed over without a string made for each.
    const first = text.charCodeAt(index);
    if (first >= 97 && first <= 122 && end - index > MAX_CONNECTOR_LENGTH) continue;
    const raw = text.slice(index, end);
    const prev = out[out.length - 1];
    const type = tokenType(raw, prev?.end === index - 1 ? prev : undefined);
    if (type === "break") continue;
    const possessive = /['’]s?$/.test(raw) && !/^[A-Z][a-z]?['’][A-Za-z]/.test(raw);
    const bare = possessive ? raw.replace(/['’]s?$/, "").toLowerCase() : raw.toLowerCase();
    const gap = prev ? text.slice(prev.end, index) : "";
    out.push({
      text: intern(raw),
      start: index,
      end,
      bare: intern(bare),
      key: termKey(raw),
      type,
      possessive,
      joined:
        prev !== undefined &&
        !prev.possessive &&
        (gap === ""
          ? raw === "/" || prev.text === "/"
          : (markdown ? /^[ \t]*(?:\n[ \t]*)?$/ : /^[ \t]+$/).test(gap)),
    });
  }
  return out;
}

function mask(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, pos);
    if (s.end <= start) continue;
    parts.push(text.slice(pos, start), "|".repeat(s.end - start));
    pos = s.end;
  }
  parts.push(text.slice(pos));
  return parts.join("");
}

const keyOf = (words: Token[]) => words.map((t) => t.key).join(" ");

/** Whether a term opens a line somewhere (not a heading): a definitions table without quotes or "means". */
function entryStarts(doc: DraftingInput, term: string): boolean {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  const at = new RegExp(`${escaped}\\b`, "y");
  for (const start of lineHeads(doc).get(term.charCodeAt(0)) ?? []) {
    at.lastIndex = start;
    if (at.test(doc.masked)) return true;
  }
  return false;
}

/**
 * Where each line's text starts (after its indentation), by first character, section headings left
 * out ("3.1 Project Plans" is not a definition). Built once per document: looking for each term with
 * its own expression over the whole text was quadratic on long agreements.
 */
const lineHeads = oncePerInput((doc): Map<number, number[]> => {
  const byChar = new Map<number, number[]>();
  const headings = sectionStarts(doc);
  const { masked } = doc;
  for (let lineStart = 0; lineStart <= masked.length;) {
    let i = lineStart;
    while (masked[i] === " " || masked[i] === "\t") i++;
    if (i < masked.length && masked[i] !== "\n" && !headings.has(i)) {
      const c = masked.charCodeAt(i);
      let list = byChar.get(c);
      if (!list) byChar.set(c, (list = []));
      list.push(i);
    }
    const nl = masked.indexOf("\n", i);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return byChar;
});

/** Keys that explain a phrase, each with what explains it (for the measurement script's "why not flagged"). */
type Known = Map<string, string>;

function knownKeys(doc: DraftingInput, g: Glossary): Known {
  const known: Known = new Map([...KNOWN_PHRASES].map((p) => [termKey(p), "a proper name in the lexicon"]));
  const add = (text: string, why: string) => {
    const key = termKey(text.replace(/[“”"ʺ*_]/g, " "));
    if (key !== "" && !known.has(key)) known.set(key, why);
  };
  for (const d of g.definitions) {
    // "Program Data (as defined below)" promises a definition; only a real one, or a pointer to another
    // section or instrument ("as defined in Section 4.2"), explains the term.
    if (
      d.kind === "reference" &&
      /defined\s+(?:below|above|herein|hereinafter|hereunder|later|elsewhere)/.test(
        doc.masked.slice(d.end, d.bodyEnd),
      ) &&
      !entryStarts(doc, d.term)
    )
      continue;
    add(d.term, `defined (${d.kind})`);
  }
  for (const q of g.quoted) add(q.text, "quoted in the agreement");
  for (const p of g.parties) {
    if (p.full) {
      add(p.full, "a party's name");
      // "Suzhou Lumina Biopharma Co., Ltd." is also written without its corporate suffix.
      add(
        p.full.replace(
          /[,\s]+(?:Co\.?,?\s*)?(?:Inc|Ltd|LLC|Corp|GmbH|AG|S\.A|N\.V|B\.V|plc|Limited|Corporation|Company)\.?$/i,
          "",
        ),
        "a party's name",
      );
    }
  }
  // An exhibit's title names the exhibit ("Exhibit A – Development Plan"); other section titles are only
  // headings, so "2.3 Development Plan." explains nothing about "the Development Plan" used in 5.1.
  for (const s of doc.sections) {
    // A "title" of more than 300 characters is text run onto the heading line, and splitting it costs quadratic time.
    if (s.title === "" || s.kind !== "exhibit" || s.title.length > 300) continue;
    for (const part of [
      s.title.replace(/[.:]+$/, ""),
      ...s.title.split(/\s*(?:[-–—:;,()]|\band\b|\bor\b)\s*/),
    ]) {
      if (part.trim().split(/\s+/).length >= 2) add(part, "an exhibit's title");
    }
  }
  // The agreement's own name and those of agreements it mentions: "this Master Development and Manufacturing Agreement".
  // Tried only where a "this" starts, found block by block, in turn as a global search would.
  let end = 0;
  for (const at of sentenceStarts(doc)) {
    if (at < end) continue;
    AGREEMENT_NAME.lastIndex = at;
    const m = AGREEMENT_NAME.exec(doc.masked);
    if (!m) continue;
    add(m[1]!, "the name of an agreement");
    end = at + m[0].length;
  }
  return known;
}

/** Answers already given per known-keys map: a long agreement asks about the same phrases thousands of times. */
const answers = new WeakMap<Known, { size: number; memo: Map<string, string | null> }>();

function whyKnown(known: Known, key: string): string | undefined {
  let entry = answers.get(known);
  // Keys are only ever added: a map that grew may know more than the answers given so far.
  if (!entry || entry.size !== known.size)
    answers.set(known, (entry = { size: known.size, memo: new Map() }));
  const memo = entry.memo;
  let why = memo.get(key);
  if (why === undefined) {
    why = null;
    for (const k of keyVariants(key)) {
      const found = known.get(k);
      if (found !== undefined) {
        why = found;
        break;
      }
    }
    memo.set(key, why);
  }
  return why ?? undefined;
}

/** Phrases the text itself marks as names: followed by a corporate suffix, an acronym in brackets, a degree. */
function namedPhrases(runs: Token[][], masked: string): Set<string> {
  const named = new Set<string>();
  for (const run of runs) {
    const last = run[run.length - 1]!;
    const after = masked.slice(last.end, last.end + 40);
    const corporate = run.findIndex((t, k) => k >= 1 && CORPORATE_WORDS.has(t.bare));
    if (corporate >= 1) {
      // "Boehringer Ingelheim Pharma GmbH" is also written "Boehringer Ingelheim".
      for (let n = 2; n <= corporate; n++) named.add(keyOf(run.slice(0, n)));
    } else if (CORPORATE_AFTER.test(after) || PERSON_AFTER.test(after) || LONG_FORM_AFTER.test(after)) {
      for (let n = 2; n <= run.length; n++) named.add(keyOf(run.slice(0, n)));
    }
  }
  return named;
}

/** Splits a token list into capitalised runs (see {@link findTermCandidates}). */
function capitalisedRuns(tokens: readonly Token[], skip?: (t: Token) => boolean): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const keeps = (t: Token) => t.type === "cap" || t.type === "stop" || t.type === "acronym";
  const endRun = () => {
    while (
      run.length > 0 &&
      !keeps(run[run.length - 1]!) &&
      !(run[run.length - 1]!.type === "number" && run[run.length - 2]?.type === "cap")
    )
      run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const t of tokens) {
    if (skip?.(t)) {
      endRun();
      continue;
    }
    // A run holds consecutive tokens, so the token before this one is the run's last.
    if (run.length > 0 && !t.joined) endRun();
    if (keeps(t) || run.length > 0) run.push(t);
    if (t.possessive) endRun();
  }
  endRun();
  return runs;
}

function trimEdges(part: Token[]): Token[] {
  let a = 0;
  let b = part.length;
  while (a < b && part[a]!.type !== "cap") a++;
  // A number after the last word belongs to it: "Initiation of Phase III", "Schedule 2".
  while (
    b > a &&
    part[b - 1]!.type !== "cap" &&
    !(part[b - 1]!.type === "number" && part[b - 2]?.type === "cap")
  )
    b--;
  return part.slice(a, b);
}

/** Splits a capitalised run into the parts no known term covers, then at stop words. */
function uncovered(
  run: Token[],
  ask: (key: string) => string | undefined,
): Array<{ part: Token[]; before: Token | undefined; after: Token | undefined }> {
  const covered = new Array<boolean>(run.length).fill(false);
  /** Start → end of each covered stretch that is a defined term. */
  const definedAt = new Map<number, number>();
  const keys: string[] = [];
  for (let i = 0; i < run.length; i++) {
    if (run[i]!.type !== "cap" && run[i]!.type !== "stop" && run[i]!.type !== "acronym") continue;
    // The keys of the phrases starting here, longest last; a possessive ends a phrase ("Licensee's
    // Development Plan" is not a term of three words), so none goes past the first possessive word.
    keys.length = 0;
    for (let j = i; j < Math.min(run.length, i + 12); j++) {
      keys.push(j === i ? run[j]!.key : `${keys[keys.length - 1]} ${run[j]!.key}`);
      if (run[j]!.possessive) break;
    }
    for (let j = i + keys.length; j > i; j--) {
      const key = keys[j - i - 1]!;
      const single = j - i === 1 && (KNOWN_WORDS.has(key) || PLACE_WORDS.has(key));
      const why = single ? "a known word" : j - i > 1 || run[i]!.type === "cap" ? ask(key) : undefined;
      if (why !== undefined) {
        covered.fill(true, i, j);
        if (why.startsWith("defined (means") || why.startsWith("defined (inline")) definedAt.set(i, j);
        i = j - 1;
        break;
      }
    }
  }
  const parts: Array<{ part: Token[]; before: Token | undefined; after: Token | undefined }> = [];
  // "Annual Net Sales", "Business Day" where only "Net Sales" and "Day" are defined: one capitalised word
  // before a defined term makes a different term, unless the word is itself known (a party, a place).
  for (const [i, end] of definedAt) {
    const w = run[i - 1];
    if (
      !w ||
      covered[i - 1] ||
      w.type !== "cap" ||
      w.possessive ||
      (i >= 2 && !covered[i - 2] && run[i - 2]!.type === "cap")
    )
      continue;
    // "China-specific Clinical Trial", "GMP-compliant Product": a hyphenated adjective, not a name.
    if (/[-\u00ad] ?[a-z]/.test(w.text)) continue;
    parts.push({ part: run.slice(i - 1, end), before: run[i - 2], after: run[end] });
  }
  let current: Token[] = [];
  const flush = () => {
    const trimmed = trimEdges(current);
    if (trimmed.filter((t) => t.type === "cap").length >= 2) {
      const first = run.indexOf(trimmed[0]!);
      const last = run.indexOf(trimmed[trimmed.length - 1]!);
      parts.push({ part: trimmed, before: run[first - 1], after: run[last + 1] });
    }
    current = [];
  };
  for (let i = 0; i < run.length; i++) {
    const t = run[i]!;
    if (covered[i] || t.type === "stop") {
      flush();
      continue;
    }
    current.push(t);
    if (t.possessive) flush();
  }
  flush();
  return parts;
}

function isProperName(
  part: Token[],
  before: Token | undefined,
  after: Token | undefined,
  masked: string,
  run?: Token[],
): boolean {
  // "Material Transfer and Initial Service Agreement", "Commerce Control List": a document's name
  // (but "the Effective Date of the Agreement" is a term of the agreement).
  const runLast = run?.[run.length - 1];
  if (run && runLast && runLast !== part[part.length - 1] && DOCUMENT_WORDS.has(runLast.bare)) {
    const between = run.slice(run.indexOf(part[part.length - 1]!) + 1, -1);
    if (!between.some((t) => t.bare === "of" || t.bare === "the")) return true;
  }
  const first = part[0]!.bare;
  const last = part[part.length - 1]!.bare;
  if (PROPER_NAME_HEADS.has(last) || PROPER_NAME_FIRSTS.has(first) || CORPORATE_WORDS.has(last)) return true;
  if (part.some((t) => STATUTE_WORDS.has(t.bare))) return true;
  // "Generic Drug Enforcement" + "Act" (a defined term), "Federal" + "Drug Marketing": the run is a name.
  if (
    after &&
    (PROPER_NAME_HEADS.has(after.bare) ||
      STATUTE_WORDS.has(after.bare) ||
      CORPORATE_WORDS.has(after.bare) ||
      DOCUMENT_WORDS.has(after.bare))
  )
    return true;
  // "Japanese Tax Authority", "Delaware Secretary of State": a body of a country or state.
  if (before && (PROPER_NAME_FIRSTS.has(before.bare) || PLACE_WORDS.has(before.bare))) return true;
  // "BII's Indemnification Obligations Always subject to …": a run-in heading followed by a capitalised sentence start.
  if (after && after.type === "stop") return true;
  const start = part[0]!.start;
  const end = part[part.length - 1]!.end;
  const textAfter = masked.slice(end, end + 60);
  const textBefore = masked.slice(Math.max(0, start - 20), start);
  if (
    CORPORATE_AFTER.test(textAfter) ||
    PERSON_AFTER.test(textAfter) ||
    PERSON_BEFORE.test(textBefore) ||
    /^[®™©]/.test(textAfter)
  )
    return true;
  // "the American Medical Association's Physician Masterfile": a body's own product or programme.
  const owner = /([A-Za-z]+)['’]s?\s+$/.exec(textBefore);
  if (owner && PROPER_NAME_HEADS.has(owner[1]!.toLowerCase())) return true;
  // A label ("Printed Name:"), a numbered item or an address ("Public Law 111-148", "2 Gilmore Hall").
  if (
    /^[ \t]*:/.test(textAfter) ||
    /^[ \t]+\d/.test(textAfter) ||
    /(?:^|[^\d.,])\d{1,6}[ \t]+$/.test(textBefore)
  )
    return true;
  // A place: "Deer Park, Illinois", "Iowa City, IA", "Grand Cayman, Cayman Islands".
  const place = /^\s*,\s*([A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*){0,3})/u.exec(textAfter);
  if (place) {
    const words = place[1]!.split(/\s+/);
    if (
      /^[A-Z]{2}$/.test(words[0]!) ||
      PLACE_WORDS.has(words[0]!.toLowerCase()) ||
      KNOWN_PHRASES.has(place[1]!.toLowerCase())
    )
      return true;
    for (let n = words.length; n >= 2; n--)
      if (KNOWN_PHRASES.has(words.slice(0, n).join(" ").toLowerCase())) return true;
  }
  return false;
}

/** Edit distance, skipping the work when lengths differ by more than 3 (never a typo then). */
function closeDistance(a: string, b: string): number {
  return Math.abs(a.length - b.length) > 3 ? 99 : editDistance(a, b);
}

/**
 * A phrase used once is flagged only when it looks like a slip on a defined term: a misspelling
 * ("Effecctive Date"), a truncation ("such Declined Clinical" for "Declined Clinical Study") or another
 * spelling ("Wind Down Period" for "Wind-down Period"). Used once, a proper name ("the Scottish
 * Medicines Consortium") reads exactly like a defined term, and no list of names is ever complete.
 */
function nearDefinedTerm(key: string, g: Glossary): boolean {
  // Asked again on every check of the document: answered once per set of defined terms.
  let answers = nearAnswers.get(definedKeys(g));
  if (!answers) {
    if (nearAnswers.size >= 4) nearAnswers.delete(nearAnswers.keys().next().value!);
    nearAnswers.set(definedKeys(g), (answers = new Map<string, boolean>()));
  }
  let near = answers.get(key);
  if (near === undefined) answers.set(key, (near = isNearDefinedTerm(key, g)));
  return near;
}

const nearAnswers = new Map<string, Map<string, boolean>>();
const definedKeyLists = new WeakMap<Glossary, string>();

/** The glossary's defined terms as one string: what {@link nearDefinedTerm}'s answers depend on. */
function definedKeys(g: Glossary): string {
  let keys = definedKeyLists.get(g);
  if (keys === undefined) definedKeyLists.set(g, (keys = [...g.byKey.keys()].join("\u0001")));
  return keys;
}

function isNearDefinedTerm(key: string, g: Glossary): boolean {
  const words = key.split(" ");
  for (const defined of g.byKey.keys()) {
    if (closeDistance(key, defined) <= Math.max(1, Math.floor(defined.length / 8))) return true;
    const dw = defined.split(" ");
    if (dw.length > words.length && words.length >= 2) {
      for (let i = 0; i + words.length <= dw.length; i++)
        if (words.every((w, k) => dw[i + k] === w)) return true;
    }
  }
  return false;
}

interface Scan {
  candidates: TermCandidate[];
  known: Known;
  /** Why phrases seen in prose were not reported, by key. */
  rejected: Map<string, string>;
  blanket: boolean;
}

/** Finds capitalised phrases used like defined terms that the document never defines. */
export function findTermCandidates(doc: DraftingInput): TermCandidate[] {
  return scan(doc).candidates;
}

/**
 * Says why a phrase is not reported (for the false-alarm and recall measurement): what explains it, or
 * which filter dropped it, or that it never occurs as a capitalised phrase in running text.
 */
export function explainTerm(doc: DraftingInput, term: string): string {
  const s = scan(doc);
  if (s.blanket) return "the agreement takes its definitions from another agreement";
  const key = singular(termKey(term));
  if (s.candidates.some((c) => singular(termKey(c.term)) === key)) return "reported";
  return (
    s.rejected.get(key) ?? whyKnown(s.known, key) ?? "never used as a capitalised phrase in running text"
  );
}

/** The document's term scan, shared by the rule and the measurement script's explanations. */
const scan = oncePerInput(scanDocument);

/**
 * Titles and names written into a block's running text, which are not term uses: run-in headings,
 * statutes and bodies with commas in their names, section titles after a reference, attachment titles
 * (`attachment` holds those, which name the attachment). Offsets relative to the block.
 */
function titlesInProse(text: string): Array<{ start: number; end: number; attachment?: string }> {
  const out: Array<{ start: number; end: number; attachment?: string }> = [];
  // Headings and titles after a reference start at a number: most blocks of prose have none.
  const numbered = /\d/.test(text);
  for (const re of numbered ? [INLINE_HEADING, ...PUNCTUATED_NAMES] : PUNCTUATED_NAMES)
    for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
  if (numbered)
    for (const m of text.matchAll(PAREN_TITLE))
      out.push({ start: m.index + m[0].length - m[1]!.length - 1, end: m.index + m[0].length });
  for (const m of text.matchAll(ATTACHMENT_TITLE))
    out.push({ start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, attachment: m[1]! });
  return out;
}

/** What a block says whatever the rest of the document: its tokens, and the names it spells out. */
interface BlockReading {
  tokens: Token[];
  /** Phrases the block marks as names ("Boehringer Ingelheim GmbH"), in order. */
  names: string[];
}

/** Reads a block: its tokens with quoted phrases blanked (a quote never crosses a line), and its names. */
function readBlock(doc: DraftingInput): (text: string) => BlockReading {
  return (text) => {
    const quotes = quotedInBlock(doc, text).map((q) => ({ start: Math.max(0, q.start - 1), end: q.end + 1 }));
    const tokens = tokenize(mask(text, quotes), doc.markdown);
    return { tokens, names: [...namedPhrases(capitalisedRuns(tokens), text)] };
  };
}

/**
 * What a block's capitalised runs come to, in text order (offsets relative to the block): a phrase used
 * like a term (`use`), or one passed over as a proper name (`name`) or as explained (`known`). The
 * document replays these in order, which gives exactly what one pass over the whole text gives.
 */
type TermEvent =
  | { kind: "use"; key: string; phrase: string; start: number; determiner: boolean }
  | { kind: "name"; key: string }
  | { kind: "known"; key: string; why: string };

const PROPER_NAME = "looks like a proper name, label, address or run-in heading";
const NONE: ReadonlySet<Token> = new Set();

/**
 * A block's term events and every question they asked of the known keys, as key and answer pairs: a
 * change to what the document defines, quotes or names leaves them standing unless one answer moves.
 */
interface BlockTerms {
  events: TermEvent[];
  asked: Array<string | null>;
  /** The known-keys map (by serial) the answers were last found to hold for. */
  serial: number;
}

function blockTermEvents(
  text: string,
  tokens: Token[],
  skipped: ReadonlySet<Token>,
  known: Known,
  serial: number,
  markdown: boolean,
): BlockTerms {
  const events: TermEvent[] = [];
  const asked: Array<string | null> = [];
  const ask = (key: string): string | undefined => {
    const why = whyKnown(known, key);
    asked.push(key, why ?? null);
    return why;
  };
  for (const r of capitalisedRuns(tokens, (t) => skipped.has(t))) {
    let words = r;
    // A capital at a sentence start says nothing: drop "The"/"Each", and skip a run that starts the sentence with a name.
    if (isSentenceStart(text, words[0]!.start, markdown)) {
      if (words[0]!.type !== "stop") continue;
      words = words.slice(1);
    }
    if (words.length < 2) continue;
    for (const { part, before, after } of uncovered(words, ask)) {
      const start = part[0]!.start;
      const end = part[part.length - 1]!.end;
      const phrase = text
        .slice(start, end)
        .replace(/\s+/g, " ")
        .replace(/['’]s?$/, "");
      const key = singular(termKey(phrase));
      if (isProperName(part, before, after, text, words)) {
        events.push({ kind: "name", key });
        continue;
      }
      if (BOILERPLATE_TERMS.has(key)) continue;
      // "Intellectual Property rights" where "Intellectual Property Rights" is defined: the same term in lower case.
      const next = /^[ \t]+([a-z][a-z-]*)/.exec(text.slice(end, end + 30))?.[1];
      const why = ask(key) ?? (next !== undefined ? ask(`${key} ${next}`) : undefined);
      if (why !== undefined) {
        events.push({ kind: "known", key, why });
        continue;
      }
      const word =
        /([A-Za-z]+)[\s“"]*$/.exec(text.slice(Math.max(0, start - 20), start))?.[1]?.toLowerCase() ?? "";
      events.push({ kind: "use", key, phrase, start, determiner: DETERMINERS.has(word) });
    }
  }
  return { events, asked, serial };
}

/** Whether every question a block's events asked gets the same answer from `known`. */
function answersHold(asked: ReadonlyArray<string | null>, known: Known): boolean {
  for (let i = 0; i < asked.length; i += 2)
    if ((whyKnown(known, asked[i]!) ?? null) !== asked[i + 1]) return false;
  return true;
}

/**
 * Known-keys maps by content, each with a serial number: while a keystroke leaves what the document
 * defines, quotes and names unchanged, the blocks' term events found under that number hold without
 * asking their questions again.
 */
const knownSerials = new Serials();

function knownSerial(known: Known): number {
  const parts: string[] = [];
  for (const [key, why] of known) parts.push(key, why);
  return knownSerials.of(parts.join("\u0001"));
}

function scanDocument(doc: DraftingInput): Scan {
  const { masked, markdown } = doc;
  const g = glossaryOf(doc);
  if (hasBlanketReference(doc))
    return { candidates: [], known: new Map(), rejected: new Map(), blanket: true };
  const known = knownKeys(doc, g);
  const spans: Array<{ start: number; end: number }> = [...nonProseSpans(doc)];
  for (const q of g.quoted) spans.push({ start: Math.max(0, q.start - 1), end: q.end + 1 });
  // The parties' paragraph: names, addresses and the agreement's own title, defined or not.
  spans.push({ start: 0, end: g.preambleEnd });
  for (const s of doc.sections)
    if (s.kind !== "root" && /\bnotices?\b|\bcontacts?\b|\baddresses\b/i.test(s.title))
      spans.push({ start: s.start, end: s.end });
  for (const span of tableOfContentsSpans(doc)) spans.push(span);
  const titles = perBlock(doc, "titles", titlesInProse);
  for (let i = 0; i < titles.values.length; i++) {
    const { start } = titles.blocks[i]!;
    for (const t of titles.values[i]!) {
      spans.push({ start: t.start + start, end: t.end + start });
      if (t.attachment !== undefined && !known.has(termKey(t.attachment)))
        known.set(termKey(t.attachment), "an attachment's title");
    }
  }
  const readings = perBlock(doc, markdown ? "reading:md" : "reading:txt", readBlock(doc));
  // Names are read from the whole text: "Boehringer Ingelheim GmbH" in the notices names the company used in the body.
  for (const reading of readings.values)
    for (const name of reading.names)
      if (!known.has(name)) known.set(name, "a name (company, person, long form of an acronym)");
  // Tokens inside the spans above break prose runs (quotes were blanked when the blocks were read).
  const excluded = new Uint8Array(masked.length + 1);
  for (const sp of spans) excluded.fill(1, Math.max(0, sp.start), Math.min(masked.length, sp.end));
  const cache = blockCache(doc);
  const kind = `terms:${markdown ? "md" : "txt"}`;
  const serial = knownSerial(known);
  const { blocks } = readings;
  const byKey = new Map<string, TermCandidate>();
  const rejected = new Map<string, string>();
  // The first excluded offset at or after the block being read: most blocks have none, and their
  // tokens need not be looked at one by one.
  let nextExcluded = -1;
  readings.values.forEach(({ tokens }, b) => {
    let skipped: Set<Token> | null = null;
    let signature = "";
    const { start: base, text } = blocks[b]!;
    if (nextExcluded !== Infinity && nextExcluded < base) {
      nextExcluded = excluded.indexOf(1, base);
      if (nextExcluded < 0) nextExcluded = Infinity;
    }
    if (nextExcluded < base + text.length)
      tokens.forEach((t, k) => {
        if (excluded[t.start + base] === 1 || excluded[t.end - 1 + base] === 1) {
          (skipped ??= new Set()).add(t);
          signature += `${k},`;
        }
      });
    // Per block text, the events by which of its tokens are excluded (usually none). Typing inside a
    // definition, a quoted phrase or a name changes the known keys: only the blocks that asked about
    // the keys it moved are read again.
    const slot = cache
      .get(kind, text, () => new Variants<{ terms?: BlockTerms }>())
      .get(signature, () => ({}));
    let terms = slot.terms;
    if (terms === undefined || (terms.serial !== serial && !answersHold(terms.asked, known)))
      slot.terms = terms = blockTermEvents(text, tokens, skipped ?? NONE, known, serial, markdown);
    else terms.serial = serial;
    for (const e of terms.events) {
      if (e.kind === "name") {
        if (!byKey.has(e.key)) rejected.set(e.key, PROPER_NAME);
      } else if (e.kind === "known") rejected.set(e.key, e.why);
      else {
        rejected.delete(e.key);
        let c = byKey.get(e.key);
        if (!c) byKey.set(e.key, (c = { term: e.phrase, uses: [] }));
        const start = e.start + base;
        c.uses.push({ start, end: start + e.phrase.length, determiner: e.determiner });
      }
    }
  });
  const out: TermCandidate[] = [];
  for (const [key, c] of byKey) {
    if (c.uses.length >= 2 || (c.uses.some((u) => u.determiner) && nearDefinedTerm(key, g))) out.push(c);
    else
      rejected.set(
        key,
        c.uses.some((u) => u.determiner)
          ? "used once, and not a slip on a defined term"
          : "used once, not after the/such/any/each",
      );
  }
  return {
    candidates: out.sort((a, b) => a.uses[0]!.start - b.uses[0]!.start),
    known,
    rejected,
    blanket: false,
  };
}

function singular(key: string): string {
  if (/ies$/.test(key)) return key.slice(0, -3) + "y";
  if (/[^s]s$/.test(key)) return key.slice(0, -1);
  return key;
}

/** The definitions article: the first non-exhibit section titled "Definitions" (or "Defined Terms"). */
export function definitionsSection(doc: DraftingInput): Section | undefined {
  const candidates = doc.sections.filter(
    (s) => s.kind !== "root" && /\bdefinitions?\b|\bdefined terms\b/i.test(s.title),
  );
  return candidates.find((s) => s.kind !== "exhibit") ?? candidates[0];
}

/** Offset where the line (or, on a one-paragraph line, the numbered entry) holding a definition starts. */
function entryStart(
  doc: DraftingInput,
  d: Definition,
): { offset: number; atLineStart: boolean; prefix: string } {
  const { source, lines } = doc;
  const line = lines.positionAt(d.start).line;
  const lineStart = lines.lineStarts[line]!;
  // The last 400 characters are plenty for an entry number and quotes; on a longer line "x" stands for
  // the cut-off part, so ^ still means the line start, and a megabyte line costs no more than a short one.
  const from = Math.max(lineStart, d.start - 400);
  const before = (from > lineStart ? "x" : "") + source.slice(from, d.start);
  // Everything between the line start (or the entry's number) and the term: `**1.2** "`, `**"`, `1.2 "`.
  const m =
    /(?:^|\s)((?:\*\*|__)?(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.|\([a-z]{1,3}\))?(?:\*\*|__)?[ \t]*(?:\*\*|__)?[“"ʺ]?(?:\*\*|__)?)$/.exec(
      before,
    );
  const prefix = m ? m[1]! : "";
  const offset = d.start - prefix.length;
  const atLineStart = source.slice(lineStart, offset).trim() === "";
  return {
    offset: atLineStart ? lineStart : offset,
    atLineStart,
    prefix: atLineStart ? source.slice(lineStart, d.start) : prefix,
  };
}

/** The text between a definition's term and its "means": `"** `, `" `. */
function infixOf(doc: DraftingInput, d: Definition): string {
  const m = /^[“”"ʺ*_]*[ \t]*/.exec(doc.source.slice(d.end, d.end + 12));
  return m ? m[0] : '" ';
}

function nextLetter(number: string): string {
  const m = /^(.*?)([A-Z]?)(\.?)$/.exec(number)!;
  const letter = m[2] === "" ? "A" : String.fromCharCode(m[2]!.charCodeAt(0) + 1);
  return `${m[1]}${letter}${m[3]}`;
}

/**
 * The definitions article and the definitions opening its entries, found once per input: every
 * undefined term's fix is placed among them.
 */
const definitionsArticle = oncePerInput((doc): { section?: Section; inSection: Definition[] } => {
  const section = definitionsSection(doc);
  if (!section) return { inSection: [] };
  // Only definitions that open an entry ("Phase 3 Clinical Trial" defined inside the entry for "Clinical
  // Trial" is not a place in the alphabetical list).
  const inSection = glossaryOf(doc).definitions.filter((d) => {
    if (d.kind !== "means" || d.start < section.start || d.start >= section.end) return false;
    const entry = entryStart(doc, d);
    return entry.atLineStart || /\d/.test(entry.prefix);
  });
  return { section, inSection };
});

/**
 * The definitions' order: made once, since `localeCompare` with a locale builds a collator per call
 * (a few hundred comparisons per undefined term, on every keystroke).
 */
const ALPHABETICAL = new Intl.Collator("en", { sensitivity: "base" });

/**
 * Builds the fix that adds `"Term" means ${1:definition}.` to the definitions article, before the first
 * definition whose term sorts after it, in the style of its neighbours. A numbered list gets the
 * number of the previous definition plus a letter (1.11A), so nothing else needs renumbering.
 */
export function definitionStubFix(doc: DraftingInput, term: string): Fix | null {
  const { section, inSection } = definitionsArticle(doc);
  if (!section) return null;
  const title = `Add a definition of "${term}" to ${section.number ? `${/^\d/.test(section.number) ? "Section" : "Article"} ${section.number}` : "the definitions"}`;
  const compare = ALPHABETICAL.compare;
  const escaped = escapeSnippet(term);
  if (inSection.length === 0) {
    const at = doc.lines.lineEnd(section.line);
    const body = doc.markdown
      ? `**"${escaped}"** means \${1:definition}.`
      : `"${escaped}" means \${1:definition}.`;
    const pos = doc.lines.positionAt(at);
    return { title, edits: [{ range: { start: pos, end: pos }, snippet: `\n\n${body}` }] };
  }
  const nextIndex = inSection.findIndex((d) => compare(d.term, term) > 0);
  const neighbour = inSection[nextIndex >= 0 ? nextIndex : inSection.length - 1]!;
  const previous =
    nextIndex > 0 ? inSection[nextIndex - 1] : nextIndex < 0 ? inSection[inSection.length - 1] : undefined;
  const entry = entryStart(doc, neighbour);
  const numberRe = /\d{1,3}(?:\.\d{1,3})+[A-Z]?\.?|\d{1,3}[A-Z]?\.(?=\s|\*|_)/;
  let prefix = entry.prefix;
  const hasNumber = numberRe.test(prefix);
  if (hasNumber) {
    const prevNumber = previous ? numberRe.exec(entryStart(doc, previous).prefix)?.[0] : undefined;
    prefix = prevNumber
      ? prefix.replace(numberRe, nextLetter(prevNumber))
      : prefix.replace(numberRe, "").replace(/^(\s*)(?:\*\*|__){2}\s*/, "$1");
  }
  const infix = infixOf(doc, neighbour);
  const entryText = `${escapeSnippet(prefix)}${escaped}${escapeSnippet(infix)}means \${1:definition}.`;
  if (nextIndex >= 0) {
    const pos = doc.lines.positionAt(entry.offset);
    let snippet: string;
    if (entry.atLineStart) {
      const line = doc.lines.positionAt(entry.offset).line;
      const blankBefore = line > 0 && doc.lines.lineText(line - 1).trim() === "";
      snippet = `${entryText}\n${blankBefore ? "\n" : ""}`;
    } else snippet = `${entryText} `;
    return { title, edits: [{ range: { start: pos, end: pos }, snippet }] };
  }
  // After the last definition: at the end of its paragraph.
  const end = Math.min(neighbour.bodyEnd, section.end);
  const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(Math.max(neighbour.start, end - 1)).line);
  const pos = doc.lines.positionAt(lineEnd);
  const line = pos.line;
  const blank = line + 1 < doc.lines.lineCount && doc.lines.lineText(line + 1).trim() === "";
  const snippet = entry.atLineStart ? `\n${blank ? "\n" : ""}${entryText}` : ` ${entryText}`;
  return { title, edits: [{ range: { start: pos, end: pos }, snippet }] };
}

/** `undefined-term` findings: one per undefined term, on its first use, with the other uses as related information. */
export function findUndefinedTerms(doc: DraftingInput): Finding[] {
  const findings: Finding[] = [];
  for (const c of findTermCandidates(doc)) {
    const first = c.uses[0]!;
    const fix = definitionStubFix(doc, c.term);
    const times = c.uses.length === 1 ? "once" : `${c.uses.length} times`;
    findings.push({
      rule: "undefined-term",
      severity: 2,
      range: doc.lines.range(first.start, first.end),
      message: `"${c.term}" is used as a defined term (${times}) but is never defined.`,
      fixes: fix ? [fix] : [],
      ...(c.uses.length > 1
        ? {
            related: c.uses.slice(1, 6).map((u) => ({
              range: doc.lines.range(u.start, u.end),
              message: `"${c.term}" is also used here.`,
            })),
          }
        : {}),
    });
  }
  return findings;
}
