/**
 * Go to definition: on a defined term, the place that defines it (a real definition before a pointer
 * or a mere "as defined in"); on a section, article or attachment reference ("Section 5.3", "Article
 * IV", "Exhibit B"), the heading it points at. Reads the document's current analysis (the navigation
 * input is memoised per analysis result), so a request never re-analyses an unchanged document.
 */
import type { Location, LocationLink, Position } from "vscode-languageserver";
import {
  definitionOf,
  navigationInput,
  sectionForReference,
  termAt,
  type NavigationTarget,
} from "../core/navigation";
import type { DocumentAnalysis } from "./documents";

/** The defined term or reference at a position of an analysed agreement, or null. */
export function targetAt(analysis: DocumentAnalysis, position: Position): NavigationTarget | null {
  const { result } = analysis;
  // A document the checker does not read as an agreement has no glossary worth navigating.
  if (!result.agreement) return null;
  const doc = navigationInput(result, analysis.languageId !== "plaintext");
  const line = Math.max(0, Math.min(position.line, result.lines.lineCount - 1));
  return termAt(doc, result.lines.offsetAt({ line, character: Math.max(0, position.character) }));
}

/**
 * The definition of what is at a position: a `LocationLink` when the client takes them (so the whole
 * multi-word term under the cursor is the link, not just the word), else a `Location`. Null when
 * nothing navigable is there or its target does not exist.
 */
export function definitionAt(
  analysis: DocumentAnalysis,
  position: Position,
  links: boolean,
): Location[] | LocationLink[] | null {
  const target = targetAt(analysis, position);
  if (!target) return null;
  const { lines } = analysis.result;
  let selection;
  let whole;
  if (target.kind === "term") {
    const def = definitionOf(target);
    if (!def) return null;
    selection = def.range;
    whole = def.range;
  } else {
    const section = sectionForReference(target);
    if (!section) return null;
    selection = section.range;
    whole = section.section ? lines.range(section.section.start, section.section.end) : section.range;
  }
  if (links) {
    return [
      {
        originSelectionRange: target.range,
        targetUri: analysis.uri,
        targetRange: whole,
        targetSelectionRange: selection,
      },
    ];
  }
  return [{ uri: analysis.uri, range: selection }];
}
