/**
 * A cache of values computed from pieces of text (a paragraph block, a line), by kind of value. An
 * analyzer keeps one per document: an edit recomputes only what depends on the pieces it changed, and
 * what the latest analysis did not use is forgotten once enough new entries have come in.
 */
import { countBelow, detach } from "./text";

interface Entry {
  value: unknown;
  /** The analysis that last used the value. */
  used: number;
}

/**
 * New entries past which a sweep is due, beyond a quarter of what is kept: a keystroke adds about
 * one entry per kind (the edited block), so sweeps are rare while typing and bound what goes stale.
 */
const SWEEP_SLACK = 1_024;

/** Values computed from pieces of a document's text, keeping only what recent analyses used. */
export class TextCache {
  // One map per kind, keyed by the text itself: every kind then reuses the hash V8 keeps on the
  // string, where a "kind + text" key would copy and hash the whole document once per kind. Entries
  // are stamped with the analysis that used them rather than copied into fresh maps per analysis:
  // that copying, thousands of blocks times a dozen kinds per keystroke, was most of the lookups' cost.
  private readonly kinds = new Map<string, Map<string, Entry>>();
  /** Each text's one detached copy, by its text: see {@link canonical}. */
  private readonly texts = new Map<string, Entry>();
  /** Numbers naming kept copies (see {@link serial}); never reused, so a number outliving its text names nothing else. */
  private readonly serials = new Map<string, number>();
  private nextSerial = 0;
  /**
   * Kinds whose values hold no piece of the text (numbers, offsets): keyed by the latest document's
   * own slices, without copying them, and so kept only from one analysis to the next (an older key
   * would keep an older version of the document alive).
   */
  private loose = new Map<string, Map<string, unknown>>();
  private looseNext = new Map<string, Map<string, unknown>>();
  /** The latest analysis's pieces, by text name (see {@link slicer}), for the next one to reuse. */
  private slices = new Map<string, Slices>();
  /** This analysis's pieces, and how its texts differ from the previous analysis's (dropped at the sweep). */
  private slicesNext = new Map<string, Slices & Difference>();
  /** The latest analysis's lists of texts asked about per kind, and their entries (see {@link getAll}). */
  private lists = new Map<string, { texts: readonly string[]; entries: Entry[] }>();
  private listsNext = new Map<string, { texts: readonly string[]; entries: Entry[] }>();
  private generation = 0;
  private added = 0;
  private kept = 0;

  /** @param keep false for a cache that keeps nothing: every value is computed when asked for. */
  constructor(private readonly keep = true) {}

  /**
   * The value of `compute` for this kind of value and text, computed (from the text's own copy) only
   * when new. `holdsText` false says the value keeps no piece of the text, so the text is not copied
   * (see {@link loose}).
   */
  get<T>(kind: string, text: string, compute: (text: string) => T, holdsText = true): T {
    if (!this.keep) return compute(text);
    if (!holdsText) return this.getLoose(kind, text, compute);
    return this.entry(kind, text, compute).value as T;
  }

  /** The entry of a kind and text, stamped as used by this analysis, its value computed if new. */
  private entry<T>(kind: string, text: string, compute: (text: string) => T): Entry {
    let map = this.kinds.get(kind);
    if (!map) this.kinds.set(kind, (map = new Map<string, Entry>()));
    let entry = map.get(text);
    if (entry !== undefined) {
      entry.used = this.generation;
      return entry;
    }
    // Keys and values are made from the detached copy: a key cut from the document would keep
    // that version of the whole document alive for as long as the entry lives.
    const own = this.canonical(text);
    entry = { value: compute(own), used: this.generation };
    map.set(own, entry);
    this.added++;
    return entry;
  }

  /**
   * {@link get} for each of a list of texts (a document's blocks, in order). A text that is the very
   * string the previous analysis asked this kind about at the same place in its list, counted from
   * the start or from the end (the blocks before and after an edit), takes that answer without a
   * lookup: hashing and comparing thousands of blocks once per kind was most of a keystroke's lookups.
   */
  getAll<T>(kind: string, texts: readonly string[], compute: (text: string) => T): T[] {
    if (!this.keep) return texts.map((t) => compute(t));
    const prev = this.lists.get(kind);
    const entries = new Array<Entry>(texts.length);
    let head = 0;
    let tail = 0;
    if (prev) {
      const n = Math.min(texts.length, prev.texts.length);
      while (head < n && prev.texts[head] === texts[head]) {
        entries[head] = prev.entries[head]!;
        head++;
      }
      while (tail < n - head && prev.texts[prev.texts.length - 1 - tail] === texts[texts.length - 1 - tail]) {
        entries[texts.length - 1 - tail] = prev.entries[prev.entries.length - 1 - tail]!;
        tail++;
      }
    }
    for (let i = head; i < texts.length - tail; i++) entries[i] = this.entry(kind, texts[i]!, compute);
    const values = new Array<T>(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const entry = entries[i]!;
      entry.used = this.generation;
      values[i] = entry.value as T;
    }
    this.listsNext.set(kind, { texts, entries });
    return values;
  }

