/**
 * Editor navigation over defined terms and section references, as pure functions of the analysed
 * document: what sits under the cursor, where it is defined, every place it is used, where a
 * reference points, and the edits that rename a term everywhere. The language server maps them to
 * textDocument/definition, references, rename (with prepareRename) and hover.
 */
import type { DefinedTerm } from "./definitions";
import { findUses, glossaryOf, termKey, type Definition, type DefinitionKind } from "./drafting/glossary";
import { oncePerInput, type DraftingInput } from "./drafting/input";
import { findReferences, normaliseNumber, resolveReference, type Reference } from "./drafting/references";
import { headingSpan } from "./drafting/regions";
import { splitSentences } from "./sentences";
import { romanToInt, type Section } from "./structure";
import type { LineIndex } from "./text";
import type { Range } from "./types";

/** A defined term under the cursor. */
export interface TermTarget {
  kind: "term";
  doc: DraftingInput;
  /** The term as defined ("Licensed Product"), whatever form is under the cursor ("Licensed Products'"). */
  term: string;
  /** Offsets of the occurrence under the cursor (a possessive ending excluded). */
  start: number;
  end: number;
  range: Range;
}

/** A section, article or attachment reference under the cursor ("Section 5.3", "Exhibit B"). */
export interface ReferenceTarget {
  kind: "reference";
  doc: DraftingInput;
  reference: Reference;
  start: number;
  end: number;
  range: Range;
}

export type NavigationTarget = TermTarget | ReferenceTarget;

export interface Location {
  start: number;
  end: number;
  range: Range;
}

export interface DefinitionLocation extends Location {
  definitionKind: DefinitionKind;
  /** The defining text for a hover, white space collapsed, at most about 600 characters. */
  text: string;
}

export interface UseLocation extends Location {
  /** True for the place that defines the term (the quoted term of a definition). */
  definition: boolean;
}

export interface SectionLocation extends Location {
  /** The section the reference resolves to; absent when the number is only found in running text. */
  section?: Section;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type RenameResult = { edits: TextEdit[] } | { error: string };

const inputs = new WeakMap<object, DraftingInput>();

/**
 * The navigation input of an analysis result (cached per result object, so the term index is built
 * once per analysed version of a document).
 */
export function navigationInput(
  result: { masked: string; lines: LineIndex; sections: Section[]; terms: DefinedTerm[] },
  markdown: boolean,
): DraftingInput {
  let doc = inputs.get(result);
  if (!doc) {
    doc = {
      source: result.lines.text,
      masked: result.masked,
      lines: result.lines,
      sections: result.sections,
      terms: result.terms,
      markdown,
    };
    inputs.set(result, doc);
  }
  return doc;
}

const referencesIn = oncePerInput(findReferences);

/** Every term that can be navigated: definitions proper first, then terms only referred to as defined. */
function navigableTerms(doc: DraftingInput): string[] {
  const g = glossaryOf(doc);
  const out: string[] = [];
  for (const list of g.byKey.values()) {
    const best = list.find((d) => d.kind === "means" || d.kind === "inline") ?? list[0]!;
    if (/[*[\]]/.test(best.term)) continue;
    out.push(best.term);
  }
  return out;
}

/** The defined term or reference at an offset, or null. A longer term wins over one inside it. */
export function termAt(doc: DraftingInput, offset: number): NavigationTarget | null {
  for (const ref of referencesIn(doc)) {
    const wordStart = doc.masked.lastIndexOf(ref.word, ref.start);
    const first = wordStart >= 0 && doc.masked.slice(wordStart + ref.word.length, ref.start).trim() === "";
    if ((offset >= ref.start && offset <= ref.end) || (first && offset >= wordStart && offset < ref.start)) {
      return {
        kind: "reference",
        doc,
        reference: ref,
        start: ref.start,
        end: ref.end,
        range: doc.lines.range(ref.start, ref.end),
      };
    }
  }
  const word = wordAt(doc.masked, offset);
  if (!word) return null;
  const stem = stemWord(word);
  let best: TermTarget | null = null;
  for (const term of navigableTerms(doc)) {
    // Only a term with the word under the cursor in it (any number) can cover the cursor.
    if (!term.split(/[^A-Za-z0-9]+/).some((w) => stemWord(w) === stem)) continue;
    for (const u of findUses(doc, term)) {
      if (offset < u.start || offset > u.wordEnd) continue;
      if (!best || u.wordEnd - u.start > best.end - best.start) {
        best = {
          kind: "term",
          doc,
          term,
          start: u.start,
          end: u.wordEnd,
          range: doc.lines.range(u.start, u.wordEnd),
        };
      }
    }
    for (const d of glossaryOf(doc).byKey.get(termKey(term)) ?? []) {
      if (offset >= d.start && offset <= d.end && (!best || d.end - d.start > best.end - best.start)) {
        best = {
          kind: "term",
          doc,
          term,
          start: d.start,
          end: d.end,
          range: doc.lines.range(d.start, d.end),
        };
      }
    }
  }
  return best;
}

function stemWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/ies$/, "y")
    .replace(/(?:es|s)$/, "");
}

