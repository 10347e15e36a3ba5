/**
 * A small glob matcher for `clauseChecker.files`: `*`, `?`, `**`, `[abc]`/`[!abc]`, `{a,b}` (nested)
 * and `\` escapes, with `/` as the only separator. Written here rather than pulled in because the
 * server bundle should stay dependency-light and these are the only globs it ever evaluates.
 */

export interface GlobOptions {
  /** Compare case-insensitively (Windows and default macOS file systems). */
  nocase?: boolean;
}

const REGEX_SPECIAL = /[.*+?^$(){}|[\]\\/]/;

function escapeChar(c: string): string {
  return REGEX_SPECIAL.test(c) ? `\\${c}` : c;
}

/** Translates one glob into an anchored regular expression source. */
function translate(glob: string): string {
  let out = "";
  let i = 0;
  // Open `{` groups: inside one, `,` separates alternatives and `}` closes it.
  let braceDepth = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === "\\" && i + 1 < glob.length) {
      out += escapeChar(glob[i + 1]!);
      i += 2;
    } else if (c === "*") {
      if (glob[i + 1] === "*") {
        const atSegmentStart = i === 0 || glob[i - 1] === "/";
        const next = glob[i + 2];
        if (atSegmentStart && next === "/") {
          out += "(?:[^/]+/)*";
          i += 3;
          continue;
        }
        if (atSegmentStart && next === undefined) {
          out += ".*";
          i += 2;
          continue;
        }
        // "a**b" is not a globstar: two stars in a segment act as one.
        while (glob[i] === "*") i++;
        out += "[^/]*";
        continue;
      }
      out += "[^/]*";
      i++;
    } else if (c === "?") {
      out += "[^/]";
      i++;
    } else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) {
        out += "\\[";
        i++;
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      const escaped = body.replace(/\\/g, "\\\\").replace(/]/g, "\\]").replace(/\^/g, "\\^");
      out += negate ? `[^/${escaped}]` : `[${escaped}]`;
      i = end + 1;
    } else if (c === "{") {
      out += "(?:";
      braceDepth++;
      i++;
    } else if (c === "," && braceDepth > 0) {
      out += "|";
      i++;
    } else if (c === "}" && braceDepth > 0) {
      out += ")";
      braceDepth--;
      i++;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  // An unclosed brace is taken literally rather than rejected: a setting must never throw.
  if (braceDepth > 0) return translate(glob.replace(/\{/g, "\\{"));
  return out;
}

/** Compiles a glob into an anchored regular expression. */
export function globToRegExp(glob: string, options: GlobOptions = {}): RegExp {
  return new RegExp(`^${translate(glob)}$`, options.nocase ? "i" : "");
}

function toSlashes(p: string): string {
  return p.replace(/\\/g, "/");
}

/** Strips a root prefix from a path, or returns null when the path is not inside the root. */
function relativeTo(file: string, root: string, nocase: boolean): string | null {
  const base = toSlashes(root).replace(/\/+$/, "");
  const a = nocase ? file.toLowerCase() : file;
  const b = nocase ? base.toLowerCase() : base;
  if (a.startsWith(`${b}/`)) return file.slice(base.length + 1);
  return null;
}

/**
 * Decides whether a file matches any of the globs. A glob without `/` matches the file name in any
 * folder (like .gitignore); a glob with `/` matches the path relative to a workspace folder that
 * contains the file, or the absolute path when the glob is absolute.
 */
export function matchesAnyGlob(
  globs: readonly string[],
  filePath: string,
  roots: readonly string[],
  options: GlobOptions = {},
): boolean {
  const file = toSlashes(filePath);
  const nocase = options.nocase ?? false;
  const name = file.slice(file.lastIndexOf("/") + 1);
  const relatives = roots.map((r) => relativeTo(file, r, nocase)).filter((r): r is string => r !== null);
  for (const raw of globs) {
    const glob = toSlashes(raw.trim()).replace(/^\.\//, "");
    if (glob === "") continue;
    const re = globToRegExp(glob, options);
    if (!glob.includes("/")) {
      if (re.test(name)) return true;
      continue;
    }
    if (/^(?:\/|[A-Za-z]:\/)/.test(glob)) {
      if (re.test(file)) return true;
      continue;
    }
    if (relatives.some((r) => re.test(r))) return true;
    // "**/contracts/*.md" also holds for files outside every workspace folder.
    if (glob.startsWith("**/") && re.test(file.replace(/^\/+/, ""))) return true;
  }
  return false;
}