  private getLoose<T>(kind: string, text: string, compute: (text: string) => T): T {
    let next = this.looseNext.get(kind);
    if (!next) this.looseNext.set(kind, (next = new Map<string, unknown>()));
    let value = next.get(text) ?? this.loose.get(kind)?.get(text);
    if (value === undefined) value = compute(text);
    next.set(text, value);
    return value as T;
  }

  /**
   * The one copy of a text this cache keeps (detached from the document it was cut from). Looking
   * up several kinds with it compares each key by identity, where a fresh slice of the new document
   * would be compared character by character once per kind.
   */
  canonical(text: string): string {
    if (!this.keep) return text;
    return this.textEntry(text).value as string;
  }

  /** The entry holding a text's one copy (its value), stamped as used by this analysis. */
  private textEntry(text: string): Entry {
    let entry = this.texts.get(text);
    if (entry !== undefined) {
      entry.used = this.generation;
      return entry;
    }
    const own = detach(text);
    this.texts.set(own, (entry = { value: own, used: this.generation }));
    this.added++;
    return entry;
  }

  /**
   * A number naming a text as long as the cache keeps its copy: a short key for cached values that
   * depend on a second text, where the text itself in a key would be copied into it and compared
   * character by character on every check.
   */
  serial(text: string): number {
    // A cache that keeps nothing keeps no value such a key could find again.
    if (!this.keep) return this.nextSerial++;
    let n = this.serials.get(text);
    if (n === undefined) this.serials.set(this.canonical(text), (n = this.nextSerial++));
    return n;
  }

  /**
   * Cuts the cache's own copies (see {@link canonical}) of pieces of one of the analysis's texts,
   * `name` saying which (its source, its masked text), for one `consumer` (the pass cutting them, in
   * text order). A piece inside what the text shares with the previous analysis's text of that name,
   * at its start or its end, gets the copy that consumer cut there then, without reading the piece:
   * a keystroke would otherwise hash and compare every block, chunk and section of the document
   * again, about 3 ms at 50,000 words. Each consumer's pieces are walked in order, not looked up in a
   * map: thousands of look-ups a keystroke were most of what cutting cost.
   */
  slicer(name: string, text: string, consumer: string): Slicer {
    if (!this.keep) return Object.assign((start: number, end: number) => text.slice(start, end), NO_REUSE);
    let current = this.slicesNext.get(name);
    if (current?.text !== text) {
      const prev = this.slices.get(name);
      const prefix = prev ? commonPrefix(prev.text, text) : 0;
      current = {
        text,
        runs: new Map(),
        prev,
        prefix,
        suffix: prev ? commonSuffix(prev.text, text, prefix) : 0,
        shift: prev ? text.length - prev.text.length : 0,
      };
      this.slicesNext.set(name, current);
    }
    const { runs, prev, prefix, suffix, shift } = current;
    let run = runs.get(consumer);
    if (!run) runs.set(consumer, (run = { starts: [], ends: [], entries: [] }));
    const own = run;
    const before = prev?.runs.get(consumer);
    let cursor = 0;
    const record = (start: number, end: number, entry: Entry): void => {
      // Out of order, a piece is not kept for reuse: runs stay sorted, to be walked and searched.
      const last = own.starts.length - 1;
      if (last >= 0 && (start < own.starts[last]! || (start === own.starts[last] && end === own.ends[last])))
        return;
      own.starts.push(start);
      own.ends.push(end);
      own.entries.push(entry);
    };
    const reuse = (start: number, end: number): string | undefined => {
      // The same text as the previous text's piece at `old`, if its consumer cut that piece.
      const old = end <= prefix ? start : start >= text.length - suffix ? start - shift : -1;
      if (before && old >= 0) {
        const { starts, ends, entries } = before;
        if (cursor < starts.length && starts[cursor]! > old) cursor = countBelow(starts, old);
        while (cursor < starts.length && starts[cursor]! < old) cursor++;
        for (let k = cursor; k < starts.length && starts[k] === old; k++) {
          if (ends[k]! - old !== end - start) continue;
          const entry = entries[k]!;
          entry.used = this.generation;
          record(start, end, entry);
          return entry.value as string;
        }
      }
      // Cut already in this analysis, by this consumer or another (the section tree and the drafting
      // rules cut most blocks alike): searched only where the previous analysis had nothing to give.
      for (const r of runs.values()) {
        for (let k = countBelow(r.starts, start); k < r.starts.length && r.starts[k] === start; k++) {
          if (r.ends[k] !== end) continue;
          const entry = r.entries[k]!;
          if (r !== own) record(start, end, entry);
          return entry.value as string;
        }
      }
      return undefined;
    };
    const keep = (start: number, end: number, piece: string): void => {
      record(start, end, this.textEntry(piece));
    };
    return Object.assign(
      (start: number, end: number): string => {
        const reused = reuse(start, end);
        if (reused !== undefined) return reused;
        const entry = this.textEntry(text.slice(start, end));
        record(start, end, entry);
        return entry.value as string;
      },
      { reuse, keep },
    );
  }

