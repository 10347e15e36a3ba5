/** Linter-style text output: `file:line:col  severity  rule  message`, then a clause summary. */
import type { JsonReport } from "./json";

const SEVERITY = ["", "error", "warning", "info", "hint"];

/** Formats one file's report as text lines. */
export function formatText(report: JsonReport): string {
  if (!report.agreement) return `${report.file}: not an agreement (no findings)\n`;
  const lines: string[] = [];
  const sorted = [...report.diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  for (const d of sorted) {
    lines.push(
      `${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${SEVERITY[d.severity ?? 1]}  ${String(d.code)}  ${typeof d.message === "string" ? d.message : d.message.value}`,
    );
  }
  lines.push(`${report.file}: ${report.deal.model}, ${report.deal.party}`);
  for (const c of report.clauses) {
    const have = c.elements.filter((e) => e.present).length;
    const where = c.sections
      .map((s) => s.number ?? s.title)
      .filter(Boolean)
      .join(", ");
    lines.push(
      `  ${c.clause.padEnd(30)} ${c.status.padEnd(8)} ${have}/${c.elements.length} elements${where ? `  (${where})` : ""}`,
    );
  }
  return lines.join("\n") + "\n";
}
