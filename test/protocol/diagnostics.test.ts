/**
 * Diagnostics over the wire: what `textDocument/publishDiagnostics` carries for the sample
 * agreements, silence on ordinary Markdown, pull diagnostics, and the debounce that never lets an
 * older version's findings overwrite a newer one's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { RULES } from "../../server/src/core/rules";
import type { DiagnosticData } from "../../server/src/lsp/diagnostics";
import { byCode, lineOf, LspTestClient, pause, sampleText, sampleUri, textAt } from "./lspClient";

const DRAFT = "out-licensing-draft.md";

function clauseOf(d: Diagnostic): string | undefined {
  return (d.data as DiagnosticData | undefined)?.clause;
}

describe("textDocument/publishDiagnostics", () => {
  let client: LspTestClient;
  const uri = sampleUri(DRAFT);
  const text = sampleText(DRAFT);
  let diagnostics: Diagnostic[];
  let version: number | undefined;

  beforeAll(async () => {
    ({ client } = await LspTestClient.start());
    await client.open(uri, text);
    ({ diagnostics, version } = await client.waitForDiagnostics(uri));
  });
  afterAll(() => client.stop());

  it("didOpen: publishes for the opened version", () => {
    expect(version).toBe(1);
  });

  it("missing-clause: reversion and minimum commercial investment are errors, governance a warning, all on the title line", () => {
    // The draft has no reversion article, no minimum-investment commitments and, as Nordvik refused
    // one, no joint committee: the first two are required for out-licensing, governance recommended.
    const missing = byCode(diagnostics, "missing-clause");
    const bySeverity: Record<string, number | undefined> = Object.fromEntries(
      missing.map((d) => [clauseOf(d) ?? "", d.severity]),
    );
    expect(bySeverity).toEqual({ reversion: 1, "minimum-commercial-investment": 1, governance: 2 });
    const title = lineOf(text, "# Exclusive License Agreement");
    for (const d of missing) {
      expect(d.range).toEqual({
        start: { line: title, character: 0 },
        end: { line: title, character: "# Exclusive License Agreement".length },
      });
      expect(d.message).toMatch(/out-licensing/);
    }
  });

  it("missing-clause: the one fix sent with it inserts the clause as a new article before the signature block", () => {
    const signature = lineOf(text, "IN WITNESS WHEREOF");
    for (const d of byCode(diagnostics, "missing-clause")) {
      const data = d.data as DiagnosticData;
      expect(Object.keys(data).sort()).toEqual(["clause", "fixes"]);
      // "Ignore missing-clause here" is rebuilt on request (codeAction.test.ts), not sent with every diagnostic.
      expect(data.fixes!.map((f) => f.title)).toEqual([expect.stringMatching(/^Insert .* as \d+A?$/)]);
      const [edit] = data.fixes![0]!.edits;
      expect(edit!.range.start).toEqual(edit!.range.end);
      expect(edit!.range.start.line).toBeLessThanOrEqual(signature);
      expect(edit!.range.start.line).toBeGreaterThan(lineOf(text, "## 1. Definitions"));
      expect(edit!.snippet).toMatch(/^\n?## \d+A?\. /);
      expect(edit!.snippet).toMatch(/\$\{1[:|]/);
    }
  });

  it("weak-clause: exclusivity is weak in the licence grant, for want of exclusivity tied to performance", () => {
    const [d, ...rest] = byCode(diagnostics, "weak-clause").filter((x) => clauseOf(x) === "exclusivity");
    expect(rest).toHaveLength(0);
    expect(d!.severity).toBe(2);
    expect(d!.range.start.line).toBeGreaterThanOrEqual(lineOf(text, "## 2. License Grant"));
    expect(d!.range.start.line).toBeLessThan(lineOf(text, "## 3. Development"));
    expect(d!.message).toMatch(/performance/);
    expect((d!.data as DiagnosticData).fixes!.length).toBeGreaterThanOrEqual(2);
  });

  it("weak-clause: diligence is weak on the heading of Article 4, naming the one missing element", () => {
    const d = byCode(diagnostics, "weak-clause").find((x) => clauseOf(x) === "diligence")!;
    const heading = lineOf(text, "## 4. Diligence");
    expect(d.range).toEqual({
      start: { line: heading, character: 0 },
      end: { line: heading, character: "## 4. Diligence".length },
    });
    const data = d.data as DiagnosticData;
    expect(data.element).toMatch(/^dil\./);
    expect(data.fixes!.map((f) => f.title)).toEqual([expect.stringMatching(/^Add .* to Diligence$/)]);
  });

  it("vague-obligation: information-level, its range exactly the vague words, e.g. 'promptly' in the supply article", () => {
    const vague = byCode(diagnostics, "vague-obligation");
    expect(vague.length).toBeGreaterThan(0);
    for (const d of vague) {
      expect(d.severity).toBe(3);
      expect(d.range.start.line).toBe(d.range.end.line);
      expect(clauseOf(d)).toBeTruthy();
    }
    const orders = lineOf(text, "**5.2 Orders and Delivery.**");
    const promptly = vague.find((d) => d.range.start.line === orders);
    expect(promptly).toBeDefined();
    expect(textAt(text, promptly!.range)).toBe("promptly");
    expect(clauseOf(promptly!)).toBe("supply");
  });

  it("every diagnostic: source clause-checker, code a rule id, codeDescription linking to that rule in docs/rules.md", () => {
    expect(diagnostics.length).toBeGreaterThan(5);
    for (const d of diagnostics) {
      expect(d.source).toBe("clause-checker");
      expect(RULES.map((r) => r.id)).toContain(d.code);
      expect(d.codeDescription?.href).toMatch(new RegExp(`^file:///.*/docs/rules\\.md#${String(d.code)}$`));
    }
  });

  it("didOpen of ordinary Markdown (meeting notes): publishes an empty list", async () => {
    const notes = sampleUri("not-an-agreement.md");
    await client.open(notes, sampleText("not-an-agreement.md"));
    const published = await client.waitForDiagnostics(notes);
    expect(published).toEqual({ uri: notes, version: 1, diagnostics: [] });
  });

  it("didOpen of an untitled plain-text agreement: checked like a file", async () => {
    const untitled = "untitled:Untitled-1";
    await client.open(untitled, text.replace(/\*\*/g, "").replace(/^## /gm, ""), "plaintext");
    const published = await client.waitForDiagnostics(untitled);
    expect(byCode(published.diagnostics, "missing-clause").map(clauseOf)).toContain("reversion");
  });

  it("didClose: clears the document's diagnostics", async () => {
    const before = client.published(uri).length;
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, { after: before });
    expect(cleared.diagnostics).toEqual([]);
  });
});

