/** The review report (HTML, Markdown) and SARIF output. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeForCompare, compareAnalyses, toCompareReport } from "../../server/src/compare/compare";
import { compareDiagnostics } from "../../server/src/compare/diagnostics";
import { coverageReport, coverageReportFor } from "../../server/src/report/coverage";
import { escapeHtml, renderHtml } from "../../server/src/report/html";
import { renderMarkdown } from "../../server/src/report/markdown";
import { RULE_DESCRIPTIONS, toSarif, toUri } from "../../server/src/report/sarif";
import { analyzer, ROOT, skeleton } from "../helpers";

const engine = analyzer();
const sample = (name: string) => readFileSync(path.join(ROOT, "samples", name), "utf8");
const DRAFT = sample("out-licensing-draft.md");
const draftResult = engine.analyze(DRAFT, { languageId: "markdown" });

// Read as plain text, so that the markup stays in the text the report shows (Markdown masks HTML).
const HOSTILE = skeleton(
  `## 2. License <script>alert("title")</script>

**2.1 Exclusive License.** Licensor grants Licensee an exclusive license <img src=x onerror=alert(1)> in the Territory & "elsewhere".

## 3. Supply

**3.1 Supply.** Licensor shall supply <script>alert("body")</script> clinical material.`,
).replace("# Licence Agreement", '# Licence <script>alert("title")</script> Agreement');

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version?: string;
        rules: Array<{ id: string; shortDescription: { text: string }; helpUri: string }>;
      };
    };
    artifacts: Array<{ location: { uri: string } }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; index: number };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }>;
    }>;
  }>;
}

describe("HTML review report", () => {
  const html = renderHtml({ files: [{ file: "samples/out-licensing-draft.md", result: draftResult }] });

  it("is one self-contained page: inline CSS, no scripts, no external assets", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toContain("Content-Security-Policy");
  });

  it("has a coverage bar and a table row per clause, with status, sections and missing elements", () => {
    expect(html.match(/<div class="bar"/g)).toHaveLength(draftResult.clauses.length);
    const rows = html
      .slice(html.indexOf("<th>Clause</th>"))
      .split("<tr>")
      .slice(1, 1 + draftResult.clauses.length);
    expect(rows).toHaveLength(9);
    const exclusivity = rows.find((r) => r.includes("<code>exclusivity</code>"))!;
    expect(exclusivity).toContain('<span class="badge weak">weak</span>');
    expect(exclusivity).toContain("<td>2.1</td>");
    expect(exclusivity).toContain("<li>Exclusivity tied to performance</li>");
    const reversion = rows.find((r) => r.includes("<code>reversion</code>"))!;
    expect(reversion).toContain('<span class="badge missing">missing</span>');
  });

  it("lists every finding", () => {
    const findings = html.slice(html.indexOf("<th>Message</th>"));
    expect(findings.match(/<tr><td class="num">/g)).toHaveLength(draftResult.findings.length);
    expect(findings).toContain("<code>missing-clause</code>");
  });

  it("escapes document text", () => {
    const result = engine.analyze(HOSTILE, { languageId: "plaintext", force: true });
    expect(result.sections[0]!.title).toContain("<script>");
    const page = renderHtml({ files: [{ file: 'draft<script>".md', result }] });
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;");
    expect(page).toContain("draft&lt;script&gt;&quot;.md");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("includes the comparison with the baseline, escaped", () => {
    const base = sample("co-development-agreement.md");
    const draft = base
      .replace(/\*\*7\.6 Supply Failure\.\*\*[\s\S]*?(?=## 8\.)/, "")
      .replace("within sixty (60) days after termination", "within sixty (60) days after termination");
    const r = analyzeForCompare(engine, base, draft);
    const report = toCompareReport(
      "base.md",
      "draft <b>.md",
      r.base.deal,
      compareAnalyses(r.base, r.draft, base, draft, engine.library),
    );
    const page = renderHtml({ files: [{ file: "draft.md", result: r.draft }], comparison: report });
    expect(page).toContain("<h2>Comparison with the baseline</h2>");
    expect(page).toContain('<span class="badge removed">removed</span>');
    expect(page).toContain("<code>sup.failure</code>");
    expect(page).toContain("draft &lt;b&gt;.md");
    expect(page).toContain("A &quot;Supply Failure&quot; occurs if Licensor");
  });

  it("is what the Show Clause Coverage entry point returns", () => {
    expect(
      coverageReport("html", { files: [{ file: "samples/out-licensing-draft.md", result: draftResult }] }),
    ).toBe(html);
    expect(coverageReportFor("markdown", "a.md", draftResult)).toContain(
      "| Clause | Deal needs it | Status |",
    );
  });
});

describe("Markdown review report", () => {
  it("has the clause table and the findings, escaped", () => {
    const md = renderMarkdown({ files: [{ file: "samples/out-licensing-draft.md", result: draftResult }] });
    const clauseRows = md.split("\n").filter((l) => /^\| .+ \| (required|recommended|optional) \|/.test(l));
    expect(clauseRows).toHaveLength(9);
    expect(clauseRows[1]).toMatch(/^\| Reversion .* \| required \| ❌ missing \|/);
    expect(md).toContain("| Line | Severity | Rule | Clause | Message |");
    const result = engine.analyze(HOSTILE, { languageId: "plaintext", force: true });
    const hostile = renderMarkdown({ files: [{ file: "x.md", result }] });
    expect(hostile).not.toContain("<script");
    expect(hostile).toContain("&lt;script&gt;");
  });
});

describe("SARIF", () => {
  const base = sample("co-development-agreement.md");
  const draft = base.replace(
    "Within sixty (60) days after termination, Licensee shall assign",
    "Within one hundred twenty (120) days after termination, Licensee shall assign",
  );
  const r = analyzeForCompare(engine, base, draft);
  const extra = compareDiagnostics(r.base, r.draft, base, draft, engine.library);
  const log = toSarif(
    [
      { file: "samples/out-licensing-draft.md", result: draftResult },
      { file: "drafts/co dev.md", result: r.draft, extra },
    ],
    { version: "0.1.0" },
  ) as SarifLog;

  it("is a SARIF 2.1.0 log with one clause-checker run and documented rules", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe("clause-checker");
    expect(driver.version).toBe("0.1.0");
    for (const id of Object.keys(RULE_DESCRIPTIONS)) expect(driver.rules.map((x) => x.id)).toContain(id);
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text).not.toBe("");
      expect(rule.helpUri).toBe(`docs/rules.md#${rule.id}`);
    }
    expect(log.runs[0]!.artifacts.map((a) => a.location.uri)).toEqual([
      "samples/out-licensing-draft.md",
      "drafts/co%20dev.md",
    ]);
  });

  it("has a result per finding with a rule, a level and a 1-based region", () => {
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(draftResult.findings.length + r.draft.findings.length + extra.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(["error", "warning", "note"]).toContain(result.level);
      expect(result.message.text).not.toBe("");
      const { region, artifactLocation } = result.locations[0]!.physicalLocation;
      expect(run.artifacts[artifactLocation.index]!.location.uri).toBe(artifactLocation.uri);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
    }
    const weakened = run.results.find((x) => x.ruleId === "weakened-term")!;
    expect(weakened.level).toBe("warning");
    const line =
      draft
        .split("\n")
        .findIndex((l) => l.includes("Within one hundred twenty (120) days after termination")) + 1;
    const region = weakened.locations[0]!.physicalLocation.region;
    expect(region.startLine).toBe(line);
    expect(draft.split("\n")[line - 1]!.slice(region.startColumn - 1, region.endColumn - 1)).toBe(
      "one hundred twenty (120) days",
    );
    const missing = run.results.find((x) => x.ruleId === "missing-clause")!;
    expect(missing.level).toBe("error");
  });

  it("writes paths as URI references", () => {
    expect(toUri("a b/c#d.md")).toBe("a%20b/c%23d.md");
    expect(toUri("/abs/x.md")).toBe("file:///abs/x.md");
    expect(toUri("C:\\docs\\x.md")).toBe("file:///C:/docs/x.md");
  });
});
