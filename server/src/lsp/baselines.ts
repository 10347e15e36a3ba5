/**
 * The baselines chosen with "Compare with Baseline…": per draft URI, the baseline's text, the deal its
 * front matter names and its cached analysis. Every check of the draft compares it with the baseline
 * again (compare/diagnostics.ts) and reports `removed-protection` and `weakened-term` beside the
 * draft's own findings, until the baseline is cleared or the draft closes.
 *
 * Both documents must be analysed with one deal context. The draft's front matter names it; else the
 * baseline's (our template usually says which deal and side it is written for, a counterparty's Word
 * draft says nothing); else the settings. The workspace analyses the draft with that fallback
 * (`deal`), and the baseline is analysed with the draft's resulting deal, cached per library and deal.
 */
import { Analyzer, type AnalysisResult } from "../core/analyze";
import { readFrontMatter } from "../core/frontmatter";
import { RULE_IDS } from "../core/rules";
import { applySuppressions } from "../core/suppress";
import type { DealContext, Finding } from "../core/types";
import { compareAnalyses, toCompareReport, type CompareReport } from "../compare/compare";
import { compareDiagnostics } from "../compare/diagnostics";
import type { DocumentAnalysis } from "./documents";

/** A baseline read into text (a .docx already converted to Markdown). */
export interface BaselineSource {
  /** The name shown in messages and reports ("our-template.md"). */
  name: string;
  text: string;
  languageId: string;
}

interface Entry {
  source: BaselineSource;
  deal: Partial<DealContext>;
  analyzer?: { libraryId: number; analyzer: Analyzer };
  base?: { key: string; result: AnalysisResult };
  /** The findings of the last draft analysis compared: hovers, lenses and pulls of one version share them. */
  last?: { analysis: DocumentAnalysis; findings: Finding[] };
}

/** The baseline of each draft that has one. */
export class Baselines {
  private readonly entries = new Map<string, Entry>();

  /** Compares the draft at `uri` with `source` from now on (replacing an earlier baseline). */
  set(uri: string, source: BaselineSource): void {
    const fm = readFrontMatter(source.text);
    const deal: Partial<DealContext> = {
      ...(fm.model ? { model: fm.model } : {}),
      ...(fm.party ? { party: fm.party } : {}),
    };
    this.entries.set(uri, { source, deal });
  }

  /** Stops comparing the draft; false when it had no baseline. */
  clear(uri: string): boolean {
    return this.entries.delete(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** The baseline's name, or undefined when the draft has none. */
  name(uri: string): string | undefined {
    return this.entries.get(uri)?.source.name;
  }

  /** The deal the baseline's front matter names: the draft's fallback when its own front matter names none. */
  deal(uri: string): Partial<DealContext> | undefined {
    return this.entries.get(uri)?.deal;
  }

  /** The baseline analysed with the draft's deal and library (cached). */
  private baseResult(entry: Entry, draft: DocumentAnalysis): AnalysisResult {
    const { library } = draft;
    const deal = draft.result.deal;
    const key = `${library.id}|${deal.model}|${deal.party}`;
    if (entry.base?.key === key) return entry.base.result;
    if (entry.analyzer?.libraryId !== library.id)
      entry.analyzer = { libraryId: library.id, analyzer: new Analyzer(library.compiled) };
    const result = entry.analyzer.analyzer.analyze(entry.source.text, {
      languageId: entry.source.languageId,
      force: true,
      dealOverride: deal,
    });
    entry.base = { key, result };
    return result;
  }

  /**
   * The comparison's findings in the draft, each with the fix that restores the baseline text (the
   * code-action request adds "Ignore this finding here", as for every diagnostic). The draft's
   * suppression comments and `clauseChecker.ignore` apply to them as to its other findings. Empty
   * when the draft has no baseline or is not an agreement.
   */
  findings(draft: DocumentAnalysis): Finding[] {
    const entry = this.entries.get(draft.uri);
    if (!entry || !draft.result.agreement) return [];
    if (entry.last?.analysis === draft) return entry.last.findings;
    const base = this.baseResult(entry, draft);
    const { lines } = draft.result;
    const text = lines.text;
    const raw = compareDiagnostics(base, draft.result, entry.source.text, text, draft.library.compiled);
    const { ignore } = draft.settings;
    const produced = new Set(raw);
    // Unknown ids in the comments are reported by the draft's own analysis: keep only our findings.
    const findings = applySuppressions(raw, draft.result.comments, RULE_IDS, lines, { ignore }).filter((f) =>
      produced.has(f),
    );
    entry.last = { analysis: draft, findings };
    return findings;
  }

  /** The comparison as the review report shows it (file names, deal, changes), or undefined without a baseline. */
  report(draft: DocumentAnalysis, draftName: string): CompareReport | undefined {
    const entry = this.entries.get(draft.uri);
    if (!entry) return undefined;
    const base = this.baseResult(entry, draft);
    const changes = compareAnalyses(
      base,
      draft.result,
      entry.source.text,
      draft.result.lines.text,
      draft.library.compiled,
    );
    return toCompareReport(entry.source.name, draftName, draft.result.deal, changes);
  }
}
