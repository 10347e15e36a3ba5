/**
 * The review report as Markdown (GFM tables), for a preview, a pull request or an e-mail. Text from
 * documents is escaped so that it cannot turn into markup, links or raw HTML in a renderer.
 */
import type { Change, CompareReport } from "../compare/compare";
import {
  changeCounts,
  CONVERTED_NOTE,
  coverageRows,
  dealLine,
  findingRows,
  SEVERITY_NAMES,
  summary,
  type CoverageRow,
  type ReviewFile,
  type ReviewInput,
} from "./review";

/** Escapes text for Markdown inline content and table cells. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~#!]/g, "\\$&")
    .trim();
}

function bar(found: number, total: number): string {
  const width = 10;
  const full = total === 0 ? 0 : Math.round((width * found) / total);
  return `${"█".repeat(full)}${"░".repeat(width - full)}`;
}

function status(row: CoverageRow): string {
  if (row.status === "missing" && row.importance === "optional") return "not needed";
  return row.status === "present" ? "✅ present" : row.status === "weak" ? "⚠️ weak" : "❌ missing";
}

function clauseTable(rows: CoverageRow[]): string {
  const lines = [
    "| Clause | Deal needs it | Status | Coverage | Sections | Missing elements |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const missing = [
        ...r.missingRequired.map(escapeMarkdown),
        ...r.missingOptional.map((t) => `${escapeMarkdown(t)} (optional)`),
      ];
      return (
        `| ${escapeMarkdown(r.title)} (${escapeMarkdown(r.clause)}) | ${r.importance} | ${status(r)} | \`${bar(r.found, r.total)}\` ${r.found}/${r.total} | ` +
        `${r.sections.length > 0 ? escapeMarkdown(r.sections.join(", ")) : "—"} | ${missing.length > 0 ? missing.join("; ") : "—"} |`
      );
    }),
  ];
  return lines.join("\n");
}

function findingsTable(file: ReviewFile): string {
  const rows = findingRows(file.result);
  if (rows.length === 0) return "No findings.";
  return [
    "| Line | Severity | Rule | Clause | Message |",
    "|---|---|---|---|---|",
    ...rows.map(
      (f) =>
        `| ${f.line}:${f.column} | ${SEVERITY_NAMES[f.severity]} | \`${f.rule}\` | ${f.clause ? escapeMarkdown(f.clause) : "—"} | ${escapeMarkdown(f.message)} |`,
    ),
  ].join("\n");
}

function sideCell(side: Change["base"]): string {
  if (!side) return "—";
  return `${side.section ? `**${escapeMarkdown(side.section)}** ` : ""}(line ${side.line}): ${escapeMarkdown(side.text)}`;
}

function comparison(report: CompareReport): string {
  const parts = [
    "## Comparison with the baseline",
    "",
    `Baseline ${escapeMarkdown(report.base)} · draft ${escapeMarkdown(report.draft)} · ${dealLine(report.deal)}`,
    "",
  ];
  if (report.changes.length === 0) {
    parts.push("No clause or element changes against the baseline.");
    return parts.join("\n");
  }
  parts.push(
    changeCounts(report)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(" · "),
    "",
    "| Change | Clause | Element | What changed | Baseline | Draft |",
    "|---|---|---|---|---|---|",
    ...report.changes.map(
      (c) =>
        `| **${c.change}** | ${escapeMarkdown(c.clause)} | ${c.element ? escapeMarkdown(c.element) : "—"} | ${escapeMarkdown(c.message)} | ${sideCell(c.base)} | ${sideCell(c.draft)} |`,
    ),
  );
  return parts.join("\n");
}

function fileSection(file: ReviewFile, heading: boolean): string {
  const { result } = file;
  const parts: string[] = [];
  if (heading) parts.push(`## ${escapeMarkdown(file.file)}`, "");
  const title = result.sections[0]?.title;
  if (title) parts.push(`*${escapeMarkdown(title)}*`, "");
  parts.push(dealLine(result.deal), "");
  if (file.convertedFrom)
    parts.push(`> ${escapeMarkdown(`Converted from ${file.convertedFrom}. ${CONVERTED_NOTE}`)}`, "");
  if (!result.agreement) {
    parts.push("This document does not read as an agreement: nothing was checked.", "");
    return parts.join("\n");
  }
  const s = summary(result);
  parts.push(
    `${s.present} present · ${s.weak} weak · ${s.missing} missing · ${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes`,
    "",
  );
  parts.push("### Clauses", "", clauseTable(coverageRows(result)), "");
  parts.push("### Findings", "", findingsTable(file), "");
  return parts.join("\n");
}

/** Renders the review report as Markdown. */
export function renderMarkdown(input: ReviewInput): string {
  const title = input.title ?? `Clause review: ${input.files.map((f) => f.file).join(", ")}`;
  const parts = [`# ${escapeMarkdown(title)}`, ""];
  if (input.generatedAt) parts.push(`Generated ${escapeMarkdown(input.generatedAt)}`, "");
  const many = input.files.length > 1;
  for (const file of input.files) parts.push(fileSection(file, many));
  if (input.comparison) parts.push(comparison(input.comparison), "");
  return (
    parts
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
