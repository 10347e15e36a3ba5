import type { Position, Range } from "./types";

/** The index of the last value at or before `value` in an ascending array that starts at or before it (0 otherwise). */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many values of an ascending array are below `value`: the index to insert it at. */
export function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Offsets into the document string and LSP positions (0-based line, UTF-16 character). JavaScript
 * strings are UTF-16, so a string offset minus its line start is already the LSP character.
 */
export class LineIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // Without a carriage return, line ends are found by indexOf, many times faster than a loop over
    // every character (a third of a millisecond per 100,000 characters on every keystroke).
    if (text.indexOf("\r") < 0) {
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) starts.push(nl + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Converts a string offset to an LSP position. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, o);
    return { line, character: o - this.lineStarts[line]! };
  }

  /** Converts an LSP position to a string offset, clamping positions past a line end or the document. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.lineStarts[line]!);
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Converts a pair of offsets to an LSP range. */
  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The range of a line's text without leading and trailing white space. */
  trimmedLineRange(line: number): Range {
    const text = this.lineText(line);
    const lead = text.length - text.trimStart().length;
    const trail = text.trimEnd().length;
    return {
      start: { line, character: trail === 0 ? 0 : lead },
      end: { line, character: trail },
    };
  }
}

/**
 * A copy of a string that does not keep alive the string it was cut from. V8 represents a slice as a
 * view into its parent, so a cache keyed by slices of each version of a document would keep every
 * version whole: about a megabyte per edited paragraph of a 50,000-word agreement.
 */
export function detach(text: string): string {
  // Appending makes a rope; slicing the rope flattens it into a new string the result then views.
  return (text + " ").slice(0, -1);
}

/** Sticky copies of global expressions, for {@link matchesAt}. */
const stickyCopies = new WeakMap<RegExp, RegExp>();

/**
 * Every match of `re`, a global expression, as a global scan finds them, but tried only at `starts`
 * (increasing), which must hold every place a match can start: a scan tries every character, and on
 * a whole agreement that costs about half a millisecond per expression and keystroke.
 */
export function matchesAt(re: RegExp, text: string, starts: Iterable<number>): RegExpExecArray[] {
  let sticky = stickyCopies.get(re);
  if (!sticky) stickyCopies.set(re, (sticky = new RegExp(re.source, `${re.flags.replace("g", "")}y`)));
  const out: RegExpExecArray[] = [];
  let from = 0;
  for (const at of starts) {
    if (at < from) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (!m) continue;
    out.push(m);
    // As a global scan does, go on from the match's end, or past an empty match.
    from = m.index + Math.max(1, m[0].length);
  }
  return out;
}

/**
 * Every match of `re`, a global expression that can match only at the text's start or at a line
 * feed ("(?:^|\n)…", not multiline), as a global scan finds them.
 */
export function lineStartMatches(re: RegExp, text: string): RegExpExecArray[] {
  const feeds = lineFeedOffsets(text);
  return matchesAt(re, text, feeds[0] === 0 ? feeds : [0, ...feeds]);
}

/** The offsets of a text's line feeds, in order. */
export function lineFeedOffsets(text: string): number[] {
  const feeds: number[] = [];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) feeds.push(at);
  return feeds;
}

/** Whether a UTF-16 code unit is an ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
