/**
 * Builds the edits that fix clause findings: a full template inserted where the clause belongs and
 * numbered to fit the document, or missing elements' sub-clauses appended to the clause's section.
 */
import type { CompiledClause } from "./library";
import { escapeSnippet, joinSnippets } from "./snippet";
import { intToRoman, romanToInt, type Section } from "./structure";
import type { LineIndex } from "./text";
import type { DealContext, Fix, TemplateDef } from "./types";

export interface DocumentView {
  source: string;
  masked: string;
  lines: LineIndex;
  sections: Section[];
  markdown: boolean;
}

/** Picks the full template for a deal: the model and side both fit, else the model fits. */
export function pickTemplate(clause: CompiledClause, deal: DealContext): TemplateDef | undefined {
  const templates = clause.def.templates;
  return (
    templates.find((t) => t.models.includes(deal.model) && t.parties.includes(deal.party)) ??
    templates.find((t) => t.models.includes(deal.model)) ??
    templates[0]
  );
}

/** Templates that fit a deal model and side, for the "Insert clause" pickers. */
export function templatesFor(clause: CompiledClause, deal: DealContext): TemplateDef[] {
  return clause.def.templates.filter((t) => t.models.includes(deal.model) && t.parties.includes(deal.party));
}

/** The top-level sections that carry the agreement's article numbering (exhibits excluded). */
export function articleSections(view: DocumentView): Section[] {
  const { sections } = view;
  const top = sections.filter(
    (s) => s.kind !== "root" && s.kind !== "exhibit" && !insideExhibit(sections, s),
  );
  const numberedHeadings = top.filter((s) => s.kind === "heading" && s.major !== undefined);
  if (numberedHeadings.length > 0) {
    // reduce, not Math.min(...): a spread of 100,000 headings overflows the stack.
    const depth = numberedHeadings.reduce((min, s) => Math.min(min, s.headingDepth!), Infinity);
    return numberedHeadings.filter((s) => s.headingDepth === depth);
  }
  const articles = top.filter((s) => s.kind === "article");
  if (articles.length > 0) return articles;
  const numbered = top.filter((s) => s.kind === "numbered" && s.number !== null && !s.number.includes("."));
  if (numbered.length > 0) return numbered;
  const headings = top.filter((s) => s.kind === "heading");
  if (headings.length > 0) {
    const depth = headings.reduce((min, s) => Math.min(min, s.headingDepth!), Infinity);
    return headings.filter((s) => s.headingDepth === depth && s.parent === 0);
  }
  return top.filter((s) => s.parent === 0);
}

function insideExhibit(sections: Section[], s: Section): boolean {
  for (let p = s.parent; p > 0; p = sections[p]!.parent) if (sections[p]!.kind === "exhibit") return true;
  return false;
}

