/**
 * Reads clause-library folders from disk: the built-in library shipped beside the bundle, then team
 * playbooks (`--library DIR`, `clauseChecker.libraryPaths`) that add or override clauses by id.
 * Errors in a playbook are collected, not thrown, so the caller can report them and keep the
 * built-in library working. The built-in library is read from the snapshot the build writes of it,
 * when that snapshot was made from the same files: parsing its YAML cold took about 200 ms of every
 * start of the server and of the command line.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  LibraryError,
  mergeLibraries,
  parseClauseFile,
  parseDraftingFile,
  TAXONOMY_CLAUSES,
} from "../core/library";
import type { ClauseDef, ClauseLibrary, VaguePatternDef } from "../core/types";

export const DRAFTING_FILE = "drafting.yaml";
/** The largest clause-library file read; the built-in ones have 10 to 40 kB. */
export const MAX_FILE_BYTES = 1_000_000;

/** Finds the built-in clause-library folder next to the bundle (dist/) or the sources. */
export function builtinLibraryDir(from: string): string {
  for (const candidate of [
    path.resolve(from, "../clause-library"),
    path.resolve(from, "../../../clause-library"),
    path.resolve(from, "../../clause-library"),
  ]) {
    if (existsSync(path.join(candidate, "schema", "clause.schema.json"))) return candidate;
  }
  throw new Error(`built-in clause library not found near ${from}`);
}

/** Lists the clause-library files of a folder (YAML files; the schema folder is not one). */
export function libraryFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export interface LoadedFolder {
  clauses: ClauseDef[];
  vague?: VaguePatternDef[];
  errors: LibraryError[];
}

/** Reads every file of one library folder, collecting errors per file. */
export function readLibraryFolder(dir: string, knownIds: readonly string[] = TAXONOMY_CLAUSES): LoadedFolder {
  const result: LoadedFolder = { clauses: [], errors: [] };
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a folder");
    files = libraryFiles(dir);
  } catch (error) {
    result.errors.push(
      new LibraryError(dir, 1, "", `cannot read clause-library folder: ${(error as Error).message}`),
    );
    return result;
  }
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const size = statSync(file).size;
      // A clause file is a few kilobytes; a larger one is a mistake (or a log file in the folder), and
      // parsing megabytes of YAML would hold up every check.
      if (size > MAX_FILE_BYTES) {
        throw new LibraryError(
          file,
          1,
          "",
          `file is ${(size / 1e6).toFixed(1)} MB; a clause-library file may have at most ${MAX_FILE_BYTES / 1e6} MB`,
        );
      }
      const text = readFileSync(file, "utf8");
      if (path.basename(file) === DRAFTING_FILE) {
        result.vague = parseDraftingFile(text, file);
        continue;
      }
      const clause = parseClauseFile(text, file, knownIds);
      const other = seen.get(clause.id);
      if (other)
        throw new LibraryError(file, 1, "id", `duplicate clause id "${clause.id}" (also in ${other})`);
      seen.set(clause.id, file);
      result.clauses.push(clause);
    } catch (error) {
      result.errors.push(
        error instanceof LibraryError ? error : new LibraryError(file, 1, "", (error as Error).message),
      );
    }
  }
  return result;
}

/** Loads the built-in library, from its snapshot when that is current; any error in it is a packaging defect and throws. */
export function loadBuiltinLibrary(dir: string): ClauseLibrary {
  const snapshot = readSnapshot(dir);
  if (snapshot) return snapshot;
  const folder = readLibraryFolder(dir);
  if (folder.errors.length > 0) throw folder.errors[0]!;
  return { clauses: folder.clauses, vague: folder.vague ?? [] };
}

/** The snapshot's name: in `dist/`, beside the `clause-library/` folder, in the repository as in the extension. */
export const SNAPSHOT_FILE = "builtin-library.json";

interface Snapshot {
  /** The {@link folderDigest} of the files it was read from. */
  digest: string;
  clauses: Array<{ file: string; clause: Omit<ClauseDef, "source"> }>;
  vague: VaguePatternDef[];
}

function snapshotPath(dir: string): string {
  return path.join(dir, "..", "dist", SNAPSHOT_FILE);
}

/** A digest of a library folder's files, names and contents: a snapshot of other files is not used. */
function folderDigest(dir: string): string {
  const hash = createHash("sha1");
  for (const file of libraryFiles(dir))
    hash.update(path.basename(file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/** Writes the snapshot of the built-in library (the build does); throws on an error in the library. */
export function writeSnapshot(dir: string): string {
  const folder = readLibraryFolder(dir);
  if (folder.errors.length > 0) throw folder.errors[0]!;
  const snapshot: Snapshot = {
    digest: folderDigest(dir),
    // readLibraryFolder names every clause's file.
    clauses: folder.clauses.map(({ source, ...clause }) => ({ file: path.basename(source!), clause })),
    vague: folder.vague ?? [],
  };
  const file = snapshotPath(dir);
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}

/** The built-in library from its snapshot; null when there is none, it is unreadable, or the files changed since. */
function readSnapshot(dir: string): ClauseLibrary | null {
  try {
    const file = snapshotPath(dir);
    if (!existsSync(file)) return null;
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
    if (snapshot.digest !== folderDigest(dir)) return null;
    return {
      clauses: snapshot.clauses.map(({ file, clause }) => ({ ...clause, source: path.join(dir, file) })),
      vague: snapshot.vague,
    };
  } catch {
    return null;
  }
}

/** Overlays playbook folders on a library, returning the merged library and the playbooks' errors. */
export function withPlaybooks(
  base: ClauseLibrary,
  dirs: string[],
): { library: ClauseLibrary; errors: LibraryError[] } {
  let library = base;
  const errors: LibraryError[] = [];
  const known = base.clauses.map((c) => c.id);
  for (const dir of dirs) {
    const folder = readLibraryFolder(dir, known);
    errors.push(...folder.errors);
    library = mergeLibraries(library, folder.clauses, folder.vague);
  }
  return { library, errors };
}
