/**
 * Neovim as a second, independent LSP client: headless Neovim (Debian's 0.7) starts
 * `node dist/server.js --stdio` with `vim.lsp.start_client`, receives the diagnostics for a sample,
 * applies a quick fix's plain-text edit (Neovim advertises no snippet edits) and hovers the inserted
 * clause. test/e2e/neovim/check.lua does the editor side and writes JSON; this file asserts it.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDiagnostics } from "./support/expected";
import { NVIM, ROOT, SAMPLES, SERVER_JS, requireFile } from "./support/paths";

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}
interface NvimResult {
  ok: boolean;
  error?: string;
  nvim: string;
  filetype: string;
  diagnostics: LspDiagnostic[];
  vim_diagnostics: number;
  actions: Array<{ title: string; kind?: string; isPreferred: boolean; edit?: unknown }>;
  applied: string;
  lines_added: number;
  text_after: string;
  diagnostics_after: LspDiagnostic[];
  hover?: { contents: { kind: string; value: string } | string } | null;
  hover_line?: number;
}

const SAMPLE = "out-licensing-draft.md";
const key = (d: LspDiagnostic) =>
  `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code} ${d.message}`;
const isReversion = (d: LspDiagnostic) => d.code === "missing-clause" && /reversion/i.test(d.message);
const isMinimumInvestment = (d: LspDiagnostic) =>
  d.code === "missing-clause" && /minimum commercial investment/i.test(d.message);

let dir: string;
let result: NvimResult;
let run: { status: number | null; stderr: string; ms: number };

beforeAll(() => {
  requireFile(NVIM, "install Debian's neovim (bash scripts/e2e/setup.sh)");
  requireFile(SERVER_JS, "run `npm run build` or `npm run package` first");
  dir = mkdtempSync(path.join(os.tmpdir(), "clause-nvim-"));
  copyFileSync(path.join(SAMPLES, SAMPLE), path.join(dir, SAMPLE));
  const out = path.join(dir, "result.json");
  const started = Date.now();
  // `timeout` is the outer guard: if anything still hangs Neovim, the run ends and the test fails.
  const proc = spawnSync(
    "timeout",
    [
      "-k",
      "5",
      "90",
      NVIM,
      "--headless",
      "--clean",
      "-n",
      "-i",
      "NONE",
      "-c",
      `luafile ${path.join(ROOT, "test/e2e/neovim/check.lua")}`,
    ],
    {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        CLAUSE_NVIM_OUT: out,
        CLAUSE_SERVER_JS: SERVER_JS,
        CLAUSE_SAMPLE: path.join(dir, SAMPLE),
        CLAUSE_NODE: process.execPath,
        XDG_STATE_HOME: path.join(dir, "state"),
        XDG_DATA_HOME: path.join(dir, "data"),
        XDG_CACHE_HOME: path.join(dir, "cache"),
      },
      timeout: 120_000,
    },
  );
  run = { status: proc.status, stderr: proc.stderr, ms: Date.now() - started };
  if (!existsSync(out))
    throw new Error(`Neovim wrote no result (exit ${proc.status}, 124 = timed out):\n${proc.stderr}`);
  result = JSON.parse(readFileSync(out, "utf8")) as NvimResult;
}, 150_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Neovim (headless) as an LSP client of dist/server.js", () => {
  it("runs the Lua harness to the end", () => {
    expect(result.error, result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(run.status, run.stderr).toBe(0);
    expect(result.filetype).toBe("markdown");
  });

  it("receives the same findings as the command-line checker", () => {
    const expected = cliDiagnostics(path.join(SAMPLES, SAMPLE));
    expect(expected.length).toBeGreaterThan(0);
    expect(result.diagnostics.map(key).sort()).toEqual(expected.map(key).sort());
    expect(result.vim_diagnostics).toBe(result.diagnostics.length);
    expect(new Set(result.diagnostics.map((d) => d.source))).toEqual(new Set(["clause-checker"]));
  });

  it("reports the missing reversion and minimum-commercial-investment clauses as errors", () => {
    const reversion = result.diagnostics.find(isReversion);
    const investment = result.diagnostics.find(isMinimumInvestment);
    expect(reversion?.severity).toBe(1);
    expect(investment?.severity).toBe(1);
    expect(result.diagnostics.some((d) => d.code === "weak-clause" && d.severity === 2)).toBe(true);
  });

  it("offers a plain-text quick fix (no snippet syntax) that inserts the clause", () => {
    expect(result.actions.length).toBeGreaterThan(0);
    expect(result.actions.every((a) => a.kind === "quickfix")).toBe(true);
    const edit = JSON.stringify(result.actions[0]?.edit);
    expect(edit).not.toContain('"snippet"');
    expect(result.applied).toMatch(/reversion/i);
    expect(result.lines_added).toBeGreaterThan(3);
    expect(result.text_after).toMatch(/^#+ .*Reversion of rights on termination/im);
    // Placeholders were replaced by their defaults: no `${1:…}` or `$1` left in the buffer.
    expect(result.text_after).not.toMatch(/\$\{\d+[:|}]|\$\d\b/);
  });

  it("drops the finding once the clause is in, and keeps the others", () => {
    expect(result.diagnostics_after.some(isReversion)).toBe(false);
    expect(result.diagnostics_after.some(isMinimumInvestment)).toBe(true);
    // The server's findings on the edited buffer are the checker's findings on the same text.
    const edited = path.join(dir, "after", SAMPLE);
    mkdirSync(path.dirname(edited), { recursive: true });
    writeFileSync(edited, result.text_after.endsWith("\n") ? result.text_after : `${result.text_after}\n`);
    expect(result.diagnostics_after.map(key).sort()).toEqual(cliDiagnostics(edited).map(key).sort());
  });

  it("hovers the inserted clause with its coverage", () => {
    expect(result.hover_line).toBeTypeOf("number");
    const contents = result.hover?.contents;
    const value = typeof contents === "string" ? contents : (contents?.value ?? "");
    expect(value).toMatch(/Reversion of rights on termination/);
    expect(value).toMatch(/\d+\/\d+ elements/);
  });
});
