/**
 * Runs the regular expressions that cues compile to (cues.ts) without the regular-expression engine,
 * at chosen start positions, with exactly its answers and in linear time.
 *
 * Why not the engine: a cue's gap `(?:SEP WORD){0,n}` can split a run of hyphens or apostrophes
 * (which belong to both SEP and WORD) in exponentially many ways, and a backtracking engine tries
 * them all before it gives up: "exclusive" followed by 30 dashes took two seconds per cue, 40 dashes
 * never finished. Here the same pattern is parsed into a small matcher that explores alternatives in
 * the engine's order (so the first match found is the engine's match: same start, same end) and,
 * once an attempt has taken more than a few thousand steps, remembers which (step, position) pairs
 * already failed, which bounds every attempt by the pattern size times the text it can reach.
 *
 * Supported: the subset cues.ts emits, read with the flags `iu` — literals, escapes, classes with
 * ranges, \w \s \d and their negations, (?:…) groups, alternation, greedy ?, *, +, {m,n}, and
 * one-character lookarounds such as (?<![\w]) and (?![\w]). Anything else throws `Unsupported`.
 */
import { isDigit } from "./text";

export class Unsupported extends Error {}

/** Matches one code point. */
type CharTest = (cp: number) => boolean;

type Node =
  | { type: "char"; test: CharTest }
  | { type: "seq"; items: Node[] }
  | { type: "alt"; options: Node[] }
  | { type: "repeat"; body: Node; min: number; max: number }
  | { type: "look"; behind: boolean; negate: boolean; test: CharTest };

// ---------------------------------------------------------------------------------------------
// Characters, as the engine reads them with the `iu` flags

const WHITE_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

/** `\s` */
function isSpace(cp: number): boolean {
  return cp === 0x20 || (cp <= 0x0d && cp >= 0x09) || (cp >= 0xa0 && WHITE_SPACE.has(cp));
}

/** `\w` with the `iu` flags: ASCII letters, digits and `_`, plus ſ and the Kelvin sign, which fold to s and k. */
export function isWord(cp: number): boolean {
  if (cp < 128)
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95;
  return cp === 0x17f || cp === 0x212a;
}

const foldCache = new Map<number, string>();

/**
 * A key equal for two code points exactly when a case-insensitive Unicode expression treats them as
 * the same character (simple case folding). ASCII and the two characters that fold into ASCII are
 * computed; other characters ask the engine once and are remembered.
 */
function foldKey(cp: number): string {
  if (cp < 128) return String.fromCharCode(cp >= 65 && cp <= 90 ? cp + 32 : cp);
  if (cp === 0x17f) return "s";
  if (cp === 0x212a) return "k";
  let key = foldCache.get(cp);
  if (key === undefined) {
    // Candidates: the character's lower and upper case forms; the fold class is the set of them that
    // the engine says match each other. Its smallest member names the class.
    const ch = String.fromCodePoint(cp);
    const re = new RegExp(`^${ch.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")}$`, "iu");
    const members = [
      ch,
      ch.toLowerCase(),
      ch.toUpperCase(),
      ch.toLowerCase().toUpperCase(),
      ch.toUpperCase().toLowerCase(),
    ]
      .filter((c) => [...c].length === 1 && re.test(c))
      .map((c) => c.codePointAt(0)!);
    key = String.fromCodePoint(Math.min(...members));
    foldCache.set(cp, key);
  }
  return key;
}

/** A literal character, case-insensitively. */
function literalTest(cp: number): CharTest {
  const lower = cp | 0x20;
  if (cp < 128 && lower >= 97 && lower <= 122) {
    // ASCII letters match both cases; of the rest of Unicode only ſ folds to s and the Kelvin sign to k.
    const extra = lower === 0x73 ? 0x17f : lower === 0x6b ? 0x212a : -2;
    return (c) => (c < 128 && (c | 0x20) === lower) || c === extra;
  }
  if (cp < 128) return (c) => c === cp;
  const key = foldKey(cp);
  return (c) => c === cp || foldKey(c) === key;
}

