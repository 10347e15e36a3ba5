/**
 * Builds one section tree from Markdown headings and from the numbering agreements use in plain
 * paragraphs (ARTICLE 5 / Article V, 5. / 5.1 / 5.1.2, (a) / (i) / (A), bold run-in titles, ALL-CAPS
 * heading lines, exhibits and schedules). Works line by line on the masked text, so Markdown and plain
 * text pasted from Word or an SEC filing go through the same rules.
 */
import { UNITS } from "./numberWords";
import type { LineIndex } from "./text";
import { Variants, type TextCache } from "./text-cache";

export type SectionKind = "root" | "heading" | "exhibit" | "article" | "caps" | "numbered" | "paren";
export type ParenStyle = "lower-alpha" | "lower-roman" | "upper-alpha" | "upper-roman" | "digit";

export interface Section {
  index: number;
  kind: SectionKind;
  /** The number as the agreement writes it ("5.1", "V", "(a)"), or null for unnumbered headings. */
  number: string | null;
  title: string;
  parent: number;
  children: number[];
  depth: number;
  /** 0-based line of the section's first line. */
  line: number;
  /** Offset where the section starts (its line start). */
  start: number;
  /** Offset where its own text ends: the first child's start, or `end`. */
  ownEnd: number;
  /** Offset where the section ends, children included. */
  end: number;
  /** Markdown heading depth, when the section is a Markdown heading. */
  headingDepth?: number;
  parenStyle?: ParenStyle;
  /** Numeric value of the first number component (articles in Roman numerals converted), when known. */
  major?: number;
  /** The section is one entry of a definitions list ("1.15 "Diligent Efforts" means ..."). */
  definition?: boolean;
}

interface Candidate {
  kind: Exclude<SectionKind, "root">;
  number: string | null;
  title: string;
  headingDepth?: number;
  parenStyle?: ParenStyle;
  major?: number;
  parts?: number;
  /** The title sits on the next line (ARTICLE 5 / SUPPLY); that line is consumed. */
  titleFromNextLine?: boolean;
  definition?: boolean;
}

