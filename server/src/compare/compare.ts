/**
 * Compares a draft with a baseline (our template or the previous round) clause by clause and element
 * by element, not line by line:
 *
 * - a clause present in the baseline and missing in the draft is `removed` (no element);
 * - an element present in the baseline and absent in the draft is `removed`;
 * - a number in an element's evidence sub-clause that moved against the user's side is `weakened`, one
 *   that moved for it `strengthened`, and one whose direction the table in direction.ts does not know
 *   `changed`; a number the draft no longer states is judged as if it had moved to nothing;
 * - a clause (or element) new in the draft is `added`.
 *
 * Both documents must be analysed with the same deal context (see `analyzeForCompare`).
 */
import type { AnalysisResult, Analyzer, AnalyzeOptions } from "../core/analyze";
import type { ClauseResult, ElementResult } from "../core/clauses";
import type { CompiledLibrary } from "../core/library";
import { splitSentences } from "../core/sentences";
import type { Section } from "../core/structure";
import type { DealContext } from "../core/types";
import { displayNumber } from "../report/json";
import { direction, kindOf, KIND_LABELS, type QuantityKind } from "./direction";
import { elementEvidence } from "./evidence";
import { formatQuantity, parseQuantities, type Quantity } from "./numbers";
import { actorOf, partyNames, type Actor, type PartyNames } from "./parties";

export type ChangeKind = "removed" | "weakened" | "strengthened" | "added" | "changed";

export interface ChangeSide {
  /** The section as the agreement numbers it ("14.2", "7.6(b)"), or its title when unnumbered. */
  section: string | null;
  /** 1-based line of the evidence. */
  line: number;
  /** The evidence sentence, white space collapsed. */
  text: string;
  value?: number;
  unit?: string;
}

export interface Change {
  clause: string;
  element: string | null;
  change: ChangeKind;
  base: ChangeSide | null;
  draft: ChangeSide | null;
  message: string;
}

export interface CompareReport {
  base: string;
  draft: string;
  deal: DealContext;
  changes: Change[];
}

/** Offsets behind one side of a change (in that document's text). */
export interface Anchor {
  /** Section index of the evidence. */
  section: number;
  /** The evidence sentence (or quantity) span. */
  start: number;
  end: number;
}

/** A change with the offsets the editor needs for diagnostics and fixes. */
export interface LocatedChange {
  change: Change;
  clauseTitle: string;
  elementTitle?: string;
  kind?: QuantityKind;
  /** Where the baseline evidence is: the sentence, or the quantity for number changes. */
  baseAnchor?: Anchor;
  /** Where the draft evidence is: the quantity, or the sentence or section that lost the text. */
  draftAnchor?: Anchor;
  /** For number changes: the baseline sentence around the number. */
  baseSentence?: { start: number; end: number };
  /** What the baseline anchor covers: the whole clause, a sub-clause, one sentence or one number. */
  scope?: "clause" | "section" | "sentence" | "number";
}

interface Doc {
  result: AnalysisResult;
  text: string;
  names: PartyNames;
}

interface PlacedQuantity extends Quantity {
  sentenceStart: number;
  sentenceEnd: number;
  kind: QuantityKind;
  actor: Actor;
  actorName: string | null;
  before: string[];
  after: string[];
  /** Index among the region's quantities of the same unit class. */
  rank: number;
}

