/**
 * What package.json contributes must match the code: a setting for every field the normaliser
 * returns, a severity entry and a docs/rules.md section for every rule, the commands the client
 * registers, and files that exist. A test fails when one drifts from the other.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../server/src/core/rules";
import { LIBRARY_ERROR_RULE } from "../../server/src/shared/protocol";
import { normalizeSettings } from "../../server/src/shared/settings";
import { SHOW_COVERAGE_COMMAND } from "../../server/src/lsp/codeLens";

const ROOT = path.resolve(__dirname, "../..");

interface Manifest {
  main: string;
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string }>;
    configuration: {
      properties: Record<
        string,
        {
          markdownDescription?: string;
          description?: string;
          properties?: Record<string, unknown>;
          default?: unknown;
        }
      >;
    };
    yamlValidation: Array<{ fileMatch: string[]; url: string }>;
    snippets: Array<{ language: string; path: string }>;
  };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Manifest;
const properties = manifest.contributes.configuration.properties;
const ruleIds = [...RULES.map((r) => r.id), LIBRARY_ERROR_RULE];

describe("package.json contributes", () => {
  it("a described setting for every field of the normalised settings, and nothing else", () => {
    const fields = Object.keys(normalizeSettings(null)).map((k) => `clauseChecker.${k}`);
    expect(Object.keys(properties).sort()).toEqual(fields.sort());
    for (const p of Object.values(properties)) expect(p.markdownDescription ?? p.description).toBeTruthy();
  });

  it("setting defaults equal the normaliser's defaults", () => {
    const defaults = normalizeSettings(null) as unknown as Record<string, unknown>;
    for (const [key, p] of Object.entries(properties))
      expect(p.default, key).toEqual(defaults[key.slice("clauseChecker.".length)]);
  });

  it("a severity entry for every rule", () => {
    expect(Object.keys(properties["clauseChecker.severity"]!.properties!).sort()).toEqual(
      [...ruleIds].sort(),
    );
  });

  it("a docs/rules.md section for every rule, so every codeDescription link lands", () => {
    const headings = readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8")
      .split("\n")
      .filter((l) => /^## [a-z-]+$/.test(l))
      .map((l) => l.slice(3));
    expect(headings.sort()).toEqual([...ruleIds].sort());
  });

  it("the commands the client registers, each with a title, the code lens command among them", () => {
    const source = readFileSync(path.join(ROOT, "client", "src", "extension.ts"), "utf8");
    const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]);
    expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual(registered.sort());
    expect(registered).toContain(SHOW_COVERAGE_COMMAND);
  });

  it("activation on Markdown and plain text; libraryPaths restricted in untrusted workspaces", () => {
    expect(manifest.activationEvents).toEqual(["onLanguage:markdown", "onLanguage:plaintext"]);
    expect(manifest.capabilities.untrustedWorkspaces).toMatchObject({
      supported: "limited",
      restrictedConfigurations: ["clauseChecker.libraryPaths"],
    });
  });

  it("schema and snippet files that exist and parse", () => {
    for (const v of manifest.contributes.yamlValidation)
      expect(existsSync(path.join(ROOT, v.url)), v.url).toBe(true);
    expect(manifest.contributes.yamlValidation[0]!.fileMatch).toEqual([
      "**/clause-library/*.yaml",
      "**/playbooks/**/*.yaml",
    ]);
    for (const s of manifest.contributes.snippets) {
      const snippets = JSON.parse(readFileSync(path.join(ROOT, s.path), "utf8")) as Record<
        string,
        { body: string[] }
      >;
      expect(Object.values(snippets)[0]!.body.join("\n")).toMatch(
        /^---\nagreement:\n {2}model: \$\{1\|out-licensing,co-development,newco\|\}/,
      );
    }
  });
});
