/** Runs the built CLI (`npm run build` first; `npm test` does) and checks its JSON, text output and exit codes. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers";

const CLI = path.join(ROOT, "dist", "cli.js");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("clause-checker CLI", () => {
  it("prints one JSON object per file with all nine clauses and LSP-shaped diagnostics", () => {
    const r = run("--format", "json", "samples/out-licensing-draft.md", "samples/not-an-agreement.md");
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(reports.map((x) => [x.file, x.agreement])).toEqual([
      ["samples/out-licensing-draft.md", true],
      ["samples/not-an-agreement.md", false],
    ]);
    const [draft, notes] = reports as Array<{
      deal: unknown;
      clauses: Array<{
        clause: string;
        status: string;
        required: boolean;
        sections: Array<{ number: string; title: string; line: number }>;
        elements: Array<{ element: string; present: boolean }>;
      }>;
      diagnostics: Array<{ code: string; source: string; severity: number; data: { clause?: string } }>;
    }>;
    expect(draft!.deal).toEqual({ model: "out-licensing", party: "licensor" });
    expect(draft!.clauses.map((c) => [c.clause, c.status, c.required])).toEqual([
      ["exclusivity", "weak", true],
      ["reversion", "missing", true],
      ["supply", expect.stringMatching(/weak|present/), true],
      ["data-sharing", "weak", true],
      ["minimum-commercial-investment", "missing", true],
      ["governance", "missing", false],
      ["diligence", expect.stringMatching(/weak|present/), true],
      ["ip", "present", false],
      ["termination", expect.stringMatching(/weak|present/), true],
    ]);
    const exclusivity = draft!.clauses[0]!;
    expect(exclusivity.sections[0]).toEqual({ number: "2.1", title: "Exclusive License", line: 87 });
    expect(exclusivity.elements.find((e) => e.element === "exc.performance")).toEqual({
      element: "exc.performance",
      present: false,
      required: true,
    });
    const missing = draft!.diagnostics.filter((d) => d.code === "missing-clause");
    expect(missing.map((d) => [d.data.clause, d.severity, d.source])).toEqual([
      ["reversion", 1, "clause-checker"],
      ["minimum-commercial-investment", 1, "clause-checker"],
      ["governance", 2, "clause-checker"],
    ]);
    expect(notes).toEqual({
      file: "samples/not-an-agreement.md",
      agreement: false,
      deal: { model: "out-licensing", party: "licensor" },
      clauses: [],
      diagnostics: [],
    });
  });

  it("lets --model and --party override the front matter", () => {
    const r = run(
      "--format",
      "json",
      "--model",
      "newco",
      "--party",
      "licensee",
      "samples/out-licensing-draft.md",
    );
    const [report] = JSON.parse(r.stdout) as Array<{
      deal: unknown;
      clauses: Array<{ clause: string; required: boolean }>;
    }>;
    expect(report!.deal).toEqual({ model: "newco", party: "licensee" });
    expect(report!.clauses.find((c) => c.clause === "minimum-commercial-investment")!.required).toBe(false);
  });

  it("prints linter-style text and exits 0 without error findings", () => {
    const r = run("samples/co-development-agreement.md");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^samples\/co-development-agreement\.md: co-development, licensor$/m);
    const bad = run("samples/out-licensing-draft.md");
    expect(bad.stdout).toMatch(
      /^samples\/out-licensing-draft\.md:7:1 {2}error {2}missing-clause {2}Missing reversion/m,
    );
  });

  it("exits 2 on usage errors and unreadable files, naming the problem on stderr", () => {
    const cases: Array<[string[], string]> = [
      [["--format", "xml", "samples/out-licensing-draft.md"], "--format must be one of text, json"],
      [[], "no FILE given"],
      [["samples/nope.md"], "cannot read samples/nope.md: ENOENT"],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it("exits 2 naming the file, line and field of an invalid library file, and applies a valid override", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cc-lib-"));
    writeFileSync(
      path.join(dir, "supply.yaml"),
      "id: supply\ntitle: Supply\nexplanation: x\ndeal:\n  out-licensing: mandatory\n",
    );
    const r = run("--library", dir, "samples/out-licensing-draft.md");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `invalid library file ${path.join(dir, "supply.yaml")}:5: deal.out-licensing: must be one of required, recommended, optional`,
    );
  });
});
