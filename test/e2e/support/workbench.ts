/**
 * Drives the VS Code workbench that code-server serves, in Debian's Chromium through playwright-core.
 * Every step waits on a selector (or a DOM condition) with a timeout; nothing sleeps for a fixed time.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { ARTIFACTS, CHROMIUM, requireFile } from "./paths";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to a host other than the loopback code-server (should stay empty). */
  externalRequests: string[];
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Launches Chromium with a fresh profile in `profileDir` and one page. */
export async function launchBrowser(profileDir: string): Promise<Browser> {
  requireFile(CHROMIUM, "install Debian's chromium (bash scripts/e2e/setup.sh)");
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    // The workbench reads and writes the clipboard for some commands; grant it rather than prompt.
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const externalRequests: string[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && !LOCAL_HOSTS.has(url.hostname))
      externalRequests.push(request.url());
  });
  return { context, page, externalRequests, close: () => context.close() };
}

/** Saves test/e2e/artifacts/<name>.png: the whole page, or only the element `clipTo` selects. */
export async function screenshot(page: Page, name: string, clipTo?: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  if (clipTo) await page.locator(clipTo).first().screenshot({ path: file });
  else await page.screenshot({ path: file });
  return file;
}

/** Opens the workbench on `folder` and waits until the explorer shows the folder's files. */
export async function openWorkbench(page: Page, baseUrl: string, folder: string): Promise<void> {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
  await page
    .locator(".explorer-folders-view .monaco-list-row")
    .first()
    .waitFor({ state: "visible", timeout: 60_000 });
}

/** Quick Open (Ctrl+P) a file by name and wait for its editor tab. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible" });
  await input.fill(fileName);
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: fileName }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).waitFor();
  await editor(page).waitFor({ state: "visible" });
}

/** The active text editor. */
export function editor(page: Page): Locator {
  return page.locator(".editor-group-container.active .monaco-editor[data-uri]").first();
}

/** Runs a command by its palette label, e.g. "View: Focus Problems", and waits for the palette to close. */
export async function runCommand(page: Page, label: string, { exact = true } = {}): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${label}`);
  const row = page.locator(".quick-input-widget .monaco-list-row", {
    has: page.locator(".label-name", { hasText: exact ? new RegExp(`^${escapeRegExp(label)}$`) : label }),
  });
  await row.first().waitFor();
  await row.first().click();
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
