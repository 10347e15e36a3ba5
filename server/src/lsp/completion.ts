/**
 * Heading completions: at the start of a heading line of an agreement (`## `, `7.`, `ARTICLE 7`),
 * the clause templates that fit the deal, each replacing what was typed with a numbered heading and
 * the clause body. Snippets when the client takes them, plain text with defaults otherwise.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Position,
} from "vscode-languageserver";
import { snippetToPlain } from "../core/snippet";
import type { DocumentAnalysis } from "./documents";
import { templateInsertions, typedHeading, type TypedHeading } from "./templates";

/**
 * Reads what was typed at a heading line's start from the line's text, or null. Cheap: the server
 * asks this before analysing, since a space typed anywhere triggers completion.
 */
export function headingStart(lineText: string, character: number): TypedHeading | null {
  // Only on an otherwise empty line: completing inside an existing heading would duplicate its text.
  if (lineText.slice(character).trim() !== "") return null;
  return typedHeading(lineText.slice(0, character));
}

/** Completion items for a position, or an empty list when the cursor is not at a heading's start. */
export function headingCompletions(
  analysis: DocumentAnalysis,
  position: Position,
  snippets: boolean,
): CompletionItem[] {
  const { result } = analysis;
  if (!result.agreement || position.line >= result.lines.lineCount) return [];
  const lineText = result.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const typed = headingStart(lineText, position.character);
  if (!typed) return [];
  const range = { start: { line: position.line, character: 0 }, end: position };
  return templateInsertions(result, analysis.library.compiled, analysis.languageId, position.line, typed).map(
    (t, i) => ({
      label: t.label,
      kind: CompletionItemKind.Snippet,
      detail: t.description,
      documentation: { kind: MarkupKind.PlainText, value: t.preview },
      // The editor filters on the text the edit replaces, so the filter text must start with it.
      filterText: `${before}${t.clause.def.title} ${t.template.title}`,
      sortText: String(i).padStart(4, "0"),
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: snippets ? t.snippet : snippetToPlain(t.snippet) },
    }),
  );
}
