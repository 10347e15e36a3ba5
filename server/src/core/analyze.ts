/**
 * The analysis pipeline: front matter → Markdown masking → sections → agreement decision → cue
 * matching per section → clause judgements → findings with fixes. `Analyzer` keeps content-keyed
 * caches between runs so re-analysing an edited document only redoes the chunks and sections that
 * changed; `analyze` is the one-shot form.
 */
import { detectAgreement } from "./agreement";
import { judgeClauses, type ClauseResult } from "./clauses";
import { findDefinedTerms, type DefinedTerm } from "./definitions";
import { findDraftingIssues } from "./drafting";
import { missingClauseFix, weakClauseFixes, type DocumentView } from "./fixes";
import { readFrontMatter } from "./frontmatter";
import { maskPageFurniture } from "./furniture";
import type { CompiledLibrary } from "./library";
import { maskMarkdownParts } from "./markdown";
import { matchUnit, type UnitMatch } from "./match";
import { RULE_IDS } from "./rules";
import { buildSections, type Section } from "./structure";
import {
  applySuppressions,
  findComments,
  suppressionFixer,
  type Comment,
  type IgnoreOptions,
} from "./suppress";
import { LineIndex } from "./text";
import { TextCache } from "./text-cache";
import type { DealContext, Finding, Range } from "./types";
import { findVagueObligations } from "./vague";

export interface AnalyzeOptions {
  /** "plaintext" reads the text as typed; anything else as Markdown. */
  languageId?: string;
  /** Deal context from settings: front matter wins over it. */
  deal?: Partial<DealContext>;
  /** Deal context from the command line: it wins over front matter. */
  dealOverride?: Partial<DealContext>;
  /** Treat the document as an agreement whatever its shape (a `files` glob matched it). */
  force?: boolean;
  /** Documents longer than this (characters) get structure and clause checks only. */
  maxFullAnalysis?: number;
  /** Rules and text patterns never to report (settings, mainly for .txt agreements that cannot carry comments). */
  ignore?: IgnoreOptions;
}

export interface AnalysisResult {
  agreement: boolean;
  deal: DealContext;
  /** The title line's range: where document-level findings point. */
  titleRange: Range;
  clauses: ClauseResult[];
  findings: Finding[];
  sections: Section[];
  terms: DefinedTerm[];
  lines: LineIndex;
  masked: string;
  /** The document's suppression comments, which its findings were filtered by (none for a non-agreement). */
  comments: Comment[];
}

/** About 1.3 million words: well past real agreements (30-80k words), short of what would freeze typing. */
export const MAX_FULL_ANALYSIS = 8_000_000;

/**
 * About 300,000 words: per-block results (section lines, drafting rules) are kept between checks up to
 * this many characters. Past real agreements' sizes they would hold more memory than they save time.
 */
export const MAX_CACHED_BLOCKS = 2_000_000;

const DEFAULT_DEAL: DealContext = { model: "out-licensing", party: "licensor" };

function titleLine(sections: Section[], masked: string, lines: LineIndex, from: number): number {
  const h1 = sections.find((s) => s.kind === "heading" && s.headingDepth === 1);
  if (h1) return h1.line;
  for (let line = lines.positionAt(from).line; line < lines.lineCount; line++) {
    if (masked.slice(lines.lineStarts[line], lines.lineEnd(line)).trim() !== "") return line;
  }
  return 0;
}

/** Analyses documents with one compiled library, caching parse and match results by content. */
export class Analyzer {
  /** Chunk masks, section matches and drafting blocks by text; each analysis keeps what it used. */
  private readonly texts = new TextCache();

  constructor(readonly library: CompiledLibrary) {}

  /** Analyses one document. */
  analyze(source: string, options: AnalyzeOptions = {}): AnalysisResult {
    try {
      return this.run(source, options);
    } finally {
      this.texts.sweep();
    }
  }

