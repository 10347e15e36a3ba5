/**
 * Blanks page furniture out of the analysis text: EDGAR "Source:" footers, page numbers, confidential-
 * treatment legends and running "CONFIDENTIAL" headers. Filed agreements are printed pages run
 * together, so a page break often falls mid-sentence; once the furniture is blanked, a break between
 * two halves of one sentence is joined, so cues that need both halves still see one sentence.
 */
import type { LineIndex } from "./text";

const FURNITURE = [
  /^\s*Source:\s.{0,160}\d{4}\s*$/,
  /^\s*(?:Page\s+)?-?\s*\d{1,3}\s*-?(?:\s+of\s+\d{1,3})?\s*$/i,
  /^\s*\[?\*{3,}\]?\s*(?:Confidential|Certain (?:confidential )?information).{0,240}$/i,
  /^\s*(?:CONFIDENTIAL|Confidential)(?:\s+(?:TREATMENT|Treatment)\s+(?:REQUESTED|Requested))?\s*$/,
];
/** A running header fused to the start of the next line: "CONFIDENTIAL 1.3 ...". */
const FUSED_HEADER = /^(\s*CONFIDENTIAL\s+)(?=\d|\(|[A-Z])/;

/** Returns the masked text with page furniture blanked and mid-sentence page breaks joined. */
export function maskPageFurniture(masked: string, lines: LineIndex): string {
  // One mark per character, made only when something is blanked (most documents have no furniture):
  // 1 blanks all but line breaks, 2 blanks line breaks too. An array of 10 million one-character
  // strings took seconds on a 10 MB filing.
  const state: { marks: Uint8Array | null } = { marks: null };
  const blank = (from: number, to: number, newlines: boolean) => {
    const marks = (state.marks ??= new Uint8Array(masked.length));
    const mark = newlines ? 2 : 1;
    for (let i = from; i < to; i++) if (marks[i]! < mark) marks[i] = mark;
  };
  let lastText = -1;
  let gapStart = -1;
  let sawFurniture = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line]!;
    const end = lines.lineEnd(line);
    const text = masked.slice(start, Math.min(end, start + 400));
    const isFurniture = end - start <= 400 && FURNITURE.some((re) => re.test(text));
    if (isFurniture) {
      blank(start, end, false);
      sawFurniture = true;
      if (gapStart < 0) gapStart = start;
      continue;
    }
    const fused = FUSED_HEADER.exec(text);
    if (fused) blank(start, start + fused[1]!.length, false);
    if (text.trim() === "") {
      if (gapStart < 0) gapStart = start;
      continue;
    }
    // A gap that held furniture, after text that stops mid-sentence: join it into one sentence.
    if (
      sawFurniture &&
      lastText >= 0 &&
      !/[.;:!?”"]\s*$/.test(masked.slice(Math.max(0, lastText - 4), lastText))
    ) {
      blank(lastText, start, true);
    }
    lastText = end;
    gapStart = -1;
    sawFurniture = false;
  }
  return state.marks ? applyMarks(masked, state.marks) : masked;
}

/** The text with marked characters blanked, built run by run. */
function applyMarks(text: string, marks: Uint8Array): string {
  const parts: string[] = [];
  let pos = 0;
  // Unmarked stretches are found natively (indexOf), so a long agreement with a few page numbers
  // costs little more than copying it. Each kind's next mark is looked up again only once passed.
  let one = -2;
  let two = -2;
  while (pos < text.length) {
    if (one !== -1 && one < pos) one = marks.indexOf(1, pos);
    if (two !== -1 && two < pos) two = marks.indexOf(2, pos);
    const next = one < 0 ? two : two < 0 ? one : Math.min(one, two);
    if (next < 0) {
      parts.push(text.slice(pos));
      break;
    }
    if (next > pos) parts.push(text.slice(pos, next));
    const mark = marks[next];
    let end = next + 1;
    while (end < text.length && marks[end] === mark) end++;
    const piece = text.slice(next, end);
    parts.push(mark === 2 ? " ".repeat(piece.length) : piece.replace(/[^\r\n]/g, " "));
    pos = end;
  }
  return parts.join("");
}
