/**
 * The warm-up (lsp/warmup.ts): once a long agreement has been open a second without a change, the
 * server analyses a few typed variants of it and says so in its log; what the user then types is
 * analysed exactly as a fresh server would analyse it.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { LogMessageParams } from "vscode-languageserver";
import { LspTestClient, pause, sampleText, sampleUri, withoutFrontMatter } from "./lspClient";

// The three sample agreements one after the other: 80 KB, long enough to be warmed up.
const TEXT = [
  sampleText("co-development-agreement.md"),
  withoutFrontMatter(sampleText("out-licensing-draft.md")),
  withoutFrontMatter(sampleText("newco-counterparty-draft.md")),
].join("\n\n");
const URI = sampleUri("three-agreements.md");
const debounceOff = () => ({ debounceMs: 0 });

/** The server's `window/logMessage` lines that report a warm-up. */
function warmUps(client: LspTestClient): string[] {
  return client.notifications
    .filter((n) => n.method === "window/logMessage")
    .map((n) => (n.params as LogMessageParams).message)
    .filter((m) => m.includes("warmed up"));
}

describe("warm-up on a long agreement", () => {
  const clients: LspTestClient[] = [];
  afterAll(() => Promise.all(clients.map((c) => c.stop())));

  it("runs once the user pauses, and the next keystroke gets what a fresh server gives the same text", async () => {
    expect(TEXT.length).toBeGreaterThan(64 * 1024);
    const { client } = await LspTestClient.start({ configuration: debounceOff });
    clients.push(client);
    await client.open(URI, TEXT);
    await client.waitForDiagnostics(URI, { version: 1 });
    const warmed = await client.waitFor(() => warmUps(client)[0], "the warm-up's log line", 60_000);
    // 32 analyses, or fewer when a loaded machine makes the round reach its 2.5 s.
    const analyses =
      /^Clause Checker: warmed up on file:.*three-agreements\.md \((\d+) analyses, \d+ ms\)$/.exec(warmed);
    expect(Number(analyses?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(analyses?.[1])).toBeLessThanOrEqual(32);

    // A letter typed into the licence grant, as a reviewer would.
    const line = TEXT.split("\n").findIndex((l) => /^\S.{100,}/.test(l) && /licen[cs]e/i.test(l));
    const lines = TEXT.split("\n");
    lines[line] = `${lines[line]!.slice(0, 30)}s${lines[line]!.slice(30)}`;
    const typed = lines.join("\n");
    await client.change(URI, 2, [
      { range: { start: { line, character: 30 }, end: { line, character: 30 } }, text: "s" },
    ]);
    const after = await client.waitForDiagnostics(URI, { version: 2 });

    const { client: fresh } = await LspTestClient.start({ configuration: debounceOff });
    clients.push(fresh);
    await fresh.open(URI, typed);
    const expected = await fresh.waitForDiagnostics(URI, { version: 1 });
    expect(expected.diagnostics.length).toBeGreaterThan(50);
    expect(after.diagnostics).toEqual(expected.diagnostics);
  }, 120_000);

  it("passes over a long document that is not an agreement, and warms up on the agreement opened next", async () => {
    const { client } = await LspTestClient.start({ configuration: debounceOff });
    clients.push(client);
    const notes = Array.from({ length: 40 }, () => sampleText("not-an-agreement.md")).join("\n\n");
    expect(notes.length).toBeGreaterThan(64 * 1024);
    const notesUri = sampleUri("long-notes.md");
    await client.open(notesUri, notes);
    expect((await client.waitForDiagnostics(notesUri, { version: 1 })).diagnostics).toEqual([]);
    // Past the second's pause and the time a round of analyses would take.
    await pause(2_500);
    expect(warmUps(client)).toEqual([]);
    await client.open(URI, TEXT);
    await client.waitForDiagnostics(URI, { version: 1 });
    await client.waitFor(() => warmUps(client)[0], "the warm-up's log line", 60_000);
    expect(warmUps(client)).toEqual([expect.stringMatching(/three-agreements\.md \(\d+ analyses/)]);
  }, 120_000);
});
