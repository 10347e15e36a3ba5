/**
 * The CLI's review commands, called from cli.ts:
 *
 *   clause-checker import DRAFT.docx [-o DRAFT.md] [--model M] [--party P] [--verbose]
 *   clause-checker compare BASE DRAFT [--format text|json|html|markdown|sarif] [--model M] [--party P] [--library DIR]...
 *
 * and the check command's review formats (`--format html|markdown|sarif`, `--compare BASE`) and Word
 * input (a .docx FILE is converted to Markdown first; line numbers then refer to the conversion).
 *
 * Exit codes: 0 fine, 1 findings (an error-severity finding, or a removed or weakened term in a
 * comparison), 2 usage errors, unreadable files and invalid library files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Analyzer, type AnalysisResult } from "./core/analyze";
import { compileLibrary } from "./core/library";
import { DEAL_MODELS, PARTIES, type DealContext, type DealModel, type Party } from "./core/types";
import {
  analyzeForCompare,
  compareAnalyses,
  hasRegressions,
  toCompareReport,
  type CompareReport,
} from "./compare/compare";
import { compareDiagnostics } from "./compare/diagnostics";
import { docxToMarkdown, isDocxPath } from "./import/docx";
import { builtinLibraryDir, loadBuiltinLibrary, withPlaybooks } from "./library/load";
import { renderHtml } from "./report/html";
import { toJsonReport, type JsonReport } from "./report/json";
import { renderMarkdown } from "./report/markdown";
import { CONVERTED_NOTE, type ReviewFile } from "./report/review";
import { toSarif, type SarifFile } from "./report/sarif";
import { formatText } from "./report/text";

export type Out = (s: string) => void;

export const REVIEW_FORMATS = ["text", "json", "html", "markdown", "sarif"] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export const IMPORT_USAGE =
  "usage: clause-checker import DRAFT.docx [-o DRAFT.md] [--model M] [--party P] [--verbose]";
export const COMPARE_USAGE =
  "usage: clause-checker compare BASE DRAFT [--format text|json|html|markdown|sarif] [--model out-licensing|co-development|newco] [--party licensor|licensee] [--library DIR]...";

export class CommandUsageError extends Error {}

/** The version in package.json, for SARIF. */
export function toolVersion(from: string = __dirname): string | undefined {
  for (const candidate of [path.resolve(from, "../package.json"), path.resolve(from, "../../package.json")]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "clause-checker") return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** Reads a document for analysis: a .docx is converted to Markdown, a .md read as Markdown, anything else as plain text. */
export async function readDocument(
  file: string,
): Promise<{ text: string; languageId: string; convertedFrom?: string }> {
  if (isDocxPath(file)) {
    const { markdown } = await docxToMarkdown(readFileSync(file));
    return { text: markdown, languageId: "markdown", convertedFrom: path.basename(file) };
  }
  const text = readFileSync(file, "utf8");
  return { text, languageId: /\.(?:md|markdown|mdx)$/i.test(file) ? "markdown" : "plaintext" };
}

function errorText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Converts the .docx files among `files` (for the check command, before its synchronous run). */
export async function preloadDocx(files: string[], err: Out): Promise<Map<string, string> | null> {
  const texts = new Map<string, string>();
  for (const file of files) {
    if (!isDocxPath(file) || texts.has(file)) continue;
    try {
      texts.set(file, (await readDocument(file)).text);
    } catch (error) {
      err(`clause-checker: cannot read ${file}: ${errorText(error)}`);
      return null;
    }
  }
  return texts;
}

interface SubOptions {
  format: ReviewFormat;
  deal: Partial<DealContext>;
  libraries: string[];
  files: string[];
  output?: string;
  verbose: boolean;
}

function parseSub(
  argv: string[],
  allowed: { format: boolean; output: boolean; library: boolean },
): SubOptions {
  const options: SubOptions = { format: "text", deal: {}, libraries: [], files: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new CommandUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--format": {
        if (!allowed.format) throw new CommandUsageError(`unknown option ${flag}`);
        const v = value();
        if (!REVIEW_FORMATS.includes(v as ReviewFormat))
          throw new CommandUsageError(`--format must be one of ${REVIEW_FORMATS.join(", ")}, not "${v}"`);
        options.format = v as ReviewFormat;
        break;
      }
      case "--model": {
        const v = value();
        if (!DEAL_MODELS.includes(v as DealModel))
          throw new CommandUsageError(`--model must be one of ${DEAL_MODELS.join(", ")}`);
        options.deal.model = v as DealModel;
        break;
      }
      case "--party": {
        const v = value();
        if (!PARTIES.includes(v as Party))
          throw new CommandUsageError(`--party must be one of ${PARTIES.join(", ")}`);
        options.deal.party = v as Party;
        break;
      }
      case "--library":
        if (!allowed.library) throw new CommandUsageError(`unknown option ${flag}`);
        options.libraries.push(value());
        break;
      case "-o":
      case "--output":
        if (!allowed.output) throw new CommandUsageError(`unknown option ${flag}`);
        options.output = value();
        break;
      case "--verbose":
        options.verbose = true;
        break;
      case "-h":
      case "--help":
        throw new CommandUsageError("");
      default:
        if (flag.startsWith("-") && flag !== "-") throw new CommandUsageError(`unknown option ${flag}`);
        options.files.push(arg);
    }
  }
  return options;
}

