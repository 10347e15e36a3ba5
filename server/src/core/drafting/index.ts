/**
 * Runs every drafting-integrity rule on a document. A rule that throws costs only its own findings:
 * the others' survive, and one information finding says which rule failed and why.
 */
import type { Finding } from "../types";
import { findDateProblems } from "./dates";
import { findDefinitionProblems } from "./definitions";
import type { DraftingInput, DraftingRule } from "./input";
import { findNumberingGaps } from "./numbering";
import { findPartyVariants } from "./parties";
import { findPlaceholders } from "./placeholders";
import { findBrokenReferences } from "./references";
import { findUndefinedTerms } from "./undefined-terms";

export type { DraftingInput } from "./input";

/** The drafting rules by name, in the order their findings are reported. */
export const DRAFTING_RULES: ReadonlyArray<{ name: string; run: DraftingRule }> = [
  { name: "undefined-term", run: findUndefinedTerms },
  { name: "unused-definition/duplicate-definition", run: findDefinitionProblems },
  { name: "broken-reference", run: findBrokenReferences },
  { name: "numbering-gap", run: findNumberingGaps },
  { name: "placeholder", run: findPlaceholders },
  { name: "party-consistency", run: findPartyVariants },
  { name: "date-sanity", run: findDateProblems },
];

/** Runs all drafting rules; a failing rule is reported as one information finding instead of its findings. */
export function findDraftingIssues(doc: DraftingInput, rules = DRAFTING_RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      // One by one: push(...) overflows the stack past about 100,000 findings.
      for (const finding of rule.run(doc)) findings.push(finding);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      findings.push({
        rule: "internal-error",
        severity: 3,
        range: doc.lines.trimmedLineRange(firstTextLine(doc)),
        message: `Clause Checker: rule ${rule.name} failed: ${detail}`,
        fixes: [],
      });
    }
  }
  return findings;
}

/** The first line with text (front matter is blank in the masked text): where a document-level message goes. */
function firstTextLine(doc: DraftingInput): number {
  for (let line = 0; line < doc.lines.lineCount; line++) {
    if (doc.masked.slice(doc.lines.lineStarts[line], doc.lines.lineEnd(line)).trim() !== "") return line;
  }
  return 0;
}
