/**
 * Inline suppression comments and ignore settings. In Markdown and plain text alike:
 *
 *     <!-- clause-checker-disable-next-line rule-id [rule-id...] -->   the next non-blank line
 *     <!-- clause-checker-disable rule-id -->  …  <!-- clause-checker-enable rule-id -->   a region
 *     <!-- clause-checker-disable-file rule-id -->   the whole document
 *
 * With no ids a comment applies to every rule. An unknown id (or directive) is itself reported as
 * `unknown-rule`, on the comment, so a typo never silently suppresses nothing. The settings form
 * (`ignore.rules`, `ignore.patterns`) is for agreements you should not edit, like filed .txt copies.
 */
import type { HtmlMark } from "./markdown";
import { FRONT_MATTER } from "./markdown";
import { escapeSnippet } from "./snippet";
import { RULE_IDS } from "./rules";
import type { LineIndex } from "./text";
import type { Finding, Fix, Range } from "./types";
import { editDistance } from "./editDistance";
import { htmlCommentSpans } from "./comments";

export interface Comment {
  /** Offset of `<!--`. */
  offset: number;
  /** The whole comment, `<!--` to `-->`. */
  text: string;
}

export type DirectiveKind = "disable-next-line" | "disable" | "enable" | "disable-file";

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  rules: string[];
  /** Offsets of the comment. */
  start: number;
  end: number;
}

export interface IgnoreOptions {
  rules?: string[];
  /** Plain substrings, or `/regex/flags` (at most 200 characters), matched against a finding's text. */
  patterns?: string[];
}

export interface SuppressOptions {
  ignore?: IgnoreOptions;
}

const DIRECTIVE_RE = /^<!--\s*clause-checker-([a-z-]+)\b([\s\S]*?)-->$/;
const KINDS: readonly DirectiveKind[] = ["disable-next-line", "disable", "enable", "disable-file"];

/**
 * The HTML comments of a document. Markdown: the comments inside the parser's HTML nodes (so a
 * comment in a code block is not one). Plain text: every `<!-- ... -->` in the text.
 */
export function findComments(source: string, markdown: boolean, html: readonly HtmlMark[] = []): Comment[] {
  const out: Comment[] = [];
  if (markdown) {
    for (const h of html) {
      for (const c of htmlCommentSpans(h.text))
        out.push({ offset: h.offset + c.start, text: h.text.slice(c.start, c.end) });
    }
  } else {
    for (const c of htmlCommentSpans(source))
      out.push({ offset: c.start, text: source.slice(c.start, c.end) });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

interface Parsed {
  directives: Directive[];
  problems: Finding[];
}

function closest(id: string, known: ReadonlySet<string>): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestScore) {
      bestScore = d;
      best = k;
    }
  }
  return best !== null && bestScore <= Math.max(2, Math.floor(id.length / 3)) ? best : null;
}

/** Reads the clause-checker directives from comments, reporting unknown directives and rule ids. */
export function parseDirectives(
  comments: readonly Comment[],
  knownRules: ReadonlySet<string>,
  lines: LineIndex,
): Parsed {
  const directives: Directive[] = [];
  const problems: Finding[] = [];
  for (const c of comments) {
    const m = DIRECTIVE_RE.exec(c.text);
    if (!m) continue;
    const start = c.offset;
    const end = c.offset + c.text.length;
    const kind = m[1] as DirectiveKind;
    if (!KINDS.includes(kind)) {
      problems.push({
        rule: "unknown-rule",
        severity: 2,
        range: lines.range(start, end),
        message: `Unknown clause-checker directive "clause-checker-${m[1]}": use ${KINDS.map((k) => `clause-checker-${k}`).join(", ")}.`,
        fixes: [],
      });
      continue;
    }
    const ids: string[] = [];
    // The ids sit right before the closing "-->".
    const argsStart = c.text.length - 3 - m[2]!.length;
    for (const idMatch of m[2]!.matchAll(/[^\s,]+/g)) {
      const id = idMatch[0];
      if (knownRules.has(id)) {
        ids.push(id);
        continue;
      }
      const idStart = start + argsStart + idMatch.index;
      const range: Range = lines.range(idStart, idStart + id.length);
      const suggestion = closest(id, knownRules);
      const fixes: Fix[] = suggestion
        ? [{ title: `Change to "${suggestion}"`, edits: [{ range, snippet: escapeSnippet(suggestion) }] }]
        : [];
      problems.push({
        rule: "unknown-rule",
        severity: 2,
        range,
        message: `Unknown rule "${id}" in a clause-checker comment${suggestion ? `: did you mean "${suggestion}"?` : "."}`,
        fixes,
      });
    }
    // A comment whose every id is unknown suppresses nothing (not everything).
    if (ids.length === 0 && /[^\s,]/.test(m[2]!)) continue;
    directives.push({ kind, rules: ids, start, end });
  }
  return { directives, problems };
}

interface Matcher {
  test(text: string): boolean;
}

