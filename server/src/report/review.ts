/**
 * The review report's data, shared by the HTML and Markdown formatters: per file the deal, a coverage
 * row per clause (status, sections, elements found, missing elements), the findings in line order, and
 * the comparison with a baseline when there is one. coverage.ts is the entry point for the editor's
 * "Show Clause Coverage" command.
 */
import type { AnalysisResult } from "../core/analyze";
import type { DealContext, Severity } from "../core/types";
import type { CompareReport } from "../compare/compare";
import { displayNumber } from "./json";

export interface ReviewFile {
  /** The file as the user named it. */
  file: string;
  result: AnalysisResult;
  /** Set when the text was converted (a .docx): line numbers then refer to the converted Markdown. */
  convertedFrom?: string;
}

export interface ReviewInput {
  files: ReviewFile[];
  /** The comparison with a baseline (`--compare BASE`). */
  comparison?: CompareReport;
  /** The page title; defaults to "Clause review: FILE". */
  title?: string;
  /** A date or time shown in the header; left out when absent so that output is reproducible. */
  generatedAt?: string;
}

export interface CoverageRow {
  clause: string;
  title: string;
  status: "present" | "weak" | "missing";
  importance: string;
  sections: string[];
  found: number;
  total: number;
  missingRequired: string[];
  missingOptional: string[];
}

export interface FindingRow {
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  clause?: string;
  message: string;
}

export const SEVERITY_NAMES: Record<Severity, string> = { 1: "error", 2: "warning", 3: "info", 4: "hint" };

/** One row per clause type, in the library's order. */
export function coverageRows(result: AnalysisResult): CoverageRow[] {
  return result.clauses.map((c) => ({
    clause: c.clause,
    title: c.title,
    status: c.status,
    importance: c.importance,
    sections: c.sections
      .map((i) => displayNumber(result.sections, i) ?? result.sections[i]!.title)
      .filter((s) => s !== ""),
    found: c.elements.filter((e) => e.present).length,
    total: c.elements.length,
    missingRequired: c.elements.filter((e) => !e.present && e.required).map((e) => e.title),
    missingOptional: c.elements.filter((e) => !e.present && !e.required).map((e) => e.title),
  }));
}

/** The findings in document order, 1-based. */
export function findingRows(result: AnalysisResult): FindingRow[] {
  return [...result.findings]
    .sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    )
    .map((f) => ({
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      severity: f.severity,
      rule: f.rule,
      ...(f.clause !== undefined ? { clause: f.clause } : {}),
      message: f.message,
    }));
}

/** Counts of clauses by status and of findings by severity. */
export function summary(result: AnalysisResult): {
  present: number;
  weak: number;
  missing: number;
  errors: number;
  warnings: number;
  infos: number;
} {
  const count = (s: string) =>
    result.clauses.filter((c) => c.status === s && !(s === "missing" && c.importance === "optional")).length;
  return {
    present: count("present"),
    weak: count("weak"),
    missing: count("missing"),
    errors: result.findings.filter((f) => f.severity === 1).length,
    warnings: result.findings.filter((f) => f.severity === 2).length,
    infos: result.findings.filter((f) => f.severity >= 3).length,
  };
}

export function dealLine(deal: DealContext): string {
  return `${deal.model} deal, reviewed for the ${deal.party}`;
}

export const CONVERTED_NOTE =
  "Line numbers refer to the Markdown converted from the Word file (clause-checker import FILE -o FILE.md).";

/** Counts of comparison changes by kind, in a fixed order. */
export function changeCounts(report: CompareReport): Array<[string, number]> {
  const kinds = ["removed", "weakened", "strengthened", "added", "changed"];
  return kinds.map((k) => [k, report.changes.filter((c) => c.change === k).length] as [string, number]);
}
