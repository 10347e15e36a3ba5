/**
 * Plain data shared by every part of the analysis core. Nothing here knows about LSP, VS Code or the
 * file system: positions are 0-based line/character in UTF-16 code units, exactly as LSP counts, so
 * the LSP layer can pass them through unchanged.
 */

export const DEAL_MODELS = ["out-licensing", "co-development", "newco"] as const;
export type DealModel = (typeof DEAL_MODELS)[number];
export const PARTIES = ["licensor", "licensee"] as const;
export type Party = (typeof PARTIES)[number];

export interface DealContext {
  model: DealModel;
  party: Party;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** LSP severities: 1 error, 2 warning, 3 information, 4 hint. */
export type Severity = 1 | 2 | 3 | 4;

/** One edit of a fix. `snippet` uses LSP snippet syntax (`${1:30}`); literal `$`, `}` and `\` are escaped. */
export interface FixEdit {
  range: Range;
  snippet: string;
}

export interface Fix {
  title: string;
  edits: FixEdit[];
  /**
   * Marks the "Ignore <rule> here" fix. The language server rebuilds it when asked for code actions
   * instead of sending it with every diagnostic: it is a fifth to a third of a heavy document's
   * diagnostics, sent again on every keystroke.
   */
  suppression?: true;
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  range: Range;
  message: string;
  clause?: string;
  element?: string;
  fixes: Fix[];
  related?: RelatedInfo[];
}

/** How important a clause is for a deal model (the taxonomy's playbook table). */
export type Importance = "required" | "recommended" | "optional";

/** A requirement rule: an element is required when the deal matches every listed dimension. */
export interface Requirement {
  models?: DealModel[];
  parties?: Party[];
}

export interface NearCueDef {
  /** Every cue must hit inside one sentence (or within `window` words when given). */
  all: string[];
  window?: number;
}

export interface CueSet {
  phrases?: string[];
  near?: NearCueDef[];
  /** Sentences hitting one of these never count as evidence for this clause or element. */
  exclude?: string[];
}

export interface ElementDef extends CueSet {
  id: string;
  title: string;
  explanation: string;
  /** true: required for every deal; false: optional; or the deals for which it is required. */
  required: boolean | Requirement;
  /** Evidence anywhere in the agreement, not only inside the clause's own sections. */
  anywhere?: boolean;
  /** Insertable sub-clause, snippet syntax, with `{{num}}` for its section number. */
  template: string;
  examples: { present: string[]; absent: string[] };
}

export interface TemplateDef {
  id: string;
  title: string;
  models: DealModel[];
  parties: Party[];
  /** Body in snippet syntax; `{{n}}` is the clause's section number. The heading is added to fit the document. */
  body: string;
}

export interface ClauseDef {
  id: string;
  title: string;
  explanation: string;
  /** When true the id need not be one of the taxonomy's nine: a team playbook adds a clause type. */
  custom?: boolean;
  deal: Record<DealModel, Importance>;
  /** Heading cues of sections the full template is inserted after, in order of preference. */
  insertAfter?: string[];
  detect: CueSet & { headings: string[]; threshold?: number };
  elements: ElementDef[];
  templates: TemplateDef[];
  examples: { strong: string[]; weak: string[] };
  /** Where this definition came from (file path), for error messages. */
  source?: string;
}

export interface VaguePatternDef {
  id: string;
  title: string;
  /** Cue that finds the vague wording. */
  phrase: string;
  /** The finding is dropped when the same sentence also hits one of these (e.g. a number of days). */
  unless?: string[];
  /** Only sentences that read as obligations ("shall", "will", "agrees to") are checked. */
  obligationOnly?: boolean;
  message: string;
  /** Replacement in snippet syntax for the matched words; absent when no mechanical fix exists. */
  replacement?: string;
  examples: { flagged: string[]; clean: string[] };
}

export interface ClauseLibrary {
  clauses: ClauseDef[];
  vague: VaguePatternDef[];
}
