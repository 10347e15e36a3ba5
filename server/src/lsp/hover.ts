/**
 * Hover on a clause's heading: the clause's status, which elements the section provides and which
 * are missing, and the library's explanation of why the clause matters. Hover on a defined term: its
 * definition; on a section reference ("Section 5.2"): the heading and opening text it points at.
 */
import { MarkupKind, type Hover, type Position } from "vscode-languageserver";
import type { ClauseResult } from "../core/clauses";
import { definitionOf, sectionForReference } from "../core/navigation";
import { escapeMarkdown } from "../report/markdown";
import { targetAt } from "./definition";
import type { DocumentAnalysis } from "./documents";

function clauseMarkdown(analysis: DocumentAnalysis, clause: ClauseResult): string {
  const def = analysis.library.compiled.clauses.find((c) => c.def.id === clause.clause)?.def;
  const have = clause.elements.filter((e) => e.present).length;
  const lines = [
    `**${clause.title}** · ${clause.status} · ${have}/${clause.elements.length} elements · ${clause.importance} for ${analysis.result.deal.model} deals`,
    "",
  ];
  for (const e of clause.elements) {
    const mark = e.present ? "✓" : e.required ? "✗" : "○";
    lines.push(
      `- ${mark} ${e.title}${e.present ? "" : e.required ? " (missing, required)" : " (missing, optional)"}`,
    );
  }
  if (def) lines.push("", def.explanation.trim());
  return lines.join("\n");
}

/** The hover for a position: on the first line of a section that contributes to a clause, or null. */
export function clauseHover(analysis: DocumentAnalysis, position: Position, markdown: boolean): Hover | null {
  const { result } = analysis;
  if (!result.agreement) return null;
  const sections = result.sections.filter((s) => s.index > 0 && s.line === position.line);
  if (sections.length === 0) return null;
  const indexes = new Set(sections.map((s) => s.index));
  const clauses = result.clauses.filter(
    (c) => c.status !== "missing" && c.sections.some((i) => indexes.has(i)),
  );
  if (clauses.length === 0) return null;
  const value = clauses.map((c) => clauseMarkdown(analysis, c)).join("\n\n---\n\n");
  return {
    contents: markdown
      ? { kind: MarkupKind.Markdown, value }
      : { kind: MarkupKind.PlainText, value: value.replace(/\*\*/g, "") },
    range: result.lines.trimmedLineRange(position.line),
  };
}

/** At most `max` characters of white-space-collapsed text, cut at a word. */
function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max).replace(/\s\S*$/, "")}…` : flat;
}

/**
 * The hover for a defined term (its definition's text) or a section reference (the heading it points
 * at and the start of its text), or null. Null on the defining occurrence itself: the definition is
 * right there, and the line may head a clause whose hover says more.
 */
export function termHover(analysis: DocumentAnalysis, position: Position, markdown: boolean): Hover | null {
  const target = targetAt(analysis, position);
  if (!target) return null;
  let title: string;
  let body: string;
  if (target.kind === "term") {
    const def = definitionOf(target);
    if (!def || (def.start <= target.start && target.end <= def.end)) return null;
    title = target.term;
    body = def.text;
  } else {
    const found = sectionForReference(target);
    if (!found) return null;
    const { masked } = analysis.result;
    const { reference } = target;
    title = `${reference.kind[0]!.toUpperCase()}${reference.kind.slice(1)} ${reference.label}`;
    // The section's own text (its heading, and the provision when the heading line carries it); a
    // number found only in running text: the rest of its line.
    const lineEnd = masked.indexOf("\n", found.end);
    body = found.section
      ? excerpt(masked.slice(found.section.start, Math.max(found.section.ownEnd, found.end)), 500)
      : excerpt(masked.slice(found.start, lineEnd < 0 ? masked.length : lineEnd), 500);
  }
  if (body === "") return null;
  const value = markdown ? `**${escapeMarkdown(title)}**\n\n${escapeMarkdown(body)}` : `${title}\n\n${body}`;
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: target.range,
  };
}
