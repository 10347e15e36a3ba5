/**
 * Counterparty review in the editor, over the wire: a Word draft converted by `clauseChecker/importDocx`;
 * a draft compared with its baseline (`clauseChecker/setBaseline`) gets `removed-protection` and
 * `weakened-term` diagnostics beside its own, with quick fixes that restore the baseline, until
 * `clauseChecker/clearBaseline` or the draft closes; and `clauseChecker/reviewReport` returns the
 * self-contained HTML review page with the comparison.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Range, TextDocumentEdit, TextEdit } from "vscode-languageserver";
import type { DiagnosticData } from "../../server/src/lsp/diagnostics";
import type {
  ClearBaselineResult,
  ImportDocxResult,
  ReviewReportResult,
  SetBaselineResult,
} from "../../server/src/shared/protocol";
import { makeDocx, SAMPLE_MARKDOWN, sampleAgreement } from "../fixtures/make-docx";
import {
  applyEdits,
  byCode,
  lineOf,
  LspTestClient,
  sampleText,
  sampleUri,
  textAt,
  withoutFrontMatter,
} from "./lspClient";

const BASE_NAME = "co-development-agreement.md";
const BASE = sampleText(BASE_NAME);
const COMPARE_RULES = ["removed-protection", "weakened-term"];

function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit did not apply: ${String(from)}`);
  return out;
}

const SUPPLY_FAILURE = /\*\*7\.6 Supply Failure\.\*\*[\s\S]*?(?=## 8\.)/;
const SIXTY = "Within sixty (60) days after termination, Licensee shall assign";
const ONE_TWENTY = "Within one hundred twenty (120) days after termination, Licensee shall assign";
/** The counterparty's mark-up: the Supply Failure sub-clause deleted, the filings deadline doubled. */
const WEAKENED_ONLY = edit(BASE, SIXTY, ONE_TWENTY);
const DRAFT = edit(WEAKENED_ONLY, SUPPLY_FAILURE, "");

/** A draft URI that exists only in the editor (the server never reads it from disk). */
const draftUri = (name: string) => sampleUri(`review-test-${name}.md`);

function base64(text: string | Buffer): string {
  return (typeof text === "string" ? Buffer.from(text, "utf8") : text).toString("base64");
}

const dataOf = (d: Diagnostic) => (d.data ?? {}) as DiagnosticData;
const compareFindings = (ds: Diagnostic[]) => ds.filter((d) => COMPARE_RULES.includes(String(d.code)));

/** The range of `needle` (on one line) inside the first occurrence of `context` in `text`. */
function rangeOf(text: string, context: string, needle: string): Range {
  const at = text.indexOf(context);
  const offset = at < 0 ? -1 : text.indexOf(needle, at);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, offset).split("\n");
  const line = before.length - 1;
  const character = before[line]!.length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function setBaseline(client: LspTestClient, uri: string, name = BASE_NAME, text = BASE) {
  return client.request<SetBaselineResult>("clauseChecker/setBaseline", {
    textDocument: { uri },
    baseline: { name, data: base64(text) },
  });
}

/** Applies a code action's single-document edit to `text`. */
function applyAction(text: string, action: CodeAction): string {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  return applyEdits(text, change.edits as TextEdit[]);
}

describe("clauseChecker/importDocx", () => {
  let client: LspTestClient;
  beforeAll(async () => {
    ({ client } = await LspTestClient.start());
  });
  afterAll(() => client.stop());

  it("importDocx: converts a Word draft's bytes to the Markdown the CLI's import writes", async () => {
    const bytes = await makeDocx(sampleAgreement());
    const result = await client.request<ImportDocxResult>("clauseChecker/importDocx", {
      name: "draft.docx",
      data: bytes.toString("base64"),
    });
    expect(result.markdown).toBe(SAMPLE_MARKDOWN);
    expect(result.numbered).toBe(9);
    expect(Array.isArray(result.warnings)).toBe(true);
  });

  it("importDocx: bytes that are not a Word document get an error naming the file", async () => {
    await expect(
      client.request("clauseChecker/importDocx", { name: "notes.docx", data: base64("# not a docx") }),
    ).rejects.toThrow(/notes\.docx is not a Word document/);
    await expect(client.request("clauseChecker/importDocx", { name: "x.docx" })).rejects.toThrow(
      /no contents were sent for x\.docx/,
    );
  });

  it("importDocx: the converted draft, opened as an untitled document, is checked like any agreement", async () => {
    const { markdown } = await client.request<ImportDocxResult>("clauseChecker/importDocx", {
      name: "draft.docx",
      data: (await makeDocx(sampleAgreement())).toString("base64"),
    });
    const uri = "untitled:Untitled-1";
    await client.open(uri, markdown);
    const { diagnostics } = await client.waitForDiagnostics(uri, { version: 1 });
    expect(byCode(diagnostics, "missing-clause").length).toBeGreaterThan(0);
    await client.close(uri);
  });
});

