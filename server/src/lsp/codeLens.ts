/**
 * Code lenses over each matched clause's primary section: `Exclusivity · weak · 3/6 elements`.
 * Clicking one opens the coverage report (a client command; other editors just show the text).
 */
import type { CodeLens } from "vscode-languageserver";
import type { DocumentAnalysis } from "./documents";

export const SHOW_COVERAGE_COMMAND = "clauseChecker.showCoverage";

/** The lenses of a document: one per clause that is present or weak, on its primary section's line. */
export function clauseLenses(analysis: DocumentAnalysis): CodeLens[] {
  const { result } = analysis;
  if (!result.agreement || !analysis.settings.codeLens) return [];
  const lenses: CodeLens[] = [];
  for (const c of result.clauses) {
    if (c.status === "missing" || c.primary === null) continue;
    const section = result.sections[c.primary]!;
    const have = c.elements.filter((e) => e.present).length;
    lenses.push({
      range: result.lines.trimmedLineRange(section.line),
      command: {
        title: `${c.title} · ${c.status} · ${have}/${c.elements.length} elements`,
        command: SHOW_COVERAGE_COMMAND,
        arguments: [analysis.uri],
      },
    });
  }
  return lenses;
}
