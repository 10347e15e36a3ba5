/**
 * `broken-reference`: "Section 5.3", "Sections 2.1 and 2.4", "Section 2.1(b)", "Article IV", "Schedule
 * 2", "Exhibit B", "Annex 1" that point at nothing in the document. References into other instruments
 * ("Section 5.1 of the Supply Agreement", "Section 101 of the Bankruptcy Code", "35 U.S.C. Section
 * 271") are not ours to check. Numbers compare after normalisation ("5.01" is "5.1", "5.3." is "5.3",
 * "Article IV" is "Article 4"), never by closeness: a near miss is exactly what this rule reports, and
 * its fixes offer the three closest numbers that do exist.
 */
import { articleValue, intToRoman, type Section } from "../structure";
import { detach, isDigit, lineStartMatches, matchesAt } from "../text";
import type { Finding, Fix } from "../types";
import { blockMatches } from "./blocks";
import { oncePerInput, type DraftingInput } from "./input";
import { tableOfContentsSpans } from "./regions";
import { editDistance } from "../editDistance";

export type ReferenceKind =
  "section" | "article" | "exhibit" | "schedule" | "annex" | "appendix" | "attachment";

export interface Reference {
  kind: ReferenceKind;
  /** The label word as written ("Section", "Sections", "§"). */
  word: string;
  /** The number as written ("5.3", "2.1(b)", "IV", "B"). */
  label: string;
  start: number;
  end: number;
}

export interface Targets {
  /** Normalised section numbers ("5.1", "5.1(a)") → the section that carries it (null: seen only in running text). */
  sections: Map<string, Section | null>;
  /** Article numbers (as integers) → the article's section. */
  articles: Map<number, Section | null>;
  /** Attachment kind → upper-cased labels → the attachment's section (null: a heading line the tree did not keep). */
  attachments: Map<ReferenceKind, Map<string, Section | null>>;
}

const KIND_OF: Record<string, ReferenceKind> = {
  section: "section",
  sections: "section",
  "§": "section",
  "§§": "section",
  article: "article",
  articles: "article",
  exhibit: "exhibit",
  exhibits: "exhibit",
  schedule: "schedule",
  schedules: "schedule",
  annex: "annex",
  annexes: "annex",
  appendix: "appendix",
  appendices: "appendix",
  attachment: "attachment",
  attachments: "attachment",
};

const SECTION_NUMBER = String.raw`\d{1,3}(?:\.\d{1,3})*(?![\d])(?:\([a-zA-Z0-9]{1,5}\))*`;
const ARTICLE_NUMBER = String.raw`(?:\d{1,3}|[IVXLC]{1,7})(?![A-Za-z0-9])`;
const ATTACHMENT_LABEL = String.raw`(?:[A-Z]{1,2}(?:-\d{1,2})?|\d{1,2}(?:\.\d{1,2})?[A-Z]?)(?![A-Za-z0-9])`;
const SEPARATOR = String.raw`\s*(?:,\s*(?:and|or)?|and|or|and\/or|through|to|[-–])\s*`;

/** What every reference contains: a block without one of these words has no reference. */
const REFERENCE_WORD =
  /SECTION|Section|ARTICLE|Article|EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDI|Appendi|ATTACHMENT|Attachment|§/;
const REFERENCE_RE = new RegExp(
  String.raw`(?<![A-Za-z])(?:(Sections?|SECTIONS?|Articles?|ARTICLES?|Exhibits?|EXHIBITS?|Schedules?|SCHEDULES?|Annex(?:es)?|ANNEX(?:ES)?|Appendi(?:x|ces)|APPENDI(?:X|CES)|Attachments?|ATTACHMENTS?)[ \t\u00a0]+|(§§?)[ \t\u00a0]*)` +
    String.raw`((?:${SECTION_NUMBER}|${ARTICLE_NUMBER}|${ATTACHMENT_LABEL})(?:${SEPARATOR}(?:${SECTION_NUMBER}|${ARTICLE_NUMBER}|${ATTACHMENT_LABEL}))*)`,
  "g",
);

