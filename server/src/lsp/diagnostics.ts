/**
 * Converts core findings to LSP diagnostics. The fix travels inside `diagnostic.data`, so the
 * code-action handler needs only the diagnostic and the document, never a second analysis.
 */
import type { Diagnostic } from "vscode-languageserver";
import type { Finding, Fix } from "../core/types";

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
  /** Put the fixes into `data` (the language server does; the CLI's JSON keeps data to the ids). */
  withFixes?: boolean;
}

/** Converts one finding to an LSP diagnostic. */
export function toDiagnostic(finding: Finding, { uri, ruleDocs, withFixes = true }: DiagnosticOptions): Diagnostic {
  const data: DiagnosticData = {};
  if (finding.clause !== undefined) data.clause = finding.clause;
  if (finding.element !== undefined) data.element = finding.element;
  if (withFixes && finding.fixes.length > 0) data.fixes = finding.fixes;
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
      ? { relatedInformation: finding.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) }
      : {}),
  };
}
