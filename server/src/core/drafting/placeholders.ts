/**
 * `placeholder`: blanks a draft still has to fill: `[●]`, `[•]`, `[DATE]`, `[X]`, `[TBD]`, `[insert
 * ...]`, notes to draft `[NTD: ...]`, runs of four or more underscores (except on signature lines),
 * `{{var}}`. Redactions of a filed copy (`[***]`, `[ * ]`, `*****`, `[Redacted]`) are not placeholders.
 * `[●]` is both: drafts use it for a blank and some filings for an omission. It is read by the document:
 * in a document that shows redactions or a confidential-treatment legend it is a redaction, otherwise a
 * blank to fill.
 */
import { escapeSnippet } from "../snippet";
import type { Finding, Fix } from "../types";
import { blockCache, paragraphBlocks } from "./blocks";
import { oncePerInput, type DraftingInput } from "./input";
import { isSignatureLine } from "./regions";

export interface Placeholder {
  start: number;
  end: number;
  text: string;
  /** The label the fix keeps as the tab stop's default ("DATE", "insert name", "●"). */
  label: string;
  note: boolean;
}

const REDACTION =
  /\[\s*(?:[.…]*\s*\*[\s*]*[.…]*|Redacted|REDACTED|Omitted|OMITTED|Confidential Treatment Requested)\s*\]/;
