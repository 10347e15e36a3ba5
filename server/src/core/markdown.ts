/**
 * Turns Markdown into the analysis text: the source with Markdown syntax replaced by spaces, so every
 * later step sees plain prose at the exact offsets of the source (ranges need no mapping back).
 *
 * The document is split into top-level chunks at safe blank lines and each chunk is parsed on its own,
 * with results cached by content: typing re-parses one chunk, not the document, and the remark tree
 * of a chunk is dropped as soon as it is masked (a whole-document tree of a 1M-word agreement takes
 * most of a gigabyte). Constructs that span blank lines (fenced code, HTML comments and blocks) never
 * straddle a chunk boundary. Link-reference definitions are not shared across chunks; the analysis
 * reads link text either way.
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import type { Nodes, Parent } from "mdast";
import type { TextCache } from "./text-cache";

export interface HeadingMark {
  /** Offset of the heading's first character in the chunk (or document, once combined). */
  offset: number;
  depth: number;
}

export interface HtmlMark {
  offset: number;
  text: string;
}

export interface MaskedChunk {
  masked: string;
  headings: HeadingMark[];
  html: HtmlMark[];
  /** The chunk was too deeply nested, too long or too dense to parse safely and was read as plain text. */
  degraded?: boolean;
}

/** Deeper nesting than this is not prose: micromark recurses (and slows down) per level. */
const MAX_NESTING = 32;
const QUOTE_PREFIX = /^(?:[ \t]*>)+/gm;
const LIST_PREFIX = /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)+/gm;

/** Decides whether a chunk nests containers so deeply that parsing it would exhaust the stack or the clock. */
export function tooDeep(chunk: string): boolean {
  for (const re of [QUOTE_PREFIX, LIST_PREFIX]) {
    re.lastIndex = 0;
    for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
      const depth = re === QUOTE_PREFIX ? m[0].split(">").length - 1 : m[0].trim().split(/\s+/).length;
      if (depth > MAX_NESTING) return true;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  // Indentation alone nests lists: 2 columns a level is the least Markdown accepts.
  const indent = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]/gm;
  for (let m = indent.exec(chunk); m; m = indent.exec(chunk))
    if (m[1]!.replace(/\t/g, "    ").length > MAX_NESTING * 2) return true;
  return false;
}

/**
 * Longer chunks are not paragraphs of an agreement (the longest in the corpus has 42,000 characters)
 * but binary junk, a megabyte on one line, or a run of blank lines: micromark reads them slowly, and
 * superlinearly (1 MB of random bytes took minutes).
 */
const MAX_CHUNK = 100_000;
/**
 * Inline delimiters (`* _ [ ] ~ \ \``) of a chunk, which micromark resolves in superlinear time:
 * 40,000 `]` took 8 s. Agreements have at most a few hundred per chunk (656 in the corpus).
 */
const MAX_DELIMITERS = 2_000;
/** Delimiters a whole document may make the parser resolve: 200,000 cost a few seconds (a 1M-word agreement has 52,000). */
const MAX_DOCUMENT_DELIMITERS = 200_000;
/** Chunks shorter than this are parsed together with the next ones: each parse costs about 80 µs on top of the text. */
const MIN_GROUP = 256;

/** Counts the inline delimiters of a text. */
export function delimiterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // * _ [ ] ~ \ `
    if (c === 42 || c === 95 || c === 91 || c === 93 || c === 126 || c === 92 || c === 96) n++;
  }
  return n;
}

/** Decides whether parsing a chunk as Markdown could take far longer than its size warrants. */
export function unsafeToParse(chunk: string, delimiters = delimiterCount(chunk)): boolean {
  return chunk.length > MAX_CHUNK || delimiters > MAX_DELIMITERS || tooDeep(chunk);
}

// Front matter is only front matter at the very start of the document, so only the first chunk is
// parsed with remark-frontmatter; a later chunk starting with "---" is a thematic break.
const bodyProcessor = unified().use(remarkParse).use(remarkGfm);
const firstProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);

