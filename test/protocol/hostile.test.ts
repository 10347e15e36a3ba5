/**
 * A battery of hostile documents, run over LSP against the built server (`dist/server.js --stdio`):
 * binary junk, a 5 MB line, 20,000-deep quotes and lists, 300,000 brackets, an empty file, a 10 MB
 * agreement, NUL/BOM/CRLF/astral text, edits with ranges outside the document, requests for unknown
 * documents and positions far past the end. After each, the server must be alive and must still
 * judge a normal agreement exactly as the CLI does. Each input's time to its first
 * `publishDiagnostics` and the server's peak RSS (VmHWM, reset before each input) are printed and
 * written to $TMPDIR/clause-checker-artifacts/hostile-battery.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LspTestClient, ROOT, sampleText, sampleUri } from "./lspClient";

const SAMPLE = "out-licensing-draft.md";
const CORPUS = path.resolve(ROOT, "..", "shared", "corpus", "agreements");
/** Outside the repository: a test run must not change the tree. */
const ARTIFACTS = path.join(tmpdir(), "clause-checker-artifacts");
/** Generous: a hang shows as a timeout, a slow input in the table. */
const ANSWER_MS = 30_000;

/** A deterministic pseudo-random byte source. */
function randomBytes(length: number, seed = 9): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** The sample agreement with a payload as a section of its own, so every rule reads the payload. */
function inAgreement(payload: string): string {
  const sample = sampleText(SAMPLE);
  const at = sample.indexOf("\n## 3. ");
  return `${sample.slice(0, at)}\n\n## 2A. Annex\n\n${payload}\n${sample.slice(at)}`;
}

function corpusText(size: number): string | null {
  if (!existsSync(CORPUS)) return null;
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  if (files.length === 0) return null;
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    for (const f of files) {
      const text = readFileSync(path.join(CORPUS, f), "utf8") + "\n\n";
      parts.push(text);
      length += text.length;
    }
  }
  return parts.join("").slice(0, size);
}

/** NUL, BOM, CRLF, astral characters and a lone surrogate through a real agreement. */
function unicodeAgreement(): string {
  return (
    "\uFEFF" +
    sampleText(SAMPLE)
      .replace(/\n/g, "\r\n")
      .replace(/Licensee shall/g, "Licensee\u0000 shall")
      .replace(/Product/g, "Product 😀𝔘")
      .replace(/Territory/g, "Territory\uD800")
  );
}

interface Input {
  name: string;
  languageId: "markdown" | "plaintext";
  make: () => string | null;
}

const INPUTS: Input[] = [
  { name: "binary 1 MB as UTF-8", languageId: "markdown", make: () => randomBytes(1 << 20).toString("utf8") },
  {
    name: "binary 1 MB as UTF-8",
    languageId: "plaintext",
    make: () => randomBytes(1 << 20).toString("utf8"),
  },
  {
    name: "binary 1 MB as latin1",
    languageId: "markdown",
    make: () => randomBytes(1 << 20).toString("latin1"),
  },
  {
    name: "binary 1 MB as latin1",
    languageId: "plaintext",
    make: () => randomBytes(1 << 20).toString("latin1"),
  },
  {
    name: "one line of 5 MB",
    languageId: "markdown",
    make: () => "The parties met and talked about the weather. ".repeat(108_700),
  },
  {
    name: "one line of 5 MB in an agreement",
    languageId: "plaintext",
    make: () =>
      inAgreement("Licensor and Licensee discussed Section 2.1 and Exhibit A at length. ".repeat(72_500)),
  },
  {
    name: "quotes 20,000 deep",
    languageId: "markdown",
    make: () => `${">".repeat(20_000)} deep\n${"> more\n".repeat(1000)}`,
  },
  {
    name: "quotes 20,000 deep",
    languageId: "plaintext",
    make: () => `${">".repeat(20_000)} deep\n${"> more\n".repeat(1000)}`,
  },
  {
    name: "lists 20,000 deep",
    languageId: "markdown",
    make: () => `${"- ".repeat(10_000)}${"1. ".repeat(10_000)}item\n`,
  },
  {
    name: "lists 20,000 deep",
    languageId: "plaintext",
    make: () => `${"- ".repeat(10_000)}${"1. ".repeat(10_000)}item\n`,
  },
  {
    name: "lists 20,000 deep in an agreement",
    languageId: "markdown",
    make: () => inAgreement(`${"- ".repeat(20_000)}item`),
  },
  { name: "300,000 [ brackets", languageId: "markdown", make: () => "[".repeat(300_000) },
  { name: "300,000 ( brackets", languageId: "markdown", make: () => "(".repeat(300_000) },
  {
    name: "300,000 [( brackets in an agreement",
    languageId: "markdown",
    make: () => inAgreement("[(".repeat(150_000)),
  },
  {
    name: "300,000 ] brackets in an agreement",
    languageId: "plaintext",
    make: () => inAgreement("]".repeat(300_000)),
  },
  { name: "empty file", languageId: "markdown", make: () => "" },
  { name: "empty file", languageId: "plaintext", make: () => "" },
  { name: "NUL, BOM, CRLF, astral, lone surrogate", languageId: "markdown", make: unicodeAgreement },
  { name: "NUL, BOM, CRLF, astral, lone surrogate", languageId: "plaintext", make: unicodeAgreement },
  { name: "10 MB agreement (corpus)", languageId: "plaintext", make: () => corpusText(10_000_000) },
  { name: "10 MB agreement (corpus)", languageId: "markdown", make: () => corpusText(10_000_000) },
];

