/**
 * The LSP layer's text-producing paths: fixes to workspace edits (snippet or plain), the typed
 * heading a completion completes, and template insertions, whose literal text must be escaped so a
 * "$100,000" never becomes a tab stop.
 */
import { describe, expect, it } from "vitest";
import type { TextDocumentEdit } from "vscode-languageserver";
import { compileLibrary } from "../../server/src/core/library";
import { snippetToPlain } from "../../server/src/core/snippet";
import type { Fix } from "../../server/src/core/types";
import { templateInsertions, typedHeading } from "../../server/src/lsp/templates";
import { fixToWorkspaceEdit } from "../../server/src/lsp/workspaceEdit";
import { analyzer, builtin, skeleton } from "../helpers";
import { Analyzer } from "../../server/src/core/analyze";

const at = { line: 3, character: 0 };
const fix: Fix = {
  title: "Insert",
  edits: [{ range: { start: at, end: at }, snippet: "within ${1:30} days of \\$100,000 and \\} \\\\ end$0" }],
};

describe("fixToWorkspaceEdit", () => {
  it("sends SnippetTextEdits in a versioned TextDocumentEdit when the client supports them", () => {
    const edit = fixToWorkspaceEdit(fix, "file:///a.md", 7, { snippetEdits: true, documentChanges: true });
    const change = edit.documentChanges![0] as TextDocumentEdit;
    expect(change.textDocument).toEqual({ uri: "file:///a.md", version: 7 });
    expect(change.edits).toEqual([
      { range: fix.edits[0]!.range, snippet: { kind: "snippet", value: fix.edits[0]!.snippet } },
    ]);
  });

  it("sends plain TextEdits with placeholder defaults and unescaped text otherwise", () => {
    const edit = fixToWorkspaceEdit(fix, "file:///a.md", 7, { snippetEdits: false, documentChanges: true });
    const change = edit.documentChanges![0] as TextDocumentEdit;
    expect(change.edits).toEqual([
      { range: fix.edits[0]!.range, newText: "within 30 days of $100,000 and } \\ end" },
    ]);
  });

  it("falls back to `changes` for clients without documentChanges", () => {
    const edit = fixToWorkspaceEdit(fix, "file:///a.md", 7, { snippetEdits: false, documentChanges: false });
    expect(edit.documentChanges).toBeUndefined();
    expect(edit.changes).toEqual({
      "file:///a.md": [{ range: fix.edits[0]!.range, newText: "within 30 days of $100,000 and } \\ end" }],
    });
  });
});

describe("typedHeading", () => {
  it.each([
    ["## ", { hashes: "##", articleWord: "", number: "" }],
    ["### 7. ", { hashes: "###", articleWord: "", number: "7" }],
    ["## 12", { hashes: "##", articleWord: "", number: "12" }],
    ["7.", { hashes: "", articleWord: "", number: "7" }],
    ["  7. ", { hashes: "", articleWord: "", number: "7" }],
    ["ARTICLE 7 ", { hashes: "", articleWord: "ARTICLE", number: "7" }],
    ["## Article VII", { hashes: "##", articleWord: "Article", number: "VII" }],
  ])("reads %j", (before, expected) => {
    expect(typedHeading(before)).toEqual(expected);
  });

  it.each(["", "7 ", "##", "## Intro", "## I", "ARTICLE ", "The Licensee shall", "7.1 "])(
    "rejects %j",
    (before) => {
      expect(typedHeading(before)).toBeNull();
    },
  );
});

describe("templateInsertions", () => {
  const doc = skeleton(
    "## 2. License Grant\n\nLicensor hereby grants to Licensee an exclusive license in the Territory.\n\n## 3. Payments\n\nLicensee shall pay USD 1,000,000.",
  );
  const result = analyzer().analyze(doc);
  const line = doc.split("\n").findIndex((l) => l.startsWith("## 3. Payments"));

  it("offers the templates that fit the deal, numbered after the article before the line", () => {
    const items = templateInsertions(result, builtin(), "markdown", line);
    expect(result.agreement).toBe(true);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.template.models).toContain("out-licensing");
      expect(item.template.parties).toContain("licensor");
      expect(item.number).toBe("2A");
      expect(item.snippet).toMatch(new RegExp(`^## 2A\\. ${item.clause.def.title}\\n\\n`));
      // The line's own text is pushed down, one blank line apart.
      expect(item.snippet.endsWith("\n\n")).toBe(true);
    }
  });

  it("completes a typed heading with its own number", () => {
    const items = templateInsertions(result, builtin(), "markdown", line, {
      hashes: "##",
      articleWord: "",
      number: "9",
    });
    expect(items[0]!.snippet).toMatch(/^## 9\. \S/);
    expect(items[0]!.snippet.endsWith("\n")).toBe(false);
  });

  it("escapes $, } and \\ of library titles, so the plain text reads as written", () => {
    const source = builtin().source;
    const custom = source.clauses.map((c) =>
      c.id === "governance" ? { ...c, title: "Escrow of $100,000 {floor} \\ cap" } : c,
    );
    const library = compileLibrary({ ...source, clauses: custom });
    const r = new Analyzer(library).analyze(doc);
    const item = templateInsertions(r, library, "markdown", line).find(
      (i) => i.clause.def.id === "governance",
    )!;
    expect(item.snippet).toContain("Escrow of \\$100,000 {floor\\} \\\\ cap");
    expect(snippetToPlain(item.snippet)).toContain("Escrow of $100,000 {floor} \\ cap");
  });
});
