/**
 * Every rule id the analysis can report, with its default severity and a one-line description. The
 * suppression comments check ids against this list (an unknown id is a finding), and the docs and
 * settings are generated from it, so a new rule is added here first.
 */
import type { Severity } from "./types";

export interface RuleInfo {
  id: string;
  /** Default severity (missing-clause is an error when the clause is required, else a warning). */
  severity: Severity;
  description: string;
}

export const RULES: readonly RuleInfo[] = [
  {
    id: "missing-clause",
    severity: 1,
    description: "A clause the deal model requires or recommends is missing.",
  },
  {
    id: "weak-clause",
    severity: 2,
    description: "A clause is present but lacks elements that protect your side.",
  },
  {
    id: "vague-obligation",
    severity: 3,
    description: "An obligation uses vague wording (promptly, reasonable efforts, to be agreed).",
  },
  {
    id: "front-matter",
    severity: 2,
    description: "The agreement's front matter is malformed or has unknown values.",
  },
  {
    id: "undefined-term",
    severity: 2,
    description: "A capitalised, defined-style term is used but never defined.",
  },
  {
    id: "unused-definition",
    severity: 4,
    description: "A term is defined but never used outside its definition.",
  },
  { id: "duplicate-definition", severity: 2, description: "A term is defined more than once." },
  {
    id: "broken-reference",
    severity: 2,
    description: "A Section, Article, Schedule, Exhibit or Annex reference does not resolve.",
  },
  {
    id: "numbering-gap",
    severity: 2,
    description: "Sibling section numbers skip, repeat or run out of order.",
  },
  {
    id: "placeholder",
    severity: 2,
    description: "An unfilled placeholder ([●], [TBD], [DATE], ____, {{var}}) or note to draft.",
  },
  {
    id: "party-consistency",
    severity: 2,
    description: "A party is named with a variant spelling of its defined name.",
  },
  {
    id: "date-sanity",
    severity: 2,
    description: "An impossible date, or an expiry date before the effective date.",
  },
  {
    id: "unknown-rule",
    severity: 2,
    description: "A clause-checker suppression comment names a rule that does not exist.",
  },
  {
    id: "internal-error",
    severity: 3,
    description: "A rule failed on this document; the other rules' findings are still reported.",
  },
  {
    id: "analysis-limit",
    severity: 3,
    description:
      "The document is too large or too deeply nested to analyse in full: part of it was analysed.",
  },
  {
    id: "removed-protection",
    severity: 2,
    description:
      "Compared with the baseline, the draft lacks a clause, sub-clause or sentence that protects your side.",
  },
  {
    id: "weakened-term",
    severity: 2,
    description:
      "Compared with the baseline, a number in the draft moved against your side (longer period, lower minimum).",
  },
];

/** The ids of all rules, for validating suppression comments and settings. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
