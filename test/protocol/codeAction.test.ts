/**
 * `textDocument/codeAction`: quick fixes read from `diagnostic.data`, then "Ignore <rule> here"
 * rebuilt from the diagnostic's rule and line; applied, they make their finding go away; snippet
 * edits for clients that take them, plain edits otherwise; literal `$` stays literal; "Insert
 * clause…" refactorings only when the user asks for actions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeAction,
  Diagnostic,
  SnippetTextEdit,
  TextDocumentEdit,
  TextEdit,
} from "vscode-languageserver";
import { templatesFor } from "../../server/src/core/fixes";
import { snippetToPlain } from "../../server/src/core/snippet";
import type { DiagnosticData } from "../../server/src/lsp/diagnostics";
import { builtin } from "../helpers";
import { applyEdits, byCode, lineOf, LspTestClient, sampleText, sampleUri } from "./lspClient";
import { dollarClause, Playbook } from "./playbook";

const DRAFT = "out-licensing-draft.md";
const SNIPPET_CAPS = { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } };

function clauseOf(d: Diagnostic): string | undefined {
  return (d.data as DiagnosticData | undefined)?.clause;
}

function missing(diagnostics: Diagnostic[], clause: string): Diagnostic {
  const d = byCode(diagnostics, "missing-clause").find((x) => clauseOf(x) === clause);
  if (!d) throw new Error(`no missing-clause finding for ${clause}`);
  return d;
}

function codeActions(
  client: LspTestClient,
  uri: string,
  diagnostics: Diagnostic[],
  range = diagnostics[0]!.range,
  triggerKind = 2,
  only?: string[],
) {
  return client.request<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range,
    context: { diagnostics, triggerKind, ...(only ? { only } : {}) },
  });
}

function onlyEdit(action: CodeAction): { version: number | null; edit: TextEdit | SnippetTextEdit } {
  const changes = action.edit!.documentChanges!;
  expect(changes).toHaveLength(1);
  const change = changes[0] as TextDocumentEdit;
  expect(change.edits).toHaveLength(1);
  return { version: change.textDocument.version, edit: change.edits[0]! };
}

describe("textDocument/codeAction (plain-text edits)", () => {
  let client: LspTestClient;
  const uri = sampleUri(DRAFT);
  const text = sampleText(DRAFT);
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    ({ client } = await LspTestClient.start());
    await client.open(uri, text);
    ({ diagnostics } = await client.waitForDiagnostics(uri, { version: 1 }));
  });
  afterAll(() => client.stop());

  it("codeAction: a missing clause's fixes are quickfixes, the insertion first and preferred, as versioned plain TextEdits with the placeholders' defaults", async () => {
    const reversion = missing(diagnostics, "reversion");
    const actions = await codeActions(client, uri, [reversion]);
    expect(actions.map((a) => a.title)).toEqual([
      ...(reversion.data as DiagnosticData).fixes!.map((f) => f.title),
      "Ignore missing-clause here",
    ]);
    expect(actions.map((a) => a.isPreferred === true)).toEqual(actions.map((_, i) => i === 0));
    expect(actions.every((a) => a.kind === "quickfix")).toBe(true);
    const [action] = actions;
    expect(action!.kind).toBe("quickfix");
    expect(action!.isPreferred).toBe(true);
    expect(action!.diagnostics).toEqual([reversion]);
    expect(action!.title).toBe((reversion.data as DiagnosticData).fixes![0]!.title);
    const { version, edit } = onlyEdit(action!);
    expect(version).toBe(1);
    expect("newText" in edit).toBe(true);
    const newText = (edit as TextEdit).newText;
    expect(newText).toBe(snippetToPlain((reversion.data as DiagnosticData).fixes![0]!.edits[0]!.snippet));
    expect(newText).not.toMatch(/\$\{?\d/);
  });

  it("codeAction: the Ignore fix, not sent with the diagnostic, is rebuilt from its rule and line: a comment above the line", async () => {
    const reversion = missing(diagnostics, "reversion");
    expect((reversion.data as DiagnosticData).fixes!.map((f) => f.title)).not.toContain(
      "Ignore missing-clause here",
    );
    const ignore = (await codeActions(client, uri, [reversion])).at(-1)!;
    expect(ignore.title).toBe("Ignore missing-clause here");
    expect(ignore.isPreferred).toBeUndefined();
    const line = reversion.range.start.line;
    expect(onlyEdit(ignore)).toEqual({
      version: 1,
      edit: {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        newText: "<!-- clause-checker-disable-next-line missing-clause -->\n",
      },
    });
  });

  it("codeAction → apply the edit → didChange: the missing reversion clause is gone, inserted before the signature block", async () => {
    const reversion = missing(diagnostics, "reversion");
    const [action] = await codeActions(client, uri, [reversion]);
    const { edit } = onlyEdit(action!);
    const fixed = applyEdits(text, [edit as TextEdit]);
    const inserted = (edit as TextEdit).newText.trim().split("\n")[0]!;
    expect(fixed.indexOf(inserted)).toBeLessThan(fixed.indexOf("IN WITNESS WHEREOF"));
    expect(fixed.indexOf(inserted)).toBeGreaterThan(fixed.indexOf("## 12. Term and Termination"));
    await client.change(uri, 2, [{ text: fixed }]);
    const after = await client.waitForDiagnostics(uri, { version: 2 });
    expect(
      after.diagnostics.filter((d) => clauseOf(d) === "reversion" && d.code !== "vague-obligation"),
    ).toEqual([]);
    // The other findings are untouched.
    expect(byCode(after.diagnostics, "missing-clause").map(clauseOf).sort()).toEqual([
      "governance",
      "minimum-commercial-investment",
    ]);
  });

  it("codeAction: no quick fixes once the document has moved past the version its diagnostics were made for", async () => {
    const stale = missing(diagnostics, "governance");
    await client.change(uri, 3, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "" },
    ]);
    // Version 3 is being debounced: until it is published, version-2 fixes would land in the wrong place.
    const actions = await codeActions(client, uri, [stale]);
    expect(actions).toEqual([]);
    await client.waitForDiagnostics(uri, { version: 3 });
  });

  it("codeAction: a weak clause offers all missing elements at once (preferred) and then each one", async () => {
    const current = client.published(uri).at(-1)!.diagnostics;
    const weak = byCode(current, "weak-clause").find((d) => clauseOf(d) === "exclusivity")!;
    const actions = await codeActions(client, uri, [weak]);
    const fixes = (weak.data as DiagnosticData).fixes!;
    expect(actions.map((a) => a.title)).toEqual([...fixes.map((f) => f.title), "Ignore weak-clause here"]);
    expect(actions.map((a) => a.isPreferred === true)).toEqual(actions.map((_, i) => i === 0));
    expect(actions[0]!.title).toMatch(/^Add the \d+ missing provisions to Exclusivity$/);
  });

  it("codeAction: ignores other sources' diagnostics, junk in data, and rule ids or ranges it did not make", async () => {
    const foreign = { ...diagnostics[0]!, source: "markdownlint" };
    const junk = {
      ...diagnostics[0]!,
      data: { fixes: [{ title: "x", edits: [{ range: null, snippet: 3 }] }, "nonsense"] },
    };
    const unknownRule = { ...diagnostics[0]!, code: "no-such-rule", data: {} };
    const noRange = {
      ...diagnostics[0]!,
      range: { start: { line: "x" } },
      data: {},
    } as unknown as Diagnostic;
    // Junk data costs the diagnostic its data fixes, not the Ignore fix its rule and line make.
    expect(
      (await codeActions(client, uri, [foreign, junk, unknownRule, noRange])).map((a) => a.title),
    ).toEqual([`Ignore ${String(diagnostics[0]!.code)} here`]);
  });

  it("codeAction (automatic trigger): no 'Insert clause…' refactorings, so agreements do not get a lightbulb on every line", async () => {
    const range = { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } };
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range,
      context: { diagnostics: [], triggerKind: 2 },
    });
    expect(actions).toEqual([]);
  });

  it("codeAction (invoked): one 'Insert clause: …' refactoring per template fitting out-licensing/licensor, inserting at the cursor line's start", async () => {
    const current = sampleText(DRAFT);
    const line = lineOf(current, "## 6. Information and Reporting");
    const range = { start: { line, character: 7 }, end: { line, character: 7 } };
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range,
      context: { diagnostics: [], triggerKind: 1 },
    });
    const expected = builtin().clauses.flatMap((c) =>
      templatesFor(c, { model: "out-licensing", party: "licensor" }).map(
        (t) => `Insert clause: ${c.def.title}: ${t.title}`,
      ),
    );
    expect(actions.map((a) => a.title)).toEqual(expected);
    for (const action of actions) {
      expect(action.kind).toBe("refactor");
      const { edit } = onlyEdit(action);
      expect(edit.range).toEqual({ start: { line, character: 0 }, end: { line, character: 0 } });
      // Inserted before Article 6, it is numbered 5A in the document's "## N. Title" style.
      expect((edit as TextEdit).newText).toMatch(/^## 5A\. /);
    }
  });

  it("codeAction (only: quickfix): no refactorings even when invoked", async () => {
    const range = { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } };
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range,
      context: { diagnostics: [], triggerKind: 1, only: ["quickfix"] },
    });
    expect(actions).toEqual([]);
  });
});

describe("textDocument/codeAction (snippet edits, LSP 3.18)", () => {
  let client: LspTestClient;
  const uri = sampleUri(DRAFT);
  const text = sampleText(DRAFT);
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    ({ client } = await LspTestClient.start({ capabilities: SNIPPET_CAPS }));
    await client.open(uri, text);
    ({ diagnostics } = await client.waitForDiagnostics(uri, { version: 1 }));
  });
  afterAll(() => client.stop());

  it("codeAction: with workspace.workspaceEdit.snippetEditSupport the fix is a SnippetTextEdit with tab stops", async () => {
    const reversion = missing(diagnostics, "reversion");
    const [action] = await codeActions(client, uri, [reversion]);
    const { version, edit } = onlyEdit(action!);
    expect(version).toBe(1);
    const snippet = (edit as SnippetTextEdit).snippet;
    expect(snippet.kind).toBe("snippet");
    expect(snippet.value).toBe((reversion.data as DiagnosticData).fixes![0]!.edits[0]!.snippet);
    expect(snippet.value).toMatch(/\$\{1[:|]/);
  });

  it("codeAction: the snippet and the plain edit insert the same text once the placeholders take their defaults", async () => {
    const { client: plain } = await LspTestClient.start();
    try {
      await plain.open(uri, text);
      const plainDiagnostics = (await plain.waitForDiagnostics(uri, { version: 1 })).diagnostics;
      for (const clause of ["reversion", "governance"]) {
        const [snippetAction] = await codeActions(client, uri, [missing(diagnostics, clause)]);
        const [plainAction] = await codeActions(plain, uri, [missing(plainDiagnostics, clause)]);
        const snippet = (onlyEdit(snippetAction!).edit as SnippetTextEdit).snippet.value;
        expect((onlyEdit(plainAction!).edit as TextEdit).newText).toBe(snippetToPlain(snippet));
      }
    } finally {
      await plain.stop();
    }
  });
});

describe("textDocument/codeAction: $ in clause text", () => {
  const playbook = new Playbook();
  playbook.write("escrow.yaml", dollarClause());
  const uri = sampleUri(DRAFT);
  const configuration = () => ({ libraryPaths: [playbook.dir] });
  afterAll(() => playbook.remove());

  async function escrowEdit(capabilities?: object) {
    const { client } = await LspTestClient.start({
      configuration,
      ...(capabilities ? { capabilities } : {}),
    });
    try {
      await client.open(uri, sampleText(DRAFT));
      const { diagnostics } = await client.waitForDiagnostics(uri, { version: 1 });
      const [action] = await codeActions(client, uri, [missing(diagnostics, "escrow")]);
      return onlyEdit(action!).edit;
    } finally {
      await client.stop();
    }
  }

  it("codeAction: a heading with '$100,000' is escaped in the snippet (no tab stop) and literal in plain text", async () => {
    const snippet = ((await escrowEdit(SNIPPET_CAPS)) as SnippetTextEdit).snippet.value;
    expect(snippet).toContain("Escrow of \\$100,000 {Floor\\}");
    expect(snippetToPlain(snippet)).toContain("Escrow of $100,000 {Floor}");
    const plain = ((await escrowEdit()) as TextEdit).newText;
    expect(plain).toContain("Escrow of $100,000 {Floor}");
    expect(plain).not.toContain("\\$");
  });
});