const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** Converts a Roman numeral to a number, or NaN when it is not one. */
export function romanToInt(roman: string): number {
  const s = roman.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(s)) return NaN;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = ROMAN_VALUES[s[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Converts a number to an upper-case Roman numeral. */
export function intToRoman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** Reads an article number written in digits, Roman numerals or words ("5", "V", "Five"); NaN otherwise. */
export function articleValue(token: string): number {
  if (/^\d+$/.test(token)) return Number(token);
  const roman = romanToInt(token);
  if (!Number.isNaN(roman)) return roman;
  const word = UNITS.indexOf(token.toLowerCase());
  return word >= 0 ? word : NaN;
}

const SMALL_WORDS = new Set([
  "a",
  "an",
  "and",
  "as",
  "at",
  "by",
  "for",
  "from",
  "in",
  "into",
  "of",
  "on",
  "or",
  "the",
  "to",
  "upon",
  "with",
  "under",
  "between",
  "its",
  "their",
  "other",
  "than",
  "vs",
  "non",
  "not",
  "per",
]);

/** Decides whether a short run of words reads as a title ("Exclusive License", "Term and Termination"). */
export function looksLikeTitle(text: string): boolean {
  const words = text
    .replace(/[“”"'’()[\],/&:-]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 12) return false;
  if (!/^[A-Z0-9“"]/.test(text.trim())) return false;
  let significant = 0;
  let capitalised = 0;
  for (const w of words) {
    if (SMALL_WORDS.has(w.toLowerCase())) continue;
    significant++;
    if (/^[A-Z0-9]/.test(w)) capitalised++;
  }
  return significant > 0 && capitalised / significant >= 0.75;
}

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Splits the text after a section number into a run-in title and the rest. */
export function splitRunInTitle(rest: string, bold: string | null): string {
  if (bold !== null) return bold.replace(/[.:]\s*$/, "").trim();
  const trimmed = rest.trim();
  if (trimmed === "") return "";
  // "Term and Termination   10.1 ...": in collapsed filings a run of spaces ends the title.
  const spaced = /^(.{1,100}?)\s{3,}\S/.exec(trimmed);
  if (spaced && (looksLikeTitle(spaced[1]!.replace(/[.:]$/, "")) || isAllCaps(spaced[1]!)))
    return spaced[1]!.replace(/[.:]\s*$/, "").trim();
  const quoted = /^[“"]([^”"]{1,80})[”"]/.exec(trimmed);
  if (quoted) return quoted[1]!.trim();
  // Find the end of the first sentence-like segment: a full stop or colon followed by a space or end.
  const m = /^(.{1,100}?)(?:[.:](?=\s|$)|\s[-–—]\s)/.exec(trimmed);
  if (m && looksLikeTitle(m[1]!) && !/\b(?:shall|will|may|must|is|are)\b/.test(m[1]!)) return m[1]!.trim();
  // Length first: the title tests read the whole text, and most texts here are whole paragraphs.
  if (trimmed.length <= 100 && !/[.;,]$/.test(trimmed) && (looksLikeTitle(trimmed) || isAllCaps(trimmed))) {
    return trimmed;
  }
  return "";
}

const ARTICLE_RE =
  /^(ARTICLE|Article|ART\.)\s+([0-9]{1,3}|[IVXLC]{1,7}|[A-Z][A-Za-z]{2,9})(?![\w.])\.?\s*(?:[-–—:.]\s*)?(.*)$/;
const SECTION_RE = /^(?:SECTION|Section|§)\s*(\d{1,3}(?:\.\d{1,3})*)\.?\s*(?:[-–—:]\s*)?(.*)$/;
const NUMBERED_RE = /^(\d{1,3}(?:\.\d{1,3})*)(\.|\))?(?=\s|$)\s*(.*)$/;
const PAREN_RE = /^\(([a-z]{1,2}|[ivxlc]{1,6}|[A-Z]{1,2}|[IVXLC]{1,6}|\d{1,2})\)\s*(.*)$/;
/** "XII. PROSECUTION AND ENFORCEMENT": Roman-numbered articles with a dot. */
const ROMAN_DOT_RE = /^([IVXLC]{1,7})\.\s+(.*)$/;
/** "C. Licensee shall ...": capital-letter sub-sections with a dot. */
const LETTER_DOT_RE = /^([A-Z])\.\s+([A-Z“"(].*)$/;
const DEFINITION_START =
  /^[“"][^”"]{1,80}[”"]\s*(?:,|\(|or|and|\s)*(?:shall|will)?\s*(?:means?|has the meaning|have the meaning)\b/;
/** Collapsed filings put whole sections on one line, separated by runs of spaces: split there. */
const INLINE_SECTION = new RegExp(
  [
    // A run of spaces before any section number.
    '(?<! ) {3,}(?=(?:(?:[IVXLC]{1,7}\\.|[A-Z]\\.|\\d{1,3}(?:\\.\\d{1,3})*\\.?|\\([a-z]{1,4}\\))\\s+[A-Z“"(]|(?:ARTICLE|Article|SECTION|Section)\\s+[\\dIVXLC]))',
    // A sentence end, then a dotted number with a quoted term or a Title-Case run-in title ("1.3 "Law" means", "2.1 Grant. ").
    '(?<=[.;:][”"]?) {1,2}(?=\\d{1,3}(?:\\.\\d{1,3})+\\.?\\s+(?:[“"]|[A-Z][\\w-]*(?:\\s+(?:[A-Z][\\w-]*|of|and|or|the|to|for|in|on)){0,7}[.:]\\s))',
    // A sentence end, then an ARTICLE heading.
    '(?<=[.;:][”"]?) {1,2}(?=(?:ARTICLE|Article)\\s+(?:\\d{1,3}|[IVXLC]{1,7}|[A-Z][A-Za-z]{2,9})\\b)',
  ].join("|"),
  "g",
);
const EXHIBIT_RE =
  /^(EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)\s+([A-Z0-9][A-Za-z0-9.-]{0,5})(?![\w])\.?\s*(?:[-–—:]\s*)?(.*)$/;
/** A table-of-contents entry ends in a page number after dot leaders, a tab or a run of spaces. */
function endsWithPageNumber(t: string): boolean {
  // Scanned by hand: a regular expression for "a run then digits at the end" backtracks quadratically.
  let i = t.length;
  while (i > 0 && t.charCodeAt(i - 1) >= 48 && t.charCodeAt(i - 1) <= 57) i--;
  const digits = t.length - i;
  if (digits === 0 || digits > 3) return false;
  let j = i;
  let dots = 0;
  let spaces = 0;
  let tab = false;
  while (j > 0 && " .\t…".includes(t[j - 1]!)) {
    const c = t[j - 1]!;
    if (c === "." || c === "…") dots += c === "…" ? 3 : 1;
    else if (c === " ") spaces++;
    else tab = true;
    j--;
  }
  if (j > 4 && /page\s*$/i.test(t.slice(j - 8, j))) return true;
  return dots >= 3 || tab || spaces >= 3;
}
const TOC_TITLE = /^(?:TABLE OF CONTENTS|Table of Contents|CONTENTS|INDEX)\s*$/;

function parenStyleOf(label: string): ParenStyle[] {
  if (/^\d+$/.test(label)) return ["digit"];
  const styles: ParenStyle[] = [];
  if (/^[a-z]{1,2}$/.test(label) && (label.length === 1 || label[0] === label[1])) styles.push("lower-alpha");
  if (/^[ivxlc]+$/.test(label) && !Number.isNaN(romanToInt(label))) styles.push("lower-roman");
  if (/^[A-Z]{1,2}$/.test(label) && (label.length === 1 || label[0] === label[1])) styles.push("upper-alpha");
  if (/^[IVXLC]+$/.test(label) && !Number.isNaN(romanToInt(label))) styles.push("upper-roman");
  return styles;
}

function boldRunIn(sourceLine: string): string | null {
  const m = /^\s*(?:[-*+]\s+)?(\*\*|__)(.+?)\1/.exec(sourceLine);
  if (!m) return null;
  const inner = m[2]!.trim();
  const stripped = inner
    .replace(/^(?:ARTICLE|Article|SECTION|Section)\s+\S+\s*/, "")
    .replace(/^\(?[0-9a-zA-Z]{1,6}(?:\.\d{1,3})*[.)]?\s+/, "");
  return stripped === inner && /^[\d(]/.test(inner) ? null : stripped;
}

/** Recognises a section start on one masked line. */
function classifyLine(
  masked: string,
  source: string,
  line: number,
  headingDepth: number | undefined,
  prevBlank: boolean,
  nextLine: string | undefined,
): Candidate | null {
  const t = masked.trim();
  if (t === "" || endsWithPageNumber(t)) return null;
  if (headingDepth !== undefined) {
    const art = ARTICLE_RE.exec(t);
    if (art)
      return {
        kind: "heading",
        number: art[2]!,
        title: art[3]!.trim(),
        headingDepth,
        major: articleValue(art[2]!),
      };
    const sec = SECTION_RE.exec(t) ?? NUMBERED_RE.exec(t);
    if (sec && /\d/.test(sec[1]!)) {
      const title = (sec === SECTION_RE.exec(t) ? sec[2] : sec[3]) ?? "";
      return {
        kind: "heading",
        number: sec[1]!,
        title: title.replace(/[.:]\s*$/, "").trim(),
        headingDepth,
        major: Number(sec[1]!.split(".")[0]),
      };
    }
    return { kind: "heading", number: null, title: t.replace(/[.:]\s*$/, ""), headingDepth };
  }
  const bold = boldRunIn(source);
  const article = ARTICLE_RE.exec(t);
  if (
    article &&
    (article[1] !== "Article" || article[3] === "" || looksLikeTitle(article[3]!) || isAllCaps(article[3]!))
  ) {
    const value = articleValue(article[2]!);
    if (!Number.isNaN(value)) {
      let title = article[3]!.trim();
      let fromNext = false;
      if (title === "" && nextLine !== undefined && nextLine.trim() !== "") {
        const next = nextLine.trim();
        if (
          next.length <= 100 &&
          (isAllCaps(next) || looksLikeTitle(next)) &&
          !NUMBERED_RE.test(next) &&
          !PAREN_RE.test(next)
        ) {
          title = next;
          fromNext = true;
        }
      }
      return {
        kind: "article",
        number: article[2]!,
        title: title.replace(/[.:]\s*$/, ""),
        major: value,
        titleFromNextLine: fromNext,
      };
    }
  }
  const exhibit = EXHIBIT_RE.exec(t);
  // "Exhibit 10.1" atop an SEC filing labels the filing, it does not start an exhibit.
  if (exhibit && /^\d+\.\d+$/.test(exhibit[2]!) && line < EARLY_LINES) return null;
  if (
    exhibit &&
    t.length <= 120 &&
    (exhibit[3] === "" || looksLikeTitle(exhibit[3]!) || isAllCaps(exhibit[3]!)) &&
    prevBlank
  ) {
    return { kind: "exhibit", number: exhibit[2]!, title: exhibit[3]!.trim() };
  }
  const section = SECTION_RE.exec(t);
  if (section) {
    const title = splitRunInTitle(section[2]!, bold);
    if (title !== "" || section[2]!.trim() === "") {
      const parts = section[1]!.split(".");
      return {
        kind: "numbered",
        number: section[1]!,
        title,
        parts: parts.length,
        major: Number(parts[0]),
      };
    }
  }
  const numbered = NUMBERED_RE.exec(t);
  if (numbered) {
    const num = numbered[1]!;
    const rest = numbered[3]!;
    const parts = num.split(".");
    const dotted = numbered[2] !== undefined || parts.length > 1;
    const startsUpper = /^[A-Z“"([]/.test(rest) || rest === "";
    if (dotted && startsUpper && !(rest === "" && !numbered[2] && parts.length === 1)) {
      const definition = DEFINITION_START.test(rest);
      return {
        kind: "numbered",
        number: num,
        title: splitRunInTitle(rest, bold),
        parts: parts.length,
        major: Number(parts[0]),
        ...(definition ? { definition } : {}),
      };
    }
  }
  const romanDot = ROMAN_DOT_RE.exec(t);
  if (romanDot) {
    // In collapsed filings the body follows the title after a run of spaces.
    const title = romanDot[2]!.trim().split(/\s{2,}/)[0]!;
    if (title.length <= 120 && (isAllCaps(title) || looksLikeTitle(title.replace(/[.:]$/, "")))) {
      return {
        kind: "article",
        number: romanDot[1]!,
        title: title.replace(/[.:]\s*$/, ""),
        major: romanToInt(romanDot[1]!),
      };
    }
  }
  const letterDot = LETTER_DOT_RE.exec(t);
  if (letterDot) {
    return {
      kind: "paren",
      number: letterDot[1]!,
      title: splitRunInTitle(letterDot[2]!, bold),
      parenStyle: "upper-alpha",
    };
  }
  const paren = PAREN_RE.exec(t);
  if (paren) {
    const styles = parenStyleOf(paren[1]!);
    if (styles.length > 0) {
      return {
        kind: "paren",
        number: `(${paren[1]!})`,
        title: splitRunInTitle(paren[2]!, bold),
        parenStyle: styles[0],
      };
    }
  }
  if (
    prevBlank &&
    t.length <= 80 &&
    isAllCaps(t) &&
    !/[,;]$/.test(t) &&
    !/^(?:WHEREAS|NOW,? THEREFORE|IN WITNESS)/.test(t)
  ) {
    if (
      /\b[A-Z]{3,}\b/.test(t) &&
      (nextLine === undefined || nextLine.trim() === "" || !isAllCaps(nextLine))
    ) {
      return { kind: "caps", number: null, title: t.replace(/[.:]\s*$/, "") };
    }
  }
  return null;
}

function ancestorsHaveStyle(stack: Section[], style: ParenStyle, parenthesised: boolean): boolean {
  return stack.some(
    (s) => s.kind === "paren" && s.parenStyle === style && s.number!.startsWith("(") === parenthesised,
  );
}

/** Decides whether an open section can contain a new one. */
function canContain(parent: Section, child: Candidate, stack: Section[]): boolean {
  if (parent.kind === "root") return true;
  switch (child.kind) {
    case "exhibit":
      return false;
    case "heading":
      return (
        (parent.kind === "heading" && parent.headingDepth! < child.headingDepth!) || parent.kind === "exhibit"
      );
    case "article":
      return parent.kind === "heading" || parent.kind === "exhibit";
    case "caps":
      return parent.kind === "heading" || parent.kind === "exhibit" || parent.kind === "article";
    case "numbered": {
      if (parent.kind === "heading" || parent.kind === "exhibit" || parent.kind === "caps") return true;
      // "III.B.1": a plain number under a lettered sub-section.
      if (parent.kind === "paren" && !parent.number!.startsWith("("))
        return child.parts === 1 && !stack.some((s) => s.kind === "numbered");
      if (parent.kind === "article")
        return (
          parent.major === undefined ||
          Number.isNaN(parent.major) ||
          parent.major === child.major ||
          child.parts === 1
        );
      if (parent.kind === "numbered") {
        const pParts = parent.number!.split(".");
        const cParts = child.number!.split(".");
        return cParts.length > pParts.length && pParts.every((p, i) => Number(p) === Number(cParts[i]));
      }
      return false;
    }
    case "paren":
      // A sub-clause is a sibling of the open one of its own style, wherever the stack has got to.
      return !ancestorsHaveStyle(stack, child.parenStyle!, child.number!.startsWith("("));
  }
}

/** Resolves the (i)/(v)/(x) ambiguity: alphabetical when it continues a lettered list, else Roman. */
function resolveParenStyle(candidate: Candidate, stack: Section[], label: string): void {
  const styles = parenStyleOf(label);
  if (styles.length < 2) return;
  const alpha = styles.find((s) => s.endsWith("alpha"))!;
  const roman = styles.find((s) => s.endsWith("roman"))!;
  const openAlpha = innermostParen(stack, alpha);
  const previousLetter = openAlpha?.number?.slice(1, -1);
  const expected = previousLetter ? String.fromCharCode(previousLetter.charCodeAt(0) + 1) : null;
  const openRoman = innermostParen(stack, roman);
  if (expected !== null && expected === label[0] && label.length === 1) candidate.parenStyle = alpha;
  else if (openRoman || label.length > 1 || ["i", "v", "x", "I", "V", "X"].includes(label))
    candidate.parenStyle = roman;
  else candidate.parenStyle = alpha;
}

/** The innermost open sub-clause of a style. */
function innermostParen(stack: Section[], style: ParenStyle): Section | undefined {
  for (let i = stack.length - 1; i >= 0; i--)
    if (stack[i]!.kind === "paren" && stack[i]!.parenStyle === style) return stack[i];
  return undefined;
}

export interface StructureInput {
  masked: string;
  source: string;
  lines: LineIndex;
  /** Markdown heading depth by 0-based line. */
  headingLines: Map<number, number>;
  /** Lines that belong to front matter, or to anything else that must never start a section. */
  skipUntil: number;
  /** Per-block results kept between analyses of one document. */
  cache?: TextCache;
}

/** Builds the section tree of a document. */
export function buildSections(input: StructureInput): Section[] {
  const { masked } = input;
  const root: Section = {
    index: 0,
    kind: "root",
    number: null,
    title: "",
    parent: -1,
    children: [],
    depth: 0,
    line: 0,
    start: 0,
    ownEnd: masked.length,
    end: masked.length,
    headingDepth: undefined,
    parenStyle: undefined,
    major: undefined,
    definition: undefined,
  };
  const sections: Section[] = [root];
  const stack: Section[] = [root];
  let inToc = false;
  let skipLine = -1;
  for (const block of lineBlocks(input)) {
    // Most blocks start no section: unless a table of contents is open or the line before asked for
    // this block's first line as its title, such a block changes nothing.
    if (block.facts.quiet && !inToc && (skipLine < block.line || skipLine > block.lastLine)) continue;
    for (const seg of block.facts.segments) {
      const line = block.line + seg.line;
      if (line === skipLine || seg.blank) continue;
      if (seg.tocTitle) {
        inToc = true;
        continue;
      }
      if (inToc) {
        // A table of contents lists headings without body text; it ends at the first real paragraph.
        if (seg.candidate === null && seg.paragraph) inToc = false;
        else continue;
      }
      let candidate = seg.candidate;
      if (!candidate) continue;
      if (candidate.kind === "paren" && candidate.number!.startsWith("(")) {
        // A copy: the cached candidate is shared with later analyses, and its style depends on what is open here.
        candidate = { ...candidate };
        resolveParenStyle(candidate, stack, candidate.number!.slice(1, -1));
      }
      while (stack.length > 1 && !canContain(stack[stack.length - 1]!, candidate, stack)) stack.pop();
      const parent = stack[stack.length - 1]!;
      const section: Section = {
        index: sections.length,
        kind: candidate.kind,
        number: candidate.number,
        title: candidate.title,
        parent: parent.index,
        children: [],
        depth: parent.depth + 1,
        line,
        start: block.start + seg.start,
        ownEnd: masked.length,
        end: masked.length,
        headingDepth: candidate.headingDepth,
        parenStyle: candidate.parenStyle,
        major: candidate.major !== undefined && !Number.isNaN(candidate.major) ? candidate.major : undefined,
        definition: candidate.definition ? true : undefined,
      };
      parent.children.push(section.index);
      sections.push(section);
      stack.push(section);
      if (candidate.titleFromNextLine) skipLine = line + 1;
    }
  }
  // A section ends where the next section that is not its descendant starts.
  for (let i = 1; i < sections.length; i++) {
    const s = sections[i]!;
    // The next section in document order that is not inside s.
    let j = i + 1;
    while (j < sections.length && isDescendant(sections, j, i)) j++;
    s.end = j < sections.length ? sections[j]!.start : masked.length;
    const firstChild = s.children[0];
    s.ownEnd = firstChild !== undefined ? sections[firstChild]!.start : s.end;
  }
  const rootFirst = root.children[0];
  root.ownEnd = rootFirst !== undefined ? sections[rootFirst]!.start : masked.length;
  return sections;
}

/** One segment of a block's lines, read alone: offsets relative to the block, lines to its first line. */
interface SegmentFacts {
  line: number;
  start: number;
  end: number;
  blank: boolean;
  /** "TABLE OF CONTENTS": a table of contents starts below. */
  tocTitle: boolean;
  /** Twelve words or more: a paragraph, which ends a table of contents. */
  paragraph: boolean;
  candidate: Candidate | null;
}

/** What a block of non-blank lines says about sections, whatever comes before or after it. */
interface BlockFacts {
  segments: SegmentFacts[];
  /** No segment starts a section or a table of contents. */
  quiet: boolean;
}

/** A block of non-blank lines of the document, and its facts. */
interface LineBlock {
  /** The block's first and last lines, and where it starts and ends. */
  line: number;
  lastLine: number;
  start: number;
  end: number;
  facts: BlockFacts;
}

/**
 * The document's blocks of non-blank lines (from `skipUntil`), each read alone. A line's reading
 * depends only on its block (a blank line before it, the line after it), so a block's facts are
 * cached by its text and what else they read (its source text where masking changed it, its Markdown
 * headings, and its line numbers near the top): after a keystroke only the edited block is read again.
 */
function lineBlocks(input: StructureInput): LineBlock[] {
  const { masked, source, lines, headingLines, cache } = input;
  const blocks: LineBlock[] = [];
  const close = (first: number, last: number) =>
    blocks.push({
      line: first,
      lastLine: last,
      start: lines.lineStarts[first]!,
      end: lines.lineEnd(last),
      facts: UNREAD,
    });
  let first = -1;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line]!;
    if (start < input.skipUntil) continue;
    if (!isBlank(masked, start, lines.lineEnd(line))) {
      if (first < 0) first = line;
      continue;
    }
    if (first >= 0) close(first, line - 1);
    first = -1;
  }
  if (first >= 0) close(first, lines.lineCount - 1);
  if (!cache) {
    for (const b of blocks)
      b.facts = readBlock(
        input,
        b.line,
        b.lastLine,
        masked.slice(b.start, b.end),
        source.slice(b.start, b.end),
      );
    return blocks;
  }
  // The cache's own copies of each block's texts: the previous analysis's where the edit left them.
  const slice = cache.slicer("masked", masked, "line blocks");
  const sourceSlice = cache.slicer("source", source, "line blocks");
  const texts = blocks.map((b) => slice(b.start, b.end));
  const variants = cache.getAll("sections", texts, () => new Variants<BlockFacts>());
  const headings = [...headingLines.keys()].sort((x, y) => x - y);
  let nextHeading = 0;
  blocks.forEach((b, i) => {
    // What the block's reading depends on beyond its masked text.
    let depends = b.line < EARLY_LINES ? `${b.line}` : "";
    while (nextHeading < headings.length && headings[nextHeading]! < b.line) nextHeading++;
    for (; nextHeading < headings.length && headings[nextHeading]! <= b.lastLine; nextHeading++)
      depends += `#${headings[nextHeading]! - b.line}:${headingLines.get(headings[nextHeading]!)}`;
    // Kept only as the cache's own copy: a slice of the source would keep this version of it alive.
    // Where the edit left the source alone, the previous analysis's copy comes without reading the
    // block; elsewhere, most blocks' source is their masked text, compared before it is copied.
    const text = texts[i]!;
    let own = sourceSlice.reuse(b.start, b.end);
    if (own === undefined) {
      // The slicer records what it cuts; the masked copy, used in its place, is recorded here.
      if (source.slice(b.start, b.end) === text) sourceSlice.keep(b.start, b.end, (own = text));
      else own = sourceSlice(b.start, b.end);
    }
    // Both are the cache's copies, one per text: equal texts are the same string.
    if (own !== text) depends += `|${cache.serial(own)}`;
    b.facts = variants[i]!.get(depends, () => readBlock(input, b.line, b.lastLine, text, own));
  });
  return blocks;
}

/** A block's facts before it is read. */
const UNREAD: BlockFacts = { segments: [], quiet: true };

/** Lines near the top read differently ("Exhibit 10.1" labels a filing there): their numbers count. */
const EARLY_LINES = 5;

/**
 * Reads a block of lines, `first` to `last`, exactly as the whole document would read them, from the
 * block's own masked and source texts: what is kept then holds no piece of this version of the
 * document (a slice of a string keeps the whole string alive). Offsets are relative to the block.
 */
function readBlock(
  input: StructureInput,
  first: number,
  last: number,
  masked: string,
  source: string,
): BlockFacts {
  const { lines, headingLines } = input;
  const base = lines.lineStarts[first]!;
  const segments = lineSegments(masked, lines, first, last, base);
  const facts: SegmentFacts[] = [];
  let quiet = true;
  for (let k = 0; k < segments.length; k++) {
    const { line, start, end } = segments[k]!;
    const text = masked.slice(start, end);
    const trimmed = text.trim();
    const blank = trimmed === "";
    const tocTitle = !blank && TOC_TITLE.test(trimmed);
    let candidate: Candidate | null = null;
    if (!blank && !tocTitle) {
      const next = segments[k + 1];
      const atLineStart = start === lines.lineStarts[line]! - base;
      candidate = classifyLine(
        text,
        atLineStart ? source.slice(start, lines.lineEnd(line) - base) : source.slice(start, end),
        line,
        atLineStart ? headingLines.get(line) : undefined,
        k === 0 || facts[k - 1]!.blank,
        next ? masked.slice(next.start, next.end) : undefined,
      );
    }
    if (tocTitle || candidate) quiet = false;
    facts.push({
      line: line - first,
      start,
      end,
      blank,
      tocTitle,
      paragraph: !blank && hasSpacedWords(trimmed, 12),
      candidate,
    });
  }
  return { segments: facts, quiet };
}

/**
 * Whether a trimmed, non-blank text has at least `n` pieces separated by white space, as splitting it
 * would count them (clause judging's `hasWords` counts runs of letters and digits instead); it stops
 * at the `n`th, since most lines are long.
 */
function hasSpacedWords(trimmed: string, n: number): boolean {
  const gaps = /\s+/g;
  let words = 1;
  while (words < n && gaps.exec(trimmed)) words++;
  return words >= n;
}

/** Whether a stretch of text is all white space, as `trim` reads it. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isTrimmedSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The characters `String.prototype.trim` removes: white space and line terminators. */
function isTrimmedSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

interface Segment {
  line: number;
  start: number;
  end: number;
}

/**
 * Lines `first` to `last` of a block starting at offset `base` (offsets relative to it), with over-long
 * lines of collapsed filings split where an inline section number starts.
 */
function lineSegments(block: string, lines: LineIndex, first: number, last: number, base: number): Segment[] {
  const out: Segment[] = [];
  for (let line = first; line <= last; line++) {
    const start = lines.lineStarts[line]! - base;
    const end = lines.lineEnd(line) - base;
    if (end - start < 200) {
      out.push({ line, start, end });
      continue;
    }
    let at = 0;
    for (const [cutStart, cutEnd] of inlineSections(block.slice(start, end))) {
      out.push({ line, start: start + at, end: start + cutStart });
      at = cutEnd;
    }
    out.push({ line, start: start + at, end });
  }
  return out;
}

/** Where a long line is cut: each inline section number's [start, end). */
function inlineSections(text: string): Array<[number, number]> {
  const cuts: Array<[number, number]> = [];
  INLINE_SECTION.lastIndex = 0;
  for (let m = INLINE_SECTION.exec(text); m; m = INLINE_SECTION.exec(text))
    cuts.push([m.index, m.index + m[0].length]);
  return cuts;
}

function isDescendant(sections: Section[], candidate: number, ancestor: number): boolean {
  let p = sections[candidate]!.parent;
  while (p > 0) {
    if (p === ancestor) return true;
    p = sections[p]!.parent;
  }
  return p === ancestor;
}