function usageFailure(error: unknown, usage: string, err: Out): number {
  if (!(error instanceof CommandUsageError)) throw error;
  if (error.message) err(`clause-checker: ${error.message}`);
  err(usage);
  return 2;
}

/** `clause-checker import DRAFT.docx [-o DRAFT.md]`: writes the Markdown conversion (stdout without -o). */
export async function runImport(argv: string[], out: Out, err: Out): Promise<number> {
  let options: SubOptions;
  try {
    options = parseSub(argv, { format: false, output: true, library: false });
    if (options.files.length !== 1)
      throw new CommandUsageError(
        options.files.length === 0 ? "no DRAFT.docx given" : "import takes one file",
      );
    if (!isDocxPath(options.files[0]!))
      throw new CommandUsageError(`import reads Word files (.docx), not ${path.basename(options.files[0]!)}`);
  } catch (error) {
    return usageFailure(error, IMPORT_USAGE, err);
  }
  const file = options.files[0]!;
  let markdown: string;
  try {
    const conversion = await docxToMarkdown(readFileSync(file));
    markdown = conversion.markdown;
    if (options.verbose) for (const w of conversion.warnings) err(`clause-checker: ${file}: ${w}`);
  } catch (error) {
    err(`clause-checker: cannot read ${file}: ${errorText(error)}`);
    return 2;
  }
  if (options.deal.model || options.deal.party) {
    const lines = ["---", "agreement:"];
    if (options.deal.model) lines.push(`  model: ${options.deal.model}`);
    if (options.deal.party) lines.push(`  party: ${options.deal.party}`);
    markdown = `${lines.join("\n")}\n---\n\n${markdown}`;
  }
  if (options.output === undefined || options.output === "-") {
    out(markdown);
    return 0;
  }
  try {
    writeFileSync(options.output, markdown, "utf8");
  } catch (error) {
    err(`clause-checker: cannot write ${options.output}: ${errorText(error)}`);
    return 2;
  }
  err(`clause-checker: wrote ${options.output}`);
  return 0;
}

/** Loads the built-in library with playbooks; null (after reporting) when a playbook is invalid. */
function loadAnalyzer(libraries: string[], err: Out): Analyzer | null {
  const base = loadBuiltinLibrary(builtinLibraryDir(__dirname));
  const { library, errors } = withPlaybooks(base, libraries);
  if (errors.length > 0) {
    for (const e of errors) err(`clause-checker: invalid library file ${e.message}`);
    return null;
  }
  return new Analyzer(compileLibrary(library));
}