/** After the reference: "of the Supply Agreement", "under the Act", "of Regulation S-K" (another instrument). */
const EXTERNAL_AFTER =
  /^\s*(?:\([^)]{0,12}\)\s*)*,?\s*(?:of|under)\s+(?:the\s+|that\s+certain\s+|such\s+|said\s+|any\s+)?(?!this\b|This\b|THIS\b|hereof\b|hereto\b)(?:[A-Z][\w.&'’-]*|\d{2,}\s+U\.?S\.?C)/;
/** Before the reference: "35 U.S.C.", "the Code", "Rule". */
const EXTERNAL_BEFORE =
  /(?:U\.?\s?S\.?\s?C\.?|C\.?\s?F\.?\s?R\.?|\bCode|\bAct|\bRules?|\bRegulations?|\bTitle\s+\d+|\bTreaty|\bConvention|\bDirective|\bStatute)\s*(?:,\s*)?$/;

export function normaliseNumber(label: string): string {
  let key = normalised.get(label);
  if (key === undefined) {
    // A copy, for the key and the value made from it: a label cut from the document would keep that
    // version of it alive.
    const own = detach(label);
    key = own
      .replace(/\.$/, "")
      .replace(/\d+/g, (d) => String(Number(d)))
      .replace(/\(([A-Za-z]+)\)/g, (_m, l: string) => `(${l.toLowerCase()})`);
    if (normalised.size >= 4096) normalised.clear();
    normalised.set(own, key);
  }
  return key;
}

/** Normalised labels by label: every check normalises the same few hundred section numbers. */
const normalised = new Map<string, string>();

function attachmentKind(word: string): ReferenceKind | null {
  const k = KIND_OF[word.toLowerCase()];
  return k && k !== "section" && k !== "article" ? k : null;
}

// What targetsOf reads from the whole text: these look across blank lines ("…have sold:\n\n3.19.1 any").
// "(?=\d)" first: the lookbehinds are then tried only where a number starts (three times faster).
/** A section number the tree did not keep: "1.9 "Net Sales" means", "12.3 Notices." run into a paragraph. */
export const UNKEPT_NUMBER =
  /(?=\d)(?:(?<![\w.§,(])(?<!(?:Sections?|and|or|to|through)\s+)(\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=[“"ʺ[]|[A-Z])|(?<=[.;:]\s{1,3})(\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=[a-z]))/g;
const CAPITAL_ARTICLE = /\bARTICLE\s+(\d{1,3}|[IVXLC]{1,7}|[A-Z]{3,9})\b/g;
/** "…as follows: 1. Definitions When used…": a top-level heading run into the text. */
const RUN_IN_ARTICLE = /(?:^|\n|[.:;]\s{1,3})(\d{1,2})\.\s+(?=[A-Z][a-z])/g;
const ATTACHMENT_HEADING =
  /(?:^|\n)[ \t#>*_]*(EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)\s+([A-Z]{1,2}(?:-\d{1,2})?|\d{1,2}(?:\.\d{1,2})?[A-Z]?)(?![A-Za-z0-9])/g;

/** Everything a reference can point at: the section tree's numbers, articles and attachments. */
export const targetsOf = oncePerInput(findTargets);

function findTargets(doc: DraftingInput): Targets {
  const t: Targets = { sections: new Map(), articles: new Map(), attachments: new Map() };
  const { sections, masked, lines } = doc;
  const addAttachment = (kind: ReferenceKind, label: string, section: Section | null) => {
    let m = t.attachments.get(kind);
    if (!m) t.attachments.set(kind, (m = new Map<string, Section | null>()));
    const key = label.toUpperCase().replace(/\.$/, "");
    if (!m.has(key) || (m.get(key) === null && section)) m.set(key, section);
  };
  for (const s of sections) {
    if (s.kind === "root" || s.number === null) continue;
    if (s.kind === "exhibit") {
      if (s.start < 400 && /^\d+\.\d+$/.test(s.number)) continue;
      const word = /^\s*(\w+)/.exec(masked.slice(s.start, lines.lineEnd(s.line)))?.[1] ?? "";
      const kind = attachmentKind(word);
      if (kind) addAttachment(kind, s.number, s);
      continue;
    }
    if (s.kind === "paren") {
      let label = s.number;
      let p = sections[s.parent];
      while (p && p.kind === "paren") {
        label = p.number! + label;
        p = sections[p.parent];
      }
      if (p && p.number !== null && /^\d/.test(p.number))
        t.sections.set(normaliseNumber(p.number + label), s);
      continue;
    }
    if (/^\d+(?:\.\d+)*\.?$/.test(s.number)) {
      const key = normaliseNumber(s.number);
      if (!t.sections.has(key)) t.sections.set(key, s);
      if (!key.includes(".") && !t.articles.has(Number(key))) t.articles.set(Number(key), s);
    }
    if ((s.kind === "article" || s.kind === "heading") && s.major !== undefined && !t.articles.has(s.major))
      t.articles.set(s.major, s);
  }
  // Numbers the tree did not keep: a paragraph that starts "1.9 "Net Sales" means" inside a one-line
  // definitions article, or "12.3 Notices." run into the previous paragraph of a filing.
  for (const m of unkeptNumberMatches(masked)) {
    const key = normaliseNumber(m[1] ?? m[2]!);
    if (!t.sections.has(key)) t.sections.set(key, null);
  }
  // An article the tree missed: "ARTICLE 6" in capitals anywhere (a heading run into a filing's text),
  // or any section numbered 6.x.
  for (const m of masked.matchAll(CAPITAL_ARTICLE)) {
    const value = articleValue(m[1]!);
    if (value > 0 && !t.articles.has(value)) t.articles.set(value, null);
  }
  // "…as follows: 1. Definitions When used…": a top-level heading run into the text.
  for (const m of masked.matchAll(RUN_IN_ARTICLE)) {
    const value = Number(m[1]);
    if (!t.articles.has(value)) t.articles.set(value, null);
    if (!t.sections.has(String(value))) t.sections.set(String(value), null);
  }
  for (const key of [...t.sections.keys()]) {
    const major = Number(key.split(".")[0]);
    if (key.includes(".") && !t.articles.has(major)) t.articles.set(major, null);
  }
  for (const m of lineStartMatches(ATTACHMENT_HEADING, masked)) {
    const kind = attachmentKind(m[1]!);
    // "Exhibit 10.13" opening an SEC filing is the filing's own exhibit number, not an attachment.
    if (kind && !(m.index < 400 && /^\d+\.\d+$/.test(m[2]!))) addAttachment(kind, m[2]!, null);
  }
  return t;
}

/** The matches of {@link UNKEPT_NUMBER}, as a scan of the whole text finds them, tried only where a number starts. */
export function unkeptNumberMatches(masked: string): RegExpExecArray[] {
  return matchesAt(UNKEPT_NUMBER, masked, numberStarts(masked));
}

/** Where a number like "12.3" can start: any of the three characters before a "digit.digit" that is a digit. */
function numberStarts(text: string): number[] {
  const starts: number[] = [];
  for (let dot = text.indexOf("."); dot >= 0; dot = text.indexOf(".", dot + 1)) {
    if (!isDigit(text.charCodeAt(dot - 1)) || !isDigit(text.charCodeAt(dot + 1))) continue;
    const last = starts.length > 0 ? starts[starts.length - 1]! : -1;
    for (let at = Math.max(0, dot - 3, last + 1); at < dot; at++)
      if (isDigit(text.charCodeAt(at))) starts.push(at);
  }
  return starts;
}

/**
 * Whether only blanks and Markdown markers (`#>*_`) stand between the line start and `at`. Walks back
 * over those characters only: looking up the line start first cost the whole line per reference,
 * minutes on a 5 MB line full of references.
 */
function onlyMarkupBefore(masked: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0) {
    const c = masked[i];
    if (c === "\n") return true;
    if (c !== " " && c !== "\t" && c !== "#" && c !== ">" && c !== "*" && c !== "_") return false;
    i--;
  }
  return true;
}

/** Finds the references in the document text (references into other instruments excluded). */
export function findReferences(doc: DraftingInput): Reference[] {
  const { masked } = doc;
  const out: Reference[] = [];
  const toc = tableOfContentsSpans(doc);
  for (const m of blockMatches(doc, "references:REFERENCE_RE", REFERENCE_RE, REFERENCE_WORD)) {
    const word = m[1] ?? m[2]!;
    const list = m[3]!;
    const kind = KIND_OF[word.toLowerCase()]!;
    const listStart = m.index + m[0].length - list.length;
    const listEnd = m.index + m[0].length;
    // "Exhibit 10.5" opening a filing, "Schedule 2 – Milestones" as a heading: labels, not references.
    if (onlyMarkupBefore(masked, m.index)) continue;
    if (toc.some((t) => m.index >= t.start && m.index < t.end)) continue;
    // "Exhibit 10.11" in a filing's first lines is the filing's own exhibit number.
    if (m.index < 400 && kind !== "section" && kind !== "article" && /^\d+\.\d+$/.test(list.trim())) continue;
    if (EXTERNAL_BEFORE.test(masked.slice(Math.max(0, m.index - 30), m.index))) continue;
    if (EXTERNAL_AFTER.test(masked.slice(listEnd, listEnd + 80))) continue;
    const itemRe =
      kind === "section"
        ? new RegExp(SECTION_NUMBER, "g")
        : kind === "article"
          ? new RegExp(ARTICLE_NUMBER, "g")
          : new RegExp(ATTACHMENT_LABEL, "g");
    // The list holds only labels and separators ("2.1 and 2.4", "6.4 to 6.7"); each label is one reference.
    for (const item of list.matchAll(itemRe)) {
      out.push({
        kind,
        word,
        label: item[0],
        start: listStart + item.index,
        end: listStart + item.index + item[0].length,
      });
    }
  }
  return out;
}

/** The section or attachment a reference points at; null when it does not resolve, undefined when it resolves to running text only. */
export function resolveReference(doc: DraftingInput, ref: Reference): Section | null | undefined {
  const t = targetsOf(doc);
  if (ref.kind === "section") {
    const key = normaliseNumber(ref.label);
    if (t.sections.has(key)) return t.sections.get(key) ?? undefined;
    const base = key.replace(/\(.*$/, "");
    const baseSection = t.sections.get(base);
    const asArticle = !base.includes(".") ? t.articles.get(Number(base)) : undefined;
    if (baseSection === undefined && asArticle === undefined && !t.sections.has(base)) return null;
    if (base === key) return baseSection ?? asArticle ?? undefined;
    // "Section 2.1(b)": resolved unless 2.1 lists its items on their own lines and (b) is not among them.
    const holder = baseSection ?? asArticle ?? null;
    if (holder) {
      const items = doc.sections.filter((s) => s.parent === holder.index && s.kind === "paren");
      const first = /^\(([^)]+)\)/.exec(key.slice(base.length))?.[1];
      if (
        items.length >= 2 &&
        first !== undefined &&
        !items.some((s) => s.number!.slice(1, -1).toLowerCase() === first)
      )
        return null;
      return items.find((s) => s.number!.slice(1, -1).toLowerCase() === first) ?? holder;
    }
    return undefined;
  }
  if (ref.kind === "article") {
    const value = articleValue(ref.label);
    if (Number.isNaN(value)) return undefined;
    if (t.articles.has(value)) return t.articles.get(value) ?? undefined;
    return t.sections.has(String(value)) ? (t.sections.get(String(value)) ?? undefined) : null;
  }
  const labels = t.attachments.get(ref.kind);
  const key = ref.label.toUpperCase();
  if (labels?.has(key)) return labels.get(key) ?? undefined;
  return null;
}

/** Broken labels asked about per document (see MAX_SUGGESTED_LABELS). */
const askedLabels = new WeakMap<Targets, Set<string>>();
/**
 * Answers already given, by the labels they were chosen from: a filing repeats its broken references
 * many times over, and a keystroke seldom changes the section numbers, so the next check reuses them.
 * Only the latest few sets of labels are kept.
 */
const closestByPool = new Map<string, Map<string, string[]>>();
const poolKeys = new WeakMap<Targets, string>();

function poolKey(t: Targets): string {
  let key = poolKeys.get(t);
  if (key === undefined) {
    const parts = [[...t.sections.keys()].join(","), [...t.articles.keys()].join(",")];
    for (const [kind, labels] of t.attachments) parts.push(`${kind}:${[...labels.keys()].join(",")}`);
    key = parts.join("|");
    poolKeys.set(t, key);
  }
  return key;
}
/**
 * Distinct broken labels per document that get suggestions. Each ranks every section number, so a
 * document with thousands of broken references (a wrong numbering scheme, two agreements pasted
 * together) would pay their product; past this many, the references are still reported, without
 * "Change to" fixes.
 */
const MAX_SUGGESTED_LABELS = 100;

/** Up to three existing labels closest to a broken one (edit distance on the label, then numeric distance). */
export function closestTargets(doc: DraftingInput, ref: Reference): string[] {
  const t = targetsOf(doc);
  const roman = ref.kind === "article" && !/^\d/.test(ref.label);
  const wanted = ref.kind === "section" ? normaliseNumber(ref.label) : ref.label.toUpperCase();
  const key = `${ref.kind}${roman ? "/roman" : ""}:${wanted}`;
  let asked = askedLabels.get(t);
  if (!asked) askedLabels.set(t, (asked = new Set()));
  if (!asked.has(key)) {
    if (asked.size >= MAX_SUGGESTED_LABELS) return [];
    asked.add(key);
  }
  const labels = poolKey(t);
  let answers = closestByPool.get(labels);
  if (!answers) {
    if (closestByPool.size >= 4) closestByPool.delete(closestByPool.keys().next().value!);
    closestByPool.set(labels, (answers = new Map<string, string[]>()));
  }
  const known = answers.get(key);
  if (known) return known;
  let pool: string[];
  if (ref.kind === "section") pool = [...t.sections.keys()];
  else if (ref.kind === "article")
    pool = [...t.articles.keys()].map((n) => (roman ? intToRoman(n) : String(n)));
  else pool = [...(t.attachments.get(ref.kind)?.keys() ?? [])];
  const numeric = (s: string) =>
    s
      .split(/[.()]/)
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.charCodeAt(0)));
  const target = numeric(wanted);
  const distance = (y: number[]) => {
    let d = 0;
    for (let i = 0; i < Math.max(target.length, y.length); i++)
      d = d * 100 + Math.abs((target[i] ?? 0) - (y[i] ?? 0));
    return d;
  };
  // The best three by (edit distance, numeric distance, order in the document), kept as we go: a
  // label whose length alone puts it past the third best is skipped without computing its distance.
  const best: Array<{ p: string; e: number; n: number }> = [];
  for (const p of new Set(pool)) {
    if (p === wanted) continue;
    const third = best[2];
    if (third && Math.abs(p.length - wanted.length) > third.e) continue;
    const c = { p, e: editDistance(wanted, p), n: distance(numeric(p)) };
    const at = best.findIndex((b) => c.e < b.e || (c.e === b.e && c.n < b.n));
    if (at >= 0) best.splice(at, 0, c);
    else best.push(c);
    if (best.length > 3) best.pop();
  }
  const closest = best.map((x) => x.p);
  answers.set(key, closest);
  return closest;
}

const KIND_NAME: Record<ReferenceKind, string> = {
  section: "Section",
  article: "Article",
  exhibit: "Exhibit",
  schedule: "Schedule",
  annex: "Annex",
  appendix: "Appendix",
  attachment: "Attachment",
};

/** `broken-reference` findings, each with up to three fixes that change the number to an existing one. */
export function findBrokenReferences(doc: DraftingInput): Finding[] {
  const t = targetsOf(doc);
  const numbered = [...t.sections.values()].filter((s) => s !== null).length;
  const findings: Finding[] = [];
  for (const ref of findReferences(doc)) {
    // A document whose numbering the tree could not read would make every reference look broken.
    if ((ref.kind === "section" || ref.kind === "article") && numbered < 3 && t.articles.size < 2) continue;
    // A filed copy often leaves its schedules out; only a kind that is attached at all is checked.
    if (ref.kind !== "section" && ref.kind !== "article" && !doc.markdown && !t.attachments.has(ref.kind))
      continue;
    if (resolveReference(doc, ref) !== null) continue;
    const name = KIND_NAME[ref.kind];
    const range = doc.lines.range(ref.start, ref.end);
    const fixes: Fix[] = closestTargets(doc, ref).map((label) => ({
      title: `Change to ${name} ${label}`,
      edits: [{ range, snippet: label.replace(/[\\$}]/g, "\\$&") }],
    }));
    const where =
      ref.kind === "section" || ref.kind === "article"
        ? "does not exist in this agreement"
        : "is not attached to this agreement";
    findings.push({
      rule: "broken-reference",
      severity: 2,
      range,
      message: `${name} ${ref.label} ${where}.`,
      fixes,
    });
  }
  return findings;
}
