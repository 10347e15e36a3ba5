/**
 * Converts core findings to LSP diagnostics. The fix travels inside `diagnostic.data`, so the
 * code-action handler needs only the diagnostic and the document, never a second analysis. The
 * "Ignore <rule> here" fix does not: the handler rebuilds it from the diagnostic's rule and line.
 */
import { pathToFileURL } from "node:url";
// Type-only: the CLI bundles this module too and must not pull in the server runtime.
import type { Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import type { AnalysisResult } from "../core/analyze";
import type { Finding, Fix } from "../core/types";
import type { SeverityLevel } from "../shared/protocol";

export const SOURCE = "clause-checker";

export interface DiagnosticData {
  clause?: string;
  element?: string;
  fixes?: Fix[];
}

export interface DiagnosticOptions {
  /** The document's URI, for related information. */
  uri: string;
  /** The rule's documentation URI, for `codeDescription`. */
  ruleDocs?: (rule: string) => string | undefined;
  /** Put the fixes but the Ignore fix into `data` (the language server does; the CLI's JSON keeps data to the ids). */
  withFixes?: boolean;
}

/** Converts one finding to an LSP diagnostic. */
export function toDiagnostic(
  finding: Finding,
  { uri, ruleDocs, withFixes = true }: DiagnosticOptions,
): Diagnostic {
  const data: DiagnosticData = {};
  if (finding.clause !== undefined) data.clause = finding.clause;
  if (finding.element !== undefined) data.element = finding.element;
  if (withFixes) {
    const fixes = finding.fixes.filter((f) => !f.suppression);
    if (fixes.length > 0) data.fixes = fixes;
  }
  const href = ruleDocs?.(finding.rule);
  return {
    range: finding.range,
    severity: finding.severity,
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: finding.message,
    data,
    ...(finding.related?.length
      ? {
          relatedInformation: finding.related.map((r) => ({
            location: { uri, range: r.range },
            message: r.message,
          })),
        }
      : {}),
  };
}

const LEVELS: Record<SeverityLevel, DiagnosticSeverity | undefined> = {
  error: 1,
  warning: 2,
  information: 3,
  hint: 4,
  off: undefined,
};

/**
 * Decides the severity of a rule from `clauseChecker.severity`: null keeps the analysis's own
 * severity, undefined means the rule is off.
 */
export function severityFor(
  rule: string,
  severity: Partial<Record<string, SeverityLevel>>,
): DiagnosticSeverity | null | undefined {
  const level = severity[rule];
  return level === undefined ? null : LEVELS[level];
}

/** Builds `codeDescription` links to the rules page shipped with the extension (`docs/rules.md#<rule>`). */
export function ruleDocsLinks(rulesFile: string | null): (rule: string) => string | undefined {
  if (rulesFile === null) return () => undefined;
  const base = pathToFileURL(rulesFile).toString();
  return (rule) => `${base}#${rule}`;
}

/** Converts an analysis to the diagnostics to report, with severities overridden and "off" rules dropped. */
export function analysisDiagnostics(
  result: AnalysisResult,
  uri: string,
  severity: Partial<Record<string, SeverityLevel>>,
  ruleDocs: (rule: string) => string | undefined,
): Diagnostic[] {
  if (!result.agreement) return [];
  return findingDiagnostics(result.findings, uri, severity, ruleDocs);
}

/** Converts findings to the diagnostics to report, with severities overridden and "off" rules dropped. */
export function findingDiagnostics(
  findings: readonly Finding[],
  uri: string,
  severity: Partial<Record<string, SeverityLevel>>,
  ruleDocs: (rule: string) => string | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const level = severityFor(finding.rule, severity);
    if (level === undefined) continue;
    const diagnostic = toDiagnostic(finding, { uri, ruleDocs });
    if (level !== null) diagnostic.severity = level;
    out.push(diagnostic);
  }
  return out;
}
