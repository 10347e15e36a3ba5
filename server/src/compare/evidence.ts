/**
 * Every sentence that evidences an element, not only the first one the analysis keeps
 * (`ElementResult.evidence`). A comparison needs them all: when a counterparty deletes the Supply
 * Failure sub-clause, a passing mention of "a Supply Failure" elsewhere still makes the element
 * present, yet the protection is gone.
 *
 * The cue test mirrors `hitOf` in core/clauses.ts (exclude cues veto a sentence, then phrases, then
 * near cues). Matching runs on each section's own text, as the analysis does, with a cache per result.
 */
import type { AnalysisResult } from "../core/analyze";
import type { ClauseResult } from "../core/clauses";
import type { CompiledCueSet, CompiledLibrary } from "../core/library";
import { matchUnit, nearHolds, type SentenceHits, type UnitMatch } from "../core/match";

export interface EvidenceSentence {
  section: number;
  /** Absolute offsets of the sentence. */
  start: number;
  end: number;
}

const units = new WeakMap<AnalysisResult, UnitMatch[]>();
/** Matches by section text, per library: a baseline and its draft share most sections. Bounded. */
const byText = new WeakMap<CompiledLibrary, Map<string, UnitMatch>>();
const MAX_CACHED_UNITS = 5000;

function matchCached(library: CompiledLibrary, text: string): UnitMatch {
  let cache = byText.get(library);
  if (!cache) {
    cache = new Map();
    byText.set(library, cache);
  }
  let hit = cache.get(text);
  if (hit) {
    cache.delete(text);
  } else {
    hit = matchUnit(library, text);
    if (cache.size >= MAX_CACHED_UNITS) cache.delete(cache.keys().next().value!);
  }
  cache.set(text, hit);
  return hit;
}

function unitsOf(library: CompiledLibrary, result: AnalysisResult): UnitMatch[] {
  let list = units.get(result);
  if (!list) {
    list = result.sections.map((s) => matchCached(library, result.masked.slice(s.start, s.ownEnd)));
    units.set(result, list);
  }
  return list;
}

function hits(set: CompiledCueSet, sentence: SentenceHits, masked: string, base: number): boolean {
  if (set.exclude.some((p) => sentence.hits.has(p))) return false;
  if (set.phrases.some((p) => sentence.hits.has(p))) return true;
  return set.near.some((n) => nearHolds(sentence, n.probes, n.window, masked, base) !== null);
}

/** Sections inside the subtrees of the clause's contributing sections. */
function clauseArea(result: AnalysisResult, clause: ClauseResult): Uint8Array {
  const area = new Uint8Array(result.sections.length);
  for (const i of clause.sections) area[i] = 1;
  for (const s of result.sections) if (s.index > 0 && area[s.parent]) area[s.index] = 1;
  return area;
}

/** All sentences of the clause's sections (the whole document for "anywhere" elements) that hit an element's cues. */
export function elementEvidence(
  library: CompiledLibrary,
  result: AnalysisResult,
  clause: ClauseResult,
  elementId: string,
): EvidenceSentence[] {
  const compiled = library.clauses
    .find((c) => c.def.id === clause.clause)
    ?.elements.find((e) => e.def.id === elementId);
  if (!compiled || clause.status === "missing") return [];
  const area = clauseArea(result, clause);
  const list = unitsOf(library, result);
  const out: EvidenceSentence[] = [];
  result.sections.forEach((s, i) => {
    if (!area[i] && !compiled.def.anywhere) return;
    for (const sentence of list[i]!.sentences) {
      if (sentence.definition) continue;
      if (hits(compiled, sentence, result.masked, s.start))
        out.push({ section: i, start: s.start + sentence.start, end: s.start + sentence.end });
    }
  });
  return out;
}
