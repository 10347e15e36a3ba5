/**
 * Paragraph blocks, and what the drafting rules compute per block (cached in the input's TextCache).
 * A block is a run of non-blank lines. What the rules read per block (a token and whether it joins
 * the one before, a quoted phrase, a word) never crosses a blank line, so reading each block alone
 * and shifting its offsets gives the whole document's answer; after a keystroke only the edited block
 * is read again.
 */
import type { LineIndex } from "../text";
import { TextCache, Variants } from "../text-cache";
import { oncePerInput, type DraftingInput } from "./input";

export interface Block {
  /** Offset of the block's first character in the document. */
  start: number;
  /** The block's text: its lines from the first non-blank one to the end of the last. */
  text: string;
}

/**
 * Splits a text into blocks of non-blank lines (a line of spaces and tabs is blank); `cut` gives each
 * block's text (the cache's own copy, for the analyzer).
 */
export function paragraphBlocks(
  text: string,
  cut: (start: number, end: number) => string = (start, end) => text.slice(start, end),
): Block[] {
  const blocks: Block[] = [];
  let blockStart = -1;
  let blockEnd = 0;
  for (let lineStart = 0; lineStart <= text.length;) {
    let nl = text.indexOf("\n", lineStart);
    if (nl < 0) nl = text.length;
    let i = lineStart;
    while (i < nl && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13))
      i++;
    if (i < nl) {
      if (blockStart < 0) blockStart = lineStart;
      blockEnd = nl;
    } else if (blockStart >= 0) {
      blocks.push({ start: blockStart, text: cut(blockStart, blockEnd) });
      blockStart = -1;
    }
    lineStart = nl + 1;
  }
  if (blockStart >= 0) blocks.push({ start: blockStart, text: cut(blockStart, blockEnd) });
  return blocks;
}

/** The blocks of the input's masked text, computed once per input. */
export const documentBlocks = oncePerInput((doc): Block[] =>
  paragraphBlocks(doc.masked, blockCache(doc).slicer("masked", doc.masked, "paragraphs")),
);

/** The input's cache: an analyzer's, kept between keystrokes, or one that keeps nothing. */
export function blockCache(doc: DraftingInput): TextCache {
  return doc.cache ?? NO_CACHE;
}

/** For an input without a cache (a one-off check, a very long document): nothing is kept. */
const NO_CACHE = new TextCache(false);

/** The blocks of the masked text and, for each (same index), the value of `compute` for its text. */
export interface BlockValues<T> {
  blocks: readonly Block[];
  values: readonly T[];
}

/**
 * The value of `compute` for every block of the masked text, in document order. Values and blocks
 * come as two lists: a {start, value} pair per block and kind, most blocks holding nothing a rule
 * wants, was most of what reading the cached values cost on a keystroke.
 */
export function perBlock<T>(doc: DraftingInput, kind: string, compute: (text: string) => T): BlockValues<T> {
  return { blocks: documentBlocks(doc), values: blockCache(doc).getAll(kind, blockTexts(doc), compute) };
}

/** The texts of the input's blocks, in order, computed once per input. */
const blockTexts = oncePerInput((doc): string[] => documentBlocks(doc).map((b) => b.text));

/** A match found in one block, with its offset in the document (groups as `matchAll` gives them). */
export type BlockMatch = RegExpMatchArray & { index: number };

// Shared empty answers: a long agreement has tens of thousands of blocks, most without a match.
const NO_MATCHES: BlockMatch[] = [];
const NONE: number[] = [];

/**
 * Every match of a global expression, found block by block. `kind` names the expression in the
 * cache, so it must be unique ("module:EXPRESSION"). Only for expressions that never need to match
 * across a blank line.
 */
export function blockMatches(
  doc: DraftingInput,
  kind: string,
  re: RegExp,
  /** Something every match contains: a block without it is skipped without running `re`. */
  needs?: RegExp,
): BlockMatch[] {
  const out: BlockMatch[] = [];
  // A copy with the document offset: the cached matches are shared by every later analysis.
  const at = (m: RegExpMatchArray, index: number) => Object.assign([...m], { index }) as BlockMatch;
  const find = (text: string) => {
    if (needs && !needs.test(text)) return NO_MATCHES;
    const found = [...text.matchAll(re)].map((m) => at(m, m.index));
    return found.length === 0 ? NO_MATCHES : found;
  };
  const { blocks, values } = perBlock(doc, kind, find);
  for (let i = 0; i < values.length; i++) {
    const found = values[i]!;
    if (found === NO_MATCHES) continue;
    const start = blocks[i]!.start;
    for (const m of found) out.push(at(m, m.index + start));
  }
  return out;
}

/**
 * Where the matches of a global expression start, found block by block (`kind` names it in the
 * cache): the only places a longer expression that begins with such a match, and may run on past a
 * blank line, can match from.
 */
export function matchStarts(doc: DraftingInput, kind: string, re: RegExp): number[] {
  const out: number[] = [];
  const { blocks, values } = perBlock(doc, kind, (text) => {
    const found: number[] = [];
    for (const m of text.matchAll(re)) found.push(m.index);
    return found.length === 0 ? NONE : found;
  });
  for (let i = 0; i < values.length; i++) {
    const start = blocks[i]!.start;
    for (const at of values[i]!) out.push(at + start);
  }
  return out;
}

/**
 * The lines of the document whose masked text passes a test of that text alone, as spans in document
 * order, tested block by block (`kind` names the test in the cache). Lines are the document's own
 * (LineIndex): masking can join two lines of a filing into one, and a line's text is still read from
 * its own start. Lines between blocks are blank and never pass.
 */
export function lineSpans(
  doc: DraftingInput,
  kind: string,
  test: (line: string) => boolean,
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const { lines } = doc;
  const { blocks, values: variants } = perBlock(doc, kind, () => new Variants<number[]>());
  let line = 0;
  blocks.forEach((b, i) => {
    const end = b.start + b.text.length;
    while (line < lines.lineCount && lines.lineStarts[line]! < b.start) line++;
    // The block's lines, relative to it: the cached answer holds for this text cut into these lines.
    const first = line;
    while (line < lines.lineCount && lines.lineStarts[line]! <= end) line++;
    // Most blocks are one whole line: their variant gets a name no list of cuts can have, and neither
    // the list nor its name is built for it on every check.
    const whole =
      line === first + 1 &&
      lines.lineStarts[first] === b.start &&
      Math.min(lines.lineEnd(first), end) === end;
    const cuts = whole ? undefined : lineCuts(lines, first, line, b);
    const passing = variants[i]!.get(cuts ? cuts.join(",") : "whole", () => {
      const found: number[] = [];
      const at = cuts ?? [0, b.text.length];
      for (let k = 0; k < at.length; k += 2)
        if (test(b.text.slice(at[k], at[k + 1]))) found.push(at[k]!, at[k + 1]!);
      return found.length === 0 ? NONE : found;
    });
    for (let k = 0; k < passing.length; k += 2)
      out.push({ start: b.start + passing[k]!, end: b.start + passing[k + 1]! });
  });
  return out;
}

/** Where lines `from` to `to` (exclusive) start and end in a block, relative to it. */
function lineCuts(lines: LineIndex, from: number, to: number, b: Block): number[] {
  const cuts: number[] = [];
  const end = b.start + b.text.length;
  for (let l = from; l < to; l++)
    cuts.push(lines.lineStarts[l]! - b.start, Math.min(lines.lineEnd(l), end) - b.start);
  return cuts;
}