// ---------------------------------------------------------------------------------------------
// Parser for the subset

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { type: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")")
      items.push(this.quantified());
    return items.length === 1 ? items[0]! : { type: "seq", items };
  }

  private quantified(): Node {
    const atom = this.atom();
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === "?") [min, max] = [0, 1];
    else if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported("bad quantifier");
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === "?" || this.peek() === "+") throw new Unsupported("lazy or possessive quantifier");
    if (atom.type === "look") throw new Unsupported("quantified lookaround");
    return { type: "repeat", body: atom, min, max };
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    if (c === "(") {
      const rest = this.src.slice(this.i, this.i + 4);
      let look: { behind: boolean; negate: boolean } | null = null;
      const opener = ["(?:", "(?<!", "(?<=", "(?!", "(?="].find((o) => rest.startsWith(o));
      if (opener === undefined) throw new Unsupported("capturing or named group");
      this.i += opener.length;
      if (opener !== "(?:") look = { behind: opener.startsWith("(?<"), negate: opener.endsWith("!") };
      const inner = this.alternation();
      if (this.peek() !== ")") throw new Unsupported("unclosed group");
      this.i++;
      if (!look) return inner;
      if (inner.type !== "char") throw new Unsupported("lookaround of more than one character");
      return { type: "look", ...look, test: inner.test };
    }
    if (c === "[") return { type: "char", test: this.charClass() };
    if (c === "\\") {
      this.i++;
      return { type: "char", test: this.escape(false) };
    }
    if (c === "." || c === "^" || c === "$" || c === ")" || c === "|") throw new Unsupported(`"${c}"`);
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return { type: "char", test: literalTest(cp) };
  }

  /** After a backslash: a class escape or an escaped character. */
  private escape(inClass: boolean): CharTest {
    const c = this.src[this.i++]!;
    switch (c) {
      case "w":
        return isWord;
      case "W":
        return (cp) => !isWord(cp);
      case "s":
        return isSpace;
      case "S":
        return (cp) => !isSpace(cp);
      case "d":
        return isDigit;
      case "D":
        return (cp) => !isDigit(cp);
      case "n":
        return (cp) => cp === 10;
      case "r":
        return (cp) => cp === 13;
      case "t":
        return (cp) => cp === 9;
      default:
        if (/[A-Za-z0-9]/.test(c) && !(inClass && c === "-")) throw new Unsupported(`\\${c}`);
        return literalTest(c.codePointAt(0)!);
    }
  }

  private charClass(): CharTest {
    this.i++;
    const negate = this.peek() === "^";
    if (negate) this.i++;
    const parts: CharTest[] = [];
    const ranges: Array<[number, number]> = [];
    let first = true;
    while (this.peek() !== "]" || first) {
      if (this.i >= this.src.length) throw new Unsupported("unclosed class");
      first = false;
      let single: number | null = null;
      if (this.peek() === "\\") {
        this.i++;
        const save = this.i;
        const c = this.src[this.i]!;
        if (/[wWsSdD]/.test(c)) {
          parts.push(this.escape(true));
          continue;
        }
        this.i = save;
        single = c === "n" ? 10 : c === "r" ? 13 : c === "t" ? 9 : c.codePointAt(0)!;
        if (/[A-Za-z0-9]/.test(c) && !"nrt".includes(c)) throw new Unsupported(`\\${c} in a class`);
        this.i += c.length;
      } else {
        single = this.src.codePointAt(this.i)!;
        this.i += single > 0xffff ? 2 : 1;
      }
      if (this.peek() === "-" && this.src[this.i + 1] !== "]") {
        this.i++;
        let hi: number;
        if (this.peek() === "\\") {
          this.i++;
          hi = this.src.codePointAt(this.i)!;
          if (/[A-Za-z0-9]/.test(this.src[this.i]!)) throw new Unsupported("class escape as range end");
        } else hi = this.src.codePointAt(this.i)!;
        this.i += hi > 0xffff ? 2 : 1;
        ranges.push([single, hi]);
      } else parts.push(literalTest(single));
    }
    this.i++;
    // Cue patterns use no ranges; digits are the only kind that case folding cannot touch.
    for (const [lo, hi] of ranges) {
      if (lo < 48 || hi > 57) throw new Unsupported("character range");
      parts.push((cp) => cp >= lo && cp <= hi);
    }
    const any: CharTest = parts.length === 1 ? parts[0]! : (cp) => parts.some((p) => p(cp));
    return negate ? (cp) => !any(cp) : any;
  }
}

