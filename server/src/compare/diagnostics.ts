/**
 * The comparison as findings in the draft, for the editor's "Compare with Baseline…" command:
 *
 * - `removed-protection` (warning) where the baseline had a clause, sub-clause or sentence the draft
 *   lacks: on the draft section that lost it, or the title line when the whole clause is gone. The
 *   fix inserts the baseline text back (the sub-clause after its old neighbour, the sentence at the end
 *   of its section, the clause before the signature block).
 * - `weakened-term` (warning) on a number that moved against the user's side; the fix puts the
 *   baseline's wording back ("one hundred twenty (120) days" → "sixty (60) days").
 *
 * Pure: it reads the two analyses and texts and returns findings; the inserted text is escaped for
 * snippet syntax. Pass the compiled library to follow every evidence sentence (see evidence.ts).
 */
import type { AnalysisResult } from "../core/analyze";
import type { CompiledLibrary } from "../core/library";
import { articleSections, signatureOffset, type DocumentView } from "../core/fixes";
import { escapeSnippet } from "../core/snippet";
import type { Finding, Fix, Range } from "../core/types";
import { compareAnalyses, draftCounterpart, sectionLabel, type LocatedChange } from "./compare";

export const REMOVED_PROTECTION = "removed-protection";
export const WEAKENED_TERM = "weakened-term";

function view(result: AnalysisResult, text: string): DocumentView {
  return {
    source: text,
    masked: result.masked,
    lines: result.lines,
    sections: result.sections,
    markdown: true,
  };
}

/** An insertion of a block at a line start (or the end of the text), with blank lines around it. */
function insertBlock(draft: AnalysisResult, text: string, offset: number, block: string, title: string): Fix {
  let prefix = "";
  if (offset >= text.length) {
    if (text.length > 0 && !text.endsWith("\n")) prefix = "\n\n";
    else if (text.length > 0 && !text.endsWith("\n\n")) prefix = "\n";
  }
  const suffix = offset >= text.length ? "\n" : "\n\n";
  const at = draft.lines.positionAt(offset);
  return {
    title,
    edits: [{ range: { start: at, end: at }, snippet: `${prefix}${escapeSnippet(block)}${suffix}` }],
  };
}

/** Offset just after the last non-blank character of a section's own text. */
function ownTextEnd(draft: AnalysisResult, section: number): number {
  const s = draft.sections[section]!;
  let end = s.ownEnd;
  while (end > s.start && /\s/.test(draft.masked[end - 1]!)) end--;
  return end;
}

/** Where a baseline section goes back into the draft: after its old previous sibling, else where its parent is. */
function sectionInsertOffset(
  base: AnalysisResult,
  draft: AnalysisResult,
  text: string,
  bSection: number,
  fallback: number | null,
): number {
  const s = base.sections[bSection]!;
  const siblings = base.sections[s.parent]!.children;
  const k = siblings.indexOf(bSection);
  for (let j = k - 1; j >= 0; j--) {
    const prev = draftCounterpart(base, draft, siblings[j]!);
    if (prev !== null && prev > 0) return clampToSignature(draft, text, draft.sections[prev]!.end);
  }
  if (s.parent > 0) {
    const parent = draftCounterpart(base, draft, s.parent);
    if (parent !== null && parent > 0) return draft.sections[parent]!.ownEnd;
  }
  if (fallback !== null) return clampToSignature(draft, text, draft.sections[fallback]!.end);
  return clampToSignature(draft, text, text.length);
}

function clampToSignature(draft: AnalysisResult, text: string, offset: number): number {
  const signature = signatureOffset(view(draft, text));
  return signature !== null && offset > signature ? signature : offset;
}

/** Where a whole baseline clause goes back: after the draft's counterpart of the article before it, else before the signature. */
function clauseInsertOffset(
  base: AnalysisResult,
  draft: AnalysisResult,
  text: string,
  bSection: number,
): number {
  const articles = articleSections(view(draft, text));
  const baseArticles = articleSections({
    source: "",
    masked: base.masked,
    lines: base.lines,
    sections: base.sections,
    markdown: true,
  });
  const k = baseArticles.findIndex((a) => a.index === bSection || isInside(base, bSection, a.index));
  for (let j = k - 1; j >= 0; j--) {
    const prev = draftCounterpart(base, draft, baseArticles[j]!.index);
    if (prev !== null && articles.some((a) => a.index === prev))
      return clampToSignature(draft, text, draft.sections[prev]!.end);
  }
  const signature = signatureOffset(view(draft, text));
  return signature ?? text.length;
}

function isInside(result: AnalysisResult, index: number, ancestor: number): boolean {
  for (let p = index; p > 0; p = result.sections[p]!.parent) if (p === ancestor) return true;
  return false;
}

