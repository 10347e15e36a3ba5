/**
 * Finds defined terms: `"X" means`, `"X" shall mean`, `("X")`, `(the "X")`, `(collectively, "X")`, and
 * `**X**` at the start of a paragraph in a definitions section. Later rules use them (undefined terms,
 * defined efforts standards) and definition sentences are never themselves evidence of a clause.
 */
import { lineStartMatches } from "./text";

export interface DefinedTerm {
  term: string;
  /** Offset of the term's first character. */
  start: number;
  end: number;
  /** True when the term is defined by a "means" sentence rather than inline in parentheses. */
  meansDefinition: boolean;
}

const MEANS_RE =
  /()[“"]([^”"\n]{1,80})[”"][\s,(]{0,12}(?:(?:or|and)\b[^\n]{0,60}?[”"][\s,)]{0,12})?(?:shall\s+|will\s+)?(?:means?|have the meaning|has the meaning|refers? to|shall include)\b/g;
const INLINE_RE =
  /\((?:each,?\s+|collectively,?\s+|together,?\s+|individually,?\s+|hereinafter,?\s+|herein\s+)*(?:(?:the|a|an|each|such)\s+)?[“"]([^”"\n]{1,80})[”"](?:\s*(?:or|and)\s+(?:the\s+)?[“"]([^”"\n]{1,80})[”"])?(?:[^)\n]{0,40})?\)/g;
const BOLD_RE =
  /(^|\n)[ \t]*(?:\d[\d.]*\s+)?\*\*[“"]?([^*\n”"]{1,80})[”"]?\*\*[ \t]*(?:means?|shall mean|has the meaning|:)/g;

/**
 * Reads the term between a definition's quotes: how far it starts into them, and its text. In masked
 * Markdown `"**X**"` reads `"  X  "`; Markdown pasted into a plain-text file keeps its emphasis
 * markers, and `"**Licensor**"` defines "Licensor" there too.
 */
export function quotedTerm(text: string): { lead: number; term: string } {
  const lead = /^[\s*_]*/.exec(text)![0].length;
  return { lead, term: text.slice(lead).replace(/[\s*_]+$/, "") };
}

/** Collects the defined terms of a document (source text, so bold markup is still visible). */
export function findDefinedTerms(source: string, masked: string): DefinedTerm[] {
  const terms: DefinedTerm[] = [];
  const seen = new Set<number>();
  const add = (term: string, rawStart: number, meansDefinition: boolean) => {
    const { lead, term: clean } = quotedTerm(term);
    const start = rawStart + lead;
    if (clean === "" || seen.has(start) || !/[A-Za-z]/.test(clean)) return;
    seen.add(start);
    terms.push({ term: clean, start, end: start + clean.length, meansDefinition });
  };
  for (let m = MEANS_RE.exec(masked); m; m = MEANS_RE.exec(masked)) {
    const termStart = masked.indexOf(m[2]!, m.index + m[1]!.length);
    add(m[2]!, termStart, true);
  }
  for (let m = INLINE_RE.exec(masked); m; m = INLINE_RE.exec(masked)) {
    const first = masked.indexOf(m[1]!, m.index);
    add(m[1]!, first, false);
    if (m[2]) add(m[2], masked.indexOf(m[2], first + m[1]!.length), false);
  }
  for (const m of lineStartMatches(BOLD_RE, source)) {
    add(m[2]!, source.indexOf(m[2]!, m.index + m[1]!.length), true);
  }
  return terms.sort((a, b) => a.start - b.start);
}

const DEFINITION_SENTENCE =
  /^\s{0,40}(?:\(?[0-9a-zA-Z.]{1,8}\)?\s{1,8})?[“"][^”"]{1,80}[”"][\s,(]{0,12}(?:(?:or|and)\b[^\n]{0,60}?[”"][\s,)]{0,12})?(?:shall\s+|will\s+)?(?:means?|have the meaning|has the meaning|refers? to|includes?|shall include)\b/;

/** Decides whether a sentence is a definition ("X" means ...), which is not evidence of a clause. */
export function isDefinitionSentence(sentence: string): boolean {
  return DEFINITION_SENTENCE.test(sentence);
}
