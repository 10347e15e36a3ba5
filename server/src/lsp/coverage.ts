/**
 * The coverage report behind "Show Clause Coverage": every clause type of the library with its
 * status, importance for the deal, the sections that provide it and the elements still missing, as
 * Markdown. The server writes it; the client only shows it.
 */
import path from "node:path";
import type { CoverageResult } from "../shared/protocol";
import { displayNumber } from "../report/json";
import type { DocumentAnalysis } from "./documents";
import { filePath } from "./documents";

const STATUS_MARK = { present: "✓ present", weak: "⚠ weak", missing: "✗ missing" } as const;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

/** Writes the coverage report of one analysed document. */
export function coverageReport(analysis: DocumentAnalysis): CoverageResult {
  const { result } = analysis;
  const file = filePath(analysis.uri);
  const name = file !== undefined ? path.basename(file) : analysis.uri;
  const title = `Clause coverage: ${name}`;
  const out = [`# ${title}`, ""];
  if (!result.agreement) {
    out.push(
      "This document is not read as an agreement, so it is not checked.",
      "",
      "To check it anyway, add front matter (`agreement: { model: out-licensing, party: licensor }`) or add a glob matching it to the `clauseChecker.files` setting.",
    );
    return { title, markdown: out.join("\n") + "\n" };
  }
  const { sections } = result;
  out.push(
    `**${cell(sections[0]!.title || name)}** · ${result.deal.model} deal · ${result.deal.party} side`,
    "",
    `Library: built-in${analysis.library.dirs.length > 0 ? ` + ${analysis.library.dirs.map((d) => `\`${d}\``).join(", ")}` : ""}`,
    "",
    "| Clause | Importance | Status | Sections | Elements |",
    "|---|---|---|---|---|",
  );
  for (const c of result.clauses) {
    const where = c.sections
      .map((i) => cell([displayNumber(sections, i), sections[i]!.title].filter(Boolean).join(" ")))
      .join("; ");
    const have = c.elements.filter((e) => e.present).length;
    out.push(
      `| ${cell(c.title)} | ${c.importance} | ${STATUS_MARK[c.status]} | ${where || "—"} | ${have}/${c.elements.length} |`,
    );
  }
  const gaps = result.clauses.filter(
    (c) => c.elements.some((e) => !e.present) && c.importance !== "optional",
  );
  if (gaps.length > 0) {
    out.push("", "## Missing elements");
    for (const c of gaps) {
      out.push("", `### ${c.title} (${c.status})`, "");
      for (const e of c.elements.filter((x) => !x.present))
        out.push(`- ${e.title}${e.required ? " — required" : " — optional"}`);
    }
  }
  const findings = result.findings.length;
  out.push("", `${findings} finding${findings === 1 ? "" : "s"} in the Problems panel.`);
  return { title, markdown: out.join("\n") + "\n" };
}