describe("textDocument/diagnostic (pull)", () => {
  let client: LspTestClient;
  beforeAll(async () => {
    ({ client } = await LspTestClient.start({
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    }));
  });
  afterAll(() => client.stop());

  it("textDocument/diagnostic: a pulling client gets the full report by pull, and nothing is pushed", async () => {
    const uri = sampleUri(DRAFT);
    await client.open(uri, sampleText(DRAFT));
    const report = await client.request<{ kind: string; items: Diagnostic[] }>("textDocument/diagnostic", {
      textDocument: { uri },
    });
    expect(report.kind).toBe("full");
    expect(byCode(report.items, "missing-clause").map(clauseOf).sort()).toEqual([
      "governance",
      "minimum-commercial-investment",
      "reversion",
    ]);
    await pause(300);
    expect(client.published(uri)).toEqual([]);
  });

  it("textDocument/diagnostic: ordinary Markdown gets an empty report", async () => {
    const uri = sampleUri("not-an-agreement.md");
    await client.open(uri, sampleText("not-an-agreement.md"));
    const report = await client.request<{ kind: string; resultId: string; items: Diagnostic[] }>(
      "textDocument/diagnostic",
      { textDocument: { uri } },
    );
    expect(report).toEqual({ kind: "full", resultId: report.resultId, items: [] });
    expect(report.resultId).toMatch(/^[\w-]{27}$/);
  });

  it("textDocument/diagnostic: 'unchanged' when the client's previousResultId names the same diagnostics, full once they change", async () => {
    type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
    const name = "co-development-agreement.md";
    const uri = sampleUri(name);
    const text = sampleText(name);
    await client.open(uri, text);
    const pull = (previousResultId?: string) =>
      client.request<Report>("textDocument/diagnostic", {
        textDocument: { uri },
        ...(previousResultId !== undefined ? { previousResultId } : {}),
      });
    const first = await pull();
    expect(first.kind).toBe("full");
    expect(first.items!.length).toBeGreaterThan(0);
    const id = first.resultId!;
    expect(await pull(id)).toEqual({ kind: "unchanged", resultId: id });

    // A blank line at the end moves no finding: the client keeps what it has, and its fixes stay offered.
    const lines = text.split("\n").length;
    const end = { line: lines - 1, character: text.split("\n").at(-1)!.length };
    await client.change(uri, 2, [{ range: { start: end, end }, text: "\n" }]);
    expect(await pull(id)).toEqual({ kind: "unchanged", resultId: id });
    const withFix = first.items!.find((d) => (d.data as DiagnosticData).fixes?.length)!;
    const actions = await client.request<Array<{ title: string }>>("textDocument/codeAction", {
      textDocument: { uri },
      range: withFix.range,
      context: { diagnostics: [withFix], triggerKind: 2 },
    });
    expect(actions.map((a) => a.title)).toEqual([
      ...(withFix.data as DiagnosticData).fixes!.map((f) => f.title),
      `Ignore ${String(withFix.code)} here`,
    ]);

    // A vague promise inserted in the grant, above the weak clause: new diagnostics, a new id.
    const grant = { line: lineOf(text, "## 2. License Grant"), character: 0 };
    await client.change(uri, 3, [
      { range: { start: grant, end: grant }, text: "The parties shall agree promptly on a budget.\n\n" },
    ]);
    const changed = await pull(id);
    expect(changed.kind).toBe("full");
    expect(changed.resultId).not.toBe(id);
    expect(changed.items!.length).toBeGreaterThan(first.items!.length);
    // An id the server never gave gets the full report.
    expect((await pull("not-an-id")).kind).toBe("full");
  });
});

