/**
 * The CLI's JSON shape: one object per file with the deal, the nine clauses (status, sections,
 * elements) and the diagnostics as LSP would publish them.
 */
import type { AnalysisResult } from "../core/analyze";
import type { Section } from "../core/structure";
import { snippetToPlain } from "../core/snippet";
import { toDiagnostic } from "../lsp/diagnostics";
import type { Diagnostic } from "vscode-languageserver";
import type { DealContext } from "../core/types";

export interface JsonSection {
  number: string | null;
  title: string;
  /** 1-based line, as editors and the text output count. */
  line: number;
}

export interface JsonClause {
  clause: string;
  status: "present" | "weak" | "missing";
  required: boolean;
  importance: string;
  sections: JsonSection[];
  elements: Array<{ element: string; present: boolean; required: boolean }>;
}

export interface JsonFix {
  title: string;
  edits: Array<{ range: Diagnostic["range"]; newText: string }>;
}

export interface JsonReport {
  file: string;
  agreement: boolean;
  deal: DealContext;
  clauses: JsonClause[];
  diagnostics: Array<Diagnostic & { fixes?: JsonFix[] }>;
}

/** The number of a section as the agreement writes it, sub-clauses prefixed with their parent: 4.4(e)(iii). */
export function displayNumber(sections: Section[], index: number): string | null {
  const s = sections[index]!;
  if (s.kind !== "paren") return s.number;
  let label = s.number ?? "";
  for (let p = s.parent; p > 0; p = sections[p]!.parent) {
    const parent = sections[p]!;
    if (parent.number === null) break;
    label = parent.number + (label.startsWith("(") ? "" : ".") + label;
    if (parent.kind !== "paren") break;
  }
  return label;
}

/** Converts an analysis to the CLI's JSON report for one file. */
export function toJsonReport(file: string, result: AnalysisResult): JsonReport {
  const { sections } = result;
  return {
    file,
    agreement: result.agreement,
    deal: result.deal,
    clauses: result.clauses.map((c) => ({
      clause: c.clause,
      status: c.status,
      required: c.importance === "required",
      importance: c.importance,
      sections: c.sections.map((i) => ({
        number: displayNumber(sections, i),
        title: sections[i]!.title,
        line: sections[i]!.line + 1,
      })),
      elements: c.elements.map((e) => ({ element: e.element, present: e.present, required: e.required })),
    })),
    diagnostics: result.findings.map((f) => ({
      ...toDiagnostic(f, { uri: file, withFixes: false }),
      ...(f.fixes.length > 0
        ? {
            fixes: f.fixes.map((fix) => ({
              title: fix.title,
              edits: fix.edits.map((e) => ({ range: e.range, newText: snippetToPlain(e.snippet) })),
            })),
          }
        : {}),
    })),
  };
}
