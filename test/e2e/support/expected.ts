/**
 * What the editors should show for a sample, taken from the command-line checker (`dist/cli.js
 * --format json`), which runs the same analysis as the language server. Tests compare the editor's
 * findings with it instead of hard-coding messages that the clause library may reword.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./paths";

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface CliFix {
  title: string;
  edits: Array<{ range: Range; newText: string }>;
}
export interface CliDiagnostic {
  range: Range;
  severity: 1 | 2 | 3 | 4;
  code: string;
  source: string;
  message: string;
  data?: { clause?: string };
  fixes?: CliFix[];
}

export function cliDiagnostics(file: string): CliDiagnostic[] {
  const proc = spawnSync(process.execPath, [path.join(ROOT, "dist", "cli.js"), "--format", "json", file], {
    encoding: "utf8",
  });
  if (!proc.stdout) throw new Error(`dist/cli.js printed nothing (exit ${proc.status}): ${proc.stderr}`);
  const [report] = JSON.parse(proc.stdout) as Array<{ diagnostics: CliDiagnostic[] }>;
  if (!report) throw new Error(`dist/cli.js reported no file for ${file}`);
  return report.diagnostics;
}

/** The first (preferred) fix of a diagnostic and its first edit; throws when there is none. */
export function firstFix(
  d: CliDiagnostic | undefined,
): CliFix & { edit: { range: Range; newText: string }; heading: string } {
  const fix = d?.fixes?.[0];
  const edit = fix?.edits[0];
  if (!fix || !edit) throw new Error(`no fix for ${d ? `${d.code}: ${d.message}` : "a missing diagnostic"}`);
  return { ...fix, edit, heading: edit.newText.split("\n")[0] ?? "" };
}

export const SEVERITY_LABEL: Record<number, string> = { 1: "Error", 2: "Warning", 3: "Info", 4: "Hint" };

export function counts(diagnostics: CliDiagnostic[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 1).length,
    warnings: diagnostics.filter((d) => d.severity === 2).length,
    infos: diagnostics.filter((d) => d.severity === 3).length,
  };
}

/** Applies plain-text edits (non-overlapping, any order) to `text`. */
export function applyEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
