/**
 * SARIF 2.1.0 output for code-scanning in CI pipelines that keep agreements in git. One run, tool
 * `clause-checker`, a rule per rule id that occurs (plus the core rules), results with 1-based
 * regions. Columns count UTF-16 code units, as the analysis does (`columnKind`), and `endColumn` is
 * the column just past the region, as SARIF specifies.
 */
import type { AnalysisResult } from "../core/analyze";
import type { Finding, Severity } from "../core/types";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Short descriptions of the rules, for `tool.driver.rules`. */
export const RULE_DESCRIPTIONS: Record<string, string> = {
  "missing-clause": "A clause type the deal needs is missing from the agreement.",
  "weak-clause": "A clause is present but lacks required elements.",
  "vague-obligation":
    "An obligation uses vague wording (no number of days, an undefined efforts standard, 'to be agreed').",
  "front-matter": "The agreement's front matter (deal model, party) is invalid.",
  "removed-protection": "The draft removes a clause, sub-clause or sentence that the baseline has.",
  "weakened-term":
    "A number in the draft (period, deadline, minimum, threshold) moved against your side compared with the baseline.",
};

const DEFAULT_LEVEL: Record<string, SarifLevel> = {
  "missing-clause": "error",
  "weak-clause": "warning",
  "vague-obligation": "note",
  "front-matter": "warning",
  "removed-protection": "warning",
  "weakened-term": "warning",
};

export type SarifLevel = "error" | "warning" | "note" | "none";

export interface SarifFile {
  /** The path as given; relative paths become relative URIs, absolute ones file: URIs. */
  file: string;
  result: AnalysisResult;
  /** Extra findings for this file (the comparison with a baseline). */
  extra?: Finding[];
  /** Set when the text was converted from a .docx: regions then refer to the converted Markdown. */
  convertedFrom?: string;
}

export interface SarifOptions {
  /** The tool's version. */
  version?: string;
  /** Where rule documentation lives; `#<rule>` is appended. */
  helpBase?: string;
}

export function levelOf(severity: Severity): SarifLevel {
  return severity === 1 ? "error" : severity === 2 ? "warning" : "note";
}

/** A path as a URI reference: forward slashes, each segment percent-encoded; absolute paths as file: URIs. */
export function toUri(file: string): string {
  const slashed = file.replace(/\\/g, "/");
  const encoded = slashed
    .split("/")
    .map((seg) => (/^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg)))
    .join("/");
  if (slashed.startsWith("/")) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

/** Converts analyses to one SARIF 2.1.0 log. */
export function toSarif(files: SarifFile[], options: SarifOptions = {}): object {
  const helpBase = options.helpBase ?? "docs/rules.md";
  const ruleIds = new Set(Object.keys(RULE_DESCRIPTIONS));
  const all = files.map((f) => ({
    ...f,
    findings: f.result.agreement ? [...f.result.findings, ...(f.extra ?? [])] : [],
  }));
  for (const f of all) for (const finding of f.findings) ruleIds.add(finding.rule);
  const rules = [...ruleIds].map((id) => ({
    id,
    name: id.replace(/(^|-)(\w)/g, (_, __: string, c: string) => c.toUpperCase()),
    shortDescription: { text: RULE_DESCRIPTIONS[id] ?? `Clause Checker rule ${id}.` },
    helpUri: `${helpBase}#${id}`,
    defaultConfiguration: { level: DEFAULT_LEVEL[id] ?? "warning" },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = all.map((f) => ({
    location: { uri: toUri(f.file) },
    ...(f.convertedFrom
      ? {
          properties: {
            convertedToMarkdown: true,
            note: "Regions refer to the Markdown converted from this Word file (clause-checker import).",
          },
        }
      : {}),
  }));
  const results = all.flatMap((f, fileIndex) =>
    f.findings.map((finding) => ({
      ruleId: finding.rule,
      ruleIndex: ruleIndex.get(finding.rule)!,
      level: levelOf(finding.severity),
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file), index: fileIndex },
            region: {
              startLine: finding.range.start.line + 1,
              startColumn: finding.range.start.character + 1,
              endLine: finding.range.end.line + 1,
              endColumn: finding.range.end.character + 1,
            },
          },
        },
      ],
      ...(finding.clause !== undefined || finding.element !== undefined
        ? {
            properties: {
              ...(finding.clause !== undefined ? { clause: finding.clause } : {}),
              ...(finding.element !== undefined ? { element: finding.element } : {}),
            },
          }
        : {}),
    })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "clause-checker",
            ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        artifacts,
        results,
      },
    ],
  };
}
