/**
 * Defined terms and section references in the editor, over the wire: go to definition, find
 * references, prepareRename/rename (and its refusals), hover on a term; then suppression end to end:
 * a disable-next-line comment, the "Ignore <rule> here" quick fix, and unknown rule ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeAction,
  Diagnostic,
  Hover,
  Location,
  LocationLink,
  MarkupContent,
  Position,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver";
import { NOT_A_TERM } from "../../server/src/lsp/rename";
import { applyEdits, byCode, lineOf, LspTestClient, sampleText, sampleUri, textAt } from "./lspClient";

const SAMPLE = "co-development-agreement.md";
// The sample refers to Section 5.2 nowhere; one sentence of Article 13 does here, as a draft would.
const LIABLE =
  "Licensee remains liable for its share of non-cancellable Development Costs committed before the notice.";
const text = sampleText(SAMPLE).replace(LIABLE, LIABLE.replace(/\.$/, " under Section 5.2."));
const uri = sampleUri("navigation-co-development.md");

/** The position of the `nth` occurrence (0-based) of `needle` in a text, `offset` characters into it. */
function positionOf(source: string, needle: string, nth = 0, offset = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = source.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  const before = source.slice(0, at + offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** The range of `needle` found on the line starting with `linePrefix`. */
function rangeOn(source: string, linePrefix: string, needle: string): Range {
  const line = lineOf(source, linePrefix);
  const character = source.split("\n")[line]!.indexOf(needle);
  if (character < 0) throw new Error(`"${needle}" is not on the line starting ${linePrefix}`);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function count(source: string, re: RegExp): number {
  return [...source.matchAll(re)].length;
}

describe("navigation over defined terms and section references", () => {
  let client: LspTestClient;
  let capabilities: Record<string, unknown>;
  beforeAll(async () => {
    const started = await LspTestClient.start({
      capabilities: {
        textDocument: { rename: { prepareSupport: true }, definition: { linkSupport: false } },
      },
    });
    client = started.client;
    capabilities = started.result.capabilities as Record<string, unknown>;
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, { version: 1 });
  });
  afterAll(() => client.stop());

  const at = (position: Position) => ({ textDocument: { uri }, position });

  it("initialize: advertises definition, references and rename with prepareRename", () => {
    expect(capabilities.definitionProvider).toBe(true);
    expect(capabilities.referencesProvider).toBe(true);
    expect(capabilities.renameProvider).toEqual({ prepareProvider: true });
  });

  it("definition: a defined term used in 5.2 goes to the quoted term in its definition", async () => {
    const use = positionOf(text, "Development Costs shall be borne", 0, 3);
    const result = await client.request<Location[]>("textDocument/definition", at(use));
    expect(result).toEqual([
      { uri, range: rangeOn(text, '**"Development Costs"** means', "Development Costs") },
    ]);
  });

  it("definition: 'Section 5.2' goes to the heading of 5.2, from the number or the word", async () => {
    const expected = [{ uri, range: rangeOn(text, "**5.2 Cost Sharing.**", "5.2 Cost Sharing") }];
    expect(
      await client.request("textDocument/definition", at(positionOf(text, "Section 5.2", 0, 9))),
    ).toEqual(expected);
    expect(
      await client.request("textDocument/definition", at(positionOf(text, "Section 5.2", 0, 2))),
    ).toEqual(expected);
    // Article 14 resolves to its Markdown heading.
    const article = await client.request<Location[]>(
      "textDocument/definition",
      at(positionOf(text, "Article 14 applies", 0, 8)),
    );
    expect(article).toEqual([
      { uri, range: rangeOn(text, "## 14. Effects of Termination", "14. Effects of Termination; Reversion") },
    ]);
  });

  it("definition: nothing on a word that is neither a term nor a reference", async () => {
    expect(
      await client.request("textDocument/definition", at(positionOf(text, "shall be borne", 0, 1))),
    ).toBeNull();
  });

  it("definition: a client with link support gets the whole term under the cursor as the link's origin", async () => {
    const { client: linking } = await LspTestClient.start({
      capabilities: { textDocument: { definition: { linkSupport: true } } },
    });
    try {
      await linking.open(uri, text);
      const links = await linking.request<LocationLink[]>(
        "textDocument/definition",
        at(positionOf(text, "Development Costs shall be borne", 0, 14)),
      );
      expect(links).toHaveLength(1);
      expect(links[0]!.originSelectionRange).toEqual(
        rangeOn(text, "**5.2 Cost Sharing.**", "Development Costs"),
      );
      expect(links[0]!.targetSelectionRange).toEqual(
        rangeOn(text, '**"Development Costs"** means', "Development Costs"),
      );
    } finally {
      await linking.stop();
    }
  });

  it("references: every use of a term, with or without its definition", async () => {
    // Singular uses count too: "charged at Manufacturing Cost as a Development Cost" (7.1).
    const uses = count(text, /\bDevelopment Costs?\b/g);
    expect(uses).toBeGreaterThan(count(text, /\bDevelopment Costs\b/g));
    const position = positionOf(text, "Development Costs shall be borne");
    const all = await client.request<Location[]>("textDocument/references", {
      ...at(position),
      context: { includeDeclaration: true },
    });
    expect(all).toHaveLength(uses);
    for (const l of all) expect(textAt(text, l.range)).toMatch(/^Development Costs?$/);
    const withoutDefinition = await client.request<Location[]>("textDocument/references", {
      ...at(position),
      context: { includeDeclaration: false },
    });
    expect(withoutDefinition).toHaveLength(uses - 1);
    expect(withoutDefinition.map((l) => l.range)).not.toContainEqual(
      rangeOn(text, '**"Development Costs"** means', "Development Costs"),
    );
  });

  it("references: every reference to a section, in any list it sits in, and its heading as the declaration", async () => {
    const position = positionOf(text, "Section 5.5", 0, 9);
    const refs = await client.request<Location[]>("textDocument/references", {
      ...at(position),
      context: { includeDeclaration: false },
    });
    // "under Section 5.5 or 6.5" (3.4) and "under Section 5.5, 6.5, 13.2, …" (14.4).
    expect(refs.map((l) => [l.range.start.line, textAt(text, l.range)])).toEqual([
      [lineOf(text, "**3.4 Conversion"), "5.5"],
      [lineOf(text, "**14.4 Transition"), "5.5"],
    ]);
    const withHeading = await client.request<Location[]>("textDocument/references", {
      ...at(position),
      context: { includeDeclaration: true },
    });
    expect(withHeading).toHaveLength(3);
    expect(withHeading[1]!.range).toEqual(
      rangeOn(text, "**5.5 Consequences of Failure.**", "5.5 Consequences of Failure"),
    );
  });

  it("hover on a term shows its definition; on the definition itself, nothing", async () => {
    const hover = await client.request<Hover>(
      "textDocument/hover",
      at(positionOf(text, "Development Costs shall be borne", 0, 5)),
    );
    const contents = hover.contents as MarkupContent;
    expect(contents.kind).toBe("markdown");
    expect(contents.value).toBe(
      '**Development Costs**\n\n"Development Costs" means the costs incurred by a Party in performing the Global Development Plan, in accordance with its budget.',
    );
    expect(hover.range).toEqual(rangeOn(text, "**5.2 Cost Sharing.**", "Development Costs"));
    const onDefinition = await client.request<Hover | null>(
      "textDocument/hover",
      at(positionOf(text, '**"Development Costs"** means', 0, 5)),
    );
    expect(onDefinition).toBeNull();
  });

  it("hover on a section reference shows the heading it points at", async () => {
    const hover = await client.request<Hover>(
      "textDocument/hover",
      at(positionOf(text, "Section 5.2", 0, 9)),
    );
    const value = (hover.contents as MarkupContent).value;
    expect(value).toMatch(
      /^\*\*Section 5\.2\*\*\n\n5\.2 Cost Sharing\. Development Costs shall be borne sixty-five percent/,
    );
  });

  it("prepareRename: the occurrence under the cursor and the term as defined", async () => {
    const plural = positionOf(text, "Licensed Products", 0, 3);
    const result = await client.request<{ range: Range; placeholder: string }>(
      "textDocument/prepareRename",
      at(plural),
    );
    expect(result.placeholder).toBe("Licensed Product");
    expect(textAt(text, result.range)).toBe("Licensed Products");
  });

  it("rename: changes the definition and every use, plurals kept, and leaves no undefined term", async () => {
    const before = count(text, /\bLicensed Products?\b/g);
    const plurals = count(text, /\bLicensed Products\b/g);
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", {
      ...at(positionOf(text, "Licensed Product", 2, 2)),
      newName: "Collaboration Product",
    });
    const [change, ...more] = edit.documentChanges as TextDocumentEdit[];
    expect(more).toHaveLength(0);
    expect(change!.textDocument).toEqual({ uri, version: 1 });
    expect(change!.edits).toHaveLength(before);
    const renamed = applyEdits(text, change!.edits as TextEdit[]);
    expect(renamed).not.toMatch(/\bLicensed Products?\b/);
    expect(count(renamed, /\bCollaboration Products?\b/g)).toBe(before);
    expect(count(renamed, /\bCollaboration Products\b/g)).toBe(plurals);
    expect(renamed).toContain(
      '**"Collaboration Product"** means any product containing the Licensed Antibody.',
    );

    const renamedUri = sampleUri("navigation-renamed.md");
    const originalUndefined = byCode(
      (await client.waitForDiagnostics(uri, { version: 1 })).diagnostics,
      "undefined-term",
    );
    await client.open(renamedUri, renamed);
    const { diagnostics } = await client.waitForDiagnostics(renamedUri, { version: 1 });
    expect(byCode(diagnostics, "undefined-term")).toEqual(originalUndefined);
    expect(byCode(diagnostics, "undefined-term")).toEqual([]);
    await client.close(renamedUri);
  });

  it("rename: refused with a message the editor shows, for a taken name, a quoted name and a non-term", async () => {
    const rename = (position: Position, newName: string) =>
      client.request("textDocument/rename", { ...at(position), newName });
    const term = positionOf(text, "Development Costs shall be borne");
    await expect(rename(term, "Net Sales")).rejects.toThrow(
      '"Net Sales" is already defined in this agreement.',
    );
    await expect(rename(term, 'Shared "Costs"')).rejects.toThrow(
      "A defined term cannot be empty or contain quotes or line breaks.",
    );
    await expect(rename(positionOf(text, "shall be borne", 0, 1), "Anything")).rejects.toThrow(NOT_A_TERM);
    await expect(rename(positionOf(text, "Section 5.2", 0, 9), "Anything")).rejects.toThrow(NOT_A_TERM);
    await expect(
      client.request("textDocument/prepareRename", at(positionOf(text, "shall be borne", 0, 1))),
    ).rejects.toThrow(NOT_A_TERM);
  });
});

