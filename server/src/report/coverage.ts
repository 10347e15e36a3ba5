/**
 * Entry point for the editor's "Show Clause Coverage" command: the review report of the open
 * agreement (and of its comparison with a baseline, when one was chosen) as a self-contained HTML page
 * for a webview or as Markdown for a preview.
 */
import type { AnalysisResult } from "../core/analyze";
import type { CompareReport } from "../compare/compare";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";
import type { ReviewInput } from "./review";

export type { ReviewFile, ReviewInput } from "./review";

/** Renders the review report of analysed documents. */
export function coverageReport(format: "html" | "markdown", input: ReviewInput): string {
  return format === "html" ? renderHtml(input) : renderMarkdown(input);
}

/** Shorthand for one document: `coverageReportFor("html", uri, result)`. */
export function coverageReportFor(
  format: "html" | "markdown",
  file: string,
  result: AnalysisResult,
  comparison?: CompareReport,
): string {
  return coverageReport(format, { files: [{ file, result }], ...(comparison ? { comparison } : {}) });
}
