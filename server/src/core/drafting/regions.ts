/**
 * Parts of an agreement that are not running prose, for the rules that read prose only: heading
 * lines and section titles, title-like lines (page headers of SEC filings, a table of contents),
 * signature and notice blocks, HTML comments. Also decides where a sentence starts, since a capital
 * there says nothing about a term.
 */
import type { Section } from "../structure";
import { lineSpans } from "./blocks";
import { oncePerInput, type DraftingInput } from "./input";
import { htmlCommentSpans } from "../comments";

export interface Span {
  start: number;
  end: number;
}

/**
 * Spans marked over a text, one flag per character, for rules that ask "does this overlap a marked
 * span?" once per match: a list of spans scanned per question is quadratic on long agreements (a
 * 1.7 MB document took minutes).
 */
export class SpanFlags {
  private readonly flags: Uint8Array;
  constructor(length: number) {
    this.flags = new Uint8Array(length + 1);
  }
  /** Marks [start, end). */
  add(start: number, end: number): void {
    this.flags.fill(1, Math.max(0, start), Math.max(0, end));
  }
  /** Whether any character of [start, end) is marked. */
  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.flags[i]) return true;
    return false;
  }
}

/** A short line in Title Case or capitals with no sentence punctuation: a heading, page header or TOC line. */
export function isTitleLine(text: string): boolean {
  const t = text.trim();
  if (t === "" || t.length > 100 || (/[.;,]$/.test(t) && !/^\S+\.$/.test(t))) return false;
  if (/\b(?:shall|will|must|means|may)\b/.test(t)) return false;
  const words = t
    .replace(/[“”"'’()[\],/&:.\-–—#*_0-9]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return false;
  let significant = 0;
  let capitalised = 0;
  for (const w of words) {
    if (
      /^(?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|upon|with|under|between|its|their|other|than|vs|non|not|per)$/.test(
        w,
      )
    )
      continue;
    significant++;
    if (/^[A-Z]/.test(w)) capitalised++;
  }
  return significant > 0 && capitalised / significant >= 0.8;
}

const SIGNATURE_LINE =
  /^\s*(?:By|Name|Title|Its|Date|Dated|Signature|Signed|Print(?:ed)? Name|Witness|Attn|Attention|Address|Tel|Telephone|Phone|Fax|Facsimile|E-?mail|Email Address|Copy to|With a copy to|cc)\s*[:.]/i;

/** Decides whether a line is part of a signature or notice block ("By: ____", "Name: Jane Doe", "Attention: ..."). */
export function isSignatureLine(text: string): boolean {
  return SIGNATURE_LINE.test(text);
}

/**
 * The heading part of a section: a whole heading line, or the number and run-in title of a numbered
 * item ("5.1 Exclusive License."). Sections may start inside a line (the tree splits the collapsed
 * paragraphs of filings), so everything is measured from the section's own start.
 */
export function headingSpan(doc: DraftingInput, s: Section): Span[] {
  const { lines, masked } = doc;
  const lineEnd = lines.lineEnd(s.line);
  const next = doc.sections[s.index + 1];
  const segmentEnd = next && next.line === s.line && next.start > s.start ? next.start : lineEnd;
  const text = masked.slice(s.start, segmentEnd);
  const lead = text.length - text.trimStart().length;
  const start = s.start + lead;
  if (
    s.kind === "heading" ||
    s.kind === "caps" ||
    s.kind === "exhibit" ||
    (s.kind === "article" && text.trim().length <= 120)
  ) {
    const spans: Span[] = [{ start, end: segmentEnd }];
    // ARTICLE 5 / LICENSE GRANT: the title sits on the next line.
    if (s.kind === "article" && s.line + 1 < lines.lineCount && segmentEnd === lineEnd) {
      const nextText = masked.slice(lines.lineStarts[s.line + 1], lines.lineEnd(s.line + 1));
      if (s.title !== "" && nextText.trim() === s.title.trim())
        spans.push({ start: lines.lineStarts[s.line + 1]!, end: lines.lineEnd(s.line + 1) });
    }
    return spans;
  }
  const numberAt = s.number !== null ? text.indexOf(s.number) : -1;
  const afterNumber = numberAt >= 0 ? numberAt + s.number!.length : lead;
  if (s.title === "") return numberAt >= 0 ? [{ start, end: s.start + afterNumber }] : [];
  const at = text.indexOf(s.title, afterNumber);
  return at >= 0 ? [{ start, end: s.start + at + s.title.length }] : [{ start, end: s.start + afterNumber }];
}

/** A table of contents run into one paragraph: many "2.1 Title 4" entries (a page number after each title). */
const TOC_ENTRY = /(?:^|\s)\d{1,3}(?:\.\d{1,3})*\.?\s+[A-Z“"][^.\d]{2,80}?\s\d{1,3}(?=\s|$)/g;
const TOC_TITLE =
  /^\s*(?:TABLE OF CONTENTS?|Table of Contents?|CONTENTS|INDEX|Index|List of (?:Exhibits|EXHIBITS|Schedules|SCHEDULES|Appendices))\b/;

/**
 * Lines that belong to a table of contents (a titled one, or a paragraph of numbered entries with page
 * numbers), found once per input: three rules ask on every check.
 */
export const tableOfContentsSpans = oncePerInput((doc): Span[] =>
  lineSpans(doc, "regions:toc", (text) => TOC_TITLE.test(text) || (text.match(TOC_ENTRY)?.length ?? 0) >= 5),
);

/** Heading lines, section titles, title-like lines, signature/notice lines and HTML comments, in document order. */
export const nonProseSpans = oncePerInput((doc): Span[] => {
  const spans: Span[] = [];
  for (const s of doc.sections) if (s.kind !== "root") spans.push(...headingSpan(doc, s));
  for (const span of lineSpans(doc, "regions:titles", (text) => isTitleLine(text) || isSignatureLine(text)))
    spans.push(span);
  if (!doc.markdown) {
    for (const c of htmlCommentSpans(doc.source)) spans.push({ start: c.start, end: c.end });
  }
  return spans.sort((a, b) => a.start - b.start);
});

const LIST_MARKER = String.raw`(?:\(?\d{1,3}(?:\.\d{1,3})*\.?\)?|\(?[a-zA-Z]{1,2}\)|\(?[ivxlcIVXLC]{1,6}\)|[ivxlcIVXLC]{1,6}\.|[A-Z]\.|[•·▪\-–*]|(?:Section|SECTION|ARTICLE|Article)\s+[\dIVXLC]+(?:\.\d+)*\.?)`;
const START_BEFORE = new RegExp(
  String.raw`(?:[.!?:;][”’"')\]]*|\n[ \t]*\n)[\s"“‘'(\[]*(?:${LIST_MARKER}[\s"“‘'(\[]*)*$`,
);
const LINE_START_BEFORE = new RegExp(
  String.raw`\n[ \t]*(?:[#>]+[ \t]*)?[\s"“‘'(\[]*(?:${LIST_MARKER}[\s"“‘'(\[]*)*$`,
);
const DOC_START_BEFORE = new RegExp(String.raw`^[\s"“‘'(\[]*(?:${LIST_MARKER}[\s"“‘'(\[]*)*$`);

/**
 * Decides whether a word at `offset` starts a sentence, a paragraph or a list item, where it would be
 * capitalised anyway. In plain text a line break starts a paragraph (SEC filings put one per line); in
 * Markdown a soft line break does not, unless the previous line ended a sentence.
 */
export function isSentenceStart(text: string, offset: number, markdown: boolean): boolean {
  const from = Math.max(0, offset - 80);
  const before = text.slice(from, offset);
  if (from === 0 && DOC_START_BEFORE.test(before)) return true;
  if (START_BEFORE.test(before)) return true;
  if (LINE_START_BEFORE.test(before)) {
    if (!markdown) return true;
    const nl = before.lastIndexOf("\n");
    const prev = before.slice(0, nl).trimEnd();
    return (
      prev === "" || /[.!?:;]$/.test(prev) || /^[\s"“‘'([]*(?:[#>]+|\d+[.)]|[-*+])/.test(before.slice(nl + 1))
    );
  }
  return false;
}