/** Compiles ignore patterns: `/regex/flags` up to 200 characters, anything else a literal substring. */
export function compileIgnorePatterns(patterns: readonly string[]): {
  matchers: Matcher[];
  errors: string[];
} {
  const matchers: Matcher[] = [];
  const errors: string[] = [];
  for (const p of patterns) {
    if (typeof p !== "string" || p === "") continue;
    const re = /^\/(.+)\/([a-z]*)$/s.exec(p);
    if (!re) {
      matchers.push({ test: (text) => text.includes(p) });
      continue;
    }
    if (p.length > 200) {
      errors.push(`ignore pattern ${p.slice(0, 40)}… is longer than 200 characters`);
      continue;
    }
    try {
      // Only the flags that change matching; "g" and "y" would make test() stateful.
      const regex = new RegExp(re[1]!, re[2]!.replace(/[^imsu]/g, ""));
      matchers.push({ test: (text) => regex.test(text) });
    } catch (error) {
      errors.push(`ignore pattern ${p}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { matchers, errors };
}

/** The line a disable-next-line comment applies to: the first non-blank line after it. */
function nextContentLine(lines: LineIndex, end: number): number {
  let line = lines.positionAt(end).line + 1;
  while (line < lines.lineCount && lines.lineText(line).trim() === "") line++;
  return line;
}

function disabledAt(directives: readonly Directive[], offset: number, rule: string): boolean {
  let allOff = false;
  const off = new Set<string>();
  const except = new Set<string>();
  for (const d of directives) {
    if (d.start >= offset) break;
    if (d.kind === "disable") {
      if (d.rules.length === 0) {
        allOff = true;
        except.clear();
      } else {
        for (const r of d.rules) {
          if (allOff) except.delete(r);
          else off.add(r);
        }
      }
    } else if (d.kind === "enable") {
      if (d.rules.length === 0) {
        allOff = false;
        off.clear();
        except.clear();
      } else {
        for (const r of d.rules) {
          if (allOff) except.add(r);
          else off.delete(r);
        }
      }
    }
  }
  return allOff ? !except.has(rule) : off.has(rule);
}

const applies = (d: Directive, rule: string) => d.rules.length === 0 || d.rules.includes(rule);

/**
 * Applies suppression comments and ignore settings: returns the findings that stay, followed by an
 * `unknown-rule` finding for each unknown id or directive in a comment.
 */
export function applySuppressions(
  findings: readonly Finding[],
  comments: readonly Comment[],
  knownRules: ReadonlySet<string>,
  lines: LineIndex,
  options: SuppressOptions = {},
): Finding[] {
  const { directives, problems } = parseDirectives(comments, knownRules, lines);
  const ordered = directives.filter((d) => d.kind === "disable" || d.kind === "enable");
  const fileWide = directives.filter((d) => d.kind === "disable-file");
  const nextLine = directives
    .filter((d) => d.kind === "disable-next-line")
    .map((d) => ({ d, line: nextContentLine(lines, d.end) }));
  const ignoredRules = new Set(options.ignore?.rules ?? []);
  const { matchers } = compileIgnorePatterns(options.ignore?.patterns ?? []);
  const kept = findings.filter((f) => {
    if (ignoredRules.has(f.rule)) return false;
    if (fileWide.some((d) => applies(d, f.rule))) return false;
    if (nextLine.some(({ d, line }) => line === f.range.start.line && applies(d, f.rule))) return false;
    const offset = lines.offsetAt(f.range.start);
    if (ordered.length > 0 && disabledAt(ordered, offset, f.rule)) return false;
    if (matchers.length > 0) {
      const text = lines.text.slice(offset, lines.offsetAt(f.range.end));
      if (matchers.some((m) => m.test(text))) return false;
    }
    return true;
  });
  return [...kept, ...problems];
}

/**
 * Makes the "Ignore <rule> here" fix for findings of one document, from a finding's rule and the
 * line it starts on: a disable-next-line comment for the rule on its own line above that line,
 * indented like it. Null for a rule no comment can name and for a line inside front matter, where a
 * comment would break the YAML. The document-wide facts are read once, not per finding: a line of
 * megabytes can carry tens of thousands of findings.
 */
export function suppressionFixer(
  lines: LineIndex,
  source: string,
  markdown: boolean,
): (rule: string, line: number) => Fix | null {
  // Front matter is read in plain text too (analyze.ts), so it is protected whatever the language.
  const frontMatterEnd = FRONT_MATTER.exec(source)?.[0].length ?? 0;
  const eol = source.includes("\r\n") ? "\r\n" : "\n";
  // Keep the line's indentation; in Markdown also its block-quote markers, so the comment stays in the quote.
  const indentPattern = markdown ? /^[ \t]*(?:>[ \t]?)*/ : /^[ \t]*/;
  return (rule, line) => {
    if (!RULE_IDS.has(rule) || rule === "unknown-rule" || rule === "internal-error") return null;
    const lineStart = lines.lineStarts[line];
    if (lineStart === undefined || lineStart < frontMatterEnd) return null;
    // The indentation is at the line's start: a bounded prefix, however long the line.
    const head = source.slice(
      lineStart,
      Math.min(lines.lineStarts[line + 1] ?? source.length, lineStart + 4096),
    );
    const indent = indentPattern.exec(head)![0];
    const at = { line, character: 0 };
    return {
      // Named by rule, so several findings on one line offer distinguishable fixes.
      title: `Ignore ${rule} here`,
      edits: [
        {
          range: { start: at, end: at },
          snippet: escapeSnippet(`${indent}<!-- clause-checker-disable-next-line ${rule} -->${eol}`),
        },
      ],
      suppression: true,
    };
  };
}