/** Formats a comparison as text: one line per change, then the counts. */
export function formatCompareText(report: CompareReport): string {
  const lines = [`${report.base} → ${report.draft} (${report.deal.model}, ${report.deal.party})`];
  for (const c of report.changes) {
    const where = c.draft ? `${report.draft}:${c.draft.line}` : c.base ? `${report.base}:${c.base.line}` : "";
    lines.push(`  ${c.change.padEnd(12)} ${(c.element ?? c.clause).padEnd(20)} ${where}  ${c.message}`);
  }
  const counts = ["removed", "weakened", "strengthened", "added", "changed"].map(
    (k) => `${report.changes.filter((c) => c.change === k).length} ${k}`,
  );
  lines.push(report.changes.length === 0 ? "  no clause or element changes" : `  ${counts.join(", ")}`);
  return lines.join("\n") + "\n";
}

interface Compared {
  report: CompareReport;
  base: AnalysisResult;
  draft: AnalysisResult;
  baseText: string;
  draftText: string;
}

function compareDocuments(
  analyzer: Analyzer,
  baseFile: string,
  base: { text: string; languageId: string },
  draftFile: string,
  draft: { text: string; languageId: string },
  deal: Partial<DealContext>,
): Compared {
  const results = analyzeForCompare(analyzer, base.text, draft.text, {
    baseLanguageId: base.languageId,
    draftLanguageId: draft.languageId,
    ...(deal.model || deal.party ? { dealOverride: deal } : {}),
  });
  const changes = compareAnalyses(results.base, results.draft, base.text, draft.text, analyzer.library);
  return {
    report: toCompareReport(baseFile, draftFile, results.base.deal, changes),
    base: results.base,
    draft: results.draft,
    baseText: base.text,
    draftText: draft.text,
  };
}

/** `clause-checker compare BASE DRAFT`: clause- and element-level changes of DRAFT against BASE. */
export async function runCompare(argv: string[], out: Out, err: Out): Promise<number> {
  let options: SubOptions;
  try {
    options = parseSub(argv, { format: true, output: false, library: true });
    if (options.files.length !== 2)
      throw new CommandUsageError(
        options.files.length < 2 ? "compare needs BASE and DRAFT" : "compare takes two files: BASE DRAFT",
      );
  } catch (error) {
    return usageFailure(error, COMPARE_USAGE, err);
  }
  const [baseFile, draftFile] = options.files as [string, string];
  const docs: Array<{ text: string; languageId: string; convertedFrom?: string }> = [];
  for (const file of [baseFile, draftFile]) {
    try {
      docs.push(await readDocument(file));
    } catch (error) {
      err(`clause-checker: cannot read ${file}: ${errorText(error)}`);
      return 2;
    }
  }
  const analyzer = loadAnalyzer(options.libraries, err);
  if (!analyzer) return 2;
  const compared = compareDocuments(analyzer, baseFile, docs[0]!, draftFile, docs[1]!, options.deal);
  const { report } = compared;
  const draftDoc = docs[1]!;
  switch (options.format) {
    case "json":
      out(JSON.stringify(report, null, 2) + "\n");
      break;
    case "text":
      out(formatCompareText(report));
      if (draftDoc.convertedFrom || docs[0]!.convertedFrom) out(`note: ${CONVERTED_NOTE}\n`);
      break;
    case "html":
    case "markdown": {
      const input = {
        files: [reviewFile(draftFile, compared.draft, draftDoc.convertedFrom)],
        comparison: report,
      };
      out(options.format === "html" ? renderHtml(input) : renderMarkdown(input));
      break;
    }
    case "sarif": {
      const extra = compareDiagnostics(
        compared.base,
        compared.draft,
        compared.baseText,
        compared.draftText,
        analyzer.library,
      );
      const version = toolVersion();
      out(
        JSON.stringify(
          toSarif(
            [
              {
                file: draftFile,
                result: compared.draft,
                extra,
                ...(draftDoc.convertedFrom ? { convertedFrom: draftDoc.convertedFrom } : {}),
              },
            ],
            version ? { version } : {},
          ),
          null,
          2,
        ) + "\n",
      );
      break;
    }
  }
  return hasRegressions(report) ? 1 : 0;
}

