/**
 * Decides, for every clause type of the library, whether the agreement has it (present, weak or
 * missing), which sections contribute, and which elements are there. A clause can span several
 * sections: a heading hit takes the whole section; a specific phrase anywhere adds its section; the
 * elements are then looked for in all of them.
 */
import type { CompiledCue } from "./cues";
import type { CompiledClause, CompiledCueSet, CompiledElement, CompiledLibrary } from "./library";
import { nearHolds, type SentenceHits, type UnitMatch } from "./match";
import type { Section } from "./structure";
import { countBelow } from "./text";
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

/** Whether one of a section's enclosing sections is in the set. */
function hasAncestorIn(sections: Section[], index: number, set: ReadonlySet<number>): boolean {
  for (let p = sections[index]!.parent; p >= 0; p = sections[p]!.parent) if (set.has(p)) return true;
  return false;
}

function titleHits(cue: CompiledCue, title: string): boolean {
  cue.regex.lastIndex = 0;
  return cue.regex.test(title);
}

/** Answers per clause and title: every check asks about every section title, and titles seldom change. */
const titleAnswers = new WeakMap<CompiledClause, Map<string, boolean>>();

/** Whether a section title names the clause (one of its heading cues hits it). */
function namesClause(clause: CompiledClause, title: string): boolean {
  let answers = titleAnswers.get(clause);
  if (!answers) titleAnswers.set(clause, (answers = new Map<string, boolean>()));
  let hit = answers.get(title);
  if (hit === undefined) {
    if (answers.size >= 20_000) answers.clear();
    hit = clause.headings.some((h) => titleHits(h, title));
    answers.set(title, hit);
  }
  return hit;
}

function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}]+/gu);
  return m ? m.length : 0;
}

/** Whether a text has at least `n` words: stops counting there, so a long article costs no more than a short one. */
function hasWords(text: string, n: number): boolean {
  if (n <= 0) return true;
  const re = /[\p{L}\p{N}]+/gu;
  let count = 0;
  while (re.exec(text)) if (++count >= n) return true;
  return false;
}

function hitOf(set: CompiledCueSet, s: SentenceHits, text: string, base: number): [number, number] | null {
  if (set.exclude.some((p) => s.hits.has(p))) return null;
  for (const p of set.phrases) {
    const h = s.hits.get(p);
    if (h) return h;
  }
  for (const near of set.near) {
    const h = nearHolds(s, near.probes, near.window, text, base);
    if (h) return h;
  }
  return null;
}

/** What one section's own text says about one clause type (offsets relative to the section). */
interface ClauseInUnit {
  /** Starts of sentences holding a clause phrase (definitions left out). */
  evidence: number[];
  /** Starts of sentences where only an exclude hit. */
  excluded: number[];
  /** Sentences with any hit: where elements are looked for. */
  sentences: SentenceHits[];
  /**
   * Per element, its first hit in the section or null; undefined until asked for, since judging stops
   * at the first section that has the element.
   */
  elements: Array<[number, number] | null | undefined>;
}

/** An element's first hit in a section (offsets relative to it), computed once per section text. */
function elementHit(
  element: CompiledElement,
  e: number,
  unit: ClauseInUnit,
  text: string,
  base: number,
): [number, number] | null {
  let h = unit.elements[e];
  if (h === undefined) {
    h = null;
    for (const s of unit.sentences) {
      h = hitOf(element, s, text, base);
      if (h) break;
    }
    unit.elements[e] = h;
  }
  return h;
}

/**
 * Per unit match, what it says about every clause type. A unit match is shared by every section with
 * the same text (the analyzer caches matches by section text), so after an edit only the edited
 * sections are summarised again.
 */
const summaries = new WeakMap<CompiledLibrary, WeakMap<UnitMatch, ClauseInUnit[]>>();

const empties = new WeakMap<CompiledLibrary, ClauseInUnit[]>();

function emptySummary(library: CompiledLibrary): ClauseInUnit[] {
  let empty = empties.get(library);
  if (!empty) {
    empty = library.clauses.map((c) => ({
      evidence: [],
      excluded: [],
      sentences: [],
      elements: c.elements.map(() => null),
    }));
    empties.set(library, empty);
  }
  return empty;
}

