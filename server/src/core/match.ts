/**
 * Runs every cue of the library over one unit of text (a section's own text) and records, per
 * sentence, which cues hit where. The result depends only on the unit's text, so it is cached by that
 * text: an edit re-matches the sections it touched and nothing else.
 *
 * The unit is read once. Each place a hit could start (a word start, or a symbol a number can start
 * with) is looked up by its first letters in an index of the cues that can start with them, and only
 * those cues are tried there (cueMatcher in cues.ts). That finds exactly the hits that scanning the
 * unit with each cue's regular expression finds (findAll; a test compares them on the corpus),
 * without running hundreds of expressions over every section.
 */
import { backtrackRisk, cueMatcher, type CueMatcher } from "./cues";
import { isWord } from "./cue-engine";
import { isDefinitionSentence } from "./definitions";
import type { CompiledLibrary } from "./library";
import { isObligation, splitSentences } from "./sentences";

export interface SentenceHits {
  /** Offsets relative to the unit's start. */
  start: number;
  end: number;
  definition: boolean;
  obligation: boolean;
  /** Probe id → first hit [start, end), relative to the unit's start. */
  hits: ReadonlyMap<number, [number, number]>;
}

export interface UnitMatch {
  sentences: SentenceHits[];
}

const NO_HITS: ReadonlyMap<number, [number, number]> = new Map();

/** Letters and digits of a word start, packed six bits each (0 ends the key), or 0 when `c` is not one. */
function keyCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 86; // a-z → 11..36
  if (c >= 65 && c <= 90) return c - 54; // A-Z → 11..36
  if (c >= 48 && c <= 57) return c - 47; // 0-9 → 1..10
  if (c === 0x17f) return 29; // ſ folds to s
  if (c === 0x212a) return 21; // the Kelvin sign folds to k
  return 0;
}

