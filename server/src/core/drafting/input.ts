/**
 * What every drafting-integrity rule reads: the document as typed, the masked analysis text (Markdown
 * syntax blanked to spaces at the same offsets), the section tree and the defined terms found by the
 * core. Rules are pure functions of this input and return findings.
 */
import type { DefinedTerm } from "../definitions";
import type { TextCache } from "../text-cache";
import type { Section } from "../structure";
import type { LineIndex } from "../text";
import type { Finding } from "../types";

export interface DraftingInput {
  source: string;
  masked: string;
  lines: LineIndex;
  sections: Section[];
  terms: DefinedTerm[];
  /** True for Markdown, false for plain text (.txt agreements as filed or pasted from Word). */
  markdown: boolean;
  /** Per-block results kept between analyses of one document (see blocks.ts); none for a one-off check. */
  cache?: TextCache;
}

export type DraftingRule = (doc: DraftingInput) => Finding[];

/**
 * Wraps a computation on an input so that it runs once per input object: several rules and
 * navigation requests ask for the same glossary, targets or spans of one analysis.
 */
export function oncePerInput<T>(compute: (doc: DraftingInput) => T): (doc: DraftingInput) => T {
  const memo = new WeakMap<DraftingInput, T>();
  return (doc) => {
    let value = memo.get(doc);
    if (value === undefined) {
      value = compute(doc);
      memo.set(doc, value);
    }
    return value;
  };
}
