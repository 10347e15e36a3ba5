/**
 * The cue language of the clause library, compiled to regular expressions that run in linear time.
 *
 * Cues are user data (team playbooks are files someone else wrote), so they are never raw regular
 * expressions: a cue is a short phrase of tokens, and every token compiles to a fragment without
 * nested unbounded quantifiers. That keeps a hostile or careless playbook from hanging the server
 * with catastrophic backtracking.
 *
 * Tokens, separated by spaces:
 *   word       the word, case-insensitive, at word boundaries
 *   word*      any word starting with `word` (exclusiv* = exclusive, exclusivity)
 *   a|b|c*     one of the alternatives (each may end in *)
 *   word?      an optional word (alternatives allowed: a|b?)
 *   ~N         up to N arbitrary words (N <= 10)
 *   #          a number: 30, 1,000.5, 80%, sixty (60), USD 25,000,000, $100, or a redaction ([***], [ * ], [●])
 *   a-b        inside a word, `-` matches a hyphen, a space or nothing (non-exclusive, non exclusive)
 * Consecutive tokens may be separated by spaces and punctuation other than a full stop or semicolon,
 * so a phrase never spans two sentences.
 */

import { compilePattern, isWord, Unsupported, type PatternMatcher } from "./cue-engine";
import { SPELLED_NUMBERS } from "./numberWords";

export class CueError extends Error {}

/** Where a hit of a cue can start: at a word beginning with one of `keys`, or (`symbols`) at $ € £ [ * _. */
export interface CueStarts {
  /** Lower-case word starts (at most four letters or digits), as in `needs` below. */
  keys: string[];
  symbols: boolean;
}

export interface CompiledCue {
  source: string;
  /** The cue as a regular expression: the definition of what a cue matches (match.ts runs it with cue-engine.ts). */
  regex: RegExp;
  /**
   * Per required word of the cue, the word-start keys (lower case, at most four characters, see
   * literalKey) one of which every hit holds: a text lacking any one group cannot hold a hit.
   */
  needs: string[][];
  /** Where a hit can start; null when that cannot be said from a word's first letters (a literal outside ASCII). */
  starts: CueStarts | null;
}

const SEP = "[^\\w.;!?]+";
const WORD = "[\\w'’-]+";
const SPELLED = `(?:${SPELLED_NUMBERS.join("|")})`;
const CURRENCY_WORDS = ["usd", "us", "eur", "gbp", "rmb", "cny"];
/** The words and digits a `#` can start with (its other starts are the symbols $ € £ [ * _). */
const NUMBER_KEYS = [
  ...new Set([..."0123456789", ...CURRENCY_WORDS, ...SPELLED_NUMBERS.map((w) => w.slice(0, 4))]),
];
const NUMBER =
  "(?:(?:usd|us\\$|eur|gbp|rmb|cny|\\$|€|£)\\s?)?(?:\\d[\\d,]*(?:\\.\\d+)?(?:\\s?%)?|" +
  SPELLED +
  "(?:[\\s-]" +
  SPELLED +
  "){0,4}(?:\\s?\\(\\s?\\d[\\d,]*(?:\\.\\d+)?\\s?%?\\s?\\))?|\\[[^\\]\\n]{0,12}\\]|\\*{3,}|_{3,})(?:\\s?(?:million|billion|thousand))?";
const MAX_GAP = 10;
const MAX_TOKENS = 16;

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface WordAlt {
  literal: string;
  prefix: boolean;
}

function compileAlt(alt: WordAlt): string {
  const parts = alt.literal.split("-").map(escapeLiteral);
  const body = parts.join("[-\\s]?");
  return alt.prefix ? `${body}[\\w-]*` : `${body}(?![\\w])`;
}

