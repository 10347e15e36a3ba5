/**
 * A team playbook is a file someone else wrote. Every way it can be broken is reported with the file,
 * line and field, in bounded time, and the rest of the library (built-in and the playbook's valid
 * files) keeps working.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compileLibrary } from "../../server/src/core/library";
import { loadBuiltinLibrary, readLibraryFolder, withPlaybooks } from "../../server/src/library/load";
import { analyzer, LIBRARY_DIR, skeleton } from "../helpers";

const SUPPLY = readFileSync(path.join(LIBRARY_DIR, "supply.yaml"), "utf8");
const dirs: string[] = [];

/** A playbook folder with the given files. */
function playbook(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cc-playbook-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The one error a folder with one broken file gives, as the user reads it (file name without the folder). */
function errorOf(files: Record<string, string>): string {
  const dir = playbook(files);
  const { errors } = readLibraryFolder(dir);
  expect(errors).toHaveLength(1);
  return errors[0]!.message.replace(dir + path.sep, "");
}

/** The supply file with one line replaced. */
function supplyWith(from: string, to: string): string {
  expect(SUPPLY).toContain(from);
  return SUPPLY.replace(from, to);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a broken playbook file", () => {
  it("bad YAML: the line of the syntax error", () => {
    expect(errorOf({ "supply.yaml": "id: supply\ntitle: a: b\nexplanation: x\n" })).toBe(
      "supply.yaml:2: invalid YAML: Nested mappings are not allowed in compact mappings",
    );
    expect(errorOf({ "supply.yaml": "id: supply\n\ttitle: x\n" })).toBe(
      "supply.yaml:2: invalid YAML: Tabs are not allowed as indentation",
    );
  });

  it("wrong schema: the field and what it must be", () => {
    expect(
      errorOf({ "supply.yaml": supplyWith("  out-licensing: required", "  out-licensing: mandatory") }),
    ).toBe("supply.yaml:13: deal.out-licensing: must be one of required, recommended, optional");
    expect(
      errorOf({
        "supply.yaml": supplyWith("title: Supply responsibilities", "titel: Supply responsibilities"),
      }),
    ).toMatch(/^supply\.yaml:\d+: (?:titel: unknown field "titel"|missing required field "title")$/);
  });

  it("unknown clause id: a suggestion, and how to add a new clause type", () => {
    expect(errorOf({ "supply.yaml": supplyWith("id: supply", "id: suply") })).toBe(
      'supply.yaml:4: id: unknown clause id "suply" (did you mean "supply"?); set custom: true to add a new clause type',
    );
  });

  it("duplicate ids: two files with one clause id, two elements with one id", () => {
    const dir = playbook({ "a.yaml": SUPPLY, "b.yaml": SUPPLY });
    const { errors, clauses } = readLibraryFolder(dir);
    expect(errors.map((e) => e.message)).toEqual([
      `${path.join(dir, "b.yaml")}:1: id: duplicate clause id "supply" (also in ${path.join(dir, "a.yaml")})`,
    ]);
    expect(clauses.map((c) => c.id)).toEqual(["supply"]);
    expect(errorOf({ "supply.yaml": supplyWith("  - id: sup.quality", "  - id: sup.clinical") })).toBe(
      'supply.yaml:75: elements.1.id: duplicate element id "sup.clinical"',
    );
  });

  it("a regular expression where a cue belongs, or a gap too wide: rejected, naming the cue's line", () => {
    expect(errorOf({ "supply.yaml": supplyWith('    - "purchase order*"\n', '    - "(a+)+$"\n') })).toMatch(
      /^supply\.yaml:39: detect\.phrases\.6: /,
    );
    expect(
      errorOf({ "supply.yaml": supplyWith('    - "failure ~2 to supply"', '    - "failure ~99 to supply"') }),
    ).toBe('supply.yaml:38: detect.phrases.5: cue "failure ~99 to supply": gap ~99 must be ~1 to ~10');
  });

  it("a file far larger than a clause file: refused before it is parsed", () => {
    const huge = SUPPLY + `# ${"padding ".repeat(200_000)}\n`;
    expect(errorOf({ "supply.yaml": huge })).toBe(
      "supply.yaml:1: file is 1.6 MB; a clause-library file may have at most 1 MB",
    );
  });

  it("a YAML alias bomb: an error, not a hang", () => {
    const bomb = ["id: supply", 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${"b".repeat(i)}: &${"b".repeat(i)} [${Array(9)
          .fill(i === 1 ? "*a" : `*${"b".repeat(i - 1)}`)
          .join(",")}]`,
      );
    expect(errorOf({ "supply.yaml": bomb.join("\n") + "\n" })).toMatch(/^supply\.yaml:\d+: /);
  });

  it("costs only that file: the playbook's valid files apply and the built-in library still judges", () => {
    const base = loadBuiltinLibrary(LIBRARY_DIR);
    const governance = readFileSync(path.join(LIBRARY_DIR, "governance.yaml"), "utf8").replace(
      "  out-licensing: recommended",
      "  out-licensing: required",
    );
    const dir = playbook({ "governance.yaml": governance, "supply.yaml": "id: supply\ntitle: [\n" });
    const { library, errors } = withPlaybooks(base, [dir]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe(path.join(dir, "supply.yaml"));
    const text = skeleton("## 2. Licence Grant\n\nLicensor grants Licensee an exclusive licence.\n");
    const severityOf = (lib: ReturnType<typeof compileLibrary> | undefined, clause: string) =>
      (lib
        ? new (analyzer().constructor as typeof import("../../server/src/core/analyze").Analyzer)(lib)
        : analyzer()
      )
        .analyze(text, { languageId: "markdown" })
        .findings.find((f) => f.rule === "missing-clause" && f.clause === clause)?.severity;
    // Governance is now required (an error), supply is still judged by the built-in definition.
    expect(severityOf(undefined, "governance")).toBe(2);
    expect(severityOf(compileLibrary(library), "governance")).toBe(1);
    expect(severityOf(compileLibrary(library), "supply")).toBe(1);
  });
});