/** Analyses base and draft with one deal: the command line's choice, else the baseline's front matter. */
export function analyzeForCompare(
  analyzer: Analyzer,
  baseText: string,
  draftText: string,
  options: { baseLanguageId?: string; draftLanguageId?: string; dealOverride?: Partial<DealContext> } = {},
): { base: AnalysisResult; draft: AnalysisResult } {
  const force: Partial<AnalyzeOptions> = { force: true };
  const base = analyzer.analyze(baseText, {
    ...force,
    languageId: options.baseLanguageId ?? "markdown",
    ...(options.dealOverride ? { dealOverride: options.dealOverride } : {}),
  });
  const draft = analyzer.analyze(draftText, {
    ...force,
    languageId: options.draftLanguageId ?? "markdown",
    dealOverride: base.deal,
  });
  return { base, draft };
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/** The section's label: its number as written, else its title. */
export function sectionLabel(result: AnalysisResult, index: number): string | null {
  if (index === 0) return null;
  return displayNumber(result.sections, index) ?? (result.sections[index]!.title || null);
}

/** The text region an element's numbers are read from: the evidence section, with its (a)/(b) sub-clauses. */
export function evidenceRegion(sections: Section[], index: number): { start: number; end: number } {
  const s = sections[index]!;
  const subclausesOnly = s.children.length > 0 && s.children.every((c) => sections[c]!.kind === "paren");
  return { start: s.start, end: subclausesOnly || s.kind === "paren" ? s.end : s.ownEnd };
}

/** The sentence of `result.masked` around `offset`, inside its section's own text. */
export function sentenceAt(
  result: AnalysisResult,
  section: number,
  offset: number,
): { start: number; end: number } {
  const s = result.sections[section]!;
  const sentences = splitSentences(result.masked, s.start, Math.max(s.ownEnd, Math.min(s.end, offset + 1)));
  const hit = sentences.find((x) => x.start <= offset && offset < x.end) ?? sentences[sentences.length - 1];
  return hit ? trimSpan(result.masked, hit.start, hit.end) : { start: offset, end: offset };
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Source text for messages: Markdown emphasis and heading marks dropped, white space collapsed. */
function displayText(source: string, start: number, end: number): string {
  return collapse(
    source
      .slice(start, end)
      .replace(/\*\*|__/g, "")
      .replace(/(^|\n)[ \t]*#{1,6}[ \t]+/g, "$1"),
  );
}

function side(doc: Doc, section: number, span: { start: number; end: number }, q?: Quantity): ChangeSide {
  const { result } = doc;
  return {
    section: sectionLabel(result, section),
    line: result.lines.positionAt(span.start).line + 1,
    text: displayText(doc.text, span.start, span.end),
    ...(q ? { value: q.value, unit: q.unit } : {}),
  };
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length > 1);
}

function jaccard(a: string[], b: string[]): number {
  return jaccardSets(new Set(a), new Set(b));
}

function jaccardSets(sa: Set<string>, sb: Set<string>): number {
  if (sa.size === 0 && sb.size === 0) return 1;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  let common = 0;
  for (const w of small) if (large.has(w)) common++;
  return common / (sa.size + sb.size - common);
}

function placeQuantities(doc: Doc, region: { start: number; end: number }): PlacedQuantity[] {
  const { masked, deal } = doc.result;
  const sentences = splitSentences(masked, region.start, region.end);
  const ranks = new Map<string, number>();
  return parseQuantities(masked, region.start, region.end).map((q) => {
    const s = sentences.find((x) => x.start <= q.start && q.start < x.end) ?? {
      start: region.start,
      end: region.end,
    };
    const sentence = masked.slice(s.start, s.end);
    const rel = q.start - s.start;
    const relEnd = q.end - s.start;
    const kind = kindOf(q, sentence, rel, relEnd);
    let { actor, name } = actorOf(sentence, rel, relEnd, doc.names, deal.party);
    // "The transfer shall be completed within 15 months" binds whoever the previous sentence named.
    for (let k = sentences.indexOf(s) - 1; actor === "unknown" && k >= 0; k--) {
      const previous = masked.slice(sentences[k]!.start, sentences[k]!.end);
      ({ actor, name } = actorOf(previous, previous.length, previous.length, doc.names, deal.party));
    }
    const rank = ranks.get(q.unitClass) ?? 0;
    ranks.set(q.unitClass, rank + 1);
    return {
      ...q,
      sentenceStart: s.start,
      sentenceEnd: s.end,
      kind,
      actor,
      actorName: name,
      before: words(sentence.slice(0, rel)).slice(-6),
      after: words(sentence.slice(relEnd)).slice(0, 4),
      rank,
    };
  });
}

/** Pairs base and draft quantities of the same unit class by the words around them. */
function align(
  base: PlacedQuantity[],
  draft: PlacedQuantity[],
): Array<[PlacedQuantity, PlacedQuantity | null]> {
  const scored: Array<{ b: number; d: number; score: number }> = [];
  base.forEach((b, i) =>
    draft.forEach((d, j) => {
      if (b.unitClass !== d.unitClass) return;
      const score =
        0.6 * jaccard(b.before, d.before) + 0.4 * jaccard(b.after, d.after) + (b.rank === d.rank ? 0.15 : 0);
      if (score >= 0.4) scored.push({ b: i, d: j, score });
    }),
  );
  scored.sort((x, y) => y.score - x.score || x.b - y.b);
  const pairOf = new Map<number, number>();
  const used = new Set<number>();
  for (const s of scored) {
    if (pairOf.has(s.b) || used.has(s.d)) continue;
    pairOf.set(s.b, s.d);
    used.add(s.d);
  }
  return base.map((b, i) => [b, pairOf.has(i) ? draft[pairOf.get(i)!]! : null]);
}

function roleName(q: PlacedQuantity, deal: DealContext): string {
  if (q.actor === "us") return `${q.actorName ?? deal.party}, your side`;
  if (q.actor === "them") return `${q.actorName ?? "the other party"}, the other side`;
  if (q.actor === "mutual") return "both parties";
  return "";
}

/** "longer deadline", "fewer full-time sales representatives", "lower amount". */
function describe(kind: QuantityKind, q: Quantity, up: boolean): string {
  if (kind === "commitment") {
    if (q.unitClass === "count") return `${up ? "more" : "fewer"} ${q.noun ?? "units"}`;
    if (q.unitClass === "money") return `${up ? "higher" : "lower"} amount`;
    if (q.unitClass === "percent") return `${up ? "higher" : "lower"} percentage`;
    return `${up ? "longer" : "shorter"} period`;
  }
  return `${q.unitClass === "duration" ? (up ? "longer" : "shorter") : up ? "higher" : "lower"} ${KIND_LABELS[kind]}`;
}

function numberMessage(
  change: ChangeKind,
  b: PlacedQuantity,
  d: PlacedQuantity | null,
  deal: DealContext,
  bLabel: string | null,
  dLabel: string | null,
): string {
  const label = KIND_LABELS[b.kind];
  const who = roleName(b, deal);
  const where =
    bLabel === dLabel || dLabel === null
      ? `${bLabel ?? "the clause"}`
      : `${bLabel ?? "the clause"} → ${dLabel}`;
  const head =
    change === "changed"
      ? "Changed"
      : `${change === "weakened" ? "Weakened" : "Strengthened"} for the ${deal.party}`;
  const binds = who ? ` (binds ${who})` : "";
  if (d === null)
    return `${head}: the draft no longer states the ${label} of ${formatQuantity(b)} in ${where}${binds}.`;
  const up = d.normalized > b.normalized;
  const value = (q: Quantity) =>
    q.unitClass === "count" ? q.value.toLocaleString("en-US") : formatQuantity(q);
  return `${head}: ${describe(b.kind, b, up)} in ${where}: ${value(b)} → ${value(d)}${binds}.`;
}

function sameValue(b: Quantity, d: Quantity): boolean {
  if (b.unitClass === "money" && b.unit !== d.unit) return false;
  const max = Math.max(Math.abs(b.normalized), Math.abs(d.normalized));
  if (max === 0) return true;
  const tolerance = b.unit === d.unit ? 1e-9 : 0.05;
  return Math.abs(b.normalized - d.normalized) / max <= tolerance;
}

function compareNumbers(
  baseDoc: Doc,
  draftDoc: Doc,
  clause: ClauseResult,
  be: ElementResult | null,
  bSection: number,
  dSection: number,
  index: DraftIndex,
  out: LocatedChange[],
): void {
  const bRegion = evidenceRegion(baseDoc.result.sections, bSection);
  const dRegion = evidenceRegion(draftDoc.result.sections, dSection);
  const bText = baseDoc.result.masked.slice(bRegion.start, bRegion.end);
  const dText = draftDoc.result.masked.slice(dRegion.start, dRegion.end);
  if (collapse(bText) === collapse(dText)) return;
  // A rewritten provision is not compared number by number: the pairing would be guesswork.
  if (jaccard(words(bText), words(dText)) < 0.3) return;
  const deal = baseDoc.result.deal;
  const bq = placeQuantities(baseDoc, bRegion);
  const dq = placeQuantities(draftDoc, dRegion);
  const bLabel = sectionLabel(baseDoc.result, bSection);
  const dLabel = sectionLabel(draftDoc.result, dSection);
  for (const [b, d] of align(bq, dq)) {
    if (d && sameValue(b, d)) continue;
    if (d && b.unitClass === "money" && b.unit !== d.unit) {
      out.push(numberChange("changed", b, d));
      continue;
    }
    const dir = direction(b.kind, b.actor, deal.party);
    let change: ChangeKind;
    if (d === null) {
      // Only a number dropped from a sentence that survives ("within 60 days" → "promptly"); a
      // deleted sentence is reported as removed. A dropped deadline has become open-ended, a dropped
      // commitment zero; other kinds have no direction.
      if (!hasSimilarSentence(index, baseDoc.result.masked.slice(b.sentenceStart, b.sentenceEnd), 0.4))
        continue;
      const gone = b.kind === "deadline" ? 1 : b.kind === "commitment" ? -1 : 0;
      change = dir === 0 || gone === 0 ? "changed" : dir * gone > 0 ? "strengthened" : "weakened";
    } else if (dir === 0) change = "changed";
    else change = (d.normalized > b.normalized ? dir : -dir) > 0 ? "strengthened" : "weakened";
    out.push(numberChange(change, b, d));
  }

  function numberChange(change: ChangeKind, b: PlacedQuantity, d: PlacedQuantity | null): LocatedChange {
    const bSpan = { start: b.sentenceStart, end: b.sentenceEnd };
    const dSpan = d
      ? { start: d.sentenceStart, end: d.sentenceEnd }
      : bestSentence(draftDoc, dRegion, baseDoc.result.masked.slice(b.sentenceStart, b.sentenceEnd));
    return {
      change: {
        clause: clause.clause,
        element: be?.element ?? null,
        change,
        base: side(baseDoc, bSection, trimSpan(baseDoc.result.masked, bSpan.start, bSpan.end), b),
        draft: dSpan
          ? side(draftDoc, dSection, trimSpan(draftDoc.result.masked, dSpan.start, dSpan.end), d ?? undefined)
          : null,
        message: numberMessage(change, b, d, deal, bLabel, dLabel),
      },
      clauseTitle: clause.title,
      ...(be ? { elementTitle: be.title } : {}),
      kind: b.kind,
      scope: "number",
      baseAnchor: { section: bSection, start: b.start, end: b.end },
      baseSentence: trimSpan(baseDoc.result.masked, b.sentenceStart, b.sentenceEnd),
      ...(d
        ? { draftAnchor: { section: dSection, start: d.start, end: d.end } }
        : dSpan
          ? {
              draftAnchor: { section: dSection, ...trimSpan(draftDoc.result.masked, dSpan.start, dSpan.end) },
            }
          : {}),
    };
  }
}

/** The draft sentence of a region most like a baseline sentence. */
function bestSentence(
  doc: Doc,
  region: { start: number; end: number },
  like: string,
): { start: number; end: number } | null {
  const target = words(like);
  let best: { start: number; end: number } | null = null;
  let bestScore = 0.2;
  for (const s of splitSentences(doc.result.masked, region.start, region.end)) {
    const score = jaccard(target, words(doc.result.masked.slice(s.start, s.end)));
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

function clauseSide(doc: Doc, clause: ClauseResult): ChangeSide {
  const { result } = doc;
  const index = clause.primary ?? clause.sections[0] ?? 0;
  const s = result.sections[index]!;
  const line = result.lines.trimmedLineRange(s.line);
  return {
    section: sectionLabel(result, index),
    line: s.line + 1,
    text: displayText(doc.text, result.lines.offsetAt(line.start), result.lines.offsetAt(line.end)),
  };
}

function sectionsList(doc: Doc, clause: ClauseResult): string {
  const labels = clause.sections
    .map((i) => sectionLabel(doc.result, i))
    .filter((l): l is string => l !== null);
  return labels.length > 0 ? labels.join(", ") : "the agreement";
}

interface DraftIndex {
  /** Word sets of every section's region, by section index. */
  regions: Array<Set<string>>;
  /** Section index by the region's collapsed text, for unchanged sections. */
  regionByText: Map<string, number>;
  /** Word sets of every sentence of the draft. */
  sentences: Array<Set<string>>;
  /** The collapsed text of every sentence, for unchanged sentences. */
  sentenceTexts: Set<string>;
}

function indexDraft(doc: Doc): DraftIndex {
  const { sections, masked } = doc.result;
  const regionByText = new Map<string, number>();
  const regions = sections.map((s) => {
    const r = evidenceRegion(sections, s.index);
    const text = masked.slice(r.start, r.end);
    const key = collapse(text);
    if (!regionByText.has(key)) regionByText.set(key, s.index);
    return new Set(words(text));
  });
  const sentences: Array<Set<string>> = [];
  const sentenceTexts = new Set<string>();
  for (const s of sections) {
    for (const x of splitSentences(masked, s.start, s.ownEnd)) {
      const text = masked.slice(x.start, x.end);
      sentences.push(new Set(words(text)));
      sentenceTexts.add(collapse(text));
    }
  }
  return { regions, regionByText, sentences, sentenceTexts };
}

/** The draft section that carries a baseline section: same number and similar text, else the most similar text. */
function counterpart(baseDoc: Doc, draftDoc: Doc, index: DraftIndex, bSection: number): number | null {
  const r = evidenceRegion(baseDoc.result.sections, bSection);
  const text = baseDoc.result.masked.slice(r.start, r.end);
  const label = sectionLabel(baseDoc.result, bSection);
  const same = index.regionByText.get(collapse(text));
  if (same !== undefined && (label === null || sectionLabel(draftDoc.result, same) === label)) return same;
  const target = new Set(words(text));
  let best: number | null = null;
  let bestScore = 0.5;
  for (const s of draftDoc.result.sections) {
    const score = jaccardSets(target, index.regions[s.index]!);
    if (label !== null && score >= 0.3 && sectionLabel(draftDoc.result, s.index) === label) return s.index;
    if (score > bestScore) {
      best = s.index;
      bestScore = score;
    }
  }
  return best ?? same ?? null;
}

const draftIndexes = new WeakMap<AnalysisResult, DraftIndex>();

/** The draft section that carries a baseline section (same number and similar text, else the most similar text), or null. */
export function draftCounterpart(
  base: AnalysisResult,
  draft: AnalysisResult,
  bSection: number,
): number | null {
  const draftDoc: Doc = { result: draft, text: "", names: { licensor: [], licensee: [] } };
  let index = draftIndexes.get(draft);
  if (!index) {
    index = indexDraft(draftDoc);
    draftIndexes.set(draft, index);
  }
  return counterpart(
    { result: base, text: "", names: { licensor: [], licensee: [] } },
    draftDoc,
    index,
    bSection,
  );
}

function hasSimilarSentence(index: DraftIndex, sentence: string, threshold = 0.5): boolean {
  if (index.sentenceTexts.has(collapse(sentence))) return true;
  const target = new Set(words(sentence));
  if (target.size < 4) return true;
  return index.sentences.some((w) => jaccardSets(target, w) >= threshold);
}

/**
 * Compares two analyses made with the same deal context; changes come with their offsets. With the
 * compiled library every sentence evidencing an element is followed into the draft; without it only
 * the first evidence the analysis kept.
 */
export function compareAnalyses(
  base: AnalysisResult,
  draft: AnalysisResult,
  baseText: string,
  draftText: string,
  library?: CompiledLibrary,
): LocatedChange[] {
  const baseDoc: Doc = { result: base, text: baseText, names: partyNames(base.masked) };
  const draftDoc: Doc = { result: draft, text: draftText, names: partyNames(draft.masked) };
  const out: LocatedChange[] = [];
  if (!base.agreement || !draft.agreement) return out;
  const index = indexDraft(draftDoc);
  const regions = new Map<number, BaseRegion>();
  // Text inside a clause reported removed as a whole is not reported again, element by element.
  const removedSpans: Array<[number, number]> = [];
  const alreadyRemoved = (start: number) => removedSpans.some(([a, b]) => a <= start && start < b);
  for (const bc of base.clauses) {
    const dc = draft.clauses.find((c) => c.clause === bc.clause);
    if (!dc) continue;
    const bPresent = bc.status !== "missing";
    const dPresent = dc.status !== "missing";
    if (bPresent && !dPresent) {
      for (const i of bc.sections) removedSpans.push([base.sections[i]!.start, base.sections[i]!.end]);
      const at = bc.primary ?? bc.sections[0] ?? 0;
      const s = base.sections[at]!;
      out.push({
        change: {
          clause: bc.clause,
          element: null,
          change: "removed",
          base: clauseSide(baseDoc, bc),
          draft: null,
          message: `Removed: the draft has no ${bc.title} clause (baseline ${sectionsList(baseDoc, bc)}).`,
        },
        clauseTitle: bc.title,
        baseAnchor: { section: at, start: s.start, end: s.end },
        scope: "clause",
      });
      continue;
    }
    if (!bPresent && dPresent) {
      out.push({
        change: {
          clause: dc.clause,
          element: null,
          change: "added",
          base: null,
          draft: clauseSide(draftDoc, dc),
          message: `Added: the draft has a ${dc.title} clause (${sectionsList(draftDoc, dc)}), which the baseline does not.`,
        },
        clauseTitle: dc.title,
      });
      continue;
    }
    if (!bPresent) continue;
    for (const be of bc.elements) {
      const de = dc.elements.find((e) => e.element === be.element);
      if (!de) continue;
      if (be.present && be.evidence && !de.present) {
        if (alreadyRemoved(be.evidence.start)) continue;
        out.push(
          removedElement(
            baseDoc,
            bc,
            be,
            be.evidence.section,
            sentenceAt(base, be.evidence.section, be.evidence.start),
            false,
          ),
        );
      } else if (!be.present && de.present && de.evidence) {
        const span = sentenceAt(draft, de.evidence.section, de.evidence.start);
        const where = sectionLabel(draft, de.evidence.section);
        out.push({
          change: {
            clause: dc.clause,
            element: de.element,
            change: "added",
            base: null,
            draft: side(draftDoc, de.evidence.section, span),
            message: `Added: the draft provides for ${de.title} (${dc.title}${where ? `, ${where}` : ""}), which the baseline does not.`,
          },
          clauseTitle: dc.title,
          elementTitle: de.title,
          draftAnchor: { section: de.evidence.section, ...span },
        });
      } else if (be.present && be.evidence && de.present) {
        const evidence = library ? elementEvidence(library, base, bc, be.element) : [];
        if (evidence.length === 0)
          evidence.push({
            section: be.evidence.section,
            ...sentenceAt(base, be.evidence.section, be.evidence.start),
          });
        for (const e of evidence) {
          const root = regionRoot(base.sections, e.section);
          const region: BaseRegion = regions.get(root) ?? {
            section: root,
            sentences: new Map(),
            elements: [],
          };
          if (!region.elements.some((x) => x.element === be))
            region.elements.push({ clause: bc, element: be, total: evidence.length, hits: 0 });
          region.elements.find((x) => x.element === be)!.hits++;
          const list = region.sentences.get(e.start) ?? {
            start: e.start,
            end: e.end,
            section: e.section,
            owners: [],
          };
          list.owners.push({ clause: bc, element: be, total: evidence.length });
          region.sentences.set(e.start, list);
          regions.set(root, region);
        }
      }
    }
  }
  // Each baseline sub-clause that evidences elements is followed into the draft once.
  const ordered = [...regions.values()].sort(
    (a, b) => base.sections[a.section]!.start - base.sections[b.section]!.start,
  );
  for (const region of ordered) {
    // The element the region matters most to: the most hits here, then the fewest elsewhere.
    const main = [...region.elements].sort((a, b) => b.hits - a.hits || a.total - b.total)[0]!;
    const dSection = counterpart(baseDoc, draftDoc, index, region.section);
    // A heading that names the element is not a provision to lose, but its section's numbers count.
    const sentences = [...region.sentences.values()]
      .sort((a, b) => a.start - b.start)
      .filter((x) => !isTitleSentence(base, x));
    if (dSection === null) {
      if (sentences.length === 0 || alreadyRemoved(base.sections[region.section]!.start)) continue;
      out.push(
        removedElement(
          baseDoc,
          main.clause,
          main.element,
          region.section,
          trimSpan(base.masked, sentences[0]!.start, sentences[0]!.end),
          true,
        ),
      );
      continue;
    }
    for (const x of sentences) {
      if (alreadyRemoved(x.start) || hasSimilarSentence(index, base.masked.slice(x.start, x.end))) continue;
      const owner = [...x.owners].sort((a, b) => a.total - b.total)[0]!;
      const inDraft = counterpart(baseDoc, draftDoc, index, x.section) ?? dSection;
      out.push(
        removedElement(
          baseDoc,
          owner.clause,
          owner.element,
          x.section,
          trimSpan(base.masked, x.start, x.end),
          false,
          inDraft,
        ),
      );
    }
    compareNumbers(baseDoc, draftDoc, main.clause, main.element, region.section, dSection, index, out);
  }
  // Numbers in the rest of a clause's own article ("3.2 Exclusivity Period" evidences no element
  // when the library reads it as a definition) are compared too, for the clause as a whole. The
  // clause's own articles are those whose heading names it, as the analysis decides.
  const compared = new Set(regions.keys());
  for (const bc of base.clauses) {
    const dc = draft.clauses.find((c) => c.clause === bc.clause);
    const compiled = library?.clauses.find((c) => c.def.id === bc.clause);
    if (!compiled || bc.status === "missing" || !dc || dc.status === "missing") continue;
    const roots = bc.sections.filter((i) =>
      compiled.headings.some((h) => {
        h.regex.lastIndex = 0;
        return h.regex.test(base.sections[i]!.title);
      }),
    );
    for (const s of base.sections) {
      if (!roots.some((r) => r !== s.index && isInside(base.sections, s.index, r))) continue;
      const root = regionRoot(base.sections, s.index);
      if (compared.has(root) || alreadyRemoved(base.sections[root]!.start)) continue;
      compared.add(root);
      const dSection = counterpart(baseDoc, draftDoc, index, root);
      if (dSection !== null) compareNumbers(baseDoc, draftDoc, bc, null, root, dSection, index, out);
    }
  }
  // Clause by clause in the library's order, then in document order.
  const order = (c: LocatedChange) => base.clauses.findIndex((x) => x.clause === c.change.clause);
  const at = (c: LocatedChange) => c.baseAnchor?.start ?? c.draftAnchor?.start ?? -1;
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order(a.c) - order(b.c) || at(a.c) - at(b.c) || a.i - b.i)
    .map((x) => x.c);
}

/** A sentence that is only its section's heading line ("14. Effects of Termination; Reversion"). */
function isTitleSentence(
  result: AnalysisResult,
  x: { start: number; end: number; section: number },
): boolean {
  const s = result.sections[x.section]!;
  const line = result.lines.positionAt(x.start).line;
  if (line !== s.line || s.kind === "paren") return false;
  const lineEnd = result.lines.lineEnd(line);
  return (
    x.end <= lineEnd &&
    (s.kind === "heading" ||
      s.kind === "article" ||
      s.kind === "caps" ||
      collapse(result.masked.slice(x.start, x.end)).length <= s.title.length + 12)
  );
}

interface RegionOwner {
  clause: ClauseResult;
  element: ElementResult;
  /** The element's evidence sentences in the whole baseline. */
  total: number;
}

interface BaseRegion {
  section: number;
  sentences: Map<number, { start: number; end: number; section: number; owners: RegionOwner[] }>;
  elements: Array<RegionOwner & { hits: number }>;
}

function isInside(sections: Section[], index: number, ancestor: number): boolean {
  for (let p = index; p > 0; p = sections[p]!.parent) if (p === ancestor) return true;
  return false;
}

/** A sub-clause "(a)" belongs to the region of the section that holds it. */
function regionRoot(sections: Section[], index: number): number {
  let i = index;
  while (sections[i]!.kind === "paren" && i > 0) {
    const parent = sections[i]!.parent;
    const r = evidenceRegion(sections, parent);
    if (r.end < sections[i]!.end) break;
    i = parent;
  }
  return i;
}

function removedElement(
  baseDoc: Doc,
  clause: ClauseResult,
  element: ElementResult,
  section: number,
  span: { start: number; end: number },
  wholeSection: boolean,
  draftSection?: number,
): LocatedChange {
  const where = sectionLabel(baseDoc.result, section);
  const topic = `${element.title} (${clause.title})`;
  const message = wholeSection
    ? `Removed: baseline ${where ?? "text"} on ${topic} is not in the draft.`
    : where
      ? `Removed: the draft no longer has the baseline's provision on ${topic} in ${where}.`
      : `Removed: the draft no longer has the baseline's provision on ${topic}.`;
  return {
    change: {
      clause: clause.clause,
      element: element.element,
      change: "removed",
      base: side(baseDoc, section, span),
      draft: null,
      message,
    },
    clauseTitle: clause.title,
    elementTitle: element.title,
    scope: wholeSection ? "section" : "sentence",
    baseAnchor: wholeSection
      ? { section, ...evidenceRegion(baseDoc.result.sections, section) }
      : { section, ...span },
    ...(draftSection !== undefined ? { draftAnchor: { section: draftSection, start: 0, end: 0 } } : {}),
  };
}

/** The report the CLI prints: file names, the deal and the changes without offsets. */
export function toCompareReport(
  baseFile: string,
  draftFile: string,
  deal: DealContext,
  changes: LocatedChange[],
): CompareReport {
  return { base: baseFile, draft: draftFile, deal, changes: changes.map((c) => c.change) };
}

/** True when a comparison found something that moved against the user (the CLI exits 1). */
export function hasRegressions(report: CompareReport): boolean {
  return report.changes.some((c) => c.change === "removed" || c.change === "weakened");
}
