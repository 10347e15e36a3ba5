/**
 * Blanks page furniture out of the analysis text: EDGAR "Source:" footers, page numbers, confidential-
 * treatment legends and running "CONFIDENTIAL" headers. Filed agreements are printed pages run
 * together, so a page break often falls mid-sentence; once the furniture is blanked, a break between
 * two halves of one sentence is joined, so cues that need both halves still see one sentence.
 */
import { lastAtOrBefore, type LineIndex } from "./text";

const FURNITURE = [
  /^\s*Source:\s.{0,160}\d{4}\s*$/,
  /^\s*(?:Page\s+)?-?\s*\d{1,3}\s*-?(?:\s+of\s+\d{1,3})?\s*$/i,
  /^\s*\[?\*{3,}\]?\s*(?:Confidential|Certain (?:confidential )?information).{0,240}$/i,
  /^\s*(?:CONFIDENTIAL|Confidential)(?:\s+(?:TREATMENT|Treatment)\s+(?:REQUESTED|Requested))?\s*$/,
];
/** A running header fused to the start of the next line: "CONFIDENTIAL 1.3 ...". */
const FUSED_HEADER = /^(\s*CONFIDENTIAL\s+)(?=\d|\(|[A-Z])/;

/** A stretch to blank: 1 blanks all but line breaks, 2 blanks line breaks too. */
interface Blank {
  from: number;
  to: number;
  mark: 1 | 2;
}

/**
 * Returns the masked text with page furniture blanked and mid-sentence page breaks joined. The text
 * may come as the Markdown chunks' masks: they are joined once, with the blanks applied, rather than
 * joined and then copied again (each copy of a long agreement is fresh memory, slow to get here).
 */
export function maskPageFurniture(masked: string | readonly string[], lines: LineIndex): string {
  const text = new Pieces(typeof masked === "string" ? [masked] : masked);
  const blanks: Blank[] = [];
  const blank = (from: number, to: number, newlines: boolean) => {
    if (to > from) blanks.push({ from, to, mark: newlines ? 2 : 1 });
  };
  let lastText = -1;
  let sawFurniture = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line]!;
    const end = lines.lineEnd(line);
    const lineText = text.slice(start, Math.min(end, start + 400));
    const isFurniture = end - start <= 400 && FURNITURE.some((re) => re.test(lineText));
    if (isFurniture) {
      blank(start, end, false);
      sawFurniture = true;
      continue;
    }
    const fused = FUSED_HEADER.exec(lineText);
    if (fused) blank(start, start + fused[1]!.length, false);
    if (lineText.trim() === "") continue;
    // A gap that held furniture, after text that stops mid-sentence: join it into one sentence.
    if (
      sawFurniture &&
      lastText >= 0 &&
      !/[.;:!?”"]\s*$/.test(text.slice(Math.max(0, lastText - 4), lastText))
    ) {
      blank(lastText, start, true);
    }
    lastText = end;
    sawFurniture = false;
  }
  return text.join(mergeBlanks(blanks));
}

/** Turns overlapping blanks into ordered, disjoint ones, each character keeping the strongest mark on it. */
function mergeBlanks(blanks: readonly Blank[]): Blank[] {
  const events: Array<[number, number]> = [];
  for (const b of blanks) events.push([b.from, b.mark], [b.to, -b.mark]);
  events.sort((a, b) => a[0] - b[0]);
  const open = [0, 0, 0];
  const out: Blank[] = [];
  let at = 0;
  let mark = 0;
  for (let i = 0; i < events.length;) {
    const pos = events[i]![0];
    for (; i < events.length && events[i]![0] === pos; i++) {
      const e = events[i]![1];
      open[Math.abs(e)]! += Math.sign(e);
    }
    const next = open[2]! > 0 ? 2 : open[1]! > 0 ? 1 : 0;
    if (next === mark) continue;
    if (mark !== 0) out.push({ from: at, to: pos, mark: mark as 1 | 2 });
    at = pos;
    mark = next;
  }
  return out;
}

/** A text held as consecutive pieces (the chunks' masks), read by offset without joining them. */
class Pieces {
  private readonly starts: number[] = [];
  private readonly length: number;

  constructor(private readonly parts: readonly string[]) {
    let offset = 0;
    for (const part of parts) {
      this.starts.push(offset);
      offset += part.length;
    }
    this.length = offset;
  }

  /** The text from `from` to `to`, as `String.prototype.slice` of the joined text would give it. */
  slice(from: number, to: number): string {
    to = Math.min(to, this.length);
    if (to <= from) return "";
    let i = lastAtOrBefore(this.starts, from);
    const start = this.starts[i]!;
    if (to <= start + this.parts[i]!.length) return this.parts[i]!.slice(from - start, to - start);
    let out = "";
    for (let at = from; at < to; i++) {
      const s = this.starts[i]!;
      const piece = this.parts[i]!.slice(at - s, to - s);
      out += piece;
      at = s + this.parts[i]!.length;
    }
    return out;
  }

  /** The whole text with the blanks applied, built in one join. */
  join(blanks: readonly Blank[]): string {
    const kept = this.parts.filter((p) => p !== "");
    if (blanks.length === 0) return kept.length === 1 ? kept[0]! : kept.join("");
    const out: string[] = [];
    let b = 0;
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i]!;
      const start = this.starts[i]!;
      const end = start + part.length;
      let pos = start;
      while (b < blanks.length && blanks[b]!.from < end) {
        const { from, to, mark } = blanks[b]!;
        const lo = Math.max(from, pos);
        const hi = Math.min(to, end);
        if (lo > pos) out.push(part.slice(pos - start, lo - start));
        const piece = part.slice(lo - start, hi - start);
        out.push(mark === 2 ? " ".repeat(piece.length) : piece.replace(/[^\r\n]/g, " "));
        pos = hi;
        if (to > end) break;
        b++;
      }
      if (pos < end) out.push(part.slice(pos - start));
    }
    return out.join("");
  }
}
