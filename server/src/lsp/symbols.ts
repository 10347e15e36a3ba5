/**
 * Document symbols: the agreement's section tree (articles, sections, sub-clauses, exhibits), each
 * named by its number and title and labelled with the clause types it contributes to. Flat symbols
 * with container names for clients without hierarchical support.
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from "vscode-languageserver";
import type { Section } from "../core/structure";
import type { DocumentAnalysis } from "./documents";

const KINDS: Record<Section["kind"], SymbolKind> = {
  root: SymbolKind.File,
  heading: SymbolKind.Namespace,
  article: SymbolKind.Namespace,
  caps: SymbolKind.Namespace,
  exhibit: SymbolKind.Package,
  numbered: SymbolKind.Field,
  paren: SymbolKind.EnumMember,
};

function name(s: Section): string {
  const label = [s.number, s.title]
    .filter((p) => p !== null && p !== "")
    .join(" ")
    .trim();
  return label !== "" ? label : "(untitled)";
}

/** The section tree as hierarchical symbols (empty for documents that are not agreements). */
export function documentSymbols(analysis: DocumentAnalysis): DocumentSymbol[] {
  const { result } = analysis;
  if (!result.agreement) return [];
  const { sections, lines } = result;
  const text = lines.text;
  const clausesOf = new Map<number, string[]>();
  for (const c of result.clauses) {
    for (const i of c.sections) clausesOf.set(i, [...(clausesOf.get(i) ?? []), c.title]);
  }
  const build = (s: Section): DocumentSymbol => {
    let end = s.end;
    while (end > s.start && /\s/.test(text[end - 1]!)) end--;
    const selection = lines.trimmedLineRange(s.line);
    const range = lines.range(s.start, Math.max(end, lines.offsetAt(selection.end)));
    const detail = clausesOf.get(s.index)?.join(", ");
    return {
      name: name(s),
      ...(detail ? { detail } : {}),
      kind: KINDS[s.kind],
      range,
      selectionRange: selection,
      children: s.children.map((c) => build(sections[c]!)),
    };
  };
  return sections[0]!.children.map((c) => build(sections[c]!));
}

/** The same tree flattened, for clients that only take `SymbolInformation`. */
export function flatSymbols(analysis: DocumentAnalysis): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const walk = (symbols: DocumentSymbol[], container: string | undefined) => {
    for (const s of symbols) {
      out.push({
        name: s.detail ? `${s.name} (${s.detail})` : s.name,
        kind: s.kind,
        location: { uri: analysis.uri, range: s.range },
        ...(container !== undefined ? { containerName: container } : {}),
      });
      walk(s.children ?? [], s.name);
    }
  };
  walk(documentSymbols(analysis), undefined);
  return out;
}