/** $ € £ [ * _: where a number (`#`) can start other than at a word. */
function isSymbol(c: number): boolean {
  return c === 0x24 || c === 0x20ac || c === 0xa3 || c === 0x5b || c === 0x2a || c === 0x5f;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function packKey(key: string): number {
  let packed = 0;
  for (let i = 0; i < 4; i++) packed = (packed << 6) | (i < key.length ? keyCode(key.charCodeAt(i)) : 0);
  return packed;
}

const PREFIX_MASKS = [0, 0xfc0000, 0xfff000, 0xffffc0, 0xffffff];

/** A library's cues indexed by where their hits can start, with per-probe scratch space for matching. */
interface StartIndex {
  byKey: Map<number, number[]>;
  /** Probes that can start at $ € £ [ * _ (those starting with a number). */
  symbols: number[];
  /** Probes whose starts the index cannot tell: tried at every position. */
  anywhere: number[];
  /** Probe lists by a text word's packed key: the probes whose start keys are prefixes of it. */
  lists: Map<number, Int32Array>;
  matchers: CueMatcher[];
  /**
   * Per probe, groups of packed keys (see CompiledCue.needs): a unit must contain a key of every
   * group for the probe to hit there. Groups with a key the index cannot pack are left out.
   */
  required: Int32Array[][];
  /** Per probe: the unit it was last looked at in, whether it can hit there, where its last hit ended, the sentence of its last recorded hit. */
  unitOf: Int32Array;
  possible: Uint8Array;
  endOf: Int32Array;
  sentenceOf: Int32Array;
  /** Per unit: word starts and their packed keys (-1: a symbol), and the keys of up to three letters present. */
  starts: Int32Array;
  keys: Int32Array;
  short: Int32Array;
  /**
   * Four-letter keys present in the unit, one bit per key (a 24-bit key space: 2 MB), and the keys
   * set, to clear them for the next unit. A Set of them cost a millisecond per 10,000 words.
   */
  long: Uint32Array;
  longSet: Int32Array;
  longCount: number;
  units: number;
  sentences: number;
}

const indexes = new WeakMap<CompiledLibrary, StartIndex>();

function indexOf(library: CompiledLibrary): StartIndex {
  let index = indexes.get(library);
  if (index) return index;
  const n = library.probes.length;
  index = {
    byKey: new Map(),
    symbols: [],
    anywhere: [],
    lists: new Map(),
    matchers: library.probes.map((p) => cueMatcher(p.cue)),
    required: library.probes.map((p) =>
      p.cue.needs
        .filter((group) => group.every((k) => /^[a-z0-9]{1,4}$/.test(k)))
        .map((group) => Int32Array.from(group.map(packKey))),
    ),
    unitOf: new Int32Array(n).fill(-1),
    possible: new Uint8Array(n),
    endOf: new Int32Array(n),
    sentenceOf: new Int32Array(n).fill(-1),
    starts: new Int32Array(1024),
    keys: new Int32Array(1024),
    short: new Int32Array(1 << 18).fill(-1),
    long: new Uint32Array(1 << 19),
    longSet: new Int32Array(1024),
    longCount: 0,
    units: 0,
    sentences: 0,
  };
  for (const p of library.probes) {
    const starts = p.cue.starts;
    if (!starts) {
      index.anywhere.push(p.id);
      continue;
    }
    if (starts.symbols) index.symbols.push(p.id);
    for (const key of new Set(starts.keys.map(packKey))) {
      const list = index.byKey.get(key) ?? [];
      list.push(p.id);
      index.byKey.set(key, list);
    }
  }
  indexes.set(library, index);
  return index;
}

/** The probes that can start at a word whose packed key (of `length` characters) is `key`. */
function probesAt(index: StartIndex, key: number, length: number): Int32Array {
  let list = index.lists.get(key);
  if (!list) {
    const ids = new Set<number>();
    for (let l = 1; l <= length; l++)
      for (const id of index.byKey.get(key & PREFIX_MASKS[l]!) ?? []) ids.add(id);
    list = Int32Array.from([...ids].sort((a, b) => a - b));
    index.lists.set(key, list);
  }
  return list;
}

/** Whether the current unit holds a key of each of a probe's required groups (a hit holds one of each at a word start). */
function possibleIn(index: StartIndex, id: number, unit: number): boolean {
  for (const group of index.required[id]!) {
    let found = false;
    for (let k = 0; k < group.length && !found; k++) {
      const key = group[k]!;
      found = (key & 63) !== 0 ? hasLong(index, key) : index.short[key >> 6] === unit;
    }
    if (!found) return false;
  }
  return true;
}

/** Matches all probes of the library against one unit of text. */
export function matchUnit(library: CompiledLibrary, text: string): UnitMatch {
  const spans = splitSentences(text);
  const sentences: SentenceHits[] = spans.map((s) => {
    const body = text.slice(s.start, s.end);
    return {
      start: s.start,
      end: s.end,
      definition: isDefinitionSentence(body),
      obligation: isObligation(body),
      hits: NO_HITS,
    };
  });
  if (sentences.length === 0) return { sentences };
  const index = indexOf(library);
  const unit = index.units++;

  // Pass 1: where hits can start (word starts and symbols), and which word starts the unit contains.
  let count = 0;
  let prevWord = false;
  const { short } = index;
  clearLong(index);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!prevWord) {
      let code = keyCode(c);
      if (code !== 0) {
        let key = code << 18;
        short[code << 12] = unit;
        let length = 1;
        for (; length < 4 && i + length < text.length; length++) {
          code = keyCode(text.charCodeAt(i + length));
          if (code === 0) break;
          key |= code << (18 - 6 * length);
          if (length < 3) short[key >> 6] = unit;
        }
        if (length === 4) addLong(index, key);
        else short[key >> 6] = unit;
        if (count === index.starts.length) grow(index);
        index.starts[count] = i;
        index.keys[count++] = key | (length << 24);
      } else if (
        isSymbol(c) ||
        (index.anywhere.length > 0 &&
          !(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))))
      ) {
        // Probes tried anywhere start at every code point after a non-word character.
        if (count === index.starts.length) grow(index);
        index.starts[count] = i;
        index.keys[count++] = -1;
      }
    }
    prevWord = isWord(c);
  }

  // Pass 2: try the probes that can start at each place, in text order.
  const { matchers, unitOf, possible, endOf, sentenceOf, symbols, anywhere } = index;
  const risky = backtrackRisk(text);
  const sentenceBase = index.sentences;
  index.sentences += sentences.length;
  let si = 0;
  const attempt = (id: number, pos: number) => {
    if (unitOf[id] !== unit) {
      unitOf[id] = unit;
      endOf[id] = 0;
      possible[id] = possibleIn(index, id, unit) ? 1 : 0;
      if (possible[id]) matchers[id]!.start(text, risky);
    }
    if (possible[id] === 0 || pos < endOf[id]!) return;
    const end = matchers[id]!.match(pos);
    if (end < 0) return;
    // Hits do not overlap: the next one of this probe starts at or after this one's end.
    if (end === pos) {
      endOf[id] = pos + 1;
      return;
    }
    endOf[id] = end;
    while (si < sentences.length && sentences[si]!.end <= pos) si++;
    const sentence = sentences[si];
    if (!sentence || pos < sentence.start || sentenceOf[id] === sentenceBase + si) return;
    sentenceOf[id] = sentenceBase + si;
    if (sentence.hits === NO_HITS) sentence.hits = new Map();
    (sentence.hits as Map<number, [number, number]>).set(id, [pos, Math.min(end, sentence.end)]);
  };
  for (let j = 0; j < count; j++) {
    const pos = index.starts[j]!;
    const key = index.keys[j]!;
    if (key >= 0) {
      const list = probesAt(index, key & 0xffffff, key >>> 24);
      for (let k = 0; k < list.length; k++) attempt(list[k]!, pos);
    } else {
      if (isSymbol(text.charCodeAt(pos))) for (const id of symbols) attempt(id, pos);
    }
    for (let k = 0; k < anywhere.length; k++) attempt(anywhere[k]!, pos);
  }
  return { sentences };
}

function hasLong(index: StartIndex, key: number): boolean {
  return (index.long[key >>> 5]! & (1 << (key & 31))) !== 0;
}

function addLong(index: StartIndex, key: number): void {
  const word = key >>> 5;
  const bit = 1 << (key & 31);
  if ((index.long[word]! & bit) !== 0) return;
  index.long[word]! |= bit;
  if (index.longCount === index.longSet.length) index.longSet = doubled(index.longSet);
  index.longSet[index.longCount++] = key;
}

function clearLong(index: StartIndex): void {
  for (let i = 0; i < index.longCount; i++) index.long[index.longSet[i]! >>> 5] = 0;
  index.longCount = 0;
}

function grow(index: StartIndex): void {
  index.starts = doubled(index.starts);
  index.keys = doubled(index.keys);
}

function doubled(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Decides whether a near cue holds in a sentence: all its probes hit, within `window` words if given. */
export function nearHolds(
  sentence: SentenceHits,
  probes: number[],
  window: number | undefined,
  text: string,
  base: number,
): [number, number] | null {
  let start = Infinity;
  let end = -1;
  for (const p of probes) {
    const h = sentence.hits.get(p);
    if (!h) return null;
    start = Math.min(start, h[0]);
    end = Math.max(end, h[1]);
  }
  if (window !== undefined) {
    const words = text
      .slice(base + start, base + end)
      .split(/\s+/)
      .filter(Boolean).length;
    if (words > window + probes.length) return null;
  }
  return [start, end];
}