  private run(source: string, options: AnalyzeOptions): AnalysisResult {
    const frontMatter = readFrontMatter(source);
    // Past the budget, read the text as plain text and run only structure and clause checks: a
    // slower, complete answer is worth less to a user than a quick one that says what it skipped.
    const budget = options.maxFullAnalysis ?? MAX_FULL_ANALYSIS;
    const oversized = source.length > budget;
    const markdown = options.languageId !== "plaintext";
    const marked =
      markdown && !oversized
        ? maskMarkdownParts(source, this.texts)
        : {
            parts: [" ".repeat(frontMatter.length), source.slice(frontMatter.length)],
            headings: [],
            html: [],
            degraded: [],
          };
    const lines = new LineIndex(source);
    const masked = maskPageFurniture(marked.parts, lines);
    const headingLines = new Map<number, number>();
    for (const h of marked.headings) headingLines.set(lines.positionAt(h.offset).line, h.depth);
    const blockCache = source.length <= MAX_CACHED_BLOCKS ? { cache: this.texts } : {};
    const sections = buildSections({
      masked,
      source,
      lines,
      headingLines,
      skipUntil: frontMatter.length,
      ...blockCache,
    });
    const title = titleLine(sections, masked, lines, frontMatter.length);
    sections[0]!.title = masked.slice(lines.lineStarts[title], lines.lineEnd(title)).trim();
    const deal: DealContext = {
      model: options.dealOverride?.model ?? frontMatter.model ?? options.deal?.model ?? DEFAULT_DEAL.model,
      party: options.dealOverride?.party ?? frontMatter.party ?? options.deal?.party ?? DEFAULT_DEAL.party,
    };
    const titleRange = lines.trimmedLineRange(title);
    const frontMatterFindings: Finding[] = frontMatter.problems.map((message) => ({
      rule: "front-matter",
      severity: 2,
      range: lines.trimmedLineRange(0),
      message: `Clause Checker: ${message}.`,
      fixes: [],
    }));
    const isAgreement =
      frontMatter.agreement ??
      (options.force || detectAgreement(masked, sections, sections[0]!.title).isAgreement);
    if (!isAgreement) {
      return {
        agreement: false,
        deal,
        titleRange,
        clauses: [],
        findings: [],
        sections,
        terms: [],
        lines,
        masked,
        comments: [],
      };
    }
    const findings: Finding[] = [...frontMatterFindings];
    // Each part below is isolated: a failure costs that part's findings only, and one information
    // finding says which part failed (drafting rules are isolated one by one in drafting/index.ts).
    const part = <T>(name: string, fallback: T, run: () => T): T =>
      isolated(name, fallback, run, findings, titleRange);
    // The root and the document's title section ("# Licence Agreement") hold the preamble.
    const preamble = new Set([
      0,
      ...sections.filter((s) => s.line === title && s.parent === 0).map((s) => s.index),
    ]);
    const matched = part(
      "clause detection",
      { units: null as UnitMatch[] | null, clauses: [] as ClauseResult[] },
      () => {
        const slice = this.texts.slicer("masked", masked, "sections");
        // Copied (as every text the cache keys by): the cue matchers keep the last text they ran on.
        const units = this.texts.getAll(
          "match",
          sections.map((s) => slice(s.start, s.ownEnd)),
          (t) => matchUnit(this.library, t),
        );
        return { units, clauses: judgeClauses(this.library, sections, units, masked, deal, preamble) };
      },
    );
    const { units, clauses } = matched;
    const terms = part("defined terms", [] as DefinedTerm[], () => findDefinedTerms(source, masked));
    const view: DocumentView = { source, masked, lines, sections, markdown };
    if (oversized) {
      findings.push({
        rule: "analysis-limit",
        severity: 3,
        range: titleRange,
        message: `This document has ${(source.length / 1e6).toFixed(1)} million characters, more than the ${(budget / 1e6).toFixed(1)} million analysed in full: only structure and clause checks ran (no Markdown parsing, vague-drafting or drafting-integrity rules).`,
        fixes: [],
      });
    }
    if (marked.degraded.length > 0) {
      const line = lines.positionAt(marked.degraded[0]!).line;
      findings.push({
        rule: "analysis-limit",
        severity: 3,
        range: lines.trimmedLineRange(line),
        message: `Markdown too deeply nested, too long or too dense with * _ [ ] to parse safely (from line ${line + 1}${marked.degraded.length > 1 ? ` and ${marked.degraded.length - 1} more block(s)` : ""}) was read as plain text.`,
        fixes: [],
      });
    }
    for (const result of clauses) {
      const compiled = this.library.clauses.find((c) => c.def.id === result.clause)!;
      if (result.status === "missing" && result.importance !== "optional") {
        const required = result.importance === "required";
        const fix = part(`the fix for the missing ${result.clause} clause`, null, () =>
          missingClauseFix(view, compiled, deal),
        );
        findings.push({
          rule: "missing-clause",
          severity: required ? 1 : 2,
          range: titleRange,
          message: `Missing ${result.title.toLowerCase()} clause (${required ? "required" : "recommended"} for ${deal.model} deals): ${firstSentence(compiled.def.explanation)}`,
          clause: result.clause,
          fixes: fix ? [fix] : [],
        });
      } else if (result.status === "weak" && result.primary !== null) {
        const missing = result.elements.filter((e) => e.required && !e.present);
        const section = sections[result.primary]!;
        findings.push({
          rule: "weak-clause",
          severity: 2,
          range: lines.trimmedLineRange(section.line),
          message: `${result.title} is weak: it does not provide for ${joinWords(missing.map((e) => e.title.toLowerCase()))}.`,
          clause: result.clause,
          ...(missing.length === 1 ? { element: missing[0]!.element } : {}),
          fixes: part(`the fixes for the weak ${result.clause} clause`, [], () =>
            weakClauseFixes(
              view,
              compiled,
              section,
              missing.map((e) => e.element),
            ),
          ),
        });
      }
    }
    if (!oversized) {
      if (units)
        pushAll(
          findings,
          part("rule vague-obligation", [], () =>
            findVagueObligations(this.library, sections, units, clauses, terms, lines),
          ),
        );
      pushAll(
        findings,
        findDraftingIssues({
          source,
          masked,
          lines,
          sections,
          terms,
          markdown,
          ...blockCache,
        }),
      );
    }
    // Suppression failing would hide nothing rather than everything.
    let comments: Comment[] = [];
    const kept = part("suppression comments", findings, () => {
      comments = findComments(source, markdown, marked.html);
      return applySuppressions(findings, comments, RULE_IDS, lines, {
        ...(options.ignore ? { ignore: options.ignore } : {}),
      });
    });
    isolated(
      "the ignore fixes",
      undefined,
      () => {
        const ignoreFix = suppressionFixer(lines, source, markdown);
        for (const f of kept) {
          const ignore = ignoreFix(f.rule, f.range.start.line);
          if (ignore) f.fixes.push(ignore);
        }
      },
      kept,
      titleRange,
    );
    return {
      agreement: true,
      deal,
      titleRange,
      clauses,
      findings: kept,
      sections,
      terms,
      lines,
      masked,
      comments,
    };
  }
}

/**
 * Runs one part of the analysis. A part that throws costs only its own result (`fallback`) and adds
 * one information finding naming it, so the other parts' findings still reach the user.
 */
function isolated<T>(name: string, fallback: T, run: () => T, findings: Finding[], range: Range): T {
  try {
    return run();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    findings.push({
      rule: "internal-error",
      severity: 3,
      range,
      message: `Clause Checker: ${name} failed: ${detail}`,
      fixes: [],
    });
    return fallback;
  }
}

/** Appends items one by one: `push(...items)` overflows the stack past about 100,000 items. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return (m ? m[0] : text.trim()).replace(/\s+/g, " ");
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join("; ")} and ${items[items.length - 1]}`;
}

/** Analyses one document with a fresh analyzer (no caches kept). */
export function analyze(
  source: string,
  library: CompiledLibrary,
  options: AnalyzeOptions = {},
): AnalysisResult {
  return new Analyzer(library).analyze(source, options);
}