function wordAt(text: string, offset: number): string | null {
  let a = offset;
  let b = offset;
  while (a > 0 && /[A-Za-z0-9]/.test(text[a - 1]!)) a--;
  while (b < text.length && /[A-Za-z0-9]/.test(text[b]!)) b++;
  return b > a ? text.slice(a, b) : null;
}

const PREFERENCE: Record<DefinitionKind, number> = {
  means: 0,
  inline: 1,
  pointer: 2,
  extension: 3,
  reference: 4,
};

function hoverText(doc: DraftingInput, d: Definition): string {
  const { masked } = doc;
  let text: string;
  if (d.kind === "means" || d.kind === "pointer" || d.kind === "extension") {
    const from = Math.max(0, d.start - 1);
    text = masked.slice(from, Math.min(d.bodyEnd, from + 1200));
  } else {
    // An inline definition: the sentence that defines it.
    const para = paragraphAround(masked, d.start);
    const sentence = splitSentences(masked, para.start, para.end).find(
      (s) => d.start >= s.start && d.start < s.end,
    );
    text = sentence
      ? masked.slice(sentence.start, sentence.end)
      : masked.slice(Math.max(0, d.start - 200), d.bodyEnd);
  }
  text = text.replace(/\s+/g, " ").trim();
  return text.length > 600 ? `${text.slice(0, 600).replace(/\s\S*$/, "")}…` : text;
}

function paragraphAround(text: string, offset: number): { start: number; end: number } {
  const before = text.lastIndexOf("\n\n", offset);
  const after = text.indexOf("\n\n", offset);
  const start = before < 0 ? 0 : before + 2;
  const end = after < 0 ? text.length : after;
  // A filing can hold a whole article in one line: keep the window to a few thousand characters.
  return { start: Math.max(start, offset - 3000), end: Math.min(end, offset + 3000) };
}

/** Where a term is defined (a real definition before a pointer or a mere "as defined in"), with its text for a hover. */
export function definitionOf(target: TermTarget): DefinitionLocation | null {
  const { doc } = target;
  const list = [...(glossaryOf(doc).byKey.get(termKey(target.term)) ?? [])].sort(
    (a, b) => PREFERENCE[a.kind] - PREFERENCE[b.kind] || a.start - b.start,
  );
  const d = list[0];
  if (!d) return null;
  return {
    start: d.start,
    end: d.end,
    range: doc.lines.range(d.start, d.end),
    definitionKind: d.kind,
    text: hoverText(doc, d),
  };
}