interface Row {
  input: string;
  language: string;
  size: string;
  ms: number;
  beforeMb: number | null;
  peakMb: number | null;
  diagnostics: number;
}

/** The server's peak RSS since the last reset (VmHWM), or its current RSS (VmRSS), in MB. */
function rssMb(pid: number, which: "VmHWM" | "VmRSS" = "VmHWM"): number | null {
  try {
    const m = new RegExp(`${which}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Resets the peak RSS to the current RSS (Linux: writing 5 to clear_refs). */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux: the column shows the peak so far.
  }
}

function size(chars: number): string {
  if (chars >= 1e6) return `${(chars / 1e6).toFixed(1)}M chars`;
  if (chars >= 1e3) return `${(chars / 1e3).toFixed(0)}k chars`;
  return `${chars} chars`;
}

/** What a diagnostic says, without the editor-only parts (rule links, fixes in data). */
function verdict(d: Diagnostic) {
  return { range: d.range, severity: d.severity, code: d.code, source: d.source, message: d.message };
}

/** Whether every diagnostic range lies inside the text (lines and characters as LSP counts them). */
function rangesInside(text: string, diagnostics: Diagnostic[]): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const ok = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
  return diagnostics.every((d) => ok(d.range.start) && ok(d.range.end));
}

describe("hostile documents over LSP", () => {
  let client: LspTestClient;
  let expected: ReturnType<typeof verdict>[];
  let version = 1;
  const rows: Row[] = [];
  const normal = sampleUri(SAMPLE);
  let seq = 0;
  const hostileUri = (name: string, languageId: string) =>
    pathToFileURL(
      path.join(
        tmpdir(),
        "clause-checker-hostile",
        `${++seq}-${name.replace(/[^a-z0-9]+/gi, "-")}.${languageId === "markdown" ? "md" : "txt"}`,
      ),
    ).toString();

  /** The normal agreement, re-sent in full: its diagnostics must equal the CLI's. */
  async function judgeNormal(): Promise<void> {
    expect(client.alive).toBe(true);
    version++;
    await client.change(normal, version, [{ text: sampleText(SAMPLE) }]);
    const { diagnostics } = await client.waitFor(
      () => client.published(normal).find((p) => p.version === version),
      `diagnostics of the normal agreement v${version}`,
      ANSWER_MS,
    );
    expect(diagnostics.map(verdict)).toEqual(expected);
  }

  beforeAll(async () => {
    const cli = spawnSync(
      process.execPath,
      [path.join(ROOT, "dist", "cli.js"), "--format", "json", `samples/${SAMPLE}`],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    const [report] = JSON.parse(cli.stdout) as Array<{ diagnostics: Diagnostic[] }>;
    expected = report!.diagnostics.map(verdict);
    expect(expected.length).toBeGreaterThan(5);
    ({ client } = await LspTestClient.start());
    await client.open(normal, sampleText(SAMPLE), "markdown", version);
    const first = await client.waitForDiagnostics(normal, { version });
    expect(first.diagnostics.map(verdict)).toEqual(expected);
  }, 60_000);

  afterAll(async () => {
    await client?.stop();
    if (rows.length === 0) return;
    const table = [
      "| input | language | size | time to first publishDiagnostics | server RSS before → peak | diagnostics |",
      "|---|---|---:|---:|---:|---:|",
      ...rows.map(
        (r) =>
          `| ${r.input} | ${r.language} | ${r.size} | ${r.ms} ms | ${r.peakMb === null ? "n/a" : `${r.beforeMb} → ${r.peakMb} MB`} | ${r.diagnostics} |`,
      ),
    ].join("\n");
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, "hostile-battery.md"), `# Hostile-document battery\n\n${table}\n`);
    console.log(`\n${table}\n`);
  });

  for (const input of INPUTS) {
    it(`${input.name} (${input.languageId}): answered, the server alive, the normal agreement judged as before`, async (ctx) => {
      const text = input.make();
      if (text === null) {
        console.warn(
          `skipped "${input.name}": no corpus at ${CORPUS} (the CI machine has ../shared beside the clone)`,
        );
        ctx.skip();
        return;
      }
      const uri = hostileUri(input.name, input.languageId);
      resetPeak(client.pid);
      const beforeMb = rssMb(client.pid, "VmRSS");
      const started = performance.now();
      await client.open(uri, text, input.languageId);
      const published: PublishDiagnosticsParams = await client.waitFor(
        () => client.published(uri)[0],
        `diagnostics for ${input.name}`,
        ANSWER_MS,
      );
      const ms = Math.round(performance.now() - started);
      rows.push({
        input: input.name,
        language: input.languageId,
        size: size(text.length),
        ms,
        beforeMb,
        peakMb: rssMb(client.pid),
        diagnostics: published.diagnostics.length,
      });
      expect(published.version).toBe(1);
      expect(rangesInside(text, published.diagnostics)).toBe(true);
      await client.close(uri);
      await judgeNormal();
    }, 90_000);
  }

  it("didChange with ranges outside the document (lines past the end, negative and huge characters, reversed): applied as clamped, ranges stay inside", async () => {
    const uri = hostileUri("edits", "markdown");
    let document = TextDocument.create(uri, "markdown", 1, sampleText(SAMPLE));
    await client.open(uri, document.getText(), "markdown", 1);
    await client.waitForDiagnostics(uri, { version: 1 });
    const edits = [
      {
        range: { start: { line: 100_000, character: 5 }, end: { line: 100_001, character: 0 } },
        text: "\n## 99. Appended\n",
      },
      { range: { start: { line: 2, character: -5 }, end: { line: 2, character: -1 } }, text: "X" },
      {
        range: { start: { line: 6, character: 1_000_000 }, end: { line: 6, character: 2_000_000 } },
        text: " tail",
      },
      { range: { start: { line: 40, character: 3 }, end: { line: 10, character: 0 } }, text: "" },
      { range: { start: { line: -3, character: -3 }, end: { line: -1, character: 0 } }, text: "Y" },
      {
        range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } },
        rangeLength: -7,
        text: "\r\n\u0000",
      },
    ];
    for (const [i, edit] of edits.entries()) {
      await client.change(uri, i + 2, [edit]);
      document = TextDocument.update(document, [edit], i + 2);
    }
    const last = edits.length + 1;
    const { diagnostics } = await client.waitForDiagnostics(uri, { version: last });
    expect(rangesInside(document.getText(), diagnostics)).toBe(true);
    // A change for a document that was never opened, and a close of one, are ignored.
    await client.change(hostileUri("never-opened", "markdown"), 2, [{ text: "x" }]);
    await client.close(hostileUri("never-closed", "markdown"));
    await client.close(uri);
    await judgeNormal();
  }, 60_000);

  it("requests for unknown documents and for positions far past the end (or negative) are answered, not fatal", async () => {
    const unknown = hostileUri("never-opened", "markdown");
    const open = hostileUri("positions", "markdown");
    await client.open(open, sampleText(SAMPLE));
    await client.waitForDiagnostics(open, { version: 1 });
    const far = { line: 1_000_000_000, character: 1_000_000_000 };
    const negative = { line: -1, character: -1 };
    const settle = async (method: string, params: unknown) => {
      const outcome = await Promise.race([
        client.request(method, params).then(
          (result) => ({ answered: true, result }),
          (error: unknown) => ({ answered: true, error }),
        ),
        new Promise<{ answered: false }>((resolve) => setTimeout(() => resolve({ answered: false }), 10_000)),
      ]);
      expect(outcome.answered, `${method} ${JSON.stringify(params)}`).toBe(true);
      return outcome;
    };
    for (const uri of [unknown, open]) {
      for (const position of [far, negative, { line: 0, character: 0 }]) {
        const textDocument = { uri };
        await settle("textDocument/hover", { textDocument, position });
        await settle("textDocument/completion", { textDocument, position });
        await settle("clauseChecker/templates", { textDocument, position });
        await settle("textDocument/codeAction", {
          textDocument,
          range: { start: position, end: far },
          context: { diagnostics: [], only: ["quickfix", "refactor"] },
        });
      }
      await settle("textDocument/documentSymbol", { textDocument: { uri } });
      await settle("textDocument/codeLens", { textDocument: { uri } });
      await settle("clauseChecker/coverage", { textDocument: { uri } });
      await settle("clauseChecker/reviewReport", { textDocument: { uri }, format: "html" });
      await settle("clauseChecker/clearBaseline", { textDocument: { uri } });
    }
    // Malformed parameters: missing documents and positions.
    await settle("textDocument/hover", {});
    await settle("textDocument/documentSymbol", { textDocument: null });
    await settle("clauseChecker/coverage", null);
    await client.close(open);
    await judgeNormal();
    expect(client.alive).toBe(true);
  }, 120_000);
});
