/**
 * The packaged extension in the real VS Code workbench: code-server serves VS Code with the .vsix
 * installed, and Debian's Chromium (playwright-core) uses it as a person would, through the DOM.
 * One workbench for the whole file; the tests run in order and build on each other (open the sample,
 * read the findings, quick-fix one, hover it, insert another clause from the command palette).
 * Screenshots go to test/e2e/artifacts/ (the README uses copies in docs/images/).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCodeServer, type CodeServer } from "./support/codeServer";
import {
  applyEdits,
  cliDiagnostics,
  counts,
  firstFix,
  SEVERITY_LABEL,
  type CliDiagnostic,
} from "./support/expected";
import { SAMPLES } from "./support/paths";
import {
  editor,
  launchBrowser,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  type Browser,
} from "./support/workbench";

const SAMPLE = "out-licensing-draft.md";

let server: CodeServer;
let browser: Browser;
let page: Page;
let expected: CliDiagnostic[];
const timings: Record<string, number> = {};

/** Waits until the status bar's problem counts (errors, warnings, infos; hints are not counted) are these. */
async function statusProblems(
  p: Page,
  c: { errors: number; warnings: number; infos: number },
): Promise<void> {
  const parts = [
    [c.errors, `Errors: ${c.errors}`],
    [c.warnings, `Warnings: ${c.warnings}`],
    [c.infos, `Infos: ${c.infos}`],
  ] as const;
  const label = parts
    .filter(([n]) => n > 0)
    .map(([, text]) => text)
    .join(", ");
  await expect
    .poll(() => p.locator("#status\\.problems").getAttribute("aria-label"), { timeout: 60_000 })
    .toBe(label || "No Problems");
}

/** The Problems panel row of a diagnostic, by its accessible label ("Error: <message> at line 7 and character 1. …"). */
function problemRow(
  p: Page,
  d: { severity: number; message: string; range: { start: { line: number; character: number } } },
) {
  const label = `${SEVERITY_LABEL[d.severity]}: ${d.message} at line ${d.range.start.line + 1} and character ${d.range.start.character + 1}`;
  return p.locator(`.markers-panel .monaco-list-row[aria-label^="${label.replace(/["\\]/g, "\\$&")}"]`);
}

/** Opens the Problems panel (a no-op when it is already showing). */
async function showProblems(p: Page): Promise<void> {
  await runCommand(p, "View: Focus Problems (Errors, Warnings, Infos)");
  await p.locator(".markers-panel .monaco-list-row").first().waitFor();
}

const selectionStatus = (p: Page) => p.locator("#status\\.editor\\.selection");

/** Moves the cursor to a line with Go to Line (Ctrl+G), which also reveals it. */
async function goToLine(p: Page, line: number): Promise<void> {
  await editor(p).locator(".view-lines").click();
  await p.keyboard.press("Control+G");
  const input = p.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor();
  await input.fill(`:${line}`);
  await input.press("Enter");
  await selectionStatus(p)
    .filter({ hasText: new RegExp(`^Ln ${line}, Col \\d+$`) })
    .waitFor();
}

/** Saves the active editor through the command palette and waits until its tab is no longer dirty. */
async function save(p: Page): Promise<void> {
  await runCommand(p, "File: Save");
  await p.locator(".tabs-container .tab.active:not(.dirty)").waitFor();
}

const isMissing = (clause: string) => (d: CliDiagnostic) =>
  d.code === "missing-clause" && d.data?.clause === clause;

beforeAll(async () => {
  let t = Date.now();
  server = await startCodeServer({ label: "workbench" });
  timings.codeServerStart = Date.now() - t;
  browser = await launchBrowser(path.join(server.runDir, "chromium-profile"));
  page = browser.page;
  t = Date.now();
  await openWorkbench(page, server.url, server.workspace);
  timings.workbenchLoad = Date.now() - t;
  // More room for the editor and the Problems panel (and smaller screenshots for the README).
  await runCommand(page, "View: Close Primary Side Bar");
  await page.locator(".part.sidebar").waitFor({ state: "hidden" });
  expected = cliDiagnostics(path.join(SAMPLES, SAMPLE));
}, 240_000);

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    await screenshot(page, `failure-${task.name.replace(/\W+/g, "-").slice(0, 60)}`).catch(() => undefined);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`[e2e timings, ms] ${JSON.stringify(timings)}`);
});