/** Parses a pattern of the supported subset; throws Unsupported otherwise. */
function parsePattern(source: string): Node {
  return new Parser(source).parse();
}

// ---------------------------------------------------------------------------------------------
// Matcher: each node becomes a function of the position that returns the end of the first match of
// the rest of the pattern (the node and everything after it), or -1.

type Matcher = (pos: number) => number;

/** The text being matched, shared by all compiled matchers (matching is synchronous). */
let text = "";

/**
 * Steps an attempt may take on the fast path, and all attempts on one text together (a base plus an
 * allowance per character), before the pattern switches to memo mode for the rest of that text.
 */
let attemptBudget = 20_000;
const TEXT_BUDGET = 100_000;
const TEXT_BUDGET_PER_CHAR = 64;
const OVER = new Error("over budget");

/** Sets the fast path's step budget per attempt (tests use 0 to run everything in memo mode); returns the old value. */
export function setStepBudget(steps: number): number {
  const old = attemptBudget;
  attemptBudget = steps;
  return old;
}

/** Code point at a position, reading surrogate pairs as one character like the `u` flag does. */
function cpAt(i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Code point ending just before a position. */
function cpBefore(i: number): number {
  const d = text.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = text.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/** The position one code point before `end`, not going below `floor`. */
function stepBack(end: number, floor: number): number {
  const c = text.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end - 2 >= floor) {
    const h = text.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return end - 2;
  }
  return end - 1;
}

function width(pos: number): number {
  return cpAt(pos) > 0xffff ? 2 : 1;
}

function minLength(node: Node): number {
  switch (node.type) {
    case "char":
      return 1;
    case "look":
      return 0;
    case "seq":
      return node.items.reduce((n, x) => n + minLength(x), 0);
    case "alt":
      return Math.min(...node.options.map(minLength));
    case "repeat":
      return node.min * minLength(node.body);
  }
}

/**
 * What the rest of a pattern needs at a position to have any chance: a character it can start with,
 * or null when it could also succeed without reading one (end of pattern, empty repetitions).
 */
type First = CharTest | null;

/** A character test with its ASCII answers in a table. */
function fast(test: CharTest): CharTest {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = test(c) ? 1 : 0;
  return (cp) => (cp < 128 ? table[cp] === 1 : test(cp));
}

function union(a: First, b: First): First {
  return a && b ? fast((cp) => a(cp) || b(cp)) : null;
}

/** Whether the rest can start at `pos`, given what it needs there. */
function canStart(first: First, pos: number): boolean {
  return first === null || (pos < text.length && first(cpAt(pos)));
}

interface Compiled {
  m: Matcher;
  first: First;
}

/**
 * The search state of one compiled pattern on one text. Results at a point depend only on the
 * position (no captures; lookarounds of one character), so in memo mode they hold for every attempt
 * on the same text.
 */
interface State {
  /** Steps of the current attempt, and of the attempts before it on this text. */
  steps: number;
  spent: number;
  budget: number;
  /** Fast path (false) or memo mode (true). */
  memo: boolean;
  /** Bumped when memo mode starts on a text: points and runs drop older results lazily. */
  generation: number;
}

class Compiler {
  constructor(private readonly state: State) {}

  /** Wraps a continuation: counted on the fast path, computed once per position in memo mode. */
  private point(m: Matcher): Matcher {
    const st = this.state;
    let gen = -1;
    let results = new Map<number, number>();
    return (pos) => {
      if (!st.memo) {
        if (++st.steps > attemptBudget) throw OVER;
        return m(pos);
      }
      if (gen !== st.generation) {
        gen = st.generation;
        results = new Map();
      }
      let r = results.get(pos);
      if (r === undefined) {
        r = m(pos);
        results.set(pos, r);
      }
      return r;
    };
  }

  compile(node: Node, next: Compiled): Compiled {
    switch (node.type) {
      case "char": {
        const test = fast(node.test);
        const n = next.m;
        return {
          m: (pos) => {
            if (pos >= text.length) return -1;
            const cp = cpAt(pos);
            return test(cp) ? n(pos + (cp > 0xffff ? 2 : 1)) : -1;
          },
          first: test,
        };
      }
      case "look": {
        const { behind, negate } = node;
        const test = fast(node.test);
        const n = next.m;
        const nf = next.first;
        return {
          m: (pos) => {
            const present = behind ? pos > 0 && test(cpBefore(pos)) : pos < text.length && test(cpAt(pos));
            return present !== negate ? n(pos) : -1;
          },
          first: behind || !nf ? nf : fast((cp) => test(cp) !== negate && nf(cp)),
        };
      }
      case "seq": {
        let c = next;
        for (let k = node.items.length - 1; k >= 0; k--) c = this.compile(node.items[k]!, c);
        return c;
      }
      case "alt": {
        const shared = { m: this.point(next.m), first: next.first };
        const options = node.options.map((o) => this.compile(o, shared));
        return {
          m: (pos) => {
            // An option that cannot start with the character here would fail: skip it.
            for (const o of options) {
              if (!canStart(o.first, pos)) continue;
              const r = o.m(pos);
              if (r >= 0) return r;
            }
            return -1;
          },
          first: options.reduce<First>((f, o, k) => (k === 0 ? o.first : union(f, o.first)), null),
        };
      }
      case "repeat":
        return node.body.type === "char"
          ? this.charRepeat(fast(node.body.test), node.min, node.max, next)
          : this.groupRepeat(node, next);
    }
  }

  /**
   * A greedy repetition of a group, unrolled: `X{1,3}` is `X(?:X(?:X)?)?`, and a greedy `(?:Y)?`
   * tries Y first, then nothing — the engine's order, with no counter to carry. Groups here never
   * match the empty string, so the engine's empty-iteration rule never applies.
   */
  private groupRepeat(node: Extract<Node, { type: "repeat" }>, next: Compiled): Compiled {
    if (minLength(node.body) === 0) throw new Unsupported("repetition of a group that can match nothing");
    if (node.max > 16) throw new Unsupported("unbounded repetition of a group");
    const exit = this.point(next.m);
    let c = next;
    for (let k = 0; k < node.max - node.min; k++) {
      const more = this.compile(node.body, { m: this.point(c.m), first: c.first });
      c = {
        m: (pos) => {
          if (canStart(more.first, pos)) {
            const r = more.m(pos);
            if (r >= 0) return r;
          }
          return exit(pos);
        },
        first: union(more.first, next.first),
      };
    }
    for (let k = 0; k < node.min; k++) c = this.compile(node.body, { m: this.point(c.m), first: c.first });
    return c;
  }

  /**
   * A greedy repetition of one character class: take the longest run, then give back one character at
   * a time, trying the rest only where its first character can follow (elsewhere it would fail). In
   * memo mode an unbounded run also remembers, per run, how far down the rest has been tried and where
   * it first succeeded, so a long run of characters that two classes share (dashes are in both SEP
   * and WORD) is walked once, not once per position inside it.
   */
  private charRepeat(test: CharTest, min: number, max: number, next: Compiled): Compiled {
    const cont = this.point(next.m);
    const after = next.first;
    const st = this.state;
    let gen = -1;
    let runEnds = new Map<number, number>();
    let runs = new Map<number, { tried: number; found: number; result: number }>();
    const runEndOf = (pos: number): number => {
      let end = pos;
      let known: number | undefined;
      while (end < text.length) {
        known = runEnds.get(end);
        if (known !== undefined) break;
        const cp = cpAt(end);
        if (!test(cp)) break;
        end += cp > 0xffff ? 2 : 1;
      }
      const runEnd = known ?? end;
      for (let q = pos; q < end; q += width(q)) runEnds.set(q, runEnd);
      return runEnd;
    };
    const memoised = (pos: number): number => {
      if (gen !== st.generation) {
        gen = st.generation;
        runEnds = new Map();
        runs = new Map();
      }
      const runEnd = runEndOf(pos);
      let floor = pos;
      if (min === 1) {
        if (pos >= runEnd) return -1;
        floor = pos + width(pos);
      }
      let run = runs.get(runEnd);
      if (!run) {
        run = { tried: runEnd + 1, found: -1, result: -1 };
        runs.set(runEnd, run);
      }
      // Ends are tried from the run's end down and every end above `found` failed: the first success
      // at or above this call's floor is `found`, and there is none when `found` is below the floor.
      if (run.found >= 0) return run.found >= floor ? run.result : -1;
      for (;;) {
        if (run.tried <= floor) return -1;
        const e = run.tried > runEnd ? runEnd : stepBack(run.tried, floor);
        run.tried = e;
        const r = cont(e);
        if (r >= 0) {
          run.found = e;
          run.result = r;
          return r;
        }
      }
    };
    return {
      m: (pos) => {
        if (st.memo && max === Infinity && min <= 1) return memoised(pos);
        let end = pos;
        let count = 0;
        while (count < max && end < text.length) {
          const cp = cpAt(end);
          if (!test(cp)) break;
          end += cp > 0xffff ? 2 : 1;
          count++;
        }
        while (count >= min) {
          if (canStart(after, end)) {
            const r = cont(end);
            if (r >= 0) return r;
          }
          if (count === 0) break;
          end = stepBack(end, pos);
          count--;
        }
        return -1;
      },
      first: min > 0 ? test : union(test, after),
    };
  }
}

/**
 * A compiled pattern. `start(text)` begins a text; then `match(pos)` is the end of the match that
 * starts exactly at `pos`, or -1, for positions in any order.
 */
export interface PatternMatcher {
  start(subject: string): void;
  match(pos: number): number;
}

/** Compiles a pattern of the supported subset (flags `iu` implied); throws Unsupported otherwise. */
export function compilePattern(source: string): PatternMatcher {
  const state: State = { steps: 0, spent: 0, budget: 0, memo: false, generation: 0 };
  const run = new Compiler(state).compile(parsePattern(source), { m: (pos) => pos, first: null }).m;
  let subject = "";
  const startMemo = () => {
    state.memo = true;
    state.generation++;
  };
  return {
    start(s: string): void {
      subject = s;
      state.spent = 0;
      state.budget = TEXT_BUDGET + TEXT_BUDGET_PER_CHAR * s.length;
      state.memo = false;
    },
    match(pos: number): number {
      text = subject;
      if (state.memo) return run(pos);
      state.steps = 0;
      try {
        const r = run(pos);
        state.spent += state.steps;
        // Many cheap attempts can add up to quadratic work too (a long hyphenated run tried at every part).
        if (state.spent > state.budget) startMemo();
        return r;
      } catch (error) {
        if (error !== OVER) throw error;
        // This text makes the pattern backtrack a lot: from here on remember every (point, position).
        startMemo();
        return run(pos);
      }
    },
  };
}
