/**
 * The review report as one self-contained, printable HTML page: inline CSS, no scripts, no external
 * assets, nothing fetched. Every string that comes from a document (titles, section names, sentences,
 * file names) is escaped: agreements, and drafts from a counterparty above all, are untrusted input.
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

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const CSS = `
:root { --ok: #2e7d32; --weak: #b26a00; --missing: #c62828; --muted: #6b7280; --line: #d1d5db; --bg: #f3f4f6; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #111827; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.meta, .note { color: var(--muted); margin: 2px 0; }
.note { font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.present, .strengthened { background: var(--ok); }
.weak, .weakened, .warning { background: var(--weak); }
.missing, .removed, .error { background: var(--missing); }
.added, .changed, .info, .hint, .optional { background: var(--muted); }
.chart { display: grid; grid-template-columns: minmax(180px, 28%) 1fr 70px; gap: 4px 10px; align-items: center; margin: 8px 0 16px; }
.bar { height: 14px; background: var(--bg); border: 1px solid var(--line); border-radius: 3px; overflow: hidden; }
.fill { height: 100%; }
.fill.present { background: var(--ok); } .fill.weak { background: var(--weak); } .fill.missing { background: var(--missing); } .fill.optional { background: var(--muted); }
.counts span { margin-right: 14px; }
blockquote { margin: 0; color: #374151; }
ul.missing-list { margin: 0; padding-left: 18px; }
.opt { color: var(--muted); }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  tr, .chart > * { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function badge(kind: string, text = kind): string {
  return `<span class="badge ${escapeHtml(kind)}">${escapeHtml(text)}</span>`;
}

/** The status shown for a clause: a missing clause the deal does not need is not a gap. */
function statusClass(row: CoverageRow): string {
  return row.status === "missing" && row.importance === "optional" ? "optional" : row.status;
}

function chart(rows: CoverageRow[]): string {
  const cells = rows.map((r) => {
    const pct = r.total === 0 ? 0 : Math.round((100 * r.found) / r.total);
    const cls = statusClass(r);
    return (
      `<div>${escapeHtml(r.title)}</div>` +
      `<div class="bar" role="img" aria-label="${escapeHtml(`${r.title}: ${r.found} of ${r.total} elements`)}"><div class="fill ${cls}" style="width:${pct}%"></div></div>` +
      `<div class="num">${r.found}/${r.total}</div>`
    );
  });
  return `<div class="chart">${cells.join("\n")}</div>`;
}

function clauseTable(rows: CoverageRow[]): string {
  const body = rows.map((r) => {
    const missing = [
      ...r.missingRequired.map((t) => `<li>${escapeHtml(t)}</li>`),
      ...r.missingOptional.map((t) => `<li class="opt">${escapeHtml(t)} (optional)</li>`),
    ];
    const cls = statusClass(r);
    return (
      `<tr><td>${escapeHtml(r.title)}<br><code>${escapeHtml(r.clause)}</code></td>` +
      `<td>${escapeHtml(r.importance)}</td>` +
      `<td>${badge(cls, cls === "optional" ? "not needed" : r.status)}</td>` +
      `<td>${r.sections.length > 0 ? escapeHtml(r.sections.join(", ")) : "—"}</td>` +
      `<td class="num">${r.found}/${r.total}</td>` +
      `<td>${missing.length > 0 ? `<ul class="missing-list">${missing.join("")}</ul>` : "—"}</td></tr>`
    );
  });
  return `<table><thead><tr><th>Clause</th><th>Deal needs it</th><th>Status</th><th>Sections</th><th>Elements</th><th>Missing elements</th></tr></thead><tbody>\n${body.join("\n")}\n</tbody></table>`;
}