  /** Ends an analysis: once enough is new, forgets what this analysis did not use. */
  sweep(): void {
    if (this.added > SWEEP_SLACK + this.kept / 4) {
      let kept = 0;
      const forget = (map: Map<string, Entry>) => {
        for (const [key, entry] of map) {
          if (entry.used !== this.generation) map.delete(key);
          else kept++;
        }
      };
      forget(this.texts);
      for (const text of this.serials.keys()) if (!this.texts.has(text)) this.serials.delete(text);
      for (const [kind, map] of this.kinds) {
        forget(map);
        // Some kinds are named per analysis input (undefined-term's events per set of known terms):
        // a kind no longer used goes too, or a long session would gather empty maps.
        if (map.size === 0) this.kinds.delete(kind);
      }
      this.kept = kept;
      this.added = 0;
    }
    this.loose = this.looseNext;
    this.looseNext = new Map();
    // Without the previous analysis's pieces: each would keep the text before it alive.
    this.slices = new Map([...this.slicesNext].map(([name, { text, runs }]) => [name, { text, runs }]));
    this.slicesNext = new Map();
    this.lists = this.listsNext;
    this.listsNext = new Map();
    this.generation++;
  }

  /** How many values and texts are kept (for tests of what a sweep forgets). */
  get size(): number {
    let n = this.texts.size;
    for (const map of [...this.kinds.values(), ...this.loose.values()]) n += map.size;
    return n;
  }
}

/** Cuts pieces of one text: see {@link TextCache.slicer}. */
export interface Slicer {
  (start: number, end: number): string;
  /** The piece the slicer would give, when it can give it without reading the text (cut before). */
  reuse(start: number, end: number): string | undefined;
  /** Records the piece's copy as this analysis's, for the next analysis to reuse: `piece` must be the cache's copy. */
  keep(start: number, end: number, piece: string): void;
}

/** For a cache that keeps nothing: nothing is ever reused. */
const NO_REUSE = { reuse: () => undefined, keep: () => undefined };

/** One consumer's pieces of a text, in text order, with the entries holding the cache's copies. */
interface Run {
  starts: number[];
  ends: number[];
  entries: Entry[];
}

/** One text's pieces cut by {@link TextCache.slicer}, by consumer. */
interface Slices {
  text: string;
  runs: Map<string, Run>;
}

/** How a text differs from the previous analysis's text of the same name: what they share at each end. */
interface Difference {
  prev: Slices | undefined;
  prefix: number;
  suffix: number;
  /** The change in length. */
  shift: number;
}

/** Compared a stretch at a time: comparing equal strings is a fast copy-free loop in V8, charCodeAt is not. */
const STRETCH = 2048;

/** How many characters two texts share at their start. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + STRETCH <= n && a.slice(i, i + STRETCH) === b.slice(i, i + STRETCH)) i += STRETCH;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How many characters two texts share at their end, not counting the first `prefix` of either. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (
    i + STRETCH <= n &&
    a.slice(a.length - i - STRETCH, a.length - i) === b.slice(b.length - i - STRETCH, b.length - i)
  )
    i += STRETCH;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * Serial numbers for fingerprints of what cached per-block values were computed under (the terms a
 * document defines, the words it looks for): values stamped with a serial still hold while a keystroke
 * leaves the fingerprint unchanged. Only the latest few fingerprints keep their numbers.
 */
export class Serials {
  private readonly byFingerprint = new Map<string, number>();
  private next = 0;

  /** The fingerprint's serial number; a new one for a fingerprint not among the latest eight. */
  of(fingerprint: string): number {
    let serial = this.byFingerprint.get(fingerprint);
    if (serial === undefined) {
      if (this.byFingerprint.size >= 8) this.byFingerprint.delete(this.byFingerprint.keys().next().value!);
      this.byFingerprint.set(fingerprint, (serial = this.next++));
    }
    return serial;
  }
}

/**
 * Values of one text under a few variants (a block's line cuts, which of its tokens are excluded):
 * most texts only ever have one, which is kept without a map of its own.
 */
export class Variants<T> {
  private variant: string | undefined;
  private value: T | undefined;
  private more: Map<string, T> | undefined;

  /** The value for this variant, computed only when new. */
  get(variant: string, compute: () => T): T {
    if (this.variant === variant) return this.value!;
    const found = this.more?.get(variant);
    if (found !== undefined) return found;
    const value = compute();
    if (this.variant === undefined) {
      this.variant = variant;
      this.value = value;
    } else {
      // A text whose variants keep changing (a long session) keeps only the latest few.
      if (this.more && this.more.size >= 8) this.more.clear();
      (this.more ??= new Map()).set(variant, value);
    }
    return value;
  }
}

const interned = new Map<string, string>();

/**
 * One string object for equal strings: per-block caches of a long agreement hold the same few
 * thousand words hundreds of thousands of times. The table keeps copies (a word cut from a document
 * would keep the document) and is emptied past 200,000 entries, which costs only sharing.
 */
export function intern(text: string): string {
  let own = interned.get(text);
  if (own === undefined) {
    if (interned.size >= 200_000) interned.clear();
    own = detach(text);
    interned.set(own, own);
  }
  return own;
}