describe("clauseChecker/setBaseline: the counterparty's draft compared with our baseline", () => {
  let client: LspTestClient;
  const uri = draftUri("compare");
  let text = DRAFT;
  let version = 1;
  let own: Diagnostic[];
  let compared: Diagnostic[];

  beforeAll(async () => {
    ({ client } = await LspTestClient.start());
    await client.open(uri, DRAFT);
    own = (await client.waitForDiagnostics(uri, { version: 1 })).diagnostics;
  });
  afterAll(() => client.stop());

  async function publishedAfter(action: () => Promise<unknown>): Promise<Diagnostic[]> {
    const after = client.published(uri).length;
    await action();
    return (await client.waitForDiagnostics(uri, { after })).diagnostics;
  }

  it("before a baseline is set, the draft has only its own findings", () => {
    expect(compareFindings(own)).toEqual([]);
  });

  it("setBaseline: answers with the changes and publishes removed-protection and weakened-term beside the draft's own findings", async () => {
    let result: SetBaselineResult | undefined;
    const diagnostics = await publishedAfter(async () => {
      result = await setBaseline(client, uri);
    });
    expect(result).toMatchObject({ baseline: BASE_NAME, compared: true, findings: 2 });
    expect(result!.changes.removed).toBeGreaterThanOrEqual(1);
    expect(result!.changes.weakened).toBe(1);
    compared = compareFindings(diagnostics);
    expect(compared.map((d) => d.code).sort()).toEqual(["removed-protection", "weakened-term"]);
    // The draft's own findings are still there, unchanged.
    expect(diagnostics.filter((d) => !COMPARE_RULES.includes(String(d.code)))).toEqual(own);
  });

  it("removed-protection: on the draft's Supply heading, data.clause supply, data.element sup.failure", () => {
    const removed = byCode(compared, "removed-protection")[0]!;
    const line = lineOf(text, "## 7. Supply and Manufacturing");
    expect(removed.range).toEqual({
      start: { line, character: 0 },
      end: { line, character: "## 7. Supply and Manufacturing".length },
    });
    expect(removed).toMatchObject({ severity: 2, source: "clause-checker" });
    expect(dataOf(removed)).toMatchObject({ clause: "supply", element: "sup.failure" });
    expect(removed.codeDescription?.href).toMatch(/docs\/rules\.md#removed-protection$/);
  });

  it("weakened-term: exactly on the draft's number, data.clause reversion", () => {
    const weakened = byCode(compared, "weakened-term")[0]!;
    expect(weakened.range).toEqual(rangeOf(text, ONE_TWENTY, "one hundred twenty (120) days"));
    expect(weakened.range.start.line).toBe(lineOf(text, "**14.2 Regulatory Filings.**"));
    expect(textAt(text, weakened.range)).toBe("one hundred twenty (120) days");
    expect(dataOf(weakened)).toMatchObject({ clause: "reversion", element: "rev.regulatory" });
  });

  it("codeAction: the restore fix puts the Supply Failure sub-clause back, and its finding goes away", async () => {
    const removed = byCode(compared, "removed-protection")[0]!;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: removed.range,
      context: { diagnostics: [removed], triggerKind: 1 },
    });
    expect(actions[0]).toMatchObject({ kind: "quickfix", isPreferred: true });
    expect(actions[0]!.title).toMatch(/^Restore baseline 7\.6/);
    expect(actions.map((a) => a.title)).toContain("Ignore removed-protection here");
    text = applyAction(text, actions[0]!);
    expect(text).toBe(WEAKENED_ONLY);
    version++;
    const diagnostics = await publishedAfter(() => client.change(uri, version, [{ text }]));
    compared = compareFindings(diagnostics);
    expect(compared.map((d) => d.code)).toEqual(["weakened-term"]);
  });

  it("reviewReport: a self-contained HTML page (no script, no http(s) URL) with the comparison", async () => {
    const report = await client.request<ReviewReportResult>("clauseChecker/reviewReport", {
      textDocument: { uri },
      format: "html",
    });
    expect(report).toMatchObject({
      title: "Clause review: review-test-compare.md",
      fileName: "review-test-compare.review.html",
      baseline: BASE_NAME,
    });
    const html = report.content;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<(?:link|img|iframe)\b/i);
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("Comparison with the baseline");
    expect(html).toContain(`Baseline ${BASE_NAME} · draft review-test-compare.md`);
    expect(html).toContain('<span class="badge weakened">weakened</span>');
    expect(html).toContain("one hundred twenty (120) days");
  });

  it("reviewReport: Markdown on request", async () => {
    const report = await client.request<ReviewReportResult>("clauseChecker/reviewReport", {
      textDocument: { uri },
      format: "markdown",
    });
    expect(report.fileName).toBe("review-test-compare.review.md");
    expect(report.content).toMatch(/^# Clause review: review-test-compare\.md/);
    expect(report.content).toContain("weakened");
  });

  it("the restore fix of a weakened term puts the baseline wording back: nothing is left to report", async () => {
    const weakened = compared[0]!;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: weakened.range,
      context: { diagnostics: [weakened], triggerKind: 1 },
    });
    expect(actions[0]!.title).toBe("Restore the baseline: sixty (60) days");
    const restored = applyAction(text, actions[0]!);
    expect(restored).toBe(BASE);
    // Undo in the editor: the draft is weakened again.
    version++;
    const diagnostics = await publishedAfter(() => client.change(uri, version, [{ text: restored }]));
    expect(compareFindings(diagnostics)).toEqual([]);
    version++;
    const again = await publishedAfter(() => client.change(uri, version, [{ text }]));
    expect(compareFindings(again).map((d) => d.code)).toEqual(["weakened-term"]);
  });

  it("clearBaseline: the comparison's findings go, the draft's own stay; the report loses the comparison", async () => {
    let result: ClearBaselineResult | undefined;
    const diagnostics = await publishedAfter(async () => {
      result = await client.request<ClearBaselineResult>("clauseChecker/clearBaseline", {
        textDocument: { uri },
      });
    });
    expect(result).toEqual({ cleared: true });
    expect(compareFindings(diagnostics)).toEqual([]);
    expect(diagnostics.length).toBeGreaterThan(0);
    const report = await client.request<ReviewReportResult>("clauseChecker/reviewReport", {
      textDocument: { uri },
    });
    expect(report.baseline).toBeUndefined();
    expect(report.content).not.toContain("Comparison with the baseline");
    expect(
      await client.request<ClearBaselineResult>("clauseChecker/clearBaseline", { textDocument: { uri } }),
    ).toEqual({ cleared: false });
  });

  it("closing the draft ends its comparison: reopened, it has only its own findings", async () => {
    await publishedAfter(() => setBaseline(client, uri));
    await client.close(uri);
    // Only the reopened document's publish has a version: the close's empty one has none.
    const after = client.published(uri).length;
    await client.open(uri, DRAFT, "markdown", 1);
    const { diagnostics } = await client.waitForDiagnostics(uri, { version: 1, after });
    expect(compareFindings(diagnostics)).toEqual([]);
    expect(
      await client.request<ClearBaselineResult>("clauseChecker/clearBaseline", { textDocument: { uri } }),
    ).toEqual({ cleared: false });
  });
});