/** A bare run of asterisks is a redaction in plain text; in Markdown it is a rule or emphasis. */
const BARE_ASTERISKS = /\*{3,}/;
const LEGEND =
  /confidential\s+treatment|has\s+been\s+omitted|have\s+been\s+omitted|been\s+redacted|marked\s+by\s+\[|denotes?\s+(?:an\s+)?omission|filed\s+separately\s+with\s+the\s+(?:Securities|SEC|Commission)/i;

/** Decides whether a text shows redactions or a redaction legend, as a filed copy does. */
export function isRedactedCopy(text: string, markdown: boolean): boolean {
  return REDACTION.test(text) || LEGEND.test(text) || (!markdown && BARE_ASTERISKS.test(text));
}

/**
 * Whether the document is a filed copy, where `[●]` marks an omission: a block of its source (not of
 * the analysis text, which blanks a filing's running "CONFIDENTIAL TREATMENT REQUESTED" headers as
 * page furniture) shows a redaction or a legend. Read block by block and cached, since a legend never
 * spans a blank line: the case-insensitive legend search over a whole 50,000-word draft without one
 * took 1.6 ms on every keystroke.
 */
const redactedCopy = oncePerInput((doc): boolean => {
  const cache = blockCache(doc);
  const blocks = paragraphBlocks(doc.source, cache.slicer("source", doc.source, "paragraphs"));
  return cache
    .getAll(
      doc.markdown ? "placeholders:redacted:md" : "placeholders:redacted:txt",
      blocks.map((b) => b.text),
      (text) => isRedactedCopy(text, doc.markdown),
    )
    .includes(true);
});

const NOT_LABELS = new Set([
  "REDACTED",
  "OMITTED",
  "RESERVED",
  "INTENTIONALLY OMITTED",
  "INTENTIONALLY LEFT BLANK",
  "SIC",
  "CONFIDENTIAL",
  "SIGNATURE PAGE FOLLOWS",
  "SIGNATURE PAGES FOLLOW",
  "REMAINDER OF PAGE INTENTIONALLY LEFT BLANK",
  "THE REMAINDER OF THIS PAGE IS INTENTIONALLY LEFT BLANK",
]);

const PATTERN = new RegExp(
  [
    String.raw`\[\s*[●•]+\s*\]`,
    String.raw`\[\s*(?:NTD|N\.T\.D\.|Note\s+to\s+(?:Draft|draft|DRAFT)|NOTE\s+TO\s+DRAFT|Drafting\s+[Nn]ote|DRAFTING\s+NOTE|DN)\s*[:\-–][^\]\n]{0,400}\]`,
    String.raw`\[\s*(?:[Ii]nsert|INSERT|[Ss]pecify|SPECIFY|[Tt]o\s+be\s+(?:confirmed|determined|agreed|inserted|provided)|TO\s+BE\s+(?:CONFIRMED|DETERMINED|AGREED))\b[^\]\n]{0,120}\]`,
    String.raw`\[\s*(?:X{1,3}|TBD|TBC|TBA|T\.B\.D\.|tbd|_+|[A-Z][A-Z0-9]*(?:[ /&-][A-Z0-9]+){0,5})\s*\]`,
    String.raw`_{4,}`,
    String.raw`\{\{\s*[\w.\- ]{1,40}\s*\}\}`,
  ].join("|"),
  "g",
);

/** Finds the placeholders of a draft. */
export function findPlaceholderTokens(doc: DraftingInput): Placeholder[] {
  const text = doc.masked;
  // Read only when a `[●]` needs it: on a first analysis every block is searched, and most drafts have no `[●]`.
  let redacted: boolean | undefined;
  const out: Placeholder[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (/^\[\s*[●•]+\s*\]$/.test(raw)) {
      if ((redacted ??= redactedCopy(doc))) continue;
      out.push({ start, end, text: raw, label: raw.slice(1, -1).trim(), note: false });
      continue;
    }
    if (/^_+$/.test(raw)) {
      const line = doc.lines.positionAt(start).line;
      if (isSignatureLine(doc.lines.lineText(line))) continue;
      // A signature block run into one line of a filing: "Signature: ____ Date: ____".
      if (
        /\b(?:By|Name|Title|Its|Date|Dated|Signature|Signed|Print(?:ed)? Name|Witness)\s*:\s*$/i.test(
          text.slice(Math.max(0, start - 24), start),
        )
      )
        continue;
      // A bare signature rule, with "Name:" or "By:" on the line below or above.
      const around = [line - 1, line + 1]
        .filter((l) => l >= 0 && l < doc.lines.lineCount)
        .map((l) => doc.lines.lineText(l));
      if (/^[\s_]*$/.test(doc.lines.lineText(line)) && around.some(isSignatureLine)) continue;
      out.push({ start, end, text: raw, label: raw, note: false });
      continue;
    }
    if (raw.startsWith("{{")) {
      out.push({ start, end, text: raw, label: raw.slice(2, -2).trim(), note: false });
      continue;
    }
    const inner = raw.slice(1, -1).trim();
    if (/^(?:NTD|N\.T\.D\.|Note\s+to|NOTE\s+TO|Drafting|DRAFTING|DN)\b/.test(inner)) {
      out.push({ start, end, text: raw, label: inner, note: true });
      continue;
    }
    // [A], [B]: letters that label alternatives or a chemical group; only [X] is a blank among single letters.
    if (/^[A-WYZ]$/.test(inner)) continue;
    if (NOT_LABELS.has(inner.toUpperCase().replace(/\s+/g, " "))) continue;
    // Markdown task list items ("- [X] done") and link labels are not blanks.
    if (doc.markdown && /^\s*[-*+]\s*$/.test(text.slice(text.lastIndexOf("\n", start) + 1, start))) continue;
    out.push({ start, end, text: raw, label: inner, note: false });
  }
  return out;
}

function removalFix(doc: DraftingInput, p: Placeholder): Fix {
  const { lines, source } = doc;
  const line = lines.positionAt(p.start).line;
  const lineText = lines.lineText(line);
  const alone = lineText.trim() === source.slice(p.start, p.end).trim();
  if (alone) {
    const next = line + 1 < lines.lineCount ? lines.lineStarts[line + 1]! : lines.lineEnd(line);
    const blankAfter =
      line + 1 < lines.lineCount && lines.lineText(line + 1).trim() === "" && line + 2 < lines.lineCount;
    const end = blankAfter ? lines.lineStarts[line + 2]! : next;
    return {
      title: "Remove the note to draft",
      edits: [{ range: lines.range(lines.lineStarts[line]!, end), snippet: "" }],
    };
  }
  const end = source[p.end] === " " ? p.end + 1 : p.end;
  return { title: "Remove the note to draft", edits: [{ range: lines.range(p.start, end), snippet: "" }] };
}

/** `placeholder` findings: each blank, with a fix that turns it into a snippet tab stop to fill. */
export function findPlaceholders(doc: DraftingInput): Finding[] {
  return findPlaceholderTokens(doc).map((p) => {
    const range = doc.lines.range(p.start, p.end);
    if (p.note) {
      return {
        rule: "placeholder",
        severity: 2,
        range,
        message: `Note to draft left in the text: ${p.text}`,
        fixes: [removalFix(doc, p)],
      };
    }
    const fix: Fix = {
      title: `Fill in ${p.text}`,
      edits: [{ range, snippet: `\${1:${escapeSnippet(p.label)}}` }],
    };
    return {
      rule: "placeholder",
      severity: 2,
      range,
      message: `Unfilled placeholder ${p.text}.`,
      fixes: [fix],
    };
  });
}
