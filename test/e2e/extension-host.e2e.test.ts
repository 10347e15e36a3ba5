/**
 * The `vscode`-API suite (test/e2e/vscode-suite/) in code-server's remote extension host: the
 * workbench is opened with `extensionDevelopmentPath` (the installed .vsix, so the packaged artifact
 * is what runs) and `extensionTestsPath` in its URL payload; when the tests end the extension host
 * exits and the workbench calls `codeAutomationExit(code)` (the smoke-test driver hook), which the
 * page exposes to us. The same suite runs in desktop VS Code through `.vscode-test.mjs`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCodeServer, type CodeServer } from "./support/codeServer";
import { ROOT } from "./support/paths";
import { launchBrowser, screenshot, type Browser } from "./support/workbench";

const SUITE = path.join(ROOT, ".vscode-test", "suite");
const RESULTS = path.join(SUITE, "results.json");

interface SuiteResults {
  failures: number;
  outcomes: Array<{ title: string; state: "passed" | "failed"; error?: string }>;
}

let server: CodeServer;
let browser: Browser;
let exitCode: number;
let results: SuiteResults;
const log: string[] = [];

beforeAll(async () => {
  const built = spawnSync(process.execPath, [path.join(ROOT, "scripts/e2e/build-suite.mjs")], {
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`building the suite failed:\n${built.stderr}`);
  rmSync(RESULTS, { force: true });

  server = await startCodeServer({ smokeTestDriver: true, label: "extension-host" });
  const extensionsDir = path.join(server.runDir, "extensions");
  const installed = readdirSync(extensionsDir).find((d) => d.startsWith("clause-checker.clause-checker-"));
  if (!installed) throw new Error(`the .vsix is not installed in ${extensionsDir}`);

  browser = await launchBrowser(path.join(server.runDir, "chromium-profile"));
  const page = browser.page;
  const exited = new Promise<number>((resolve) => {
    void page.exposeFunction("codeAutomationExit", (code: number) => resolve(code));
  });
  await page.exposeFunction("codeAutomationLog", (type: string, args: unknown) => {
    log.push(`[${type}] ${typeof args === "string" ? args : JSON.stringify(args)}`);
  });

  const authority = new URL(server.url).host;
  const remote = (p: string) => `vscode-remote://${authority}${p}`;
  const payload = [
    ["extensionDevelopmentPath", remote(path.join(extensionsDir, installed))],
    ["extensionTestsPath", remote(path.join(SUITE, "index.js"))],
    ["skipWelcome", "true"],
  ];
  await page.goto(
    `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  let timer: NodeJS.Timeout | undefined;
  exitCode = await Promise.race([
    exited,
    new Promise<number>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error("the extension host did not finish the suite within 180 s")),
        180_000,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  await screenshot(page, "extension-host").catch(() => undefined);
  if (!existsSync(RESULTS))
    throw new Error(
      `the suite wrote no results (exit ${exitCode}); see ${server.log}\n${log.slice(-20).join("\n")}`,
    );
  results = JSON.parse(readFileSync(RESULTS, "utf8")) as SuiteResults;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("vscode-API suite in code-server's extension host (packaged .vsix)", () => {
  it("runs every test of the suite and they pass", () => {
    const failed = results.outcomes.filter((o) => o.state === "failed");
    expect(failed.map((f) => `${f.title}\n${f.error}`).join("\n\n")).toBe("");
    expect(results.outcomes.length).toBeGreaterThanOrEqual(6);
    expect(results.failures).toBe(0);
    expect(exitCode).toBe(0);
    expect(browser.externalRequests).toEqual([]);
    console.log(results.outcomes.map((o) => `  ${o.state === "passed" ? "✓" : "×"} ${o.title}`).join("\n"));
  });
});
