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

  /** The value of `compute` for this kind of value and text, computed only when new. */
  get<T>(kind: string, text: string, compute: (text: string) => T): T {
    let next = this.next.get(kind);
    if (!next) this.next.set(kind, (next = new Map<string, unknown>()));
    let value = next.get(text) ?? this.map.get(kind)?.get(text);
    if (value === undefined) {
      const own = this.canonical(text);
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
