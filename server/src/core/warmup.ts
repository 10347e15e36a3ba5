/**
 * Texts to warm the analysis up with before the user types. V8 compiles a function to fast code only
 * after it has run a few times, and much of a keystroke's work (joining per-block results into the
 * document's) runs once per analysis: in a fresh process, the first ten keystrokes into a 50k-word
 * agreement took about twice as long as later ones. Analysing the document with a letter typed into
 * it a few times, while the user reads, runs exactly the code a keystroke runs.
 */

/** A line this long that starts with a letter is prose: a keystroke there re-reads one paragraph. */
const PROSE_LINE = /^[ \t]*\p{L}[^\n]{79}/gmu;

/** The text with one letter typed at the end of a word mid-way along its `k`-th long prose line (cycling), or null when it has none. */
export function typedVariant(source: string, k: number): string | null {
  const starts: number[] = [];
  for (const m of source.matchAll(PROSE_LINE)) starts.push(m.index);
  if (starts.length === 0) return null;
  // Spread over the document, as a reviewer's edits are.
  const start = starts[Math.floor(((k * 0.618034) % 1) * starts.length)]!;
  const space = source.indexOf(" ", start + 40);
  const at = space < 0 || space > start + 80 ? start + 40 : space;
  return source.slice(0, at) + "s" + source.slice(at);
}
