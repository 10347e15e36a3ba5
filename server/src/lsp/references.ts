/**
 * Find all references: on a defined term, every use of it in any form ("Licensed Products",
 * "Licensed Product's"), with its definition when the client asks for declarations; on a section
 * reference, every reference to the same target ("Article IV", "Article 4" and "Section 4" are one),
 * with the target's heading as the declaration.
 */
import type { Location, Position } from "vscode-languageserver";
import { referencesOf, sectionForReference } from "../core/navigation";
import { targetAt } from "./definition";
import type { DocumentAnalysis } from "./documents";

/** The references to what is at a position, in document order; null when nothing navigable is there. */
export function referencesAt(
  analysis: DocumentAnalysis,
  position: Position,
  includeDeclaration: boolean,
): Location[] | null {
  const target = targetAt(analysis, position);
  if (!target) return null;
  const uses = referencesOf(target).filter((u) => includeDeclaration || !u.definition);
  const locations = uses.map((u) => ({ start: u.start, range: u.range }));
  if (target.kind === "reference" && includeDeclaration) {
    const heading = sectionForReference(target);
    if (heading && !locations.some((l) => l.start === heading.start))
      locations.push({ start: heading.start, range: heading.range });
  }
  return locations.sort((a, b) => a.start - b.start).map((l) => ({ uri: analysis.uri, range: l.range }));
}