function findingsTable(file: ReviewFile): string {
  const rows = findingRows(file.result);
  if (rows.length === 0) return `<p class="meta">No findings.</p>`;
  const body = rows.map(
    (f) =>
      `<tr><td class="num">${f.line}:${f.column}</td><td>${badge(SEVERITY_NAMES[f.severity])}</td><td><code>${escapeHtml(f.rule)}</code></td>` +
      `<td>${f.clause ? escapeHtml(f.clause) : "—"}</td><td>${escapeHtml(f.message)}</td></tr>`,
  );
  return `<table><thead><tr><th>Line</th><th>Severity</th><th>Rule</th><th>Clause</th><th>Message</th></tr></thead><tbody>\n${body.join("\n")}\n</tbody></table>`;
}

function sideCell(side: Change["base"]): string {
  if (!side) return "—";
  const where = side.section
    ? `<strong>${escapeHtml(side.section)}</strong> (line ${side.line}): `
    : `line ${side.line}: `;
  return `${where}<blockquote>${escapeHtml(side.text)}</blockquote>`;
}

function comparisonSection(report: CompareReport): string {
  const counts = changeCounts(report)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `<span>${badge(k)} ${n}</span>`)
    .join("");
  const head =
    `<h2>Comparison with the baseline</h2>` +
    `<p class="meta">Baseline ${escapeHtml(report.base)} · draft ${escapeHtml(report.draft)} · ${escapeHtml(dealLine(report.deal))}</p>`;
  if (report.changes.length === 0) return `${head}<p>No clause or element changes against the baseline.</p>`;
  const body = report.changes.map(
    (c) =>
      `<tr><td>${badge(c.change)}</td><td>${escapeHtml(c.clause)}${c.element ? `<br><code>${escapeHtml(c.element)}</code>` : ""}</td>` +
      `<td>${escapeHtml(c.message)}</td><td>${sideCell(c.base)}</td><td>${sideCell(c.draft)}</td></tr>`,
  );
  return (
    `${head}<p class="counts">${counts}</p>` +
    `<table><thead><tr><th>Change</th><th>Clause</th><th>What changed</th><th>Baseline</th><th>Draft</th></tr></thead><tbody>\n${body.join("\n")}\n</tbody></table>`
  );
}

function fileSection(file: ReviewFile, heading: boolean): string {
  const { result } = file;
  const parts: string[] = [];
  if (heading) parts.push(`<h2>${escapeHtml(file.file)}</h2>`);
  const title = result.sections[0]?.title;
  if (title) parts.push(`<p class="meta">${escapeHtml(title)}</p>`);
  parts.push(`<p class="meta">${escapeHtml(dealLine(result.deal))}</p>`);
  if (file.convertedFrom)
    parts.push(
      `<p class="note">${escapeHtml(`Converted from ${file.convertedFrom}. ${CONVERTED_NOTE}`)}</p>`,
    );
  if (!result.agreement) {
    parts.push(`<p>This document does not read as an agreement: nothing was checked.</p>`);
    return parts.join("\n");
  }
  const s = summary(result);
  parts.push(
    `<p class="counts"><span>${badge("present")} ${s.present}</span><span>${badge("weak")} ${s.weak}</span><span>${badge("missing")} ${s.missing}</span>` +
      `<span>${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes</span></p>`,
  );
  const rows = coverageRows(result);
  parts.push(`<h3>Coverage by clause</h3>`, chart(rows));
  parts.push(`<h3>Clauses</h3>`, clauseTable(rows));
  parts.push(`<h3>Findings</h3>`, findingsTable(file));
  return parts.join("\n");
}

/** Renders the review report as a self-contained HTML page. */
export function renderHtml(input: ReviewInput): string {
  const title = input.title ?? `Clause review: ${input.files.map((f) => f.file).join(", ")}`;
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  body.push(
    `<p class="meta">Clause Checker review report${input.generatedAt ? ` · ${escapeHtml(input.generatedAt)}` : ""}</p>`,
  );
  const many = input.files.length > 1;
  for (const file of input.files) body.push(`<section>${fileSection(file, many)}</section>`);
  if (input.comparison) body.push(`<section>${comparisonSection(input.comparison)}</section>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
