/**
 * The document's glossary, shared by the term rules and navigation: every definition with its kind
 * (a "means" definition, an inline `("X")` definition, a pointer `"X" has the meaning given in Section
 * 4.2`, a definition by reference `X (as defined in Section 4.2)`), the quoted phrases, the parties, and
 * a word index that finds a term's uses in one pass over the text whatever the number of terms.
 * Computed once per input object and memoised, so every rule and every navigation request reuses it.
 */
import { quotedTerm } from "../definitions";
import { blockCache, blockMatches, perBlock, type BlockValues } from "./blocks";
import { intern, Serials } from "../text-cache";
import { countBelow, lineFeedOffsets } from "../text";
import { oncePerInput, type DraftingInput } from "./input";

export type DefinitionKind =
  /** `"X" means ...`, `**X** means ...`: the term's real definition. */
  | "means"
  /** `("X")`, `(the "X")`, `referred to as "X"`: defined where it is first used. */
  | "inline"
  /** `"X" has the meaning given in Section 4.2`: an index entry pointing at the real definition. */
  | "pointer"
  /** `X (as defined in Section 4.2)`, `X (as defined below)`: not a definition, but says one exists. */
  | "reference"
  /** `the term "X" shall include ...`: extends a definition made elsewhere. */
  | "extension";

export interface Definition {
  term: string;
  /** Offsets of the term itself (inside the quotes). */
  start: number;
  end: number;
  kind: DefinitionKind;
  /** Where the defining text ends: the paragraph of a "means" definition, the parenthesis of an inline one. */
  bodyEnd: number;
}

export interface PartyName {
  /** The legal name as the preamble gives it ("Nordvik Pharma AG"), when it could be read. */
  full: string | null;
  fullStart: number;
  /** Short names defined for the party ("Nordvik", "Licensee"), first one first. */
  short: Definition[];
}

export interface QuotedSpan {
  /** Offsets of the quoted text, without the quote marks (and without blanked bold markup). */
  start: number;
  end: number;
  text: string;
}

export interface Glossary {
  /** Every definition in document order, of every kind. */
  definitions: Definition[];
  /** Definitions by normalised term ({@link termKey}). */
  byKey: Map<string, Definition[]>;
  quoted: QuotedSpan[];
  parties: PartyName[];
  /** End of the preamble (the parties' paragraph): where recitals or the first article start. */
  preambleEnd: number;
  /** Where words occur ("Know-How" is "know" and "how"): where a term's uses can start. */
  words: WordIndex;
}

/** Terms that are definitions of the agreement itself or its parties in general, never a party's name. */
export const BOILERPLATE_TERMS = new Set([
  "agreement",
  "this agreement",
  "effective date",
  "execution date",
  "signing date",
  "closing date",
  "party",
  "parties",
  "term",
  "territory",
  "affiliate",
  "affiliates",
  "recitals",
]);

const QUOTE_OPEN = `"“ʺ`;
const QUOTE_CLOSE = `"”ʺ`;

/** Keys already computed: a document asks for the same few thousand words' keys on every check. */
const keyMemo = new Map<string, string>();
const KEY_MEMO_LIMIT = 100_000;

/** Normalises a term for comparison: lower case, single spaces, no possessive. */
export function termKey(term: string): string {
  let key = keyMemo.get(term);
  if (key === undefined) {
    if (keyMemo.size >= KEY_MEMO_LIMIT) keyMemo.clear();
    key = computeTermKey(term);
    keyMemo.set(term, key);
  }
  return key;
}