/** Every occurrence of a term (definitions flagged), or every reference to the same target as a reference. */
export function referencesOf(target: NavigationTarget): UseLocation[] {
  const { doc } = target;
  if (target.kind === "reference") {
    const key = referenceKey(target.reference);
    return referencesIn(doc)
      .filter((r) => referenceKey(r) === key)
      .map((r) => ({
        start: r.start,
        end: r.end,
        range: doc.lines.range(r.start, r.end),
        definition: false,
      }));
  }
  const defs = glossaryOf(doc).byKey.get(termKey(target.term)) ?? [];
  const out: UseLocation[] = defs
    .filter((d) => d.kind !== "reference")
    .map((d) => ({ start: d.start, end: d.end, range: doc.lines.range(d.start, d.end), definition: true }));
  for (const u of findUses(doc, target.term)) {
    if (out.some((o) => o.start === u.start)) continue;
    out.push({
      start: u.start,
      end: u.wordEnd,
      range: doc.lines.range(u.start, u.wordEnd),
      definition: false,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** One key for references to the same target: "Article IV", "Article 4" and "Section 4" are one. */
function referenceKey(r: Reference): string {
  if (r.kind === "section" || r.kind === "article") {
    const n = normaliseNumber(r.label);
    return `section:${/^[IVXLC]+$/.test(n) ? String(romanToInt(n)) : n}`;
  }
  return `${r.kind}:${r.label.toUpperCase()}`;
}

/** Where a reference points: the section's heading line, or the number where the text alone carries it. */
export function sectionForReference(target: ReferenceTarget): SectionLocation | null {
  const { doc, reference } = target;
  const resolved = resolveReference(doc, reference);
  if (resolved === null) return null;
  if (resolved) {
    const [span] = headingSpan(doc, resolved);
    const start = span?.start ?? resolved.start;
    const end = span?.end ?? doc.lines.lineEnd(resolved.line);
    return { section: resolved, start, end, range: doc.lines.range(start, end) };
  }
  // Resolved only in running text ("… 1.9 "Net Sales" means …" in a one-paragraph article): find that number.
  const label = reference.kind === "section" ? reference.label.replace(/\(.*$/, "") : reference.label;
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(
    `(?<![\\w.§])(?<!(?:Sections?|and|or|to|through|ARTICLE|Article)\\s+)${escaped}\\.?\\s+(?=[“"A-Z[])`,
    "g",
  );
  for (const m of doc.masked.matchAll(re)) {
    if (m.index === reference.start) continue;
    return {
      start: m.index,
      end: m.index + label.length,
      range: doc.lines.range(m.index, m.index + label.length),
    };
  }
  return null;
}

function pluralise(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return name.slice(0, -1) + "ies";
  if (/(?:s|x|z|ch|sh)$/i.test(name)) return name + "es";
  return name + "s";
}

function singularise(name: string): string {
  if (/ies$/i.test(name)) return name.slice(0, -3) + "y";
  if (/(?:s|x|z|ch|sh)es$/i.test(name)) return name.slice(0, -2);
  if (/[^s]s$/i.test(name)) return name.slice(0, -1);
  return name;
}

/**
 * The edits that rename a defined term everywhere: its definitions and every use, keeping each use's
 * plural or singular form and possessive ending ("Licensed Products'" → "Covered Products'").
 */
export function renameTermEdits(target: TermTarget, newName: string): RenameResult {
  const { doc } = target;
  const name = newName.trim();
  if (name === "" || /[\n"“”ʺ]/.test(name))
    return { error: "A defined term cannot be empty or contain quotes or line breaks." };
  const g = glossaryOf(doc);
  const oldKey = termKey(target.term);
  if (termKey(name) !== oldKey && g.byKey.has(termKey(name)))
    return { error: `"${name}" is already defined in this agreement.` };
  const definedPlural = /[^s]s$/.test(target.term) && !/ss$/.test(target.term);
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  for (const d of g.byKey.get(oldKey) ?? []) {
    if (d.kind === "reference") continue;
    seen.add(d.start);
    edits.push({ range: doc.lines.range(d.start, d.end), newText: name });
  }
  for (const u of findUses(doc, target.term)) {
    if (seen.has(u.start)) continue;
    seen.add(u.start);
    let text = u.inflected ? (definedPlural ? singularise(name) : pluralise(name)) : name;
    // A lower-case term found capitalised at a sentence start stays capitalised.
    const written = doc.masked.slice(u.start, u.wordEnd);
    if (target.term === target.term.toLowerCase() && /^[A-Z]/.test(written))
      text = text[0]!.toUpperCase() + text.slice(1);
    edits.push({ range: doc.lines.range(u.start, u.wordEnd), newText: text });
  }
  edits.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { edits };
}
