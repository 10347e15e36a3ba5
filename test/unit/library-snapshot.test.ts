/**
 * The built-in library's snapshot (dist/builtin-library.json, written by the build) stands in for
 * its YAML only while it was made from the same files: it loads to exactly what parsing gives, and a
 * changed file, a broken snapshot or none at all falls back to parsing.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LibraryError } from "../../server/src/core/library";
import {
  loadBuiltinLibrary,
  readLibraryFolder,
  SNAPSHOT_FILE,
  writeSnapshot,
} from "../../server/src/library/load";
import { LIBRARY_DIR } from "../helpers";

const roots: string[] = [];

/** A copy of the built-in library as an extension holds it: `clause-library/` and `dist/` side by side. */
function extensionCopy(): { dir: string; snapshot: string } {
  const root = mkdtempSync(path.join(tmpdir(), "cc-snapshot-"));
  roots.push(root);
  const dir = path.join(root, "clause-library");
  cpSync(LIBRARY_DIR, dir, { recursive: true });
  mkdirSync(path.join(root, "dist"));
  return { dir, snapshot: path.join(root, "dist", SNAPSHOT_FILE) };
}

/** What parsing the folder's YAML gives, as loadBuiltinLibrary returns it. */
function parsed(dir: string) {
  const folder = readLibraryFolder(dir);
  expect(folder.errors).toEqual([]);
  return { clauses: folder.clauses, vague: folder.vague };
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("built-in library snapshot", () => {
  it("loads to exactly what parsing the YAML gives, each clause naming its file in the folder it is loaded from", () => {
    const { dir, snapshot } = extensionCopy();
    expect(writeSnapshot(dir)).toBe(snapshot);
    const loaded = loadBuiltinLibrary(dir);
    expect(loaded).toStrictEqual(parsed(dir));
    expect(loaded.clauses.map((c) => c.source)).toContain(path.join(dir, "supply.yaml"));
  });

  it("is what the loader reads while the files are unchanged", () => {
    const { dir, snapshot } = extensionCopy();
    writeSnapshot(dir);
    // A title changed in the snapshot alone shows the loader took the snapshot, not the YAML.
    const data = JSON.parse(readFileSync(snapshot, "utf8")) as {
      clauses: Array<{ clause: { id: string; title: string } }>;
    };
    data.clauses.find((c) => c.clause.id === "supply")!.clause.title = "Supply (from the snapshot)";
    writeFileSync(snapshot, JSON.stringify(data));
    expect(loadBuiltinLibrary(dir).clauses.find((c) => c.id === "supply")!.title).toBe(
      "Supply (from the snapshot)",
    );
  });

  it("is ignored once a file changed since it was written: the YAML is parsed", () => {
    const { dir } = extensionCopy();
    writeSnapshot(dir);
    const file = path.join(dir, "supply.yaml");
    const yaml = readFileSync(file, "utf8");
    expect(yaml).toMatch(/^title: .*$/m);
    writeFileSync(file, yaml.replace(/^title: .*$/m, "title: Supply, as edited"));
    expect(loadBuiltinLibrary(dir)).toStrictEqual(parsed(dir));
    expect(loadBuiltinLibrary(dir).clauses.find((c) => c.id === "supply")!.title).toBe("Supply, as edited");
  });

  it("is ignored when unreadable or missing: the YAML is parsed", () => {
    const { dir, snapshot } = extensionCopy();
    expect(loadBuiltinLibrary(dir)).toStrictEqual(parsed(dir));
    writeFileSync(snapshot, "{ not json");
    expect(loadBuiltinLibrary(dir)).toStrictEqual(parsed(dir));
  });

  it("is not written for a broken library: the build fails with the file and line", () => {
    const { dir, snapshot } = extensionCopy();
    const file = path.join(dir, "supply.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, "title: [unclosed"));
    expect(() => writeSnapshot(dir)).toThrow(LibraryError);
    expect(() => readFileSync(snapshot)).toThrow();
  });
});