describe("VS Code (code-server) with the packaged extension", () => {
  it("shows the clause findings for the sample in the Problems panel and as squiggles", async () => {
    const t = Date.now();
    await openFile(page, SAMPLE);
    // The extension activates on markdown, starts the server and publishes: the title line gets the
    // missing-clause squiggles.
    const title = editor(page).locator(".view-line", { hasText: "# Exclusive License Agreement" });
    await title.waitFor();
    await editor(page).locator(".view-overlays .squiggly-error").first().waitFor({ timeout: 90_000 });
    timings.firstDiagnostics = Date.now() - t;
    await statusProblems(page, counts(expected));

    // The error squiggle sits on the title line, where the missing-clause findings are anchored: in
    // Monaco an overlay row and its text line have the same `top`.
    const topOf = (style: string | null) => /top:\s*([\d.]+px)/.exec(style ?? "")?.[1];
    const overlayTops = async (cls: string) =>
      Promise.all(
        (await editor(page).locator(`.view-overlays .${cls}`).all()).map(async (s) =>
          topOf(await s.locator("xpath=..").getAttribute("style")),
        ),
      );
    await expect
      .poll(async () => {
        const line = topOf(await title.getAttribute("style"));
        return (
          Boolean(line) &&
          (await overlayTops("squiggly-error")).includes(line) &&
          (await overlayTops("squiggly-warning")).includes(line)
        );
      })
      .toBe(true);

    await showProblems(page);
    // The two missing required clauses of an out-licensing deal are errors.
    const reversion = expected.find(isMissing("reversion"));
    const investment = expected.find(isMissing("minimum-commercial-investment"));
    expect(reversion?.severity).toBe(1);
    expect(investment?.severity).toBe(1);
    await problemRow(page, reversion!).waitFor();
    await problemRow(page, investment!).waitFor();
    await expect
      .poll(() =>
        page.locator(".markers-panel .monaco-list-row[aria-label*='generated by clause-checker']").count(),
      )
      .toBeGreaterThan(5);
    await screenshot(page, "problems");

    // Every finding of the checker is in the panel (maximized, so the virtual list renders them all).
    await runCommand(page, "View: Toggle Maximized Panel");
    // (Hints are not listed in the Problems panel.)
    const listed = expected.filter((d) => d.severity <= 3);
    for (const d of listed) await problemRow(page, d).waitFor();
    await page
      .locator(`.markers-panel .monaco-list-row[aria-label^="${listed.length} problems in file ${SAMPLE}"]`)
      .waitFor();
    await runCommand(page, "View: Toggle Maximized Panel");
  });

  it("offers the clause quick fixes on Ctrl+. over a missing-clause squiggle and inserts the clause with tab stops", async () => {
    const before = readFileSync(path.join(server.workspace, SAMPLE), "utf8");
    const title = editor(page).locator(".view-line", { hasText: "# Exclusive License Agreement" });
    await title.click();
    await page.keyboard.press("Home");
    await selectionStatus(page)
      .filter({ hasText: /^Ln 7, Col 1$/ })
      .waitFor();
    await page.keyboard.press("Control+Period");

    const quickFixes = page.locator(".action-widget .monaco-list-row.action[aria-label$=', Quick Fix']");
    await quickFixes.first().waitFor();
    // One quick fix per missing clause reported on this line, titled as the checker names them.
    const onTitle = expected.filter((d) => d.code === "missing-clause" && d.range.start.line === 6);
    expect(onTitle.length).toBeGreaterThanOrEqual(2);
    for (const d of onTitle) {
      await page
        .locator(`.action-widget .monaco-list-row.action[aria-label="${firstFix(d).title}, Quick Fix"]`)
        .waitFor();
    }
    // The Ignore fix is not sent with the diagnostic: the server rebuilds it from the rule VS Code hands back.
    await page
      .locator(`.action-widget .monaco-list-row.action[aria-label="Ignore missing-clause here, Quick Fix"]`)
      .first()
      .waitFor();
    await screenshot(page, "quick-fix");

    const reversion = expected.find(isMissing("reversion"))!;
    const fix = firstFix(reversion);
    await page
      .locator(`.action-widget .monaco-list-row.action[aria-label="${fix.title}, Quick Fix"]`)
      .click();
    await page.locator(".action-widget .monaco-list-row").first().waitFor({ state: "hidden" });

    // Snippet edit: the clause arrives with tab stops; Tab moves to the next one.
    await editor(page).locator(".snippet-placeholder").first().waitFor();
    await editor(page).locator(".view-line", { hasText: fix.heading }).waitFor();
    const first = (await selectionStatus(page).textContent()) ?? "";
    expect(first).toMatch(/selected/);
    await page.keyboard.press("Tab");
    await expect.poll(() => selectionStatus(page).textContent()).not.toBe(first);
    await screenshot(page, "quick-fix-applied");
    await page.keyboard.press("Escape");

    // The text on disk after saving is the sample with the clause inserted at the checker's position,
    // every placeholder at its default value.
    await save(page);
    const file = path.join(server.workspace, SAMPLE);
    const after = readFileSync(file, "utf8");
    expect(after).toBe(applyEdits(before, fix.edits));
    expect(after).not.toMatch(/\$\{\d+[:|}]|\$\d\b/);

    // The finding disappears and the others stay: the editor agrees with the checker on the new text.
    const now = cliDiagnostics(file);
    expect(now.some(isMissing("reversion"))).toBe(false);
    expect(now.some(isMissing("minimum-commercial-investment"))).toBe(true);
    await statusProblems(page, counts(now));
    await showProblems(page);
    await problemRow(page, reversion).waitFor({ state: "detached" });
    await problemRow(page, now.find(isMissing("minimum-commercial-investment"))!).waitFor();
  });

  it("shows the clause's coverage on hover", async () => {
    const fix = firstFix(expected.find(isMissing("reversion")));
    await goToLine(page, fix.edit.range.start.line + 1);
    const line = editor(page).locator(".view-line", { hasText: fix.heading });
    await line.locator("span").last().hover();
    const hover = page.locator(".monaco-hover:not(.hidden)", {
      hasText: /Reversion of rights on termination/,
    });
    await hover.waitFor();
    await expect.poll(() => hover.textContent()).toMatch(/present · \d+\/\d+ elements/);
    await screenshot(page, "hover", ".part.editor");
    await page.keyboard.press("Escape");
    await hover.waitFor({ state: "hidden" });
  });

  it('inserts a clause template with "Clause Checker: Insert Clause…" from the command palette', async () => {
    const before = readFileSync(path.join(server.workspace, SAMPLE), "utf8");
    const investment = expected.find(isMissing("minimum-commercial-investment"))!;
    // Put the cursor at the end of the document, on an empty last line.
    await editor(page).locator(".view-lines").click();
    await page.keyboard.press("Control+End");
    await runCommand(page, "Clause Checker: Insert Clause…");

    const picker = page.locator(".quick-input-widget");
    await picker.locator(".monaco-list-row").first().waitFor();
    const input = picker.locator(".quick-input-box input");
    await input.fill("Minimum commercial investment");
    const row = picker.locator(".monaco-list-row").first();
    await row.waitFor();
    await screenshot(page, "insert-clause");
    await input.press("Enter");
    await picker.waitFor({ state: "hidden" });

    await editor(page).locator(".snippet-placeholder").first().waitFor();
    await screenshot(page, "insert-clause-applied");
    await page.keyboard.press("Escape");

    await save(page);
    const file = path.join(server.workspace, SAMPLE);
    const after = readFileSync(file, "utf8");
    expect(after.startsWith(before.trimEnd())).toBe(true);
    const added = after.slice(before.trimEnd().length);
    expect(added).toMatch(/^#+ .*Minimum commercial investment/im);
    expect(added.split("\n").length).toBeGreaterThan(5);
    expect(after).not.toMatch(/\$\{\d+[:|}]|\$\d\b/);

    // No missing required clause is left, in the checker's view and in the editor's.
    const now = cliDiagnostics(file);
    expect(now.filter((d) => d.severity === 1)).toEqual([]);
    await statusProblems(page, counts(now));
    await showProblems(page);
    await problemRow(page, investment).waitFor({ state: "detached" });
  });

  it("makes no request outside 127.0.0.1 (browser and code-server)", () => {
    expect(browser.externalRequests).toEqual([]);
    expect(readFileSync(server.log, "utf8")).not.toMatch(/getaddrinfo|ENOTFOUND|EAI_AGAIN/);
  });
});
