/**
 * A cache of values computed from pieces of text (a paragraph block, a line), by kind of value. An
 * analyzer keeps one per document: an edit recomputes only what depends on the pieces it changed, and
 * each analysis keeps only the entries it used.
 */
import { detach } from "./text";

/** Values computed from pieces of a document's text, keeping only what the latest analysis used. */
export class TextCache {
  // One map per kind, keyed by the text itself: every kind then reuses the hash V8 keeps on
  // the string, where a "kind + text" key would copy and hash the whole document once per kind.
  private map = new Map<string, Map<string, unknown>>();
  private next = new Map<string, Map<string, unknown>>();
  /** Each text's one detached copy, by its text: see {@link canonical}. */
  private texts = new Map<string, string>();
  private nextTexts = new Map<string, string>();

  /** @param keep false for a cache that keeps nothing: every value is computed when asked for. */
  constructor(private readonly keep = true) {}

  /**
   * The value of `compute` for this kind of value and text, computed only when new. `holdsText`
   * false says the value keeps no piece of the text (numbers, flags), so the text is not copied:
   * the key is replaced by the newest document's slice at every analysis anyway.
   */
  get<T>(kind: string, text: string, compute: (text: string) => T, holdsText = true): T {
    if (!this.keep) return compute(text);
    let next = this.next.get(kind);
    if (!next) this.next.set(kind, (next = new Map<string, unknown>()));
    let value = next.get(text) ?? this.map.get(kind)?.get(text);
    if (value === undefined) {
      const own = holdsText ? this.canonical(text) : text;
      value = compute(own);
      next.set(own, value);
    } else next.set(text, value);
    return value as T;
  }

  /**
   * The one copy of a text this cache keeps (detached from the document it was cut from). Looking
   * up several kinds with it compares each key by identity, where a fresh slice of the new document
   * would be compared character by character once per kind.
   */
  canonical(text: string): string {
    if (!this.keep) return text;
    let own = this.nextTexts.get(text) ?? this.texts.get(text);
    if (own === undefined) own = detach(text);
    this.nextTexts.set(own, own);
    return own;
  }

  /** Forgets what the latest analysis did not use. */
  sweep(): void {
    this.map = this.next;
    this.next = new Map();
    this.texts = this.nextTexts;
    this.nextTexts = new Map();
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