const DRAFT = "out-licensing-draft.md";
const ORDERS = "**5.2 Orders and Delivery.**";

function vagueOn(diagnostics: Diagnostic[], line: number): Diagnostic[] {
  return byCode(diagnostics, "vague-obligation").filter((d) => d.range.start.line === line);
}

describe("suppression comments and the Ignore quick fix", () => {
  let client: LspTestClient;
  const draft = sampleText(DRAFT);
  beforeAll(async () => {
    ({ client } = await LspTestClient.start());
  });
  afterAll(() => client.stop());

  it("a disable-next-line comment above the 'promptly' line silences vague-obligation there, and only there", async () => {
    const original = sampleUri("suppression-original.md");
    await client.open(original, draft);
    const before = (await client.waitForDiagnostics(original, { version: 1 })).diagnostics;
    expect(vagueOn(before, lineOf(draft, ORDERS))).not.toEqual([]);

    const commented = draft.replace(
      ORDERS,
      `<!-- clause-checker-disable-next-line vague-obligation -->\n${ORDERS}`,
    );
    const suppressed = sampleUri("suppression-commented.md");
    await client.open(suppressed, commented);
    const after = (await client.waitForDiagnostics(suppressed, { version: 1 })).diagnostics;
    expect(vagueOn(after, lineOf(commented, ORDERS))).toEqual([]);
    // Every other vague obligation is still reported, and nothing is reported about the comment.
    expect(byCode(after, "vague-obligation")).toHaveLength(
      byCode(before, "vague-obligation").length - vagueOn(before, lineOf(draft, ORDERS)).length,
    );
    expect(byCode(after, "unknown-rule")).toEqual([]);
  });

  it("the 'Ignore vague-obligation here' quick fix writes the comment and the finding goes away", async () => {
    const fixUri = sampleUri("suppression-quickfix.md");
    await client.open(fixUri, draft);
    const { diagnostics } = await client.waitForDiagnostics(fixUri, { version: 1 });
    const [promptly] = vagueOn(diagnostics, lineOf(draft, ORDERS));
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: fixUri },
      range: promptly!.range,
      context: { diagnostics: [promptly], triggerKind: 1 },
    });
    const ignore = actions.find((a) => a.title === "Ignore vague-obligation here");
    expect(ignore, actions.map((a) => a.title).join(", ")).toBeDefined();
    const [change] = ignore!.edit!.documentChanges as TextDocumentEdit[];
    expect(change!.textDocument.version).toBe(1);
    const fixed = applyEdits(draft, change!.edits as TextEdit[]);
    expect(fixed).toContain(`<!-- clause-checker-disable-next-line vague-obligation -->\n${ORDERS}`);
    const published = client.published(fixUri).length;
    await client.change(fixUri, 2, [{ text: fixed }]);
    const after = (await client.waitForDiagnostics(fixUri, { version: 2, after: published })).diagnostics;
    expect(vagueOn(after, lineOf(fixed, ORDERS))).toEqual([]);
  });

  it("several findings on one line offer Ignore fixes named by their rules", async () => {
    const src = `${draft}\n`.replace(
      ORDERS,
      `${ORDERS} Licensee shall promptly pay USD [TBD] under Section 42.9.`,
    );
    const manyUri = sampleUri("suppression-many.md");
    await client.open(manyUri, src);
    const { diagnostics } = await client.waitForDiagnostics(manyUri, { version: 1 });
    const onLine = diagnostics.filter((d) => d.range.start.line === lineOf(src, ORDERS));
    const rules = new Set(onLine.map((d) => String(d.code)));
    expect([...rules]).toEqual(
      expect.arrayContaining(["vague-obligation", "placeholder", "broken-reference"]),
    );
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: manyUri },
      range: onLine[0]!.range,
      context: { diagnostics: onLine, triggerKind: 1 },
    });
    const ignores = actions.map((a) => a.title).filter((t) => t.startsWith("Ignore "));
    expect(new Set(ignores)).toEqual(new Set([...rules].map((r) => `Ignore ${r} here`)));
  });

  it("an unknown rule id in a comment is reported as unknown-rule on the id; analysis-limit is a known id", async () => {
    const src = draft.replace(
      ORDERS,
      `<!-- clause-checker-disable-next-line vague-obligaton -->\n<!-- clause-checker-disable-file analysis-limit -->\n${ORDERS}`,
    );
    const unknownUri = sampleUri("suppression-unknown.md");
    await client.open(unknownUri, src);
    const { diagnostics } = await client.waitForDiagnostics(unknownUri, { version: 1 });
    const unknown = byCode(diagnostics, "unknown-rule");
    expect(unknown.map((d) => d.message)).toEqual([
      'Unknown rule "vague-obligaton" in a clause-checker comment: did you mean "vague-obligation"?',
    ]);
    expect(textAt(src, unknown[0]!.range)).toBe("vague-obligaton");
    // A comment naming only an unknown id suppresses nothing.
    expect(vagueOn(diagnostics, lineOf(src, ORDERS))).not.toEqual([]);
  });
});
