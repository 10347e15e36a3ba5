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

export class CueError extends Error {}

export interface CompiledCue {
  source: string;
  regex: RegExp;
  /**
   * Literal prefixes one of which must occur in a text for the cue to match (lower case, at most four
   * characters, the start of a word); null when the cue has no required literal.
   */
  keys: string[] | null;
}

const SEP = "[^\\w.;!?]+";
const WORD = "[\\w'’-]+";
const SPELLED =
  "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)";
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
      throw new CueError(`cue "${cue}": "${raw}" is not a word (letters, digits, hyphens; * only at the end)`);
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
  let keys: string[] | null = null;
  let keyLength = -1;
  let first = true;
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
    if (token === "#") {
      fragment = NUMBER;
    } else {
      let body = token;
      if (body.endsWith("?")) {
        optional = true;
        body = body.slice(0, -1);
      }
      const alts = parseAlternatives(body, cue);
      fragment = alts.length === 1 ? compileAlt(alts[0]!) : `(?:${alts.map(compileAlt).join("|")})`;
      if (!optional) {
        const shortest = Math.min(...alts.map((a) => literalKey(a.literal).length));
        if (shortest > keyLength) {
          keyLength = shortest;
          keys = [...new Set(alts.map((a) => literalKey(a.literal)))];
        }
      }
    }
    if (first) {
      pattern += optional ? `(?:${fragment}${SEP})?` : fragment;
      if (!optional) first = false;
    } else {
      pattern += optional ? `(?:${SEP}${fragment})?` : `${SEP}${fragment}`;
    }
  }
  if (first) throw new CueError(`cue "${cue}" has no required word`);
  // A cue starting with a word needs a word boundary before it; `#` may start with a symbol.
  const regex = new RegExp(`(?<![\\w])(?:${pattern})`, "giu");
  return { source: cue, regex, keys };
}

export interface CueHit {
  start: number;
  end: number;
}

/** Finds every non-overlapping hit of a compiled cue in a text. */
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

/** Finds the first hit of a compiled cue in a text, or null. */
export function findFirst(cue: CompiledCue, text: string): CueHit | null {
  cue.regex.lastIndex = 0;
  const m = cue.regex.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Collects the index keys (four-character word starts) present in a text, for the cue prefilter. */
export function textKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const re = /[\p{L}\p{N}]+/gu;
  const lower = text.toLowerCase();
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    const w = m[0];
    for (let len = 1; len <= Math.min(4, w.length); len++) keys.add(w.slice(0, len));
  }
  return keys;
}

/** Decides cheaply whether a cue can possibly match a text with the given keys. */
export function mayMatch(cue: CompiledCue, keys: Set<string>): boolean {
  return cue.keys === null || cue.keys.some((k) => keys.has(k));
}