// Leading blanks on the same line only: "^\s*" would rescan each run of blank lines from every line in it.
const SIGNATURE =
  /^[^\S\r\n\u2028\u2029]*(?:#+\s*)?(?:IN WITNESS WHEREOF|\[Signature pages? follows?\]|Signatures?\s*$|SIGNATURES?\s*$|EXECUTED as)/im;

/** Offset of the signature block's first line, or null. */
export function signatureOffset(view: DocumentView): number | null {
  const m = SIGNATURE.exec(view.masked);
  if (!m) return null;
  return view.lines.lineStarts[
    view.lines.positionAt(m.index + (m[0].length - m[0].trimStart().length)).line
  ]!;
}

/** Number for a new article after `after`: the next number in its style, or `7A` when that one is taken. */
export function nextNumber(after: Section | undefined, peers: Section[]): string {
  if (!after) {
    return String(Math.max(0, ...peers.map((p) => p.major ?? 0)) + 1);
  }
  const roman = after.number !== null && !Number.isNaN(romanToInt(after.number)) && !/^\d/.test(after.number);
  const candidate = (after.major ?? peers.indexOf(after) + 1) + 1;
  if (!peers.some((p) => p.major === candidate)) return roman ? intToRoman(candidate) : String(candidate);
  return `${after.number ?? String(candidate - 1)}A`;
}

function titleCase(title: string, like: string): string {
  return like !== "" && like === like.toUpperCase() && /[A-Z]/.test(like) ? title.toUpperCase() : title;
}

/** Writes a heading for a new article in the style of an existing one. */
export function headingLike(
  view: DocumentView,
  model: Section | undefined,
  number: string,
  title: string,
): string {
  if (model) {
    const lineText = view.lines.lineText(model.line);
    const maskedLine = view.masked
      .slice(view.lines.lineStarts[model.line], view.lines.lineEnd(model.line))
      .trim();
    const rest = maskedLine
      .replace(model.number ?? "", "")
      .replace(model.title, "")
      .replace(/[\s.:\-–—#*_]|ARTICLE|Article|Section|SECTION/g, "");
    if (model.number !== null && rest === "") {
      const newTitle = titleCase(title, model.title);
      const replaced = lineText.replace(model.number, number);
      return model.title !== "" ? replaced.replace(model.title, newTitle) : `${replaced}\n${newTitle}`;
    }
    if (model.kind === "heading") return `${"#".repeat(model.headingDepth!)} ${number}. ${title}`;
    if (model.kind === "article") return `ARTICLE ${number}\n${title.toUpperCase()}`;
  }
  return view.markdown ? `## ${number}. ${title}` : `${number}. ${title.toUpperCase()}`;
}

/** Adapts a Markdown template body to a plain-text document (no bold markup). */
export function adaptBody(body: string, markdown: boolean): string {
  return markdown ? body : body.replace(/\*\*/g, "");
}

function insertionFix(view: DocumentView, offset: number, block: string, title: string): Fix {
  const { source } = view;
  let prefix = "";
  if (offset >= source.length) {
    if (source.length > 0 && !source.endsWith("\n")) prefix = "\n\n";
    else if (source.length > 0 && !source.endsWith("\n\n")) prefix = "\n";
  }
  const suffix = offset >= source.length ? "\n" : "\n\n";
  const at = view.lines.positionAt(offset);
  return { title, edits: [{ range: { start: at, end: at }, snippet: `${prefix}${block}${suffix}` }] };
}

/** Builds the fix that inserts a missing clause's full template where it belongs. */
export function missingClauseFix(view: DocumentView, clause: CompiledClause, deal: DealContext): Fix | null {
  const template = pickTemplate(clause, deal);
  if (!template) return null;
  const peers = articleSections(view);
  let after: Section | undefined;
  for (const cue of clause.insertAfter) {
    const hits = peers.filter((p) => {
      cue.regex.lastIndex = 0;
      return cue.regex.test(p.title);
    });
    if (hits.length > 0) {
      after = hits[hits.length - 1];
      break;
    }
  }
  let offset: number;
  if (after) offset = after.end;
  else {
    const signature = signatureOffset(view);
    const beforeSignature = signature !== null ? peers.filter((p) => p.start < signature) : peers;
    after = beforeSignature[beforeSignature.length - 1];
    offset = signature ?? view.source.length;
    if (after && signature === null) offset = Math.max(offset, after.end);
  }
  // Keep the new article before a signature block that the previous article's range swallowed.
  const signature = signatureOffset(view);
  if (signature !== null && offset > signature) offset = signature;
  const number = nextNumber(after, peers);
  const heading = escapeSnippet(
    headingLike(view, after ?? peers[peers.length - 1], number, clause.def.title),
  );
  const body = adaptBody(template.body.trim(), view.markdown).replace(/\{\{n\}\}/g, escapeSnippet(number));
  return insertionFix(view, offset, `${heading}\n\n${body}`, `Insert ${template.title} as ${number}`);
}

/** Number for the next sub-clause of a section: one past its highest numbered child. */
function nextChildNumber(view: DocumentView, section: Section): string {
  const base =
    section.number && /^\d/.test(section.number)
      ? section.number
      : section.major !== undefined
        ? String(section.major)
        : "";
  if (base === "") return "";
  let max = 0;
  for (const c of section.children) {
    const n = view.sections[c]!.number;
    if (n && n.startsWith(`${base}.`))
      max = Math.max(max, Number(n.slice(base.length + 1).split(".")[0]) || 0);
  }
  return `${base}.${max + 1}`;
}

/** Builds fixes that append missing elements' sub-clauses to a clause's section: all at once, then one by one. */
export function weakClauseFixes(
  view: DocumentView,
  clause: CompiledClause,
  section: Section,
  missing: string[],
): Fix[] {
  const elements = missing.map((id) => clause.elements.find((e) => e.def.id === id)!).filter(Boolean);
  const first = nextChildNumber(view, section);
  const numberAt = (k: number) => {
    if (first === "") return "";
    const parts = first.split(".");
    parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + k);
    return parts.join(".");
  };
  const render = (template: string, k: number) => {
    const num = numberAt(k);
    const text =
      num === ""
        ? template.replace(/\{\{num\}\}\s*/g, "")
        : template.replace(/\{\{num\}\}/g, escapeSnippet(num));
    return adaptBody(text.trim(), view.markdown);
  };
  const fixes: Fix[] = [];
  if (elements.length > 1) {
    const all = joinSnippets(
      elements.map((e, k) => render(e.def.template, k)),
      "\n\n",
    );
    fixes.push(
      insertionFix(
        view,
        section.end,
        all,
        `Add the ${elements.length} missing provisions to ${clause.def.title}`,
      ),
    );
  }
  elements.forEach((e) =>
    fixes.push(
      insertionFix(
        view,
        section.end,
        render(e.def.template, 0),
        `Add ${e.def.title.toLowerCase()} to ${clause.def.title}`,
      ),
    ),
  );
  return fixes;
}
