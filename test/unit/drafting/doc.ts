/** Builds the drafting rules' input from a document the way the analysis does (no clause library needed). */
import { findDefinedTerms } from "../../../server/src/core/definitions";
import type { DraftingInput } from "../../../server/src/core/drafting/input";
import { maskMarkdown } from "../../../server/src/core/markdown";
import { buildSections } from "../../../server/src/core/structure";
import { LineIndex } from "../../../server/src/core/text";
import type { Finding, Range } from "../../../server/src/core/types";

export function draftingInput(source: string, markdown = true): DraftingInput {
  const marked = markdown ? maskMarkdown(source) : { masked: source, headings: [], html: [] };
  const lines = new LineIndex(source);
  const headingLines = new Map<number, number>();
  for (const h of marked.headings) headingLines.set(lines.positionAt(h.offset).line, h.depth);
  const sections = buildSections({ masked: marked.masked, source, lines, headingLines, skipUntil: 0 });
  return {
    source,
    masked: marked.masked,
    lines,
    sections,
    terms: findDefinedTerms(source, marked.masked),
    markdown,
  };
}

/** The text a range covers. */
export function textAt(doc: { lines: LineIndex }, range: Range): string {
  return doc.lines.text.slice(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
}

/** Applies a fix's edits (snippet syntax kept) to the text. */
export function applyEdits(
  source: string,
  edits: Array<{ range: Range; snippet?: string; newText?: string }>,
): string {
  const lines = new LineIndex(source);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = source;
  for (const e of sorted)
    out =
      out.slice(0, lines.offsetAt(e.range.start)) +
      (e.snippet ?? e.newText ?? "") +
      out.slice(lines.offsetAt(e.range.end));
  return out;
}

/** Only the findings of one rule. */
export function ofRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}
