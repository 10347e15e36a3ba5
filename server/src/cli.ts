/**
 * Command-line checker: `clause-checker [--format text|json|html|markdown|sarif] [--compare BASE] [--model M] [--party P] [--library DIR] FILE...`,
 * plus the `import` and `compare` subcommands (cliCommands.ts). A .docx FILE is converted to Markdown
 * first. Exit 0 with no error-severity finding, 1 with one (or with a removed or weakened term against
 * BASE), 2 on a usage error, an unreadable file or an invalid library file.
 */
import { readFileSync } from "node:fs";
import { Analyzer } from "./core/analyze";
import { compileLibrary } from "./core/library";
import { DEAL_MODELS, PARTIES, type DealContext, type DealModel, type Party } from "./core/types";
import { builtinLibraryDir, loadBuiltinLibrary, withPlaybooks } from "./library/load";
import { toJsonReport, type JsonReport } from "./report/json";
import { formatText } from "./report/text";
import {
  COMPARE_USAGE,
  IMPORT_USAGE,
  preloadDocx,
  renderCheck,
  REVIEW_FORMATS,
  runCompare,
  runImport,
  type CheckEntry,
  type ReviewFormat,
} from "./cliCommands";
import { isDocxPath } from "./import/docx";

const USAGE = `usage: clause-checker [--format text|json|html|markdown|sarif] [--compare BASE] [--model out-licensing|co-development|newco] [--party licensor|licensee] [--library DIR]... FILE...
       ${IMPORT_USAGE.slice("usage: ".length)}
       ${COMPARE_USAGE.slice("usage: ".length)}`;

class UsageError extends Error {}

interface CliOptions {
  format: ReviewFormat;
  /** Baseline to compare the (single) FILE with. */
  compare?: string;
  deal: Partial<DealContext>;
  libraries: string[];
  files: string[];
}

/** Parses the command line into options, or throws UsageError. */
export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { format: "text", deal: {}, libraries: [], files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--format": {
        const v = value();
        if (!REVIEW_FORMATS.includes(v as ReviewFormat))
          throw new UsageError(`--format must be one of ${REVIEW_FORMATS.join(", ")}, not "${v}"`);
        options.format = v as ReviewFormat;
        break;
      }
      case "--compare":
        options.compare = value();
        break;
      case "--model": {
        const v = value();
        if (!DEAL_MODELS.includes(v as DealModel))
          throw new UsageError(`--model must be one of ${DEAL_MODELS.join(", ")}`);
        options.deal.model = v as DealModel;
        break;
      }
      case "--party": {
        const v = value();
        if (!PARTIES.includes(v as Party))
          throw new UsageError(`--party must be one of ${PARTIES.join(", ")}`);
        options.deal.party = v as Party;
        break;
      }
      case "--library":
        options.libraries.push(value());
        break;
      case "-h":
      case "--help":
        throw new UsageError("");
      default:
        if (flag.startsWith("-") && flag !== "-") throw new UsageError(`unknown option ${flag}`);
        options.files.push(arg);
    }
  }
  if (options.files.length === 0) throw new UsageError("no FILE given");
  if (options.compare !== undefined && options.files.length > 1)
    throw new UsageError("--compare takes one FILE");
  return options;
}

/**
 * Runs the check command and returns its exit code. `io.texts` holds the Markdown of .docx files,
 * converted beforehand (conversion is asynchronous: `runCli` does it).
 */
export function main(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  io: { texts?: Map<string, string> } = {},
): number {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) err(`clause-checker: ${error.message}`);
      err(USAGE);
      return 2;
    }
    throw error;
  }
  const base = loadBuiltinLibrary(builtinLibraryDir(__dirname));
  const { library, errors } = withPlaybooks(base, options.libraries);
  if (errors.length > 0) {
    for (const e of errors) err(`clause-checker: invalid library file ${e.message}`);
    return 2;
  }
  const analyzer = new Analyzer(compileLibrary(library));
  const reports: JsonReport[] = [];
  const entries: CheckEntry[] = [];
  for (const file of options.files) {
    let text: string;
    try {
      const converted = io.texts?.get(file);
      if (converted === undefined && isDocxPath(file))
        throw new Error("Word files are converted by runCli, not main");
      text = converted ?? readFileSync(file, "utf8");
    } catch (error) {
      err(
        `clause-checker: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return 2;
    }
    const languageId = /\.(?:md|markdown|mdx|docx)$/i.test(file) ? "markdown" : "plaintext";
    const result = analyzer.analyze(text, { languageId, dealOverride: options.deal });
    entries.push({ file, text, languageId, result });
    reports.push(toJsonReport(file, result));
  }
  if (
    (options.format !== "text" && options.format !== "json") ||
    options.compare !== undefined ||
    options.files.some(isDocxPath)
  ) {
    const baseText = options.compare !== undefined ? io.texts?.get(options.compare) : undefined;
    return renderCheck(
      options.format,
      entries,
      {
        analyzer,
        deal: options.deal,
        ...(options.compare !== undefined ? { compare: options.compare } : {}),
        ...(baseText !== undefined ? { baseText } : {}),
      },
      out,
      err,
    );
  }
  if (options.format === "json") out(JSON.stringify(reports, null, 2) + "\n");
  else for (const r of reports) out(formatText(r));
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
}

/** Runs any command: `import`, `compare`, or the check (after converting .docx files). */
export async function runCli(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (argv[0] === "import") return runImport(argv.slice(1), out, err);
  if (argv[0] === "compare") return runCompare(argv.slice(1), out, err);
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch {
    return main(argv, out, err); // reports the usage error
  }
  const texts = await preloadDocx(
    [...options.files, ...(options.compare !== undefined ? [options.compare] : [])],
    err,
  );
  if (texts === null) return 2;
  return main(argv, out, err, { texts });
}

if (require.main === module) {
  void runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s.endsWith("\n") ? s : s + "\n"),
    (s) => process.stderr.write(s + "\n"),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`clause-checker: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