function isParent(node: Nodes): node is Nodes & Parent {
  return Array.isArray((node as Parent).children);
}

/**
 * Characters that can start or take part in Markdown syntax anywhere in a line (emphasis, links,
 * code, strikethrough, escapes, HTML and autolinks, character references, tables, email autolinks),
 * and the tab and NUL, which the parser rewrites.
 */
const SYNTAX_CHARS = /[*_[\]~\\`<&|@\t\0]/;
/**
 * A line start that Markdown may read as a block other than a paragraph: heading, quote, list item,
 * setext underline or thematic break ("- - -", "-- --"), the delimiter row of a table without pipes
 * (`:-` under a one-cell header makes a table in GFM), indented code. Any `# > = + - :` first
 * character counts, which is wider than the grammar and so only ever sends a chunk to the parser.
 */
const BLOCK_START = /^(?: {0,3}(?:[#>=+:-]|\d{1,9}[.)](?:\s|$))| {4})/;

/**
 * A redaction in a filed copy: `[***]`, `[ * ]`, `[* * *]`, not followed by what would make it a
 * link. Markdown would read the asterisks of two `[***]` in one paragraph as emphasis and blank
 * them; a redaction is text (a withheld number), so the mask keeps it (see restoreRedactions).
 */
const REDACTION = /\[[ *]*\*[ *]*\](?![([:])/g;

/** Puts back redactions that the parser read as emphasis markers, brackets kept and asterisks blanked. */
function restoreRedactions(masked: string, chunk: string): string {
  if (!chunk.includes("*]")) return masked;
  let out: string[] | null = null;
  let from = 0;
  for (const m of chunk.matchAll(REDACTION)) {
    const end = m.index + m[0].length;
    const seen = masked.slice(m.index, end);
    if (seen === m[0] || seen[0] !== "[" || seen[seen.length - 1] !== "]") continue;
    (out ??= []).push(masked.slice(from, m.index), m[0]);
    from = end;
  }
  if (!out) return masked;
  out.push(masked.slice(from));
  return out.join("");
}

/**
 * Decides whether a chunk has no Markdown syntax at all, so that its mask is the chunk itself: no
 * character that makes inline syntax, no line that starts a block other than a paragraph, no
 * autolink literal (redactions count as text). Most paragraphs of an agreement are such prose, and skipping their parse is
 * most of the cold-analysis cost (test/unit/markdown.test.ts checks the answer against the parser).
 */
export function syntaxFree(chunk: string): boolean {
  if (chunk.includes("[")) chunk = chunk.replace(REDACTION, (r) => "x".repeat(r.length));
  if (SYNTAX_CHARS.test(chunk)) return false;
  if (chunk.includes("://") || /www\./i.test(chunk)) return false;
  let lineStart = 0;
  while (lineStart < chunk.length) {
    const nl = chunk.indexOf("\n", lineStart);
    const end = nl < 0 ? chunk.length : nl;
    // Every block start shows in a line's first 14 characters ("   123456789. ").
    if (BLOCK_START.test(chunk.slice(lineStart, Math.min(end, lineStart + 16)).replace(/\r$/, "")))
      return false;
    lineStart = end + 1;
  }
  return true;
}

const RUN_IN = /^ {0,3}\*\*([^*\n]+?)\*\*/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;

/**
 * The mask of a paragraph that opens with a bold run-in title (`**5.1 Supply.** Licensor shall…`)
 * and has no other syntax: the title's asterisks blanked. Null when the asterisks would not make a
 * strong span under CommonMark's flanking rules, or when anything else needs the parser.
 */
export function runInMask(chunk: string): string | null {
  const m = RUN_IN.exec(chunk);
  if (!m) return null;
  const inner = m[1]!;
  const open = m[0].length - inner.length - 4;
  const after = chunk[m[0].length];
  const first = inner[0]!;
  const last = inner[inner.length - 1]!;
  // The opener must be left-flanking (no space after it); the closer right-flanking (no space
  // before it, and after punctuation only a space, punctuation or the end).
  if (WHITESPACE.test(first) || WHITESPACE.test(last)) return null;
  if (PUNCTUATION.test(last) && after !== undefined && !WHITESPACE.test(after) && !PUNCTUATION.test(after))
    return null;
  const masked = `${chunk.slice(0, open)}  ${inner}  ${chunk.slice(m[0].length)}`;
  return syntaxFree(masked) ? masked : null;
}

const ATX_HEADING = /^( {0,3})(#{1,6})[ ]+([^#\s](?:[^#\n]*[^#\s])?)[ ]*(\r?\n[ \r\n]*)?$/;
const ORDERED_ITEM = /^ {0,3}\d{1,9}[.)] {1,4}(?=\S)/;

/**
 * The mask of a chunk that is one ATX heading line (`## 5. Supply`) with no other syntax, or one
 * ordered list item (`5. Supply of Product.`) whose text has none: the heading's markers blanked and
 * its level recorded; the item kept whole, number included. Null for anything else.
 */
export function blockMask(chunk: string): MaskedChunk | null {
  const heading = ATX_HEADING.exec(chunk);
  if (heading) {
    const [, indent, marks, title] = heading;
    if (!syntaxFree(title!)) return null;
    const at = chunk.indexOf(title!, indent!.length + marks!.length);
    const masked = " ".repeat(at) + title + chunk.slice(at + title!.length).replace(/[^\r\n]/g, " ");
    return { masked, headings: [{ offset: indent!.length, depth: marks!.length }], html: [] };
  }
  const item = ORDERED_ITEM.exec(chunk);
  // The text after the number must start no block of its own ("1. # Title", "1. - a") and hold no syntax.
  if (
    item &&
    !BLOCK_START.test(chunk.slice(item[0].length)) &&
    syntaxFree("x".repeat(item[0].length) + chunk.slice(item[0].length))
  ) {
    return { masked: chunk, headings: [], html: [] };
  }
  return null;
}

/** The mask of a chunk that needs no parser (plain prose, a run-in title, one heading or list item), or null. */
export function quickMask(chunk: string): MaskedChunk | null {
  if (syntaxFree(chunk)) return { masked: chunk, headings: [], html: [] };
  const runIn = runInMask(chunk);
  if (runIn !== null) return { masked: runIn, headings: [], html: [] };
  return blockMask(chunk);
}

/** Masks one chunk of Markdown: keeps prose and ordered-list numbers, blanks out syntax, code and HTML. */
export function maskChunk(chunk: string, first = false): MaskedChunk {
  return quickMask(chunk) ?? parseAndMaskChunk(chunk, first);
}

/** Masks one chunk by parsing it: the definition of the mask, which `syntaxFree` chunks skip. */
export function parseAndMaskChunk(chunk: string, first = false): MaskedChunk {
  if (unsafeToParse(chunk)) return plainChunk(chunk);
  const keep = new Uint8Array(chunk.length);
  const headings: HeadingMark[] = [];
  const html: HtmlMark[] = [];
  const quoted: Array<[number, number]> = [];
  const mark = (start: number | undefined, end: number | undefined) => {
    if (start === undefined || end === undefined) return;
    keep.fill(1, start, end);
  };
  const visit = (node: Nodes, orderedList: boolean) => {
    const pos = node.position;
    const start = pos?.start.offset;
    const end = pos?.end.offset;
    switch (node.type) {
      case "text":
        mark(start, end);
        return;
      case "inlineCode":
        if (start !== undefined && end !== undefined) {
          const ticks = /^`+/.exec(chunk.slice(start, end))?.[0].length ?? 0;
          mark(start + ticks, end - ticks);
        }
        return;
      case "code":
      case "yaml":
      case "definition":
      case "thematicBreak":
      case "image":
      case "imageReference":
      case "break":
        return;
      case "html":
        if (start !== undefined) html.push({ offset: start, text: node.value });
        return;
      case "heading":
        if (start !== undefined) headings.push({ offset: start, depth: node.depth });
        break;
      case "blockquote":
        if (start !== undefined && end !== undefined) quoted.push([start, end]);
        break;
      case "listItem": {
        // Agreements number clauses "5." and "5.1"; Markdown reads "5." as a list marker, so keep it.
        const firstChild = node.children[0]?.position?.start.offset;
        if (orderedList && start !== undefined && firstChild !== undefined) mark(start, firstChild);
        break;
      }
      default:
        break;
    }
    if (isParent(node)) {
      const ordered = node.type === "list" ? node.ordered === true : orderedList;
      for (const child of node.children as Nodes[]) visit(child, ordered);
    }
  };
  visit((first ? firstProcessor : bodyProcessor).parse(chunk), false);
  const chars: string[] = [];
  let runStart = 0;
  // Build the masked string in runs so large chunks do not pay per-character concatenation.
  for (let i = 0; i <= chunk.length; i++) {
    if (i === chunk.length || keep[i] !== keep[runStart]) {
      const piece = chunk.slice(runStart, i);
      chars.push(keep[runStart] ? piece : piece.replace(/[^\r\n]/g, " "));
      runStart = i;
    }
  }
  let masked = restoreRedactions(chars.join(""), chunk);
  if (quoted.length > 0) masked = maskQuoteMarkers(masked, chunk, quoted);
  return { masked, headings, html };
}

/** A chunk read as plain text, unparsed. */
function plainChunk(chunk: string): MaskedChunk {
  return { masked: chunk, headings: [], html: [], degraded: true };
}

function maskQuoteMarkers(masked: string, source: string, quoted: Array<[number, number]>): string {
  const out = masked.split("");
  for (const [start, end] of quoted) {
    let lineStart = start;
    while (lineStart < end) {
      const m = /^[ \t]{0,3}(?:>[ \t]?)+/.exec(source.slice(lineStart, Math.min(end, lineStart + 64)));
      if (m) for (let i = 0; i < m[0].length; i++) out[lineStart + i] = " ";
      const nl = source.indexOf("\n", lineStart);
      if (nl < 0 || nl >= end) break;
      lineStart = nl + 1;
    }
  }
  return out.join("");
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** YAML front matter: `---` on the first line, closed by `---` or `...`. */
export const FRONT_MATTER = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Splits a document into chunks that Markdown parses the same way alone as in context: boundaries are
 * blank lines followed by an unindented line, outside fenced code and HTML comments. Chunks concatenate
 * back to the document exactly.
 */
export function splitChunks(text: string): string[] {
  const chunks: string[] = [];
  let chunkStart = 0;
  const frontMatter = FRONT_MATTER.exec(text);
  if (frontMatter) {
    chunks.push(frontMatter[0]);
    chunkStart = frontMatter[0].length;
  }
  let fence: string | null = null;
  let inComment = false;
  let prevBlank = false;
  let pos = chunkStart;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    const blank = line.trim().length === 0;
    if (!fence && !inComment && prevBlank && !blank && !/^[ \t]/.test(line) && pos > chunkStart) {
      chunks.push(text.slice(chunkStart, pos));
      chunkStart = pos;
    }
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
    } else if (!inComment) {
      const m = FENCE.exec(line);
      if (m) fence = m[1]!;
      else {
        const open = line.lastIndexOf("<!--");
        if (open >= 0 && line.indexOf("-->", open + 4) < 0) inComment = true;
      }
    } else if (line.includes("-->")) {
      inComment = false;
    }
    prevBlank = blank;
    pos = nl + 1;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push(text.slice(chunkStart));
  return chunks;
}

export interface MaskedDocument {
  masked: string;
  headings: HeadingMark[];
  html: HtmlMark[];
  /** Offsets of chunks read as plain text because they nest too deeply or would take too long to parse. */
  degraded: number[];
}

/** A masked document as the masks of its chunks, in order: joined, they are `MaskedDocument.masked`. */
export interface MaskedParts extends Omit<MaskedDocument, "masked"> {
  parts: string[];
}

/** A run of chunks masked together, or one chunk with the mask it needed no parser for. */
export interface ChunkGroup {
  text: string;
  mask: MaskedChunk | null;
}

/**
 * Joins runs of short chunks (headings, one-line paragraphs) into groups of at least MIN_GROUP
 * characters: a group of safe chunks is itself safe to parse alone, and a document of a million
 * blank-line-separated lines would otherwise cost a million parser runs. A chunk of MIN_GROUP
 * characters or more always closes its group, so an edit regroups only the short chunks around it.
 * A chunk that `quick` masks without the parser stays a group of its own, with that mask.
 */
export function groupChunks(
  chunks: readonly string[],
  quick: (chunk: string) => MaskedChunk | null = () => null,
): ChunkGroup[] {
  const groups: ChunkGroup[] = [];
  let pending: string[] = [];
  let length = 0;
  const flush = () => {
    if (pending.length > 0)
      groups.push({ text: pending.length === 1 ? pending[0]! : pending.join(""), mask: null });
    pending = [];
    length = 0;
  };
  for (const chunk of chunks) {
    const mask = quick(chunk);
    if (mask) {
      flush();
      groups.push({ text: chunk, mask });
      continue;
    }
    pending.push(chunk);
    length += chunk.length;
    if (length >= MIN_GROUP) flush();
  }
  flush();
  return groups;
}

/** Masks a whole Markdown document chunk by chunk, reusing chunks cached by an earlier version (the caller sweeps the cache). */
export function maskMarkdown(text: string, cache?: TextCache): MaskedDocument {
  const { parts, ...marks } = maskMarkdownParts(text, cache);
  return { masked: parts.join(""), ...marks };
}

/** The chunks' masks of a Markdown document, in order, for a caller that joins them itself (see maskPageFurniture). */
export function maskMarkdownParts(text: string, cache?: TextCache): MaskedParts {
  const parts: string[] = [];
  const headings: HeadingMark[] = [];
  const html: HtmlMark[] = [];
  const degraded: number[] = [];
  let offset = 0;
  let budget = MAX_DOCUMENT_DELIMITERS;
  // Parser-free masks are cached too (false: the chunk needs the parser): checking every chunk's
  // syntax again cost more per keystroke than everything else in masking.
  const quick = cache
    ? (chunk: string) => cache.get("markdown:quick", chunk, (own) => quickMask(own) ?? false) || null
    : quickMask;
  // The chunks as the cache's own copies: the look-ups below then find them without reading them.
  const slice = cache?.slicer("source", text, "chunks");
  let at = 0;
  const chunks = splitChunks(text).map((chunk) => (slice ? slice(at, (at += chunk.length)) : chunk));
  for (const group of groupChunks(chunks, quick)) {
    const chunk = group.text;
    const first = offset === 0;
    // Past the document's delimiter budget, chunks with delimiters are read as plain text (whether
    // cached or not, so the result depends on the text alone).
    // Counted once per chunk text: the count over the whole document was a millisecond per keystroke.
    const delimiters = cache
      ? cache.get("markdown:delimiters", chunk, delimiterCount, false)
      : delimiterCount(chunk);
    budget -= delimiters;
    const m =
      delimiters > 0 && budget < 0
        ? plainChunk(chunk)
        : (group.mask ??
          (cache
            ? cache.get(first ? "markdown:first" : "markdown:chunk", chunk, (own) => maskChunk(own, first))
            : maskChunk(chunk, first)));
    parts.push(m.masked);
    for (const h of m.headings) headings.push({ offset: h.offset + offset, depth: h.depth });
    for (const h of m.html) html.push({ offset: h.offset + offset, text: h.text });
    if (m.degraded) degraded.push(offset);
    offset += chunk.length;
  }
  return { parts, headings, html, degraded };
}
