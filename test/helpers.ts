/** Shared test fixtures: the built-in library, compiled once, and a skeleton agreement to put clauses in. */
import path from "node:path";
import { Analyzer } from "../server/src/core/analyze";
import { compileLibrary, type CompiledLibrary } from "../server/src/core/library";
import { loadBuiltinLibrary } from "../server/src/library/load";

export const ROOT = path.resolve(__dirname, "..");
export const LIBRARY_DIR = path.join(ROOT, "clause-library");

let compiled: CompiledLibrary | undefined;

/** The built-in library, compiled once per test file. */
export function builtin(): CompiledLibrary {
  compiled ??= compileLibrary(loadBuiltinLibrary(LIBRARY_DIR));
  return compiled;
}

/** A fresh analyzer over the built-in library. */
export function analyzer(): Analyzer {
  return new Analyzer(builtin());
}

/** A minimal Markdown agreement (title, parties, recitals, definitions, signature) around `articles`. */
export function skeleton(articles: string, frontMatter = ""): string {
  return `${frontMatter}# Licence Agreement

This Licence Agreement is made by and between Alpha Bio Co., Ltd. ("Licensor") and Beta Pharma AG ("Licensee").

WHEREAS Licensor owns the Compound; NOW, THEREFORE, the parties agree as follows.

## 1. Definitions

**1.1** "Licensed Product" means any product containing the Compound.

${articles}

IN WITNESS WHEREOF the parties have signed this Agreement.

By: ______
`;
}

/** Replaces snippet placeholders by their defaults and section numbers by `n`. */
export function fillTemplate(body: string, n: string): string {
  return body.replace(/\{\{n\}\}/g, n).replace(/\{\{num\}\}/g, `${n}.1`);
}
