/**
 * Runs every cue of the library over one unit of text (a section's own text) and records, per
 * sentence, which cues hit where. The result depends only on the unit's text, so it is cached by that
 * text: an edit re-matches the sections it touched and nothing else.
 */
import { findAll } from "./cues";
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
  hits: Map<number, [number, number]>;
}

export interface UnitMatch {
  sentences: SentenceHits[];
}

/** Word-start keys of a text, lower-cased, up to four characters: the prefilter's view of the text. */
function unitKeys(lower: string): Set<string> {
  const keys = new Set<string>();
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    const w = m[0];
    const n = Math.min(4, w.length);
    for (let len = 1; len <= n; len++) keys.add(w.slice(0, len));
  }
  return keys;
}

/** Matches all probes of the library against one unit of text. */
export function matchUnit(library: CompiledLibrary, text: string): UnitMatch {
  const sentences: SentenceHits[] = splitSentences(text).map((s) => {
    const body = text.slice(s.start, s.end);
    return { start: s.start, end: s.end, definition: isDefinitionSentence(body), obligation: isObligation(body), hits: new Map() };
  });
  if (sentences.length === 0) return { sentences };
  const keys = unitKeys(text.toLowerCase());
  const candidates = new Set<number>(library.unkeyed);
  for (const key of keys) {
    const ids = library.byKey.get(key);
    if (ids) for (const id of ids) candidates.add(id);
  }
  for (const id of candidates) {
    const hits = findAll(library.probes[id]!.cue, text);
    let si = 0;
    for (const hit of hits) {
      while (si < sentences.length && sentences[si]!.end <= hit.start) si++;
      const sentence = sentences[si];
      if (!sentence || hit.start < sentence.start) continue;
      if (!sentence.hits.has(id)) sentence.hits.set(id, [hit.start, Math.min(hit.end, sentence.end)]);
    }
  }
  return { sentences };
}

/** Caches unit matches by text for one compiled library. */
export class MatchCache {
  private map = new Map<string, UnitMatch>();
  private next = new Map<string, UnitMatch>();

  constructor(readonly library: CompiledLibrary) {}

  /** Returns the unit's matches, computing them only when the text is new. */
  get(text: string): UnitMatch {
    let hit = this.next.get(text) ?? this.map.get(text);
    if (!hit) hit = matchUnit(this.library, text);
    this.next.set(text, hit);
    return hit;
  }

  /** Forgets units the latest analysis did not use. */
  sweep(): void {
    this.map = this.next;
    this.next = new Map();
  }
}

/** Decides whether a near cue holds in a sentence: all its probes hit, within `window` words if given. */
export function nearHolds(sentence: SentenceHits, probes: number[], window: number | undefined, text: string, base: number): [number, number] | null {
  let start = Infinity;
  let end = -1;
  for (const p of probes) {
    const h = sentence.hits.get(p);
    if (!h) return null;
    start = Math.min(start, h[0]);
    end = Math.max(end, h[1]);
  }
  if (window !== undefined) {
    const words = text.slice(base + start, base + end).split(/\s+/).filter(Boolean).length;
    if (words > window + probes.length) return null;
  }
  return [start, end];
}
