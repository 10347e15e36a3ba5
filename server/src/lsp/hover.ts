/**
 * Hover on a clause's heading: the clause's status, which elements the section provides and which
 * are missing, and the library's explanation of why the clause matters.
 */
import { MarkupKind, type Hover, type Position } from "vscode-languageserver";
import type { ClauseResult } from "../core/clauses";
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
