/**
 * Decides, for every clause type of the library, whether the agreement has it (present, weak or
 * missing), which sections contribute, and which elements are there. A clause can span several
 * sections: a heading hit takes the whole section; a specific phrase anywhere adds its section; the
 * elements are then looked for in all of them.
 */
import type { CompiledCue } from "./cues";
import type { CompiledClause, CompiledCueSet, CompiledLibrary } from "./library";
import { nearHolds, type UnitMatch } from "./match";
import type { Section } from "./structure";
import type { DealContext, ElementDef, Importance, Requirement } from "./types";

export type ClauseStatus = "present" | "weak" | "missing";

export interface Evidence {
  section: number;
  /** Absolute offsets of the hit. */
  start: number;
  end: number;
}

export interface ElementResult {
  element: string;
  title: string;
  present: boolean;
  required: boolean;
  evidence?: Evidence;
}

export interface ClauseResult {
  clause: string;
  title: string;
  status: ClauseStatus;
  importance: Importance;
  /** Section indexes that contribute, outermost first, in document order. */
  sections: number[];
  /** The section a weak-clause finding points at and its fix extends. */
  primary: number | null;
  elements: ElementResult[];
}

/** Decides whether an element is required for a deal. */
export function isRequired(required: ElementDef["required"], deal: DealContext): boolean {
  if (typeof required === "boolean") return required;
  const r: Requirement = required;
  return (!r.models || r.models.includes(deal.model)) && (!r.parties || r.parties.includes(deal.party));
}

function isInside(sections: Section[], index: number, ancestor: number): boolean {
  for (let p = index; p >= 0; p = sections[p]!.parent) if (p === ancestor) return true;
  return false;
}

function titleHits(cue: CompiledCue, title: string): boolean {
  cue.regex.lastIndex = 0;
  return cue.regex.test(title);
}

/** Whether a sorted list of offsets has one in [start, end). */
function anyWithin(sorted: number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < end;
}

function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}]+/gu);
  return m ? m.length : 0;
}

interface SentenceRef {
  section: number;
  base: number;
  match: UnitMatch["sentences"][number];
}

function hitOf(set: CompiledCueSet, ref: SentenceRef, text: string): [number, number] | null {
  const s = ref.match;
  if (set.exclude.some((p) => s.hits.has(p))) return null;
  for (const p of set.phrases) {
    const h = s.hits.get(p);
    if (h) return h;
  }
  for (const near of set.near) {
    const h = nearHolds(s, near.probes, near.window, text, ref.base);
    if (h) return h;
  }
  return null;
}

/** Judges one clause type. */
function judgeClause(
  clause: CompiledClause,
  sections: Section[],
  units: UnitMatch[],
  masked: string,
  deal: DealContext,
  preamble: ReadonlySet<number>,
): ClauseResult {
  const def = clause.def;
  // Sections whose title names the clause (outermost only) and that have some body text.
  // The preamble (title, parties, recitals) names the deal but does not provide for anything; it only
  // counts when the document has no other sections at all.
  const sentences: SentenceRef[] = [];
  units.forEach((unit, i) => {
    if (preamble.has(i) && sections.length > preamble.size) return;
    for (const match of unit.sentences) sentences.push({ section: i, base: sections[i]!.start, match });
  });

  const evidenceSections = new Set<number>();
  const evidenceAt: number[] = [];
  const excludedAt: number[] = [];
  let evidence = 0;
  for (const ref of sentences) {
    // A definition alone is not a provision: it is evidence for elements, never for the clause.
    if (ref.match.definition) continue;
    if (hitOf(clause, ref, masked)) {
      evidence++;
      evidenceSections.add(ref.section);
      evidenceAt.push(ref.base + ref.match.start);
    } else if (clause.exclude.some((p) => ref.match.hits.has(p))) excludedAt.push(ref.base + ref.match.start);
  }

  // Parents precede their children in `sections`, so one forward pass propagates "inside" flags.
  const scopeRoots: number[] = [];
  const inScope = new Uint8Array(sections.length);
  for (const s of sections) {
    if (preamble.has(s.index)) continue;
    if (inScope[s.parent]) {
      inScope[s.index] = 1;
      continue;
    }
    if (s.title === "" || s.definition || !clause.headings.some((h) => titleHits(h, s.title))) continue;
    if (wordCount(masked.slice(s.start, s.end)) - wordCount(s.title) < 8) continue;
    // "2.3 Exclusivity. ... on a non-exclusive basis": a heading contradicted by its own text.
    if (anyWithin(excludedAt, s.start, s.end) && !anyWithin(evidenceAt, s.start, s.end)) continue;
    scopeRoots.push(s.index);
    inScope[s.index] = 1;
  }

  // Elements are looked for in the clause's scope and in the provisions holding clause phrases: a
  // sub-clause's hit brings in its whole numbered section ((a) to (i) of 14.2), a section's its sub-clauses.
  const provisions = new Set<number>();
  for (const e of evidenceSections) {
    let p = e;
    while (p > 0 && sections[p]!.kind === "paren" && !preamble.has(sections[p]!.parent))
      p = sections[p]!.parent;
    provisions.add(p);
  }
  const area = new Uint8Array(sections.length);
  for (const s of sections) {
    if (inScope[s.index] || provisions.has(s.index) || (s.index > 0 && area[s.parent])) area[s.index] = 1;
  }
  const anywhereSections = new Set<number>();
  const elements: ElementResult[] = clause.elements.map((element) => {
    const required = isRequired(element.def.required, deal);
    let found: ElementResult["evidence"];
    let foundOutside: ElementResult["evidence"];
    for (const ref of sentences) {
      const inArea = area[ref.section] === 1;
      if (!inArea && !element.def.anywhere) continue;
      const h = hitOf(element, ref, masked);
      if (!h) continue;
      const ev = { section: ref.section, start: ref.base + h[0], end: ref.base + h[1] };
      if (inArea) {
        found = ev;
        break;
      }
      foundOutside ??= ev;
    }
    if (!found && foundOutside) {
      found = foundOutside;
      anywhereSections.add(foundOutside.section);
      evidence++;
    }
    return {
      element: element.def.id,
      title: element.def.title,
      present: found !== undefined,
      required,
      ...(found ? { evidence: found } : {}),
    };
  });
  const threshold = def.detect.threshold ?? 1;
  const present = scopeRoots.length > 0 || evidence >= threshold;
  const all = [...scopeRoots, ...evidenceSections, ...anywhereSections].sort(
    (a, b) => sections[a]!.start - sections[b]!.start || a - b,
  );
  const contributing = all.filter(
    (i, k) => all.indexOf(i) === k && !all.some((j) => j !== i && isInside(sections, i, j)),
  );
  const status: ClauseStatus = !present
    ? "missing"
    : elements.some((e) => e.required && !e.present)
      ? "weak"
      : "present";
  return {
    clause: def.id,
    title: def.title,
    status,
    importance: def.deal[deal.model],
    sections: present ? contributing : [],
    primary: present ? (scopeRoots[0] ?? contributing[0] ?? null) : null,
    elements: present
      ? elements
      : elements.map((e) => ({ element: e.element, title: e.title, present: false, required: e.required })),
  };
}

/** Judges every clause type of the library. */
export function judgeClauses(
  library: CompiledLibrary,
  sections: Section[],
  units: UnitMatch[],
  masked: string,
  deal: DealContext,
  preamble: ReadonlySet<number>,
): ClauseResult[] {
  return library.clauses.map((c) => judgeClause(c, sections, units, masked, deal, preamble));
}