function summarise(library: CompiledLibrary, unit: UnitMatch, text: string, base: number): ClauseInUnit[] {
  let byUnit = summaries.get(library);
  if (!byUnit) summaries.set(library, (byUnit = new WeakMap()));
  let summary = byUnit.get(unit);
  if (summary) return summary;
  // Most sections hit no cue at all: they share one empty summary.
  const hit = unit.sentences.filter((s) => s.hits.size > 0);
  summary =
    hit.length === 0
      ? emptySummary(library)
      : library.clauses.map((clause) => {
          const evidence: number[] = [];
          const excluded: number[] = [];
          for (const s of hit) {
            // A definition alone is not a provision: it is evidence for elements, never for the clause.
            if (s.definition) continue;
            if (hitOf(clause, s, text, base)) evidence.push(s.start);
            else if (clause.exclude.some((p) => s.hits.has(p))) excluded.push(s.start);
          }
          return { evidence, excluded, sentences: hit, elements: clause.elements.map(() => undefined) };
        });
  byUnit.set(unit, summary);
  return summary;
}

/** Judges one clause type. */
function judgeClause(
  clause: CompiledClause,
  /** The sections whose text hits some cue, in order: no other section holds evidence or an element. */
  live: readonly number[],
  /** Per section of `live`, what its own text says about this clause. */
  units: readonly ClauseInUnit[],
  /** Per section of `live`, its start. */
  liveStarts: readonly number[],
  sections: Section[],
  masked: string,
  deal: DealContext,
  preamble: ReadonlySet<number>,
): ClauseResult {
  const def = clause.def;
  const evidenceSections: number[] = [];
  let evidence = 0;
  live.forEach((i, n) => {
    const count = units[n]!.evidence.length;
    if (count === 0) return;
    evidence += count;
    evidenceSections.push(i);
  });
  // Whether the text in [start, end) has a sentence only an exclude hit and none with a clause phrase:
  // a section's own text lies within its range, so these are the sections starting there.
  const contradicted = (start: number, end: number): boolean => {
    let excluded = false;
    for (let n = countBelow(liveStarts, start); n < live.length && liveStarts[n]! < end; n++) {
      if (units[n]!.evidence.length > 0) return false;
      if (units[n]!.excluded.length > 0) excluded = true;
    }
    return excluded;
  };

  // Sections whose title names the clause (outermost only) and that have some body text. Parents
  // precede their children in `sections`, so one forward pass propagates "inside" flags.
  const scopeRoots: number[] = [];
  const inScope = new Uint8Array(sections.length);
  for (const s of sections) {
    if (preamble.has(s.index)) continue;
    if (inScope[s.parent]) {
      inScope[s.index] = 1;
      continue;
    }
    if (s.title === "" || s.definition || !namesClause(clause, s.title)) continue;
    if (!hasWords(masked.slice(s.start, s.end), wordCount(s.title) + 8)) continue;
    // "2.3 Exclusivity. ... on a non-exclusive basis": a heading contradicted by its own text.
    if (contradicted(s.start, s.end)) continue;
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
  const elements: ElementResult[] = clause.elements.map((element, e) => {
    const required = isRequired(element.def.required, deal);
    let found: ElementResult["evidence"];
    let foundOutside: ElementResult["evidence"];
    for (let n = 0; n < live.length; n++) {
      const i = live[n]!;
      const inArea = area[i] === 1;
      if (!inArea && (!element.def.anywhere || foundOutside)) continue;
      const base = sections[i]!.start;
      const h = elementHit(element, e, units[n]!, masked, base);
      if (!h) continue;
      const ev = { section: i, start: base + h[0], end: base + h[1] };
      if (inArea) {
        found = ev;
        break;
      }
      foundOutside = ev;
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
  const all = new Set([...scopeRoots, ...evidenceSections, ...anywhereSections]);
  // Outermost only: a section inside another contributing one adds nothing.
  const contributing = [...all]
    .filter((i) => !hasAncestorIn(sections, i, all))
    .sort((a, b) => sections[a]!.start - sections[b]!.start || a - b);
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
  // The preamble (title, parties, recitals) names the deal but does not provide for anything; it only
  // counts when the document has no other sections at all.
  const counted = units.map((unit, i) =>
    preamble.has(i) && sections.length > preamble.size
      ? null
      : summarise(library, unit, masked, sections[i]!.start),
  );
  const empty = emptySummary(library);
  const live: number[] = [];
  counted.forEach((u, i) => {
    if (u !== null && u !== empty) live.push(i);
  });
  const liveStarts = live.map((i) => sections[i]!.start);
  return library.clauses.map((c, k) =>
    judgeClause(
      c,
      live,
      live.map((i) => counted[i]![k]!),
      liveStarts,
      sections,
      masked,
      deal,
      preamble,
    ),
  );
}