function computeTermKey(term: string): string {
  return (
    term
      .replace(/\((?:s|es|ies)\)$/, "")
      .replace(/[’']s?$/u, "")
      // "Know-How", "Know How" and "Know\u00adHow" (a soft hyphen from a word processor) are one term.
      .replace(/[-\u00ad\u2010\u2011]+/g, " ")
      .replace(/\s*\/\s*/g, " / ")
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase()
      // British and American spellings of one term ("Marketing Authorisation", "Licence").
      .replace(/isation/g, "ization")
      .replace(/\blicence/g, "license")
      .replace(/\blabour/g, "labor")
      .replace(/programme/g, "program")
      .replace(/centre\b/g, "center")
  );
}

/** Singular and plural forms of a normalised key (the last word inflected), the key itself first. */
export function keyVariants(key: string): string[] {
  const out = [key];
  const add = (k: string) => {
    if (k !== "" && !out.includes(k)) out.push(k);
  };
  if (/ies$/.test(key)) add(key.slice(0, -3) + "y");
  if (/(?:s|x|z|ch|sh)es$/.test(key)) add(key.slice(0, -2));
  if (/[^s]s$/.test(key)) add(key.slice(0, -1));
  if (/[^aeiou]y$/.test(key)) add(key.slice(0, -1) + "ies");
  else if (/(?:s|x|z|ch|sh)$/.test(key)) add(key + "es");
  else add(key + "s");
  return out;
}

/** The glossary of a document, computed once per input object. */
export const glossaryOf = oncePerInput(buildGlossary);

/** A block's words (lower-cased runs of letters and digits) and their offsets in the block, in order. */
interface BlockWords {
  words: string[];
  offsets: Int32Array;
}

function blockWords(text: string): BlockWords {
  const words: string[] = [];
  const offsets: number[] = [];
  // Plain runs of ASCII letters and digits: "Know-How" is indexed as "know" and "how", so a term is
  // found by its first run. Scanned by hand: a regular expression's match arrays were a tenth of
  // what a cold analysis allocated.
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (isAsciiAlnum(c)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(intern(text.slice(start, i).toLowerCase()));
      offsets.push(start);
      start = -1;
    }
  }
  return { words, offsets: Int32Array.from(offsets) };
}

/**
 * Offsets of lower-cased runs of letters and digits in the text, from the blocks' own indexes (see
 * blocks.ts). Merging every word of every block cost more per keystroke than any rule, and only the
 * first words of defined terms are ever looked up: those are merged in one pass when first asked for,
 * any other word on its own.
 */
export class WordIndex {
  private readonly merged = new Map<string, number[]>();
  private wantedDone = false;

  constructor(
    private readonly blocks: BlockValues<BlockWords>,
    private readonly wanted: () => ReadonlySet<string>,
    /** The blocks' word lists are kept between checks (an analyzer's cache), so their wanted words are worth keeping too. */
    private readonly kept: boolean,
  ) {}

  /** Offsets of a word (lower case), in text order. */
  offsets(key: string): number[] {
    if (!this.wantedDone) {
      this.wantedDone = true;
      const wanted = [...this.wanted()].sort();
      const lists = wanted.map((): number[] => []);
      wanted.forEach((word, i) => this.merged.set(word, lists[i]!));
      if (this.kept) {
        const serial = wantedSerials.of(wanted.join("\u0001"));
        let numbers: Map<string, number> | undefined;
        const numberOf = () => (numbers ??= new Map(wanted.map((w, i) => [w, i])));
        const { blocks, values } = this.blocks;
        for (let b = 0; b < values.length; b++) {
          const { start } = blocks[b]!;
          const found = wantedIn(values[b]!, numberOf, serial);
          for (let j = 0; j < found.at.length; j++) lists[found.ids[j]!]!.push(found.at[j]! + start);
        }
      } else this.collect((word) => this.merged.get(word));
    }
    let list = this.merged.get(key);
    if (!list) {
      const own: number[] = (list = []);
      this.collect((word) => (word === key ? own : undefined));
      this.merged.set(key, list);
    }
    return list;
  }

  /** Appends every word's document offset to the list `into` gives for it, if any. */
  private collect(into: (word: string) => number[] | undefined): void {
    const { blocks, values } = this.blocks;
    for (let b = 0; b < values.length; b++) {
      const { words, offsets } = values[b]!;
      const { start } = blocks[b]!;
      for (let i = 0; i < words.length; i++) into(words[i]!)?.push(offsets[i]! + start);
    }
  }
}

/**
 * Sets of wanted words by content, each with a serial number: while a keystroke leaves what the
 * document defines unchanged, each block's wanted words found under that number still hold.
 */
const wantedSerials = new Serials();

/** A block's wanted words: each one's number in the sorted list of wanted words, and its offset in the block. */
interface WantedWords {
  serial: number;
  ids: number[];
  at: number[];
}

/** Per block's words (the cached object), its wanted words under the latest set of wanted words. */
const wantedWords = new WeakMap<BlockWords, WantedWords>();

/**
 * A block's wanted words, in order: a keystroke then visits only those, not every word, and files
 * each by its number rather than looking its word up (a look-up per use of every defined term's first
 * word cost a millisecond a keystroke on a long agreement).
 */
function wantedIn(
  block: BlockWords,
  numbers: () => ReadonlyMap<string, number>,
  serial: number,
): WantedWords {
  const known = wantedWords.get(block);
  if (known?.serial === serial) return known;
  const found: WantedWords = { serial, ids: [], at: [] };
  const numberOf = numbers();
  for (let i = 0; i < block.words.length; i++) {
    const id = numberOf.get(block.words[i]!);
    if (id !== undefined) {
      found.ids.push(id);
      found.at.push(block.offsets[i]!);
    }
  }
  wantedWords.set(block, found);
  return found;
}

/** The words a term's uses can start with: its first word, or every form of a one-word term. */
function firstKeys(spelling: string): string[] {
  const words = spelling.split(/[\s\u00ad\u2010\u2011-]+/).filter((w) => w !== "");
  if (words.length === 0) return [];
  const firstRun = /[A-Za-z0-9]+/.exec(words[0]!)?.[0]?.toLowerCase();
  if (firstRun === undefined) return [];
  if (words.length > 1 || words[0]!.toLowerCase() !== firstRun) return [firstRun];
  const last = words[0]!.toLowerCase();
  return /[A-Za-z0-9]$/.test(last) ? keyVariants(last) : [last];
}

/** The cache's kind for a block's quoted phrases: the document's list and single blocks share the entries. */
const QUOTED = "quoted";

/** Quoted phrases of the document, read block by block (a quoted phrase never crosses a line). */
function documentQuoted(doc: DraftingInput): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  const { blocks, values } = perBlock(doc, QUOTED, findQuoted);
  blocks.forEach((b, i) => {
    for (const q of values[i]!) out.push({ start: q.start + b.start, end: q.end + b.start, text: q.text });
  });
  return out;
}

