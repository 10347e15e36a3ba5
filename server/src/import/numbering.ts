/**
 * Recovers Word's automatic numbering ("5.", "5.1", "(a)", "Article 5"), which HTML converters drop:
 * the numbers are not in the text but computed by Word from numbering.xml. This module computes them
 * the way Word does and writes each one into its paragraph as literal text, then switches the
 * paragraph's numbering off, so the converter sees "5.1 Exclusive License." as typed. Bulleted lists
 * are left alone (they become Markdown "-" lists).
 *
 * It works on the WordprocessingML text directly (no DOM), touching only paragraph properties and
 * adding one run per numbered paragraph, so nothing else in the document changes.
 *
 * Supported: abstract numbering definitions and their levels (numFmt, lvlText, start, isLgl,
 * pStyle), numbering instances with level overrides (startOverride, a replaced lvl), numbering
 * given by paragraph styles (with basedOn inheritance) and by numbering styles (numStyleLink), level
 * restarts when a higher level advances. Not supported: lvlRestart exceptions, legacy numbering, and
 * field-code numbering (SEQ / LISTNUM fields).
 */

export interface NumberingLevel {
  numFmt: string;
  lvlText: string;
  start: number;
  isLgl: boolean;
  pStyle?: string;
}

interface AbstractNum {
  levels: Map<number, NumberingLevel>;
  numStyleLink?: string;
}

interface NumInstance {
  abstractNumId: string;
  /** Level → override (a new start value and/or a whole replacement level). */
  overrides: Map<number, { start?: number; level?: NumberingLevel }>;
}

export interface NumberingDefinitions {
  abstracts: Map<string, AbstractNum>;
  nums: Map<string, NumInstance>;
}

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

export type StyleMap = Map<string, StyleInfo>;

const attr = (xml: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(xml);
  return m ? decodeXml(m[1]!) : undefined;
};

/** The `w:val` of the first `<tag .../>` or `<tag ...>` inside `xml`. */
const childVal = (xml: string, tag: string): string | undefined => {
  const m = new RegExp(`<${tag}\\b([^>]*?)/?>`).exec(xml);
  return m ? attr(m[1]!, "w:val") : undefined;
};

export function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

export function encodeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** Elements `<tag ...>...</tag>` (not nested in themselves) of an XML string. */
function elements(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, "g");
  for (const m of xml.matchAll(re)) out.push(m[0]);
  return out;
}

function readLevel(xml: string): NumberingLevel {
  const start = Number(childVal(xml, "w:start") ?? "1");
  const isLglTag = /<w:isLgl\b([^>]*)\/?>/.exec(xml);
  const pStyle = childVal(xml, "w:pStyle");
  return {
    numFmt: childVal(xml, "w:numFmt") ?? "decimal",
    lvlText: childVal(xml, "w:lvlText") ?? "",
    start: Number.isFinite(start) ? start : 1,
    isLgl: isLglTag !== null && !/w:val="(?:0|false)"/.test(isLglTag[1]!),
    ...(pStyle !== undefined ? { pStyle } : {}),
  };
}

/** Reads word/numbering.xml. */
export function readNumbering(xml: string): NumberingDefinitions {
  const abstracts = new Map<string, AbstractNum>();
  for (const a of elements(xml, "w:abstractNum")) {
    const id = attr(a.slice(0, a.indexOf(">")), "w:abstractNumId");
    if (id === undefined) continue;
    const levels = new Map<number, NumberingLevel>();
    for (const l of elements(a, "w:lvl")) {
      const ilvl = Number(attr(l.slice(0, l.indexOf(">")), "w:ilvl") ?? "0");
      levels.set(ilvl, readLevel(l));
    }
    const link = childVal(a, "w:numStyleLink");
    abstracts.set(id, { levels, ...(link !== undefined ? { numStyleLink: link } : {}) });
  }
  const nums = new Map<string, NumInstance>();
  for (const n of elements(xml, "w:num")) {
    const id = attr(n.slice(0, n.indexOf(">")), "w:numId");
    const abstractNumId = childVal(n, "w:abstractNumId");
    if (id === undefined || abstractNumId === undefined) continue;
    const overrides = new Map<number, { start?: number; level?: NumberingLevel }>();
    for (const o of elements(n, "w:lvlOverride")) {
      const ilvl = Number(attr(o.slice(0, o.indexOf(">")), "w:ilvl") ?? "0");
      const start = childVal(o, "w:startOverride");
      const lvl = elements(o, "w:lvl")[0];
      overrides.set(ilvl, {
        ...(start !== undefined ? { start: Number(start) } : {}),
        ...(lvl ? { level: readLevel(lvl) } : {}),
      });
    }
    nums.set(id, { abstractNumId, overrides });
  }
  return { abstracts, nums };
}