function baseSource(baseText: string, start: number, end: number): string {
  // trim() strips what \s matches, without /\s+$/'s rescan of every inner run of blanks.
  return baseText.slice(start, end).trim();
}

function draftClauseRange(draft: AnalysisResult, clause: string): { range: Range; section: number | null } {
  const c = draft.clauses.find((x) => x.clause === clause);
  const primary = c?.primary ?? null;
  if (primary === null || primary === 0) return { range: draft.titleRange, section: null };
  return { range: draft.lines.trimmedLineRange(draft.sections[primary]!.line), section: primary };
}

function toFinding(
  c: LocatedChange,
  base: AnalysisResult,
  draft: AnalysisResult,
  baseText: string,
  draftText: string,
): Finding | null {
  const { change } = c;
  const common = {
    severity: 2 as const,
    clause: change.clause,
    ...(change.element ? { element: change.element } : {}),
    message: change.message,
  };
  if (change.change === "removed") {
    const anchor = c.baseAnchor!;
    if (c.scope === "clause") {
      const block = baseSource(baseText, anchor.start, anchor.end);
      const offset = clauseInsertOffset(base, draft, draftText, anchor.section);
      return {
        rule: REMOVED_PROTECTION,
        ...common,
        range: draft.titleRange,
        fixes: [
          insertBlock(
            draft,
            draftText,
            offset,
            block,
            `Restore baseline${labelOf(base, anchor.section)} (${c.clauseTitle})`,
          ),
        ],
      };
    }
    const { range, section: primary } = draftClauseRange(draft, change.clause);
    if (c.scope === "section") {
      const block = baseSource(baseText, anchor.start, anchor.end);
      const offset = sectionInsertOffset(base, draft, draftText, anchor.section, primary);
      return {
        rule: REMOVED_PROTECTION,
        ...common,
        range,
        fixes: [
          insertBlock(
            draft,
            draftText,
            offset,
            block,
            `Restore baseline${labelOf(base, anchor.section)} (${c.elementTitle ?? c.clauseTitle})`,
          ),
        ],
      };
    }
    // One sentence: back at the end of the draft section that carries the baseline section.
    const target = c.draftAnchor?.section ?? primary;
    const sentence = baseSource(baseText, anchor.start, anchor.end);
    if (target === null || target === undefined) {
      return {
        rule: REMOVED_PROTECTION,
        ...common,
        range,
        fixes: [
          insertBlock(
            draft,
            draftText,
            clampToSignature(draft, draftText, draftText.length),
            sentence,
            "Restore the baseline sentence",
          ),
        ],
      };
    }
    const at = draft.lines.positionAt(ownTextEnd(draft, target));
    return {
      rule: REMOVED_PROTECTION,
      ...common,
      range: target > 0 ? draft.lines.trimmedLineRange(draft.sections[target]!.line) : range,
      fixes: [
        {
          title: `Restore the baseline sentence${labelOf(base, anchor.section)}`,
          edits: [{ range: { start: at, end: at }, snippet: ` ${escapeSnippet(sentence)}` }],
        },
      ],
    };
  }
  if (change.change === "weakened" && c.draftAnchor && c.baseAnchor) {
    const d = c.draftAnchor;
    const b = c.baseAnchor;
    const range = draft.lines.range(d.start, d.end);
    const restored = baseSource(baseText, b.start, b.end);
    // A number the draft dropped: the anchors are sentences, and the baseline sentence replaces the draft's.
    const restoreSentence = change.draft?.value === undefined;
    const sentence = c.baseSentence ?? b;
    const replacement = restoreSentence ? baseSource(baseText, sentence.start, sentence.end) : restored;
    return {
      rule: WEAKENED_TERM,
      ...common,
      range,
      fixes: [
        {
          title: restoreSentence
            ? "Restore the baseline sentence"
            : `Restore the baseline: ${collapse(restored)}`,
          edits: [{ range, snippet: escapeSnippet(replacement) }],
        },
      ],
    };
  }
  return null;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function labelOf(result: AnalysisResult, section: number): string {
  const label = sectionLabel(result, section);
  return label ? ` ${label}` : "";
}

/**
 * Compares a draft with its baseline and returns findings located in the draft: `removed-protection`
 * and `weakened-term`, each with a fix that restores the baseline text. Both analyses must use the same
 * deal context (the baseline's): see `analyzeForCompare`.
 */
export function compareDiagnostics(
  baseResult: AnalysisResult,
  draftResult: AnalysisResult,
  baseText: string,
  draftText: string,
  library?: CompiledLibrary,
): Finding[] {
  const changes = compareAnalyses(baseResult, draftResult, baseText, draftText, library);
  const findings: Finding[] = [];
  for (const c of changes) {
    const f = toFinding(c, baseResult, draftResult, baseText, draftText);
    if (f) findings.push(f);
  }
  return findings;
}
