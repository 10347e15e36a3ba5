/**
 * The clause libraries the server analyses with: the built-in library, overlaid with the team
 * playbook folders of `clauseChecker.libraryPaths`. Each distinct list of folders is loaded and
 * compiled once and kept until a library file changes; a broken playbook file is collected as an
 * error and left out, so the built-in clauses keep working.
 */
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { compileLibrary, LibraryError, type CompiledLibrary } from "../core/library";
import type { ClauseLibrary } from "../core/types";
import { libraryFiles, loadBuiltinLibrary, withPlaybooks } from "../library/load";

export interface LoadedLibrary {
  /** Unique per load: analyses made with an older load are stale. */
  id: number;
  dirs: string[];
  compiled: CompiledLibrary;
  errors: LibraryError[];
}

export interface ResolveContext {
  /** File-system path of the document, when it has one. */
  documentPath?: string;
  /** File-system paths of the workspace folders. */
  workspaceFolders: string[];
}

/**
 * Resolves `libraryPaths` entries to absolute folders: `~` is the home folder, `${workspaceFolder}`
 * and relative paths resolve against the workspace folder that holds the document (else the first).
 * Entries that cannot be resolved (relative, no workspace) are dropped.
 */
export function resolveLibraryPaths(entries: readonly string[], context: ResolveContext): string[] {
  const folder =
    (context.documentPath !== undefined
      ? context.workspaceFolders.find((f) =>
          context.documentPath!.startsWith(f.endsWith(path.sep) ? f : f + path.sep),
        )
      : undefined) ?? context.workspaceFolders[0];
  const out: string[] = [];
  for (const entry of entries) {
    let p = entry;
    if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) p = path.join(homedir(), p.slice(1));
    if (p.includes("${workspaceFolder}")) {
      if (folder === undefined) continue;
      p = p.replace(/\$\{workspaceFolder\}/g, folder);
    }
    if (!path.isAbsolute(p)) {
      if (folder === undefined) continue;
      p = path.resolve(folder, p);
    }
    const normal = path.normalize(p).replace(/[\\/]+$/, "");
    if (!out.includes(normal)) out.push(normal);
  }
  return out;
}

const EMPTY: ClauseLibrary = { clauses: [], vague: [] };

/** Loads and caches libraries by their list of playbook folders. */
export class Libraries {
  private base: ClauseLibrary | null = null;
  private baseError: Error | null = null;
  private readonly loaded = new Map<string, LoadedLibrary>();
  private nextId = 1;

  constructor(
    readonly builtinDir: string | null,
    /** Called after a combination is loaded, so its errors can be reported. */
    private readonly onLoaded: () => void = () => {},
  ) {}

  /** The built-in library, read on first use (not at start-up: `initialize` should answer at once). */
  private builtin(): ClauseLibrary {
    if (this.base) return this.base;
    try {
      if (this.builtinDir === null) throw new Error("built-in clause library not found");
      this.base = loadBuiltinLibrary(this.builtinDir);
    } catch (error) {
      // A packaging defect: reported once by the caller; analysis runs with no clauses rather than crash.
      this.baseError = error as Error;
      this.base = EMPTY;
    }
    return this.base;
  }

  /** Why the built-in library could not be loaded, once it has been tried. */
  get builtinError(): Error | null {
    return this.baseError;
  }

  /** The library for a list of playbook folders, loading it on first use. */
  get(dirs: readonly string[]): LoadedLibrary {
    const key = dirs.join("\0");
    let lib = this.loaded.get(key);
    if (!lib) {
      const base = this.builtin();
      const { library, errors } =
        dirs.length > 0 ? withPlaybooks(base, [...dirs]) : { library: base, errors: [] };
      lib = { id: this.nextId++, dirs: [...dirs], compiled: compileLibrary(library), errors };
      this.loaded.set(key, lib);
      this.onLoaded();
    }
    return lib;
  }

  /** Re-reads every playbook combination in use (a library file changed); the built-in one stays. */
  reload(): LoadedLibrary[] {
    const keys = [...this.loaded.values()].map((l) => l.dirs);
    this.loaded.clear();
    return keys.map((dirs) => this.get(dirs));
  }

  /** Forgets every loaded combination, e.g. when `libraryPaths` changed and old ones may be unused. */
  clear(): void {
    this.loaded.clear();
  }

  /** Errors of every library in use, one per file and message. */
  errors(): LibraryError[] {
    const seen = new Map<string, LibraryError>();
    for (const lib of this.loaded.values()) for (const e of lib.errors) seen.set(e.message, e);
    return [...seen.values()];
  }

  /** Every playbook folder in use. */
  folders(): string[] {
    return [...new Set([...this.loaded.values()].flatMap((l) => l.dirs))];
  }

  /** Decides whether a changed file can affect a library in use (a YAML file inside one of its folders). */
  affects(filePath: string): boolean {
    if (!/\.ya?ml$/i.test(filePath)) return false;
    const dir = path.dirname(path.normalize(filePath));
    return this.folders().some((f) => f === dir);
  }

  /** The library files behind a list of folders: built-in first, then each playbook's. */
  files(dirs: readonly string[]): Array<{ file: string; builtin: boolean }> {
    const out: Array<{ file: string; builtin: boolean }> = [];
    const list = (dir: string) => {
      try {
        return existsSync(dir) && statSync(dir).isDirectory() ? libraryFiles(dir) : [];
      } catch {
        return [];
      }
    };
    if (this.builtinDir) for (const file of list(this.builtinDir)) out.push({ file, builtin: true });
    for (const dir of dirs) for (const file of list(dir)) out.push({ file, builtin: false });
    return out;
  }
}