/** A block's quoted phrases (offsets relative to it), found once per block text for every rule. */
export function quotedInBlock(doc: DraftingInput, text: string): QuotedSpan[] {
  return blockCache(doc).get(QUOTED, text, findQuoted);
}

/** Quoted phrases on one line, pairing straight quotes left to right. */
function findQuoted(masked: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  const re = new RegExp(`[${QUOTE_OPEN}]([^${QUOTE_OPEN}${QUOTE_CLOSE}\\n]{1,400})[${QUOTE_CLOSE}]`, "g");
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    const inner = m[1]!;
    const lead = inner.length - inner.trimStart().length;
    // `"Party,"` and `"Parties."`: American punctuation goes inside the quotes.
    const text = inner
      .trim()
      .replace(/[,.;:]+$/, "")
      .trim();
    if (text === "" || !/\p{L}/u.test(text)) continue;
    const start = m.index + 1 + lead;
    out.push({ start, end: start + text.length, text });
  }
  return out;
}

const VERB_AFTER_TERM =
  /^[\s"”ʺ*_]*(?:,\s*)?(?:\((?:[^)\n]{0,40})\)\s*)?(?:or\s+[“"ʺ][^”"ʺ\n]{1,80}[”"ʺ]\s*)?(?:shall\s+|will\s+)?(means?|refers?\s+to|(?:has|have)\s+the\s+(?:respective\s+)?meanings?|is\s+defined\s+in|shall\s+(?:also\s+)?include|includes?|shall\s+not\s+include)\b/i;