/** Reads the numbering that paragraph and numbering styles carry (word/styles.xml). */
export function readStyles(xml: string): StyleMap {
  const styles: StyleMap = new Map();
  for (const s of elements(xml, "w:style")) {
    const id = attr(s.slice(0, s.indexOf(">")), "w:styleId");
    if (id === undefined) continue;
    const pPr = elements(s, "w:pPr")[0] ?? "";
    const numPr = elements(pPr, "w:numPr")[0] ?? "";
    const basedOn = childVal(s, "w:basedOn");
    const numId = childVal(numPr, "w:numId");
    const ilvl = childVal(numPr, "w:ilvl");
    styles.set(id, {
      ...(basedOn !== undefined ? { basedOn } : {}),
      ...(numId !== undefined ? { numId } : {}),
      ...(ilvl !== undefined ? { ilvl: Number(ilvl) } : {}),
    });
  }
  return styles;
}

const ROMAN: Array<[number, string]> = [
  [1000, "m"],
  [900, "cm"],
  [500, "d"],
  [400, "cd"],
  [100, "c"],
  [90, "xc"],
  [50, "l"],
  [40, "xl"],
  [10, "x"],
  [9, "ix"],
  [5, "v"],
  [4, "iv"],
  [1, "i"],
];
const CARDINAL = [
  "Zero",
  "One",
  "Two",
  "Three",
  "Four",
  "Five",
  "Six",
  "Seven",
  "Eight",
  "Nine",
  "Ten",
  "Eleven",
  "Twelve",
  "Thirteen",
  "Fourteen",
  "Fifteen",
  "Sixteen",
  "Seventeen",
  "Eighteen",
  "Nineteen",
  "Twenty",
];
const ORDINAL = [
  "Zeroth",
  "First",
  "Second",
  "Third",
  "Fourth",
  "Fifth",
  "Sixth",
  "Seventh",
  "Eighth",
  "Ninth",
  "Tenth",
  "Eleventh",
  "Twelfth",
  "Thirteenth",
  "Fourteenth",
  "Fifteenth",
  "Sixteenth",
  "Seventeenth",
  "Eighteenth",
  "Nineteenth",
  "Twentieth",
];

function roman(n: number): string {
  let out = "";
  let rest = n;
  for (const [v, s] of ROMAN) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** Word's letter numbering: a…z, then aa…zz, aaa… */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** Formats one counter value in a Word number format. */
export function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case "lowerLetter":
      return letters(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "ordinal": {
      const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
      return `${n}${s}`;
    }
    case "cardinalText":
      return CARDINAL[n] ?? String(n);
    case "ordinalText":
      return ORDINAL[n] ?? `${n}th`;
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** Computes paragraph numbers in document order, as Word does. */
export class NumberingState {
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly seenNums = new Set<string>();

  constructor(
    private readonly defs: NumberingDefinitions,
    private readonly styles: StyleMap,
  ) {}

  private abstractOf(numId: string, depth = 0): { abstractId: string; abstract: AbstractNum } | null {
    const num = this.defs.nums.get(numId);
    if (!num || depth > 4) return null;
    const abstract = this.defs.abstracts.get(num.abstractNumId);
    if (!abstract) return null;
    if (abstract.numStyleLink !== undefined) {
      const linked = this.styleNumbering(abstract.numStyleLink);
      if (linked?.numId !== undefined && linked.numId !== numId)
        return this.abstractOf(linked.numId, depth + 1);
    }
    return { abstractId: num.abstractNumId, abstract };
  }

  /** The numbering a style gives, following basedOn. */
  styleNumbering(styleId: string): { numId?: string; ilvl?: number } | null {
    const seen = new Set<string>();
    let numId: string | undefined;
    let ilvl: number | undefined;
    for (
      let id: string | undefined = styleId;
      id !== undefined && !seen.has(id);
      id = this.styles.get(id)?.basedOn
    ) {
      seen.add(id);
      const s = this.styles.get(id);
      if (!s) break;
      numId ??= s.numId;
      ilvl ??= s.ilvl;
    }
    return numId === undefined && ilvl === undefined
      ? null
      : { ...(numId !== undefined ? { numId } : {}), ...(ilvl !== undefined ? { ilvl } : {}) };
  }

  private level(numId: string, abstract: AbstractNum, ilvl: number): NumberingLevel | undefined {
    return this.defs.nums.get(numId)?.overrides.get(ilvl)?.level ?? abstract.levels.get(ilvl);
  }

  /**
   * Advances the counters for one paragraph and returns its label ("5.1", "(a)"), "" for a level
   * formatted "none", or null when the paragraph is not numbered or is a bullet.
   */
  next(paragraph: { numId?: string; ilvl?: number; styleId?: string }): string | null {
    const fromStyle = paragraph.styleId !== undefined ? this.styleNumbering(paragraph.styleId) : null;
    const numId = paragraph.numId ?? fromStyle?.numId;
    if (numId === undefined || numId === "0") return null;
    const resolved = this.abstractOf(numId);
    if (!resolved) return null;
    const { abstractId, abstract } = resolved;
    let ilvl = paragraph.ilvl ?? fromStyle?.ilvl;
    if (ilvl === undefined && paragraph.styleId !== undefined) {
      for (const [k, l] of abstract.levels) if (l.pStyle === paragraph.styleId) ilvl = k;
    }
    ilvl ??= 0;
    const level = this.level(numId, abstract, ilvl);
    if (!level) return null;
    if (level.numFmt === "bullet") return null;
    let counters = this.counters.get(abstractId);
    if (!counters) {
      counters = [];
      this.counters.set(abstractId, counters);
    }
    if (!this.seenNums.has(numId)) {
      // A numbering instance with start overrides restarts those levels when first used.
      this.seenNums.add(numId);
      for (const [k, o] of this.defs.nums.get(numId)!.overrides) {
        if (o.start !== undefined) counters[k] = o.start - 1;
      }
    }
    const current = counters[ilvl];
    counters[ilvl] = current === undefined ? level.start : current + 1;
    for (let k = ilvl + 1; k < 9; k++) counters[k] = undefined;
    return level.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const l = this.level(numId, abstract, k);
      const value = counters[k] ?? l?.start ?? 1;
      const fmt = level.isLgl && k < ilvl ? "decimal" : (l?.numFmt ?? "decimal");
      return formatNumber(value, fmt);
    });
  }
}