describe("clauseChecker/setBaseline: baselines in other forms, and the settings that apply", () => {
  let client: LspTestClient;
  let severity: Record<string, string> = {};

  beforeAll(async () => {
    ({ client } = await LspTestClient.start({
      configuration: (item) => (item.section === "clauseChecker" ? { severity } : null),
    }));
  });
  afterAll(() => client.stop());

  async function compareDraft(
    name: string,
    draft: string,
    baseline: { name: string; data?: string; text?: string },
  ) {
    const uri = draftUri(name);
    await client.open(uri, draft);
    await client.waitForDiagnostics(uri, { version: 1 });
    const after = client.published(uri).length;
    const result = await client.request<SetBaselineResult>("clauseChecker/setBaseline", {
      textDocument: { uri },
      baseline,
    });
    const { diagnostics } = await client.waitForDiagnostics(uri, { after });
    return { uri, result, diagnostics };
  }

  it("a .docx baseline is converted by the server: removing a sub-clause of the Word original is reported", async () => {
    const docx = await makeDocx(sampleAgreement());
    const draft = edit(SAMPLE_MARKDOWN, /## 2\.1 Supply Failure[\s\S]*?(?=## 2\.2)/, "");
    const { result, diagnostics } = await compareDraft("docx-base", draft, {
      name: "our-template.docx",
      data: docx.toString("base64"),
    });
    expect(result).toMatchObject({ baseline: "our-template.docx", compared: true });
    const removed = byCode(diagnostics, "removed-protection");
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.map((d) => dataOf(d).clause)).toContain("supply");
  });

  it("a draft without front matter is checked with the deal the baseline names (front matter over settings)", async () => {
    const draft = withoutFrontMatter(DRAFT);
    const { uri, diagnostics } = await compareDraft("deal", draft, { name: BASE_NAME, text: BASE });
    expect(
      compareFindings(diagnostics)
        .map((d) => d.code)
        .sort(),
    ).toEqual(["removed-protection", "weakened-term"]);
    const report = await client.request<ReviewReportResult>("clauseChecker/reviewReport", {
      textDocument: { uri },
    });
    expect(report.content).toContain("co-development deal, reviewed for the licensor");
  });

  it("suppression comments and clauseChecker.severity apply to the comparison's findings", async () => {
    const draft = DRAFT.replace(
      "## 7. Supply and Manufacturing",
      "<!-- clause-checker-disable-next-line removed-protection -->\n## 7. Supply and Manufacturing",
    );
    const { uri, diagnostics } = await compareDraft("suppressed", draft, { name: BASE_NAME, text: BASE });
    expect(compareFindings(diagnostics).map((d) => d.code)).toEqual(["weakened-term"]);
    expect(byCode(diagnostics, "unknown-rule")).toEqual([]);
    severity = { "weakened-term": "off" };
    const after = client.published(uri).length;
    await client.notify("workspace/didChangeConfiguration", { settings: null });
    const { diagnostics: off } = await client.waitForDiagnostics(uri, { after });
    expect(compareFindings(off)).toEqual([]);
    severity = { "weakened-term": "error" };
    const again = client.published(uri).length;
    await client.notify("workspace/didChangeConfiguration", { settings: null });
    const { diagnostics: error } = await client.waitForDiagnostics(uri, { after: again });
    expect(byCode(error, "weakened-term").map((d) => d.severity)).toEqual([1]);
    severity = {};
  });

  it("a baseline that is not a Word file despite its name is refused with a message", async () => {
    await expect(
      client.request("clauseChecker/setBaseline", {
        textDocument: { uri: draftUri("bad") },
        baseline: { name: "template.docx", data: base64("plain text") },
      }),
    ).rejects.toThrow(/template\.docx is not a Word document/);
  });
});

describe("clauseChecker/setBaseline with a client that pulls diagnostics", () => {
  let client: LspTestClient;
  beforeAll(async () => {
    ({ client } = await LspTestClient.start({
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    }));
  });
  afterAll(() => client.stop());

  it("the pulled report carries the comparison's findings once a baseline is set", async () => {
    const uri = draftUri("pull");
    await client.open(uri, DRAFT);
    const pull = () =>
      client.request<{ items: Diagnostic[] }>("textDocument/diagnostic", { textDocument: { uri } });
    expect(compareFindings((await pull()).items)).toEqual([]);
    await setBaseline(client, uri);
    expect(
      compareFindings((await pull()).items)
        .map((d) => d.code)
        .sort(),
    ).toEqual(["removed-protection", "weakened-term"]);
    await client.request("clauseChecker/clearBaseline", { textDocument: { uri } });
    expect(compareFindings((await pull()).items)).toEqual([]);
  });
});
