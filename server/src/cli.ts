/**
 * Command-line checker: `clause-checker [--format text|json] [--model M] [--party P] [--library DIR] FILE...`.
 * Exit 0 with no error-severity finding, 1 with one, 2 on a usage error, an unreadable file or an
 * invalid library file.
 */
import { readFileSync } from "node:fs";
import { Analyzer } from "./core/analyze";
import { compileLibrary } from "./core/library";
import { DEAL_MODELS, PARTIES, type DealContext, type DealModel, type Party } from "./core/types";
import { builtinLibraryDir, loadBuiltinLibrary, withPlaybooks } from "./library/load";
import { toJsonReport, type JsonReport } from "./report/json";
import { formatText } from "./report/text";

const USAGE = `usage: clause-checker [--format text|json] [--model out-licensing|co-development|newco] [--party licensor|licensee] [--library DIR]... FILE...`;

class UsageError extends Error {}

interface CliOptions {
  format: "text" | "json";
  deal: Partial<DealContext>;
  libraries: string[];
  files: string[];
}

/** Parses the command line into options, or throws UsageError. */
export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { format: "text", deal: {}, libraries: [], files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--format": {
        const v = value();
        if (v !== "text" && v !== "json") throw new UsageError(`--format must be text or json, not "${v}"`);
        options.format = v;
        break;
      }
      case "--model": {
        const v = value();
        if (!DEAL_MODELS.includes(v as DealModel)) throw new UsageError(`--model must be one of ${DEAL_MODELS.join(", ")}`);
        options.deal.model = v as DealModel;
        break;
      }
      case "--party": {
        const v = value();
        if (!PARTIES.includes(v as Party)) throw new UsageError(`--party must be one of ${PARTIES.join(", ")}`);
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
  return options;
}

/** Runs the CLI and returns its exit code. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
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
  for (const file of options.files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      err(`clause-checker: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 2;
    }
    const languageId = /\.(?:md|markdown|mdx)$/i.test(file) ? "markdown" : "plaintext";
    reports.push(toJsonReport(file, analyzer.analyze(text, { languageId, dealOverride: options.deal })));
  }
  if (options.format === "json") out(JSON.stringify(reports, null, 2) + "\n");
  else for (const r of reports) out(formatText(r));
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
}

if (require.main === module) {
  const code = main(process.argv.slice(2), (s) => process.stdout.write(s.endsWith("\n") ? s : s + "\n"), (s) => process.stderr.write(s + "\n"));
  process.exitCode = code;
}