/** Finds where the `<w:pPr>` of a paragraph starting at `at` (just after its start tag) ends. */
function pPrSpan(xml: string, at: number): { start: number; end: number } | null {
  const open = /^\s*<w:pPr\b[^>]*?(\/?)>/.exec(xml.slice(at, at + 200));
  if (!open) return null;
  const start = at + open.index + open[0].indexOf("<");
  if (open[1] === "/") return { start, end: at + open[0].length };
  // pPr nests one pPr inside w:pPrChange (tracked formatting): count depth.
  const re = /<w:pPr\b[^>]*?(\/?)>|<\/w:pPr>/g;
  re.lastIndex = at + open[0].length;
  let depth = 1;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0].startsWith("</")) depth--;
    else if (m[1] !== "/") depth++;
    if (depth === 0) return { start, end: m.index + m[0].length };
  }
  return null;
}

const NO_NUMBERING = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>';

/**
 * Writes the numbers of numbered paragraphs into document.xml as literal text and turns their
 * numbering off. Returns the new XML and how many paragraphs were numbered.
 */
export function materializeNumbering(
  documentXml: string,
  numberingXml: string | null,
  stylesXml: string | null,
): { xml: string; numbered: number } {
  if (numberingXml === null) return { xml: documentXml, numbered: 0 };
  const state = new NumberingState(readNumbering(numberingXml), readStyles(stylesXml ?? ""));
  let out = "";
  let last = 0;
  let numbered = 0;
  const paragraph = /<w:p(?=[\s>/])[^>]*?(\/?)>/g;
  for (let m = paragraph.exec(documentXml); m; m = paragraph.exec(documentXml)) {
    if (m[1] === "/") continue;
    const afterTag = m.index + m[0].length;
    const span = pPrSpan(documentXml, afterTag);
    const pPr = span ? documentXml.slice(span.start, span.end) : "";
    // Ignore the previous formatting that a tracked change keeps inside the properties.
    const own = pPr.replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, "");
    const numPr = elements(own, "w:numPr")[0];
    const numId = numPr ? childVal(numPr, "w:numId") : undefined;
    const ilvl = numPr ? childVal(numPr, "w:ilvl") : undefined;
    const styleId = childVal(own, "w:pStyle");
    const label = state.next({
      ...(numId !== undefined ? { numId } : {}),
      ...(ilvl !== undefined ? { ilvl: Number(ilvl) } : {}),
      ...(styleId !== undefined ? { styleId } : {}),
    });
    if (label === null) continue;
    numbered++;
    const run =
      label.trim() === "" ? "" : `<w:r><w:t xml:space="preserve">${encodeXml(label.trim())} </w:t></w:r>`;
    let newPPr: string;
    if (!span) newPPr = `<w:pPr>${NO_NUMBERING}</w:pPr>`;
    else if (pPr.endsWith("/>")) newPPr = `<w:pPr>${NO_NUMBERING}</w:pPr>`;
    else if (numPr) newPPr = pPr.replace(numPr, NO_NUMBERING);
    else newPPr = pPr.replace(/^(<w:pPr\b[^>]*>)/, `$1${NO_NUMBERING}`);
    const from = span ? span.start : afterTag;
    const to = span ? span.end : afterTag;
    out += documentXml.slice(last, from) + newPPr + run;
    last = to;
    paragraph.lastIndex = to;
  }
  return { xml: out + documentXml.slice(last), numbered };
}