function classifyMeans(masked: string, start: number, end: number): DefinitionKind {
  const before = masked.slice(Math.max(0, start - 12), start);
  if (/\bterms?\s*[“"ʺ]\s*$/i.test(before)) return "extension";
  const verb = VERB_AFTER_TERM.exec(masked.slice(end, end + 160))?.[1]?.toLowerCase() ?? "means";
  if (/meaning|defined/.test(verb)) return "pointer";
  if (/include/.test(verb)) return "extension";
  return "means";
}

/** End of a "means" definition: the end of its paragraph, or the start of the next definition on the same line. */
function paragraphEnd(masked: string, from: number): number {
  const blank = /\n[ \t]*\n/g;
  blank.lastIndex = from;
  const m = blank.exec(masked);
  return m ? m.index : masked.length;
}

const CAP_WORD = /^[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;

/** Reads the capitalised run of words that ends just before `at` ("Program Data" in "Program Data (as defined below)"). */
export function capitalisedRunBefore(
  masked: string,
  at: number,
): { start: number; end: number; text: string } | null {
  const window = masked.slice(Math.max(0, at - 120), at);
  const base = at - window.length;
  const tokens = [...window.matchAll(/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|[^\sA-Za-z0-9]/g)];
  let i = tokens.length - 1;
  const end = i >= 0 ? base + tokens[i]!.index + tokens[i]![0].length : at;
  if (i < 0 || !CAP_WORD.test(tokens[i]![0])) return null;
  let first = i;
  while (i >= 0) {
    const t = tokens[i]![0];
    if (CAP_WORD.test(t)) first = i;
    else if (!/^(?:of|and|for|&)$/.test(t)) break;
    i--;
  }
  // "The Milestone Payments (as defined …)" at a sentence start: the article is not part of the term.
  while (
    first < tokens.length - 1 &&
    /^(?:The|This|These|Such|Each|Any|All|Every|Its|Their|No|In|If|Upon|Under|For|Of|And)$/.test(
      tokens[first]![0],
    )
  )
    first++;
  while (first < tokens.length - 1 && /^(?:of|and|for|&)$/.test(tokens[first]![0])) first++;
  const start = base + tokens[first]!.index;
  return { start, end, text: masked.slice(start, end).replace(/\s+/g, " ") };
}

/**
 * {@link capitalisedRunBefore} through the input's cache, by the 120 characters it reads: every
 * keystroke asks again for each "means" and "as defined" of the document, and tokenizing each window
 * was a twentieth of the memory a keystroke allocates.
 */
function cachedRunBefore(
  doc: DraftingInput,
  at: number,
): { start: number; end: number; text: string } | null {
  const window = doc.masked.slice(Math.max(0, at - 120), at);
  const base = at - window.length;
  const run = blockCache(doc).get("glossary:runBefore", window, (w) => capitalisedRunBefore(w, w.length));
  return run && { start: base + run.start, end: base + run.end, text: run.text };
}

// The phrase regexes below start at the first blank of a run ((?<![ \t])) and never let two blank
// runs compete for the same characters: on a long run of spaces or tabs they stay linear (before,
// "[ \t]*,?[ \t]*" took cubic time: 4,000 spaces cost 16 s).
const REFERENCE_RE =
  /(?<![ \t])[ \t]*(?:,[ \t]*)?\(?(?:as|each\s+as|in\s+each\s+case\s+as)\s+(?:such\s+terms?\s+(?:is|are)\s+|that\s+term\s+is\s+|each\s+term\s+is\s+)?defined\s+(?:below|above|herein|hereinafter|hereunder|later|elsewhere|in\b)/g;
const HAS_MEANING_RE =
  /(?<![ \t])[ \t]+(?:shall\s+)?(?:has|have)\s+the\s+(?:respective\s+)?meanings?\s+(?:given|set\s+forth|ascribed|assigned|specified|provided|attributed)/g;
/** A definitions table's row: the term on its own line ("Marketing Authorisation / MA"), "means" below it. */
export const TABLE_DEFINITION_RE =
  /(?<![\w'’-])((?:[A-Z][\w'’-]*)(?:[ \t]+(?:[A-Z][\w'’-]*|of|and|for)){0,11})(?:[ \t]*\/[ \t]*([A-Z][A-Za-z]{1,10}))?[ \t]*\r?\n(?:[ \t]*\r?\n)?[^.\n“”"ʺ*]{0,150}?\b(?:shall\s+mean|means)\b/g;
const UNQUOTED_MEANS_RE =
  /(?<![ \t])[ \t]+(?:shall\s+)?(?:means|mean|(?:has|have)\s+the\s+meanings?\s+(?:given|set\s+forth|ascribed|assigned|specified))\b/g;

/**
 * Offsets where sections' text starts (their number or heading word, white space skipped), and where
 * their run-in title starts: a phrase starting there is a heading, not a definition. Found once per
 * input: the glossary and the undefined-term rule both ask.
 */
export const sectionStarts = oncePerInput((doc): ReadonlySet<number> => {
  const out = new Set<number>();
  for (const s of doc.sections) {
    if (s.kind === "root") continue;
    const text = doc.masked.slice(s.start, Math.min(doc.masked.length, s.start + 200));
    const lead = text.length - text.trimStart().length;
    out.add(s.start + lead);
    if (s.title !== "") {
      const at = text.indexOf(s.title);
      if (at >= 0) out.add(s.start + at);
    }
  }
  return out;
});

/** Whether a term starts a definition entry: at a line start, after a sentence end, or after an entry number. */
function startsEntry(masked: string, at: number): boolean {
  const before = masked.slice(Math.max(0, at - 40), at);
  const entry = /(?:\n|[.:;])[ \t]*(?:\(?[0-9a-zA-Z]{1,3}(?:\.[0-9]{1,3})*[.)]?[ \t]+)?$/;
  return masked.slice(0, at).trim() === "" || entry.test(before);
}

const REFERRED_RE =
  /\b(?:referred\s+to|known|designated|defined)(?:\s+(?:herein|hereinafter|hereunder|in\s+this\s+Agreement|below))?(?:\s*,?\s*(?:individually|collectively|together|jointly|each|separately)\s*,?)?\s+as\s+(?:a|an|the)?\s*[“"ʺ]([^”"ʺ\n]{1,80})[”"ʺ]/g;
const AND_AS_RE =
  /^[\s,]*(?:and|or)\s+(?:(?:individually|collectively|together|jointly)\s*,?\s*)?(?:as\s+)?(?:the\s+)?[“"ʺ]([^”"ʺ\n]{1,80})[”"ʺ]/;

function buildGlossary(doc: DraftingInput): Glossary {
  const { masked } = doc;
  const definitions: Definition[] = [];
  const seen = new Set<number>();
  const push = (d: Definition) => {
    if (seen.has(d.start) || !/\p{L}/u.test(d.term)) return;
    seen.add(d.start);
    definitions.push(d);
  };
  for (const t of doc.terms) {
    const term = t.term.replace(/[,.;:]+$/, "").trim();
    if (term === "" || term.length > 80) continue;
    const end = t.start + term.length;
    if (t.meansDefinition) {
      push({
        term,
        start: t.start,
        end,
        kind: classifyMeans(masked, t.start, end),
        bodyEnd: paragraphEnd(masked, end),
      });
    } else {
      const close = masked.indexOf(")", end);
      push({ term, start: t.start, end, kind: "inline", bodyEnd: close < 0 ? end : close + 1 });
    }
  }
  const addQuoted = (text: string, from: number, kind: DefinitionKind, bodyEnd: number) => {
    const { lead, term: quoted } = quotedTerm(text);
    const term = quoted.replace(/[,.;:]+$/, "").trim();
    if (term === "" || term.length > 80) return;
    push({ term, start: from + lead, end: from + lead + term.length, kind, bodyEnd });
  };
  for (const m of blockMatches(
    doc,
    "glossary:REFERRED_RE",
    REFERRED_RE,
    /referred|known|designated|defined/,
  )) {
    const open = m.index + m[0].length - m[1]!.length - 1;
    addQuoted(m[1]!, open, "inline", m.index + m[0].length);
    let pos = m.index + m[0].length;
    for (
      let more = AND_AS_RE.exec(masked.slice(pos, pos + 200));
      more;
      more = AND_AS_RE.exec(masked.slice(pos, pos + 200))
    ) {
      const at = pos + more[0].length - more[1]!.length - 1;
      addQuoted(more[1]!, at, "inline", pos + more[0].length);
      pos += more[0].length;
    }
  }
  // Unquoted definitions in a table or list: "Net Sales means ...", "Losses shall have the meaning ...".
  for (const m of blockMatches(doc, "glossary:UNQUOTED_MEANS_RE", UNQUOTED_MEANS_RE, /mean/)) {
    const run = cachedRunBefore(doc, m.index);
    // More than four words is a page header or heading run into the entry, not a term.
    if (
      !run ||
      masked.slice(run.end, m.index).trim() !== "" ||
      !startsEntry(masked, run.start) ||
      run.text.split(" ").length > 4
    )
      continue;
    const kind: DefinitionKind = /meaning/i.test(m[0]) ? "pointer" : "means";
    push({ term: run.text, start: run.start, end: run.end, kind, bodyEnd: paragraphEnd(masked, m.index) });
  }
  const headingStarts = sectionStarts(doc);
  // A definitions table: the term on its own line ("Marketing Authorisation / MA"), the meaning below it.
  for (const m of tableDefinitionMatches(masked)) {
    const termText = m[1]!;
    const start = m.index + m[0].indexOf(termText);
    if (!startsEntry(masked, start) || headingStarts.has(start)) continue;
    push({
      term: termText.trim(),
      start,
      end: start + termText.trim().length,
      kind: "means",
      bodyEnd: paragraphEnd(masked, m.index + m[0].length),
    });
    if (m[2]) {
      const at = m.index + m[0].indexOf(m[2], termText.length);
      push({
        term: m[2],
        start: at,
        end: at + m[2].length,
        kind: "means",
        bodyEnd: paragraphEnd(masked, m.index + m[0].length),
      });
    }
  }
  for (const [name, re, needs] of [
    ["glossary:REFERENCE_RE", REFERENCE_RE, /defined/],
    ["glossary:HAS_MEANING_RE", HAS_MEANING_RE, /meaning/],
  ] as const) {
    for (const m of blockMatches(doc, name, re, needs)) {
      const run = cachedRunBefore(doc, m.index);
      if (!run) continue;
      // Only when the run ends right where the phrase starts: "Program Data (as defined below)".
      if (masked.slice(run.end, m.index).trim() !== "") continue;
      push({
        term: run.text,
        start: run.start,
        end: run.end,
        kind: "reference",
        bodyEnd: m.index + m[0].length,
      });
    }
  }
  definitions.sort((a, b) => a.start - b.start);
  // A "means" definition ends where the next one starts, even on the same line (SEC filings often put a
  // whole definitions article in one paragraph).
  const entries = definitions.filter(
    (d) => d.kind === "means" || d.kind === "pointer" || d.kind === "extension",
  );
  for (let i = 0; i + 1 < entries.length; i++) {
    const d = entries[i]!;
    const next = entries[i + 1]!;
    if (d.kind === "means" && next.start < d.bodyEnd) d.bodyEnd = Math.max(d.end, next.start - 1);
  }
  const byKey = new Map<string, Definition[]>();
  for (const d of definitions) {
    const key = termKey(d.term);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(d);
  }
  const preambleEnd = findPreambleEnd(doc);
  return {
    definitions,
    byKey,
    quoted: documentQuoted(doc),
    parties: findParties(masked, definitions, preambleEnd),
    preambleEnd,
    words: new WordIndex(
      perBlock(doc, "words", blockWords),
      () => {
        const wanted = new Set<string>();
        for (const d of definitions)
          for (const spelling of spellings(d.term)) for (const k of firstKeys(spelling)) wanted.add(k);
        return wanted;
      },
      doc.cache !== undefined,
    ),
  };
}

/**
 * The matches of {@link TABLE_DEFINITION_RE}, as a scan of the whole text finds them. A match ends with
 * "means" or "shall mean" and holds one or two line feeds, so it lies within the two lines above a
 * "mean" and that line: only those stretches are scanned, where a whole scan tried every capital
 * letter of the agreement (about a millisecond per keystroke at 50,000 words).
 */
export function tableDefinitionMatches(masked: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = -1;
  let to = -1;
  const scan = () => {
    // Stretches start at a line start, where the expression's look-behind reads the same in the slice.
    const stretch = masked.slice(from, to);
    TABLE_DEFINITION_RE.lastIndex = 0;
    for (let m = TABLE_DEFINITION_RE.exec(stretch); m; m = TABLE_DEFINITION_RE.exec(stretch)) {
      m.index += from;
      out.push(m);
    }
  };
  // Line feeds found once: looking back from each "mean" was quadratic on one long line full of them.
  let feeds: number[] | undefined;
  for (let at = masked.indexOf("mean"); at >= 0; at = masked.indexOf("mean", at + 4)) {
    // The ending starts at "mean", or at "shall" and the blanks (line feeds too) before it.
    let end = at;
    while (end > 0 && /\s/.test(masked[end - 1]!)) end--;
    end = end < at && masked.startsWith("shall", end - 5) ? end - 5 : at;
    feeds ??= lineFeedOffsets(masked);
    // The third line feed before the ending, if any, ends the line before the stretch.
    const k = countBelow(feeds, end) - 3;
    const start = k < 0 ? 0 : feeds[k]! + 1;
    // Past "means" and one more character, for the closing word boundary.
    const stop = Math.min(masked.length, at + 6);
    if (start <= to) to = Math.max(to, stop);
    else {
      if (from >= 0) scan();
      from = start;
      to = stop;
    }
  }
  if (from >= 0) scan();
  return out;
}

function findPreambleEnd(doc: DraftingInput): number {
  const { masked, sections } = doc;
  const limit = Math.min(masked.length, 8000);
  const head = masked.slice(0, limit);
  const recital =
    /\bWHEREAS\b|\bRECITALS?\b|\bBACKGROUND\b|\bW\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H\b|\bNOW,?\s+THEREFORE\b|\bRecitals:|\bPreamble\b/.exec(
      head,
    );
  let end = recital ? recital.index : limit;
  const firstNumbered = sections.find(
    (s) =>
      s.kind === "article" ||
      (s.kind === "numbered" && s.start > 0) ||
      (s.kind === "heading" && s.number !== null),
  );
  if (firstNumbered && firstNumbered.start < end) end = firstNumbered.start;
  return end;
}

// Starts at the first blank of a run, and "(?<=\s)" stands for a second "\s+" that would compete with
// the first for the same blanks: cubic on a preamble of blank lines before (1,600 cost 3 s), linear now.
const NAME_END =
  /(?<!\s)\s*(?:,\s*(?:a|an|the|having|located|with|whose|organi[sz]ed|incorporated|existing|acting|registered|on\s+behalf)\b|\(|,\s*(?:located|with\s+offices)|(?<=\s)(?:a|an)\s+[a-z]|(?<=\s)(?:located|having|with\s+(?:a|its)|organi[sz]ed|incorporated)\b)/;

function findParties(masked: string, definitions: Definition[], preambleEnd: number): PartyName[] {
  const head = masked.slice(0, preambleEnd);
  const between = /\b(?:by\s+and\s+(?:between|among)|between|among)\b/i.exec(head);
  if (!between) return [];
  const parties: PartyName[] = [];
  let segmentStart = between.index + between[0].length;
  const inline = definitions.filter(
    (d) =>
      d.kind === "inline" &&
      d.start > segmentStart &&
      d.start < preambleEnd &&
      !BOILERPLATE_TERMS.has(termKey(d.term)),
  );
  for (let i = 0; i < inline.length; i++) {
    const d = inline[i]!;
    const open = masked.lastIndexOf("(", d.start);
    const previous = parties[parties.length - 1];
    // `("Lumina" or "Licensor")`: a second short name in the same parenthesis belongs to the same party.
    if (
      previous &&
      previous.short.length > 0 &&
      masked.slice(previous.short[previous.short.length - 1]!.end, d.start).indexOf(")") < 0
    ) {
      previous.short.push(d);
      continue;
    }
    const segment = masked.slice(segmentStart, open < segmentStart ? d.start : open);
    const lead = /^[\s,;]*(?:and\s+|,\s*)?/.exec(segment)![0].length;
    const body = segment.slice(lead);
    const cut = NAME_END.exec(body);
    let full: string | null = (cut ? body.slice(0, cut.index) : body)
      .replace(/[\s,]+$/, "")
      .replace(/\s+/g, " ")
      .trim();
    if (full === "" || full.length > 100 || !/^[A-Z0-9]/.test(full) || full.split(" ").length > 12)
      full = null;
    parties.push({ full, fullStart: segmentStart + lead, short: [d] });
    segmentStart = d.bodyEnd;
  }
  return parties;
}

/** A use of a term in the text. */
export interface TermUse {
  /** Offsets of the whole matched text, possessive ending included. */
  start: number;
  end: number;
  /** End of the term's words (a plural ending included, a possessive ending not). */
  wordEnd: number;
  /** The last word is inflected differently from the definition ("Licensed Products" for "Licensed Product"). */
  inflected: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The spellings a defined term is used in: "Loss or Losses" is two, "Patent(s)" and "NDA's" are one. */
function spellings(term: string): string[] {
  const clean = term
    .replace(/\((?:s|es|ies)\)$/, "")
    .replace(/['’]s$/, "")
    .trim();
  const alternatives = clean
    .split(/\s+or\s+/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
  return alternatives.length > 1 && alternatives.every((a) => /^[A-Z]/.test(a)) ? alternatives : [clean];
}

/**
 * Finds every use of a term in the masked text: whole words, case as defined (any case for an all
 * lower-case term), tolerant of plurals and possessives ("Affiliate" finds "Affiliates'", a defined
 * "Patent Rights" finds "Patent Right") and of hyphens written as spaces or soft hyphens ("Wind-down
 * Period", "Wind down Period"). Looks only where the term's first word occurs, via the word index.
 */
export function findUses(doc: DraftingInput, term: string): TermUse[] {
  const seen = new Set<number>();
  const uses: TermUse[] = [];
  for (const spelling of spellings(term)) {
    visitSpelling(doc, spelling, (u) => {
      if (!seen.has(u.start)) {
        seen.add(u.start);
        uses.push(u);
      }
      return false;
    });
  }
  return uses.sort((a, b) => a.start - b.start);
}

/** Whether the term is used anywhere `accept` agrees to; stops at the first such use (see {@link findUses}). */
export function hasUse(doc: DraftingInput, term: string, accept: (use: TermUse) => boolean): boolean {
  return spellings(term).some((spelling) => visitSpelling(doc, spelling, accept));
}

const JOIN = "[\\s\\u00ad\\u2010\\u2011-]+";

/** How to find one spelling's uses: where they can start (word-index keys) and what must match there. */
interface SpellingMatcher {
  re: RegExp;
  /** Characters before the first letter or digit of the first word (one in "“Term"). */
  lead: number;
  keys: string[];
  last: string;
}

/** Matchers by spelling: a document asks for the same few hundred terms on every check. */
const matchers = new Map<string, SpellingMatcher | null>();
const MAX_MATCHERS = 4096;

function spellingMatcher(term: string): SpellingMatcher | null {
  let known = matchers.get(term);
  if (known !== undefined) return known;
  known = compileSpelling(term);
  if (matchers.size >= MAX_MATCHERS) matchers.clear();
  matchers.set(term, known);
  return known;
}

function compileSpelling(term: string): SpellingMatcher | null {
  const words = term.split(/[\s\u00ad\u2010\u2011-]+/).filter((w) => w !== "");
  if (words.length === 0) return null;
  const lower = term === term.toLowerCase();
  const last = words[words.length - 1]!;
  const lastAlnum = /[A-Za-z0-9]$/.test(last);
  const forms = lastAlnum ? keyVariants(last.toLowerCase()) : [last.toLowerCase()];
  const head = words.slice(0, -1).map(escapeRegExp);
  const alternatives = forms
    .map((f) => {
      // Keep the defined casing for the letters the forms share: "Party" → "Parties".
      let common = 0;
      const l = last.toLowerCase();
      while (common < f.length && common < l.length && f[common] === l[common]) common++;
      return last.slice(0, common) + f.slice(common);
    })
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const pattern = `${head.map((w) => `${w}${JOIN}`).join("")}(${alternatives.join("|")})(['’]s?)?(?![A-Za-z0-9])`;
  return {
    re: new RegExp(pattern, lower ? "iy" : "y"),
    lead: words[0]!.length - words[0]!.replace(/^[^A-Za-z0-9]+/, "").length,
    keys: firstKeys(term),
    last: last.toLowerCase(),
  };
}

/** Whether a UTF-16 code is an ASCII letter or digit: what the word index counts as a word. */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Calls `visit` on the uses of one spelling in text order until it returns true; says whether it did. */
function visitSpelling(doc: DraftingInput, term: string, visit: (use: TermUse) => boolean): boolean {
  const matcher = spellingMatcher(term);
  if (!matcher) return false;
  const { re, lead, keys, last } = matcher;
  const g = glossaryOf(doc);
  // Each word's offsets are in order, and different words never share one: the lists are merged as
  // they are walked, since most walks stop at the first use (sorting every offset of "party" and
  // "parties" on every check cost more than the walks).
  const lists = keys.map((k) => g.words.offsets(k));
  const next = new Array<number>(lists.length).fill(0);
  for (;;) {
    let from = -1;
    for (let k = 0; k < lists.length; k++)
      if (next[k]! < lists[k]!.length && (from < 0 || lists[k]![next[k]!]! < lists[from]![next[from]!]!))
        from = k;
    if (from < 0) break;
    const start = lists[from]![next[from]!++]!;
    const at = start - lead;
    if (at < 0 || isAsciiAlnum(doc.masked.charCodeAt(at - 1))) continue;
    re.lastIndex = at;
    const m = re.exec(doc.masked);
    if (!m) continue;
    const possessive = m[2]?.length ?? 0;
    const end = m.index + m[0].length;
    const use = {
      start: m.index,
      end,
      wordEnd: end - possessive,
      inflected: m[1]!.toLowerCase() !== last,
    };
    if (visit(use)) return true;
  }
  return false;
}