function reviewFile(file: string, result: AnalysisResult, convertedFrom?: string): ReviewFile {
  return { file, result, ...(convertedFrom ? { convertedFrom } : {}) };
}

export interface CheckEntry {
  file: string;
  text: string;
  languageId: string;
  result: AnalysisResult;
}

/**
 * The check command's output when it needs more than the JSON report: the review formats (html,
 * markdown, sarif) or a comparison (`--compare BASE`). Returns the exit code.
 */
export function renderCheck(
  format: ReviewFormat,
  entries: CheckEntry[],
  options: { analyzer: Analyzer; compare?: string; baseText?: string; deal: Partial<DealContext> },
  out: Out,
  err: Out,
): number {
  let compared: Compared | undefined;
  if (options.compare !== undefined) {
    const entry = entries[0]!;
    let base: { text: string; languageId: string };
    if (options.baseText !== undefined) base = { text: options.baseText, languageId: "markdown" };
    else {
      try {
        base = {
          text: readFileSync(options.compare, "utf8"),
          languageId: /\.(?:md|markdown|mdx)$/i.test(options.compare) ? "markdown" : "plaintext",
        };
      } catch (error) {
        err(`clause-checker: cannot read ${options.compare}: ${errorText(error)}`);
        return 2;
      }
    }
    compared = compareDocuments(options.analyzer, options.compare, base, entry.file, entry, options.deal);
    // The draft as compared (analysed with the baseline's deal) is the one reported.
    entry.result = compared.draft;
  }
  const converted = (e: CheckEntry) => (isDocxPath(e.file) ? path.basename(e.file) : undefined);
  const errors = entries.some((e) => e.result.agreement && e.result.findings.some((f) => f.severity === 1));
  const regressions = compared ? hasRegressions(compared.report) : false;
  switch (format) {
    case "text":
    case "json": {
      const reports: Array<
        JsonReport & { comparison?: CompareReport; convertedFrom?: string; note?: string }
      > = entries.map((e) => ({
        ...toJsonReport(e.file, e.result),
        ...(converted(e) ? { convertedFrom: converted(e)!, note: CONVERTED_NOTE } : {}),
      }));
      if (compared) reports[0]!.comparison = compared.report;
      if (format === "json") out(JSON.stringify(reports, null, 2) + "\n");
      else {
        for (const r of reports) {
          out(formatText(r));
          if (r.convertedFrom) out(`note: ${CONVERTED_NOTE}\n`);
        }
        if (compared) out(formatCompareText(compared.report));
      }
      break;
    }
    case "html":
    case "markdown": {
      const input = {
        files: entries.map((e) => reviewFile(e.file, e.result, converted(e))),
        ...(compared ? { comparison: compared.report } : {}),
      };
      out(format === "html" ? renderHtml(input) : renderMarkdown(input));
      break;
    }
    case "sarif": {
      const files: SarifFile[] = entries.map((e, i) => ({
        file: e.file,
        result: e.result,
        ...(i === 0 && compared
          ? {
              extra: compareDiagnostics(
                compared.base,
                compared.draft,
                compared.baseText,
                compared.draftText,
                options.analyzer.library,
              ),
            }
          : {}),
        ...(converted(e) ? { convertedFrom: converted(e)! } : {}),
      }));
      const version = toolVersion();
      out(JSON.stringify(toSarif(files, version ? { version } : {}), null, 2) + "\n");
      break;
    }
  }
  return errors || regressions ? 1 : 0;
}
