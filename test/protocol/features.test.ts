/**
 * The read-only features over one open agreement: hover on clause headings, the section tree as
 * document symbols, heading completions, code lenses, and the custom requests the VS Code commands
 * use (templates, coverage, library files).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeLens,
  CompletionItem,
  DocumentSymbol,
  Hover,
  MarkupContent,
  SymbolInformation,
  TextEdit,
} from "vscode-languageserver";
import { templatesFor } from "../../server/src/core/fixes";
import type { CoverageResult, LibraryFileItem, TemplatesResult } from "../../server/src/shared/protocol";
import { builtin } from "../helpers";
import { lineOf, LspTestClient, sampleText, sampleUri } from "./lspClient";

const DRAFT = "out-licensing-draft.md";
const uri = sampleUri(DRAFT);
const text = sampleText(DRAFT);
const fitting = builtin().clauses.flatMap((c) =>
  templatesFor(c, { model: "out-licensing", party: "licensor" }),
);

describe("language features on the out-licensing draft", () => {
  let client: LspTestClient;
  beforeAll(async () => {
    ({ client } = await LspTestClient.start());
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, { version: 1 });
  });
  afterAll(() => client.stop());

  const hover = (line: number, character = 3) =>
    client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri },
      position: { line, character },
    });

  it("textDocument/hover on '## 4. Diligence': status, present and missing elements, and the library's explanation", async () => {
    const line = lineOf(text, "## 4. Diligence");
    const result = (await hover(line))!;
    const contents = result.contents as MarkupContent;
    expect(contents.kind).toBe("markdown");
    expect(contents.value).toMatch(
      /^\*\*Diligence\*\* · weak · \d\/\d elements · required for out-licensing deals/,
    );
    expect(contents.value).toMatch(/^- ✓ /m);
    expect(contents.value).toMatch(/^- ✗ .*\(missing, required\)$/m);
    const explanation = builtin()
      .clauses.find((c) => c.def.id === "diligence")!
      .def.explanation.trim();
    expect(contents.value).toContain(explanation);
    expect(result.range).toEqual({
      start: { line, character: 0 },
      end: { line, character: "## 4. Diligence".length },
    });
  });

  it("textDocument/hover on a line that heads no clause (a definition, Article 9): null", async () => {
    expect(await hover(lineOf(text, '**"Affiliate"** means'))).toBeNull();
    expect(await hover(lineOf(text, "## 9. Confidentiality"))).toBeNull();
  });

  it("textDocument/documentSymbol: the article tree, 'number title', each labelled with the clause types it provides", async () => {
    const tree = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri },
    });
    // The H1 title holds the whole agreement; the articles are its children.
    expect(tree.map((s) => s.name)).toEqual(["Exclusive License Agreement"]);
    const symbols = tree[0]!.children!;
    const top = symbols.map((s) => s.name);
    expect(top).toContain("1 Definitions");
    expect(top).toContain("14 General Provisions");
    expect(top.indexOf("2 License Grant")).toBeLessThan(top.indexOf("3 Development and Regulatory Matters"));
    const diligence = symbols.find((s) => s.name === "4 Diligence")!;
    expect(diligence.detail).toContain("Diligence");
    expect(diligence.selectionRange.start.line).toBe(lineOf(text, "## 4. Diligence"));
    expect(diligence.range.start.line).toBe(diligence.selectionRange.start.line);
    expect(diligence.range.end.line).toBeLessThan(lineOf(text, "## 5. Clinical Supply"));
    const grant = symbols.find((s) => s.name === "2 License Grant")!;
    expect(grant.children!.map((c) => c.name)).toContain("2.1 Exclusive License");
    const milestones = diligence.children!.find((c) => c.name.startsWith("4.2"))!;
    expect(milestones.children!.map((c) => c.name.split(" ")[0])).toEqual(["(a)", "(b)", "(c)"]);
    expect(symbols.find((s) => s.name === "9 Confidentiality")!.detail).toBeUndefined();
  });

  it("textDocument/completion after '## ' on a new line: the fitting templates as snippets, numbered after the article above", async () => {
    const line = lineOf(text, "## 9. Confidentiality") - 1;
    // Version 2 adds "## " on the blank line before Article 9.
    await client.change(uri, 2, [
      { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: "## " },
    ]);
    const items = await client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri },
      position: { line, character: 3 },
    });
    expect(items.map((i) => i.label)).toEqual(
      builtin().clauses.flatMap((c) =>
        templatesFor(c, { model: "out-licensing", party: "licensor" }).map(
          (t) => `${c.def.title}: ${t.title}`,
        ),
      ),
    );
    expect(items).toHaveLength(fitting.length);
    for (const item of items) {
      expect(item.insertTextFormat).toBe(2);
      const edit = item.textEdit as TextEdit;
      expect(edit.range).toEqual({ start: { line, character: 0 }, end: { line, character: 3 } });
      // Article 8 is above and 9 exists, so the new article is 8A.
      expect(edit.newText).toMatch(/^## 8A\. /);
      expect(edit.newText).toMatch(/\$\{1[:|]/);
      expect(item.filterText!.startsWith("## ")).toBe(true);
    }
    await client.change(uri, 3, [
      { range: { start: { line, character: 0 }, end: { line, character: 3 } }, text: "" },
    ]);
  });

  it("textDocument/completion after '12. ' keeps the typed number; inside a paragraph there is nothing", async () => {
    const line = lineOf(text, "## 9. Confidentiality") - 1;
    await client.change(uri, 4, [
      { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: "## 12. " },
    ]);
    const items = await client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri },
      position: { line, character: 7 },
    });
    expect((items[0]!.textEdit as TextEdit).newText).toMatch(/^## 12\. \S/);
    await client.change(uri, 5, [
      { range: { start: { line, character: 0 }, end: { line, character: 7 } }, text: "" },
    ]);
    const para = lineOf(text, "**4.1 Diligence Obligation.**");
    expect(
      await client.request<CompletionItem[]>("textDocument/completion", {
        textDocument: { uri },
        position: { line: para, character: 20 },
      }),
    ).toEqual([]);
  });

  it("textDocument/codeLens: 'Title · status · n/m elements' over each clause the draft has, opening the coverage report", async () => {
    const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
    const titles = lenses.map((l) => l.command!.title);
    expect(titles.find((t) => t.startsWith("Exclusivity"))).toMatch(/^Exclusivity · weak · \d\/6 elements$/);
    expect(titles.find((t) => t.startsWith("Diligence"))).toMatch(/^Diligence · weak · \d\/\d elements$/);
    expect(titles.some((t) => t.startsWith("Reversion"))).toBe(false);
    const diligence = lenses.find((l) => l.command!.title.startsWith("Diligence"))!;
    expect(diligence.range.start.line).toBe(lineOf(text, "## 4. Diligence"));
    expect(diligence.command!.command).toBe("clauseChecker.showCoverage");
    expect(diligence.command!.arguments).toEqual([uri]);
  });

  it("clauseChecker/coverage: a Markdown report with the nine clauses, their status, sections and missing elements", async () => {
    const report = await client.request<CoverageResult>("clauseChecker/coverage", { textDocument: { uri } });
    expect(report.title).toBe("Clause coverage: out-licensing-draft.md");
    const rows = report.markdown.split("\n").filter((l) => /^\| (?!Clause|---)/.test(l));
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r.startsWith("| Reversion"))).toMatch(
      /\| required \| ✗ missing \| — \| 0\/6 \|$/,
    );
    expect(rows.find((r) => r.startsWith("| Diligence"))).toMatch(/\| ⚠ weak \| .*4 Diligence/);
    expect(report.markdown).toMatch(/^### Exclusivity \(weak\)$/m);
  });

  it("clauseChecker/templates: the fitting templates with a preview and the cursor line's start as insertion point", async () => {
    const line = lineOf(text, "## 6. Information and Reporting");
    const result = await client.request<TemplatesResult>("clauseChecker/templates", {
      textDocument: { uri },
      position: { line, character: 5 },
    });
    expect(result.agreement).toBe(true);
    expect(result.items).toHaveLength(fitting.length);
    for (const item of result.items) {
      expect(item.insertAt).toEqual({ line, character: 0 });
      expect(item.preview.length).toBeGreaterThan(20);
      expect(item.snippet).toMatch(/^## 5A\. /);
    }
  });

  it("clauseChecker/libraryFiles: the built-in clause files", async () => {
    const files = await client.request<LibraryFileItem[]>("clauseChecker/libraryFiles", {
      textDocument: { uri },
    });
    expect(files.map((f) => f.label)).toContain("exclusivity.yaml");
    expect(files.every((f) => f.description === "built-in" && f.uri.startsWith("file:///"))).toBe(true);
  });

  it("textDocument/hover with malformed params: answered with null and logged; the server keeps serving", async () => {
    expect(await client.request("textDocument/hover", {})).toBeNull();
    const log = await client.waitFor(
      () =>
        client.notifications.find(
          (n) =>
            n.method === "window/logMessage" &&
            /textDocument\/hover failed/.test((n.params as { message: string }).message),
        ),
      "a log message",
    );
    expect(log).toBeDefined();
    const line = lineOf(text, "## 4. Diligence");
    expect(
      await client.request("textDocument/hover", { textDocument: { uri }, position: { line, character: 3 } }),
    ).not.toBeNull();
  });

  it("requests on ordinary Markdown: no hover, symbols, lenses or completions; the templates request says it is no agreement", async () => {
    const notes = sampleUri("not-an-agreement.md");
    await client.open(notes, sampleText("not-an-agreement.md"));
    expect(await client.request("textDocument/documentSymbol", { textDocument: { uri: notes } })).toEqual([]);
    expect(await client.request("textDocument/codeLens", { textDocument: { uri: notes } })).toEqual([]);
    expect(
      await client.request("textDocument/hover", {
        textDocument: { uri: notes },
        position: { line: 0, character: 2 },
      }),
    ).toBeNull();
    expect(
      await client.request("clauseChecker/templates", {
        textDocument: { uri: notes },
        position: { line: 0, character: 0 },
      }),
    ).toEqual({ agreement: false, items: [] });
  });
});

describe("language features for a minimal client", () => {
  it("textDocument/completion without snippet support: plain text, placeholders at their defaults", async () => {
    const { client } = await LspTestClient.start({
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } },
    });
    try {
      const line = lineOf(text, "## 9. Confidentiality") - 1;
      await client.open(
        uri,
        text
          .split("\n")
          .map((l, i) => (i === line ? "## " : l))
          .join("\n"),
      );
      const items = await client.request<CompletionItem[]>("textDocument/completion", {
        textDocument: { uri },
        position: { line, character: 3 },
      });
      expect(items.length).toBe(fitting.length);
      for (const item of items) {
        expect(item.insertTextFormat).toBe(1);
        expect((item.textEdit as TextEdit).newText).not.toMatch(/\$\{?\d/);
      }
    } finally {
      await client.stop();
    }
  });

  it("textDocument/documentSymbol without hierarchical support: flat SymbolInformation with container names", async () => {
    const { client } = await LspTestClient.start({
      capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: false } } },
    });
    try {
      await client.open(uri, text);
      const symbols = await client.request<SymbolInformation[]>("textDocument/documentSymbol", {
        textDocument: { uri },
      });
      expect(symbols[0]!.name).toBe("Exclusive License Agreement");
      expect(symbols.find((s) => s.name.startsWith("4 Diligence"))!.containerName).toBe(
        "Exclusive License Agreement",
      );
      const exclusive = symbols.find((s) => s.name.startsWith("2.1 Exclusive License"))!;
      expect(exclusive.containerName).toBe("2 License Grant");
      expect(exclusive.location.uri).toBe(uri);
    } finally {
      await client.stop();
    }
  });
});