function parseAlternatives(token: string, cue: string): WordAlt[] {
  return token.split("|").map((raw) => {
    const prefix = raw.endsWith("*");
    const literal = (prefix ? raw.slice(0, -1) : raw).toLowerCase();
    if (!/^[\p{L}\p{N}][\p{L}\p{N}'’&-]*$/u.test(literal) || literal.endsWith("-")) {
      throw new CueError(
        `cue "${cue}": "${raw}" is not a word (letters, digits, hyphens; * only at the end)`,
      );
    }
    return { literal, prefix };
  });
}

/** Lower-case, word-start key of at most four characters under which a literal is indexed. */
export function literalKey(literal: string): string {
  const first = literal.split(/[-'’&]/)[0] ?? literal;
  return first.slice(0, 4);
}

const compiled = new Map<string, CompiledCue>();

/** Compiles one cue to a linear-time matcher (memoised by its text), or throws CueError explaining what is wrong with it. */
export function compileCue(cue: string): CompiledCue {
  let known = compiled.get(cue);
  if (!known) {
    known = compileCueUncached(cue);
    compiled.set(cue, known);
  }
  return known;
}

function compileCueUncached(cue: string): CompiledCue {
  const tokens = cue.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new CueError("empty cue");
  if (tokens.length > MAX_TOKENS) throw new CueError(`cue "${cue}" has more than ${MAX_TOKENS} tokens`);
  let pattern = "";
  const needs: string[][] = [];
  let first = true;
  // The tokens a hit can begin with: the optional ones before the first required token, and that one.
  let starts: CueStarts | null = { keys: [], symbols: false };
  const addStarts = (token: string, alts: WordAlt[] | null) => {
    if (!starts) return;
    if (token === "#") {
      starts.keys.push(...NUMBER_KEYS);
      starts.symbols = true;
      return;
    }
    for (const alt of alts!) {
      const key = literalKey(alt.literal);
      if (!/^[a-z0-9]+$/.test(key)) starts = null;
      else starts.keys.push(key);
      if (!starts) return;
    }
  };
  for (const token of tokens) {
    const gap = /^~(\d+)$/.exec(token);
    if (gap) {
      const n = Number(gap[1]);
      if (n < 1 || n > MAX_GAP) throw new CueError(`cue "${cue}": gap ${token} must be ~1 to ~${MAX_GAP}`);
      if (first) throw new CueError(`cue "${cue}" cannot start with a gap`);
      pattern += `(?:${SEP}${WORD}){0,${n}}`;
      continue;
    }
    let fragment: string;
    let optional = false;
    let alts: WordAlt[] | null = null;
    if (token === "#") {
      fragment = NUMBER;
    } else {
      let body = token;
      if (body.endsWith("?")) {
        optional = true;
        body = body.slice(0, -1);
      }
      alts = parseAlternatives(body, cue);
      fragment = alts.length === 1 ? compileAlt(alts[0]!) : `(?:${alts.map(compileAlt).join("|")})`;
      if (!optional) needs.push([...new Set(alts.map((a) => literalKey(a.literal)))]);
    }
    if (first) {
      addStarts(token.replace(/\?$/, ""), alts);
      pattern += optional ? `(?:${fragment}${SEP})?` : fragment;
      if (!optional) first = false;
    } else {
      pattern += optional ? `(?:${SEP}${fragment})?` : `${SEP}${fragment}`;
    }
  }
  if (first) throw new CueError(`cue "${cue}" has no required word`);
  // A cue starting with a word needs a word boundary before it; `#` may start with a symbol.
  const regex = new RegExp(`(?<![\\w])(?:${pattern})`, "giu");
  if (starts) starts.keys = [...new Set(starts.keys)];
  return { source: cue, regex, needs, starts };
}

export interface CueHit {
  start: number;
  end: number;
}

/**
 * Whether backtracking could blow up on a text: the characters that both SEP and WORD accept (hyphens
 * and apostrophes) let a gap split the text in exponentially many ways when they crowd together, and
 * long runs of digits and commas or of redaction and currency symbols make each attempt quadratic.
 * Ordinary prose never comes close (in the corpus, 0.7% of the text, mostly lines of dashes); there,
 * the regular expression is fast and safe, and elsewhere cue-engine.ts gives the same answers in
 * linear time.
 */
export function backtrackRisk(text: string): boolean {
  // Positions of the last five hyphens or apostrophes, in a ring.
  const ring = [-1e9, -1e9, -1e9, -1e9, -1e9];
  let k = 0;
  let digits = 0;
  let symbols = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 39 || c === 0x2019) {
      if (i - ring[k]! < 120) return true;
      ring[k] = i;
      k = (k + 1) % 5;
    }
    if ((c >= 48 && c <= 57) || c === 44) {
      if (++digits > 64) return true;
    } else digits = 0;
    if (c === 42 || c === 91 || c === 93 || c === 36 || c === 0x20ac || c === 0xa3) {
      if (++symbols > 16) return true;
    } else symbols = 0;
  }
  return false;
}

/** Runs a cue at chosen start positions of one text at a time (see match.ts). */
export interface CueMatcher {
  /** Begins a text; `risky` (see backtrackRisk) selects the linear-time engine. */
  start(text: string, risky: boolean): void;
  /** The end of the hit that starts exactly at `pos`, or -1. */
  match(pos: number): number;
}

const matchers = new WeakMap<CompiledCue, CueMatcher>();

/**
 * A cue's matcher: the cue's own regular expression, sticky, on ordinary text, and the same pattern
 * compiled by cue-engine.ts on text where the expression could backtrack for too long. Both give
 * the hit that findAll would find starting there (tests check it).
 */
export function cueMatcher(cue: CompiledCue): CueMatcher {
  let m = matchers.get(cue);
  if (!m) {
    const sticky = new RegExp(cue.regex.source, "iuy");
    let engine: PatternMatcher | null | undefined;
    let subject = "";
    let slow = false;
    m = {
      start(text: string, risky: boolean): void {
        subject = text;
        if (risky && engine === undefined) {
          try {
            engine = compilePattern(cue.regex.source);
          } catch (error) {
            if (!(error instanceof Unsupported)) throw error;
            engine = null;
          }
        }
        slow = risky && engine !== null;
        if (slow) engine!.start(text);
      },
      match(pos: number): number {
        if (slow) return engine!.match(pos);
        sticky.lastIndex = pos;
        return sticky.test(subject) ? sticky.lastIndex : -1;
      },
    };
    matchers.set(cue, m);
  }
  return m;
}

/** Whether a cue matches anywhere in a (short) text, such as a section title. */
export function cueTest(cue: CompiledCue, text: string): boolean {
  const m = cueMatcher(cue);
  m.start(text, backtrackRisk(text));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Hits start at code points after a non-word character: never inside a surrogate pair.
    if (
      c >= 0xdc00 &&
      c <= 0xdfff &&
      i > 0 &&
      text.charCodeAt(i - 1) >= 0xd800 &&
      text.charCodeAt(i - 1) <= 0xdbff
    )
      continue;
    if (i > 0 && isWord(text.charCodeAt(i - 1))) continue;
    if (m.match(i) >= 0) return true;
  }
  return false;
}

/**
 * Finds every non-overlapping hit of a compiled cue in a text with the regular expression: the
 * reference that match.ts must agree with (tests compare them), not used by the analysis.
 */
export function findAll(cue: CompiledCue, text: string): CueHit[] {
  const hits: CueHit[] = [];
  cue.regex.lastIndex = 0;
  for (let m = cue.regex.exec(text); m; m = cue.regex.exec(text)) {
    if (m[0].length === 0) {
      cue.regex.lastIndex++;
      continue;
    }
    hits.push({ start: m.index, end: m.index + m[0].length });
  }
  return hits;
}
