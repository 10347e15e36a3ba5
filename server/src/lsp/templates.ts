/**
 * Renders the clause templates that fit a document's deal as ready-to-insert snippets: a heading
 * numbered and styled like the document's own articles, then the template body. Shared by the
 * "Insert clause…" code actions, heading completions and the Insert Clause command, so all three
 * insert the same text.
 */
import type { AnalysisResult } from "../core/analyze";
import {
  adaptBody,
  articleSections,
  headingLike,
  nextNumber,
  templatesFor,
  type DocumentView,
} from "../core/fixes";
import type { CompiledClause, CompiledLibrary } from "../core/library";
import { escapeSnippet, snippetToPlain } from "../core/snippet";
import type { Section } from "../core/structure";
import type { TemplateDef } from "../core/types";

/** What the user already typed at the start of a heading line: `## `, `7. `, `## 7. `, `ARTICLE 7 `. */
export interface TypedHeading {
  hashes: string;
  articleWord: string;
  number: string;
}

export interface TemplateInsertion {
  clause: CompiledClause;
  template: TemplateDef;
  label: string;
  description: string;
  preview: string;
  /** Heading and body in snippet syntax; literal text from the document and library is escaped. */
  snippet: string;
  /** The heading number used ("8", "7A"). */
  number: string;
}

// A heading line's start: "## ", "## 7. ", "7.", "ARTICLE 7 ", "## Article VII". Nothing after it yet.
// Each run of blanks is taken whole ((?![ \t])), so a long run is not split between the leading and
// trailing [ \t]* in every possible way before the match fails.
const TYPED_HEADING =
  /^[ \t]*(?![ \t])(#{1,6}[ \t]+(?![ \t]))?(?:((?:ARTICLE|Article)[ \t]+)(\d{1,3}|[IVXLC]{1,7})\.?|(\d{1,3})(\.)?)?[ \t]*$/;

/** Reads the typed start of a heading line, or null when the text before the cursor is not one. */
export function typedHeading(before: string): TypedHeading | null {
  const m = TYPED_HEADING.exec(before);
  if (!m) return null;
  const hashes = (m[1] ?? "").trim();
  const articleWord = (m[2] ?? "").trim();
  const number = m[3] ?? m[4] ?? "";
  if (hashes === "" && articleWord === "") {
    // A bare number needs its dot ("7."): "7 " at a line start is as likely a quantity as a heading.
    if (number === "" || m[5] === undefined) return null;
  }
  return { hashes, articleWord, number };
}

/** The document as the core's fix builders see it. */
export function documentView(result: AnalysisResult, languageId: string): DocumentView {
  return {
    source: result.lines.text,
    masked: result.masked,
    lines: result.lines,
    sections: result.sections,
    markdown: languageId !== "plaintext",
  };
}

function isUpper(text: string): boolean {
  return /[A-Z]/.test(text) && text === text.toUpperCase();
}

/** Writes the heading for what the user typed, completing it with the clause title. */
function completeTyped(
  typed: TypedHeading,
  view: DocumentView,
  model: Section | undefined,
  number: string,
  title: string,
): string {
  if (typed.number === "") {
    // "## " alone: number and style come from the document, the depth from what was typed.
    const heading = headingLike(view, model, number, title);
    return /^#{1,6}\s/.test(heading)
      ? heading.replace(/^#{1,6}/, typed.hashes)
      : `${typed.hashes} ${heading}`;
  }
  const upper = isUpper(typed.articleWord) || (!view.markdown && model !== undefined && isUpper(model.title));
  const cased = upper ? title.toUpperCase() : title;
  if (typed.articleWord !== "") {
    return typed.hashes !== ""
      ? `${typed.hashes} ${typed.articleWord} ${typed.number} – ${cased}`
      : `${typed.articleWord} ${typed.number}\n${cased}`;
  }
  return `${typed.hashes !== "" ? `${typed.hashes} ` : ""}${typed.number}. ${cased}`;
}

function preview(body: string): string {
  const text = snippetToPlain(body).replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

/**
 * The templates fitting the document's deal model and side, rendered for insertion at the start of
 * `line`. With `typed`, the heading completes what the user typed on that line (for completions,
 * which replace it); without, the snippet is a block that pushes the line's text down.
 */
export function templateInsertions(
  result: AnalysisResult,
  library: CompiledLibrary,
  languageId: string,
  line: number,
  typed?: TypedHeading,
): TemplateInsertion[] {
  const view = documentView(result, languageId);
  const peers = articleSections(view);
  const offset = view.lines.lineStarts[Math.min(line, view.lines.lineCount - 1)] ?? 0;
  const before = peers.filter((p) => p.start < offset);
  const after = before[before.length - 1];
  const model = after ?? peers[0];
  const number = typed && typed.number !== "" ? typed.number : nextNumber(after, peers);
  const lineText = line < view.lines.lineCount ? view.lines.lineText(line) : "";
  const previous = line > 0 && line - 1 < view.lines.lineCount ? view.lines.lineText(line - 1) : "";
  const lead = !typed && previous.trim() !== "" ? "\n" : "";
  const tail = typed ? "" : lineText.trim() === "" ? "\n" : "\n\n";
  const out: TemplateInsertion[] = [];
  for (const clause of library.clauses) {
    for (const template of templatesFor(clause, result.deal)) {
      const title = clause.def.title;
      const heading = typed
        ? completeTyped(typed, view, model, number, title)
        : headingLike(view, model, number, title);
      const body = adaptBody(template.body.trim(), view.markdown).replace(
        /\{\{n\}\}/g,
        escapeSnippet(number),
      );
      out.push({
        clause,
        template,
        label: `${title}: ${template.title}`,
        description: `${template.models.join(", ")} · ${template.parties.join(", ")}`,
        preview: preview(body),
        snippet: `${lead}${escapeSnippet(heading)}\n\n${body}${tail}`,
        number,
      });
    }
  }
  return out;
}
