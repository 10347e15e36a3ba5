/**
 * Confidentiality and crash recovery, against the built server and CLI.
 *
 * Nothing leaves the machine: test/fixtures/network-trap.cjs replaces every network entry point of
 * Node (net, tls, http, https, http2, dgram, dns, fetch, WebSocket) with a trap that reports on stderr
 * and throws. The bundles (dist/server.js, dist/cli.js: every module of the server and the CLI) run a
 * full CLI analysis in every format, a comparison, a Word import and a full LSP session under it, and
 * no trap may fire. A first test proves the traps fire, so the others cannot pass vacuously.
 *
 * A server killed with SIGKILL and started again judges the same document exactly as before.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeLens, Diagnostic, DocumentSymbol, Hover } from "vscode-languageserver";
import { makeDocx, sampleAgreement } from "../fixtures/make-docx";
import { LspTestClient, ROOT, sampleText, sampleUri } from "./lspClient";

const TRAP = path.join(ROOT, "test", "fixtures", "network-trap.cjs");
const CLI = path.join(ROOT, "dist", "cli.js");
const SAMPLE = "out-licensing-draft.md";
const MARK = "NETWORK-TRAP";
const dir = mkdtempSync(path.join(tmpdir(), "clause-confidential-"));
const docx = path.join(dir, "draft.docx");

function trapped(args: string[]) {
  const r = spawnSync(process.execPath, ["--require", TRAP, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  writeFileSync(docx, await makeDocx(sampleAgreement()));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("network traps", () => {
  it.each([
    ["net.connect", "require('node:net').connect(80, '127.0.0.1')"],
    ["net.Socket.connect", "new (require('node:net').Socket)().connect(80, '127.0.0.1')"],
    ["https.get", "require('node:https').get('https://example.invalid/')"],
    ["http.request", "require('node:http').request('http://example.invalid/')"],
    ["tls.connect", "require('node:tls').connect(443, 'example.invalid')"],
    ["http2.connect", "require('node:http2').connect('https://example.invalid')"],
    ["dgram.createSocket", "require('node:dgram').createSocket('udp4')"],
    ["dns.lookup", "require('node:dns').lookup('example.invalid', () => {})"],
    ["dns.promises.resolve4", "void require('node:dns').promises.resolve4('example.invalid')"],
    ["fetch", "void fetch('https://example.invalid/')"],
  ])("%s is trapped: the attempt is reported and fails", (name, code) => {
    const r = trapped(["-e", code]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${MARK} ${name}`);
  });
});

describe("the CLI under the network traps", () => {
  it.each([["text"], ["json"], ["html"], ["markdown"], ["sarif"]])(
    "checks every sample with --format %s and never touches the network",
    (format) => {
      const r = trapped([
        CLI,
        "--format",
        format,
        "samples/out-licensing-draft.md",
        "samples/co-development-agreement.md",
        "samples/newco-counterparty-draft.md",
      ]);
      expect(r.stderr).not.toContain(MARK);
      // 1: error findings in the drafts; 2 would be a usage or input error.
      expect(r.code).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(500);
    },
  );

  it("compares, reports the comparison, imports and checks a Word draft, and never touches the network", () => {
    const compare = trapped([
      CLI,
      "compare",
      "samples/co-development-agreement.md",
      "samples/out-licensing-draft.md",
      "--format",
      "json",
    ]);
    expect(compare.stderr).not.toContain(MARK);
    expect((JSON.parse(compare.stdout) as { changes: unknown[] }).changes.length).toBeGreaterThan(0);
    const report = trapped([
      CLI,
      "--format",
      "html",
      "--compare",
      "samples/co-development-agreement.md",
      "samples/out-licensing-draft.md",
    ]);
    expect(report.stderr).not.toContain(MARK);
    expect(report.stdout).toContain("<html");
    const imported = trapped([CLI, "import", docx]);
    expect(imported.stderr).not.toContain(MARK);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^# /m);
    const checked = trapped([CLI, "--format", "json", docx]);
    expect(checked.stderr).not.toContain(MARK);
    expect(checked.code).not.toBe(2);
  });
});

describe("the language server under the network traps", () => {
  it("serves a full session (diagnostics, fixes, completion, hover, symbols, lenses, navigation, rename, review) without touching the network", async () => {
    const { client } = await LspTestClient.start({
      nodeArgs: ["--require", TRAP],
      capabilities: { workspace: { workspaceEdit: { snippetEditSupport: true } } },
    });
    try {
      const uri = sampleUri(SAMPLE);
      const text = sampleText(SAMPLE);
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri, { version: 1 });
      expect(diagnostics.length).toBeGreaterThan(5);
      const doc = { textDocument: { uri } };
      const first = diagnostics[0]!;
      const actions = await client.request<unknown[]>("textDocument/codeAction", {
        ...doc,
        range: first.range,
        context: { diagnostics: [first], only: ["quickfix", "refactor"] },
      });
      expect(actions.length).toBeGreaterThan(0);
      const headingLine = text.split("\n").findIndex((l) => l.startsWith("## "));
      await client.request("textDocument/completion", {
        ...doc,
        position: { line: headingLine, character: 3 },
      });
      const hover = await client.request<Hover | null>("textDocument/hover", {
        ...doc,
        position: { line: headingLine, character: 4 },
      });
      expect(hover).not.toBeNull();
      const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", doc);
      expect(symbols.length).toBeGreaterThan(0);
      const lenses = await client.request<CodeLens[]>("textDocument/codeLens", doc);
      expect(lenses.length).toBeGreaterThan(0);
      const termLine = text.split("\n").findIndex((l) => l.includes("Licensed Product"));
      const position = {
        line: termLine,
        character: text.split("\n")[termLine]!.indexOf("Licensed Product") + 2,
      };
      await client.request("textDocument/definition", { ...doc, position });
      await client.request("textDocument/references", {
        ...doc,
        position,
        context: { includeDeclaration: true },
      });
      await client.request("textDocument/rename", { ...doc, position, newName: "Licensed Asset" });
      await client.request("clauseChecker/templates", {
        ...doc,
        position: { line: headingLine, character: 0 },
      });
      await client.request("clauseChecker/coverage", doc);
      const imported = await client.request<{ markdown: string }>("clauseChecker/importDocx", {
        name: "draft.docx",
        data: (await makeDocx(sampleAgreement())).toString("base64"),
      });
      expect(imported.markdown).toMatch(/^# /m);
      await client.request("clauseChecker/setBaseline", {
        ...doc,
        baseline: { name: "co-development-agreement.md", text: sampleText("co-development-agreement.md") },
      });
      const report = await client.request<{ content: string } | string>("clauseChecker/reviewReport", {
        ...doc,
        format: "html",
      });
      expect(JSON.stringify(report)).toContain("html");
      await client.change(uri, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "" },
      ]);
      await client.waitForDiagnostics(uri, { version: 2 });
      await client.close(uri);
      expect(client.alive).toBe(true);
      expect(client.stderr.join("")).not.toContain(MARK);
    } finally {
      await client.stop();
    }
  }, 60_000);
});

describe("crash recovery", () => {
  it("a server killed with SIGKILL and started again publishes the same diagnostics for the same document", async () => {
    const uri = pathToFileURL(path.join(ROOT, "samples", SAMPLE)).toString();
    const verdict = (ds: Diagnostic[]) =>
      ds.map((d) => ({
        range: d.range,
        severity: d.severity,
        code: d.code,
        message: d.message,
        data: d.data as unknown,
      }));
    const first = await LspTestClient.start();
    await first.client.open(uri, sampleText(SAMPLE));
    const before = await first.client.waitForDiagnostics(uri, { version: 1 });
    await first.client.kill();
    expect(first.client.alive).toBe(false);
    const second = await LspTestClient.start();
    try {
      await second.client.open(uri, sampleText(SAMPLE));
      const after = await second.client.waitForDiagnostics(uri, { version: 1 });
      expect(verdict(after.diagnostics)).toEqual(verdict(before.diagnostics));
      expect(after.diagnostics.length).toBeGreaterThan(5);
    } finally {
      await second.client.stop();
    }
  }, 60_000);
});