describe("textDocument/didChange", () => {
  async function typeRapidly(debounceMs: number) {
    const { client } = await LspTestClient.start({ configuration: () => ({ debounceMs }) });
    const uri = sampleUri(DRAFT);
    const text = sampleText(DRAFT);
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, { version: 1 });
    const line = lineOf(text, "**5.2 Orders and Delivery.**");
    // Versions 2..10 in one burst: a word typed character by character at the end of 5.2.
    const word = " shipped.";
    for (let v = 2; v <= 10; v++) {
      const character = text.split("\n")[line]!.length + (v - 2);
      await client.change(uri, v, [
        { range: { start: { line, character }, end: { line, character } }, text: word[v - 2]! },
      ]);
    }
    const last = await client.waitForDiagnostics(uri, { version: 10 });
    await pause(Math.max(300, debounceMs * 3));
    const versions = client.published(uri).map((p) => p.version!);
    await client.stop();
    return { last, versions };
  }

  it("didChange ×9 with debounce: the last publish is for version 10, fewer than one per change, and versions never go back", async () => {
    const { last, versions } = await typeRapidly(100);
    expect(versions[0]).toBe(1);
    expect(versions[versions.length - 1]).toBe(10);
    expect(versions.length - 1).toBeLessThan(9);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThanOrEqual(versions[i - 1]!);
    expect(byCode(last.diagnostics, "missing-clause")).toHaveLength(3);
  });

  it("didChange ×9 with debounceMs 0: versions still never go back and the last publish is for version 10", async () => {
    const { versions } = await typeRapidly(0);
    expect(versions[versions.length - 1]).toBe(10);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThanOrEqual(versions[i - 1]!);
  });
});
