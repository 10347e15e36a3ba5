/**
 * The review commands of the built CLI (`npm run build` first; `npm test` does): `import`, `compare`,
 * Word input to the check, and the html / markdown / sarif formats with `--compare`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers";
import { makeDocx, SAMPLE_MARKDOWN, sampleAgreement } from "../fixtures/make-docx";

const CLI = path.join(ROOT, "dist", "cli.js");
const BASE = "samples/co-development-agreement.md";
const dir = mkdtempSync(path.join(tmpdir(), "clause-review-"));
const docx = path.join(dir, "draft.docx");
const draft = path.join(dir, "draft.md");
const same = path.join(dir, "same.md");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  writeFileSync(docx, await makeDocx(sampleAgreement()));
  const base = readFileSync(path.join(ROOT, BASE), "utf8");
  const edited = base
    .replace(
      "Within sixty (60) days after termination, Licensee shall assign",
      "Within one hundred twenty (120) days after termination, Licensee shall assign",
    )
    .replace(/\*\*7\.6 Supply Failure\.\*\*[\s\S]*?(?=## 8\.)/, "");
  writeFileSync(draft, edited);
  writeFileSync(same, base);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("clause-checker import", () => {
  it("writes the Markdown of a .docx to -o, or to stdout", () => {
    const out = path.join(dir, "out.md");
    const r = run("import", docx, "-o", out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(SAMPLE_MARKDOWN);
    const stdout = run("import", docx);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toBe(SAMPLE_MARKDOWN);
  });

  it("adds front matter when given the deal", () => {
    const r = run("import", docx, "--model", "newco", "--party", "licensee");
    expect(
      r.stdout.startsWith("---\nagreement:\n  model: newco\n  party: licensee\n---\n\n# License Agreement\n"),
    ).toBe(true);
  });

  it("exits 2 on usage errors and unreadable files", () => {
    expect(run("import").code).toBe(2);
    expect(run("import", BASE).stderr).toContain("import reads Word files (.docx)");
    expect(run("import", path.join(dir, "missing.docx")).code).toBe(2);
    const fake = path.join(dir, "fake.docx");
    writeFileSync(fake, "not a zip");
    const r = run("import", fake);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not a .docx file");
    expect(run("import", docx, "--bogus").code).toBe(2);
  });
});

describe("checking a .docx", () => {
  it("converts it first and says that lines refer to the conversion", () => {
    const r = run("--format", "json", docx);
    expect(r.code).toBe(1); // required clauses are missing
    const [report] = JSON.parse(r.stdout) as Array<{
      file: string;
      agreement: boolean;
      convertedFrom: string;
      note: string;
      diagnostics: Array<{ range: { start: { line: number } } }>;
    }>;
    expect(report).toMatchObject({
      file: docx,
      agreement: true,
      convertedFrom: "draft.docx",
      note: expect.stringContaining("Markdown converted from the Word file") as unknown,
    });
    const text = run(docx);
    expect(text.stdout).toContain("note: Line numbers refer to the Markdown converted from the Word file");
  });
});

describe("clause-checker compare", () => {
  it("prints the changes as JSON in the documented shape and exits 1 on a regression", () => {
    const r = run("compare", BASE, draft, "--format", "json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      base: BASE,
      draft,
      deal: { model: "co-development", party: "licensor" },
      changes: [
        {
          clause: "reversion",
          element: "rev.regulatory",
          change: "weakened",
          base: {
            section: "14.2",
            line: 219,
            text: "Within sixty (60) days after termination, Licensee shall assign to Licensor all Regulatory Filings and Regulatory Approvals for Licensed Products in the terminated countries.",
            value: 60,
            unit: "days",
          },
          draft: {
            section: "14.2",
            line: 209,
            text: "Within one hundred twenty (120) days after termination, Licensee shall assign to Licensor all Regulatory Filings and Regulatory Approvals for Licensed Products in the terminated countries.",
            value: 120,
            unit: "days",
          },
          message:
            "Weakened for the licensor: longer deadline in 14.2: 60 days → 120 days (binds Licensee, the other side).",
        },
        {
          clause: "supply",
          element: "sup.failure",
          change: "removed",
          base: {
            section: "7.6",
            line: 151,
            text: 'A "Supply Failure" occurs if Licensor (a) delivers less than eighty percent (80%) of the quantities in accepted purchase orders within thirty (30) days after the delivery dates in any two (2) consecutive Calendar Quarters, or (b) fails to deliver any conforming product for sixty (60) days after a delivery date.',
          },
          draft: null,
          message:
            "Removed: baseline 7.6 on Supply failure and remedies (Supply responsibilities) is not in the draft.",
        },
      ],
    });
  });

  it("prints text, follows --party, and exits 0 when nothing moved against the user", () => {
    const text = run("compare", BASE, draft);
    expect(text.stdout).toContain("weakened     rev.regulatory");
    expect(text.stdout).toContain("1 removed, 1 weakened, 0 strengthened, 0 added, 0 changed");
    const licensee = JSON.parse(
      run("compare", BASE, draft, "--format", "json", "--party", "licensee").stdout,
    ) as { changes: Array<{ change: string }> };
    expect(licensee.changes.map((c) => c.change)).toEqual(["strengthened", "removed"]);
    const unchanged = run("compare", BASE, same);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain("no clause or element changes");
  });

  it("compares a Word draft with a Markdown baseline", () => {
    const r = run("compare", BASE, docx, "--format", "json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      changes: Array<{ clause: string; change: string; element: string | null }>;
    };
    expect(report.changes.filter((c) => c.element === null).map((c) => [c.clause, c.change])).toContainEqual([
      "reversion",
      "removed",
    ]);
  });

  it("exits 2 on usage errors", () => {
    expect(run("compare", BASE).code).toBe(2);
    expect(run("compare", BASE, draft, same).code).toBe(2);
    expect(run("compare", BASE, draft, "--format", "xml").stderr).toContain("--format must be one of");
    expect(run("compare", BASE, path.join(dir, "missing.md")).code).toBe(2);
  });
});

describe("review formats", () => {
  it("writes SARIF 2.1.0 with the comparison's findings", () => {
    const r = run("--format", "sarif", "--compare", BASE, draft);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      $schema: string;
      runs: Array<{
        tool: { driver: { name: string; version: string } };
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
        }>;
      }>;
    };
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif");
    expect(log.runs[0]!.tool.driver).toMatchObject({
      name: "clause-checker",
      version: expect.any(String) as unknown,
    });
    const rules = log.runs[0]!.results.map((x) => x.ruleId);
    expect(rules).toContain("weakened-term");
    expect(rules).toContain("removed-protection");
    const weakened = log.runs[0]!.results.find((x) => x.ruleId === "weakened-term")!;
    expect(weakened.locations[0]!.physicalLocation.region.startLine).toBe(209);
  });

  it("writes a self-contained HTML report with the comparison", () => {
    const r = run("--format", "html", "--compare", BASE, draft);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(r.stdout).toContain("<h2>Comparison with the baseline</h2>");
    expect(r.stdout).toContain("<code>rev.regulatory</code>");
    expect(r.stdout).not.toMatch(/<script|\bsrc=|\bhref=/);
  });

  it("writes Markdown for several files, and exits 0 without errors", () => {
    const r = run("--format", "markdown", BASE, "samples/not-an-agreement.md");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("## samples/co-development-agreement.md");
    expect(r.stdout).toContain("does not read as an agreement");
  });

  it("rejects --compare with several files and unknown formats", () => {
    expect(run("--compare", BASE, draft, same).code).toBe(2);
    expect(run("--format", "pdf", BASE).code).toBe(2);
  });
});
