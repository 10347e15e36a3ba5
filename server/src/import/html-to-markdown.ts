/**
 * A small HTML → Markdown converter for the HTML that mammoth writes from a Word document: headings,
 * paragraphs, bold/italic/strikethrough, lists, tables (GFM pipe tables), links, line breaks and
 * footnotes. It is not a general HTML converter: mammoth's output is well formed and uses few tags.
 *
 * Conventions the analysis relies on:
 * - a bold defined term keeps its quotes inside the bold: **"Term"** (Word often bolds only the word);
 * - literal numbers stay as typed ("5.1", "(a)"); numbered Word lists arrive already numbered (see
 *   numbering.ts), so a paragraph "1. Definitions" becomes a Markdown ordered-list line as written;
 * - only characters that would turn into markup are escaped, so the text reads as the Word text did
 *   (redactions such as "[***]" and signature lines "______" stay as they are).
 */

interface Element {
  type: "element";
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
interface Text {
  type: "text";
  text: string;
}
type Node = Element | Text;

const VOID = new Set(["br", "img", "hr", "meta", "link", "input", "col"]);

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos|nbsp);/g, (_, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" } as Record<string, string>)[
      e
    ]!;
  });
}

/** Parses HTML into a tree (tolerant: unknown closing tags are ignored, open tags closed at the end). */
export function parseHtml(html: string): Element {
  const root: Element = { type: "element", tag: "#root", attrs: {}, children: [] };
  const stack: Element[] = [root];
  const re =
    /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+|<)/g;
  for (const m of html.matchAll(re)) {
    const top = stack[stack.length - 1]!;
    if (m[0].startsWith("<!--")) continue;
    if (m[1] !== undefined) {
      const tag = m[1].toLowerCase();
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
    } else if (m[2] !== undefined) {
      const tag = m[2].toLowerCase();
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? "").matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
        attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? "");
      }
      const el: Element = { type: "element", tag, attrs, children: [] };
      top.children.push(el);
      if (!VOID.has(tag) && m[4] !== "/") stack.push(el);
    } else {
      top.children.push({ type: "text", text: decodeEntities(m[0]) });
    }
  }
  return root;
}

const BLOCK = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "blockquote",
  "div",
  "hr",
  "pre",
]);

interface InlineContext {
  /** Inside a table cell: pipes are escaped, breaks become <br>. */
  cell: boolean;
  /** Inside a heading: bold and italic are dropped (the heading is emphasis enough). */
  heading: boolean;
}

/** Escapes the characters of Word text that Markdown would read as markup. */
export function escapeText(text: string, cell = false): string {
  let s = text.replace(/\\/g, "\\\\").replace(/`/g, "\\`");
  s = s.replace(/<(?=[A-Za-z/!?])/g, "\\<");
  // "*" next to a letter or digit could open or close emphasis; runs between spaces or brackets cannot.
  s = s.replace(/\*/g, (c, i: number, all: string) =>
    /[\p{L}\p{N}]/u.test(all[i - 1] ?? "") || /[\p{L}\p{N}]/u.test(all[i + 1] ?? "") ? "\\*" : c,
  );
  // "_" at the edge of a word (not inside snake_case, not in "______" lines).
  s = s.replace(/_/g, (c, i: number, all: string) => {
    const before = /[\p{L}\p{N}]/u.test(all[i - 1] ?? "");
    const after = /[\p{L}\p{N}]/u.test(all[i + 1] ?? "");
    return before !== after ? "\\_" : c;
  });
  s = escapeLinkOpeners(s);
  if (cell) s = s.replace(/\|/g, "\\|");
  return s;
}

/**
 * Escapes each `[` whose next `]` is followed by `(` (text that would read as a link), as
 * `/\[(?=[^\]]*\]\()/g` does, in one pass from the end: the expression rescans to the next `]` from
 * every `[`, quadratic on a paragraph of brackets.
 */
function escapeLinkOpeners(s: string): string {
  let linkAhead = false;
  let out = "";
  let last = s.length;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i];
    if (c === "]") linkAhead = s[i + 1] === "(";
    else if (c === "[" && linkAhead) {
      out = "\\[" + s.slice(i + 1, last) + out;
      last = i;
    }
  }
  return s.slice(0, last) + out;
}

function wrap(marker: string, inner: string): string {
  // Markdown emphasis cannot start or end with white space: keep it outside the markers.
  const body = inner.trim();
  if (body === "") return inner;
  const lead = inner.length - inner.trimStart().length;
  return `${inner.slice(0, lead)}${marker}${body}${marker}${inner.slice(lead + body.length)}`;
}

function footnoteId(href: string): string | null {
  const m = /^#(footnote|endnote)-(\d+)$/.exec(href);
  return m ? `${m[1] === "endnote" ? "e" : ""}${m[2]}` : null;
}

function inline(nodes: Node[], ctx: InlineContext): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") {
      out += escapeText(node.text.replace(/[\t\u00a0]/g, " ").replace(/\r?\n/g, " "), ctx.cell);
      continue;
    }
    const inner = () => inline(node.children, ctx);
    switch (node.tag) {
      case "strong":
      case "b":
        out += ctx.heading ? inner() : wrap("**", inner());
        break;
      case "em":
      case "i":
        out += ctx.heading ? inner() : wrap("*", inner());
        break;
      case "s":
      case "del":
      case "strike":
        out += wrap("~~", inner());
        break;
      case "br":
        out += ctx.cell || ctx.heading ? " " : "\\\n";
        break;
      case "img":
        if (node.attrs.alt) out += `[image: ${escapeText(node.attrs.alt, ctx.cell)}]`;
        break;
      case "sup": {
        // A footnote reference: <sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.
        const a = node.children.find((c): c is Element => c.type === "element" && c.tag === "a");
        const id = a ? footnoteId(a.attrs.href ?? "") : null;
        out += id !== null ? `[^${id}]` : inner();
        break;
      }
      case "a": {
        const href = node.attrs.href ?? "";
        const text = inner();
        if (/^#(?:footnote|endnote)-ref-\d+$/.test(href)) break; // the back-link of a footnote
        if (/^(?:https?:|mailto:)/i.test(href) && text.trim() !== "")
          out += `[${text}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
        else out += text;
        break;
      }
      default:
        out += BLOCK.has(node.tag) ? ` ${inner()} ` : inner();
    }
  }
  return out;
}

/** Collapses white space, keeps hard breaks, and puts the quotes of a bold defined term inside the bold. */
function tidy(text: string): string {
  return (
    text
      .replace(/[ \t]+/g, " ")
      .replace(/ ?\\\n ?/g, "\\\n")
      .trim()
      .replace(/([“"])\*\*([^*\n]+?)\*\* ?([”"])/g, "**$1$2$3**")
      .replace(/\*\*([“"])([^*\n]+?)\*\*([”"])/g, "**$1$2$3**")
      .replace(/([“"])\*\*([^*\n]+?)([”"])\*\*/g, "**$1$2$3**")
      // Adjacent bold runs ("**a****b**") merge; a redaction "[****]" is left alone.
      .replace(/(?<=[^\s*[])\*\*\*\*(?=[^\s*\]])/g, "")
  );
}

/** Escapes what would make a paragraph's first characters a heading, quote, list bullet or rule. */
function guardLineStart(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/^(#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|=+\s*$|-{3,}\s*$|_{3,}\s*$)/, "\\$1"))
    .join("\n");
}

function listBlock(list: Element, depth: number): string[] {
  const ordered = list.tag === "ol";
  const lines: string[] = [];
  let n = Number(list.attrs.start ?? "1") || 1;
  for (const item of list.children) {
    if (item.type !== "element" || item.tag !== "li") continue;
    const marker = ordered ? `${n++}.` : "-";
    const indent = "   ".repeat(depth);
    const textNodes = item.children.filter(
      (c) => !(c.type === "element" && (c.tag === "ul" || c.tag === "ol")),
    );
    const text = tidy(inline(textNodes, { cell: false, heading: false }));
    lines.push(`${indent}${marker} ${text.replace(/\\\n/g, `\\\n${indent}   `)}`);
    for (const c of item.children)
      if (c.type === "element" && (c.tag === "ul" || c.tag === "ol"))
        for (const l of listBlock(c, depth + 1)) lines.push(l);
  }
  return lines;
}

function rowsOf(table: Element): Element[][] {
  const rows: Element[][] = [];
  const visit = (el: Element) => {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      if (c.tag === "tr")
        rows.push(
          c.children.filter((x): x is Element => x.type === "element" && (x.tag === "td" || x.tag === "th")),
        );
      else if (c.tag === "thead" || c.tag === "tbody" || c.tag === "tfoot") visit(c);
    }
  };
  visit(table);
  return rows;
}

function cellText(cell: Element): string {
  const parts = cell.children.map((c) =>
    c.type === "element" && c.tag === "p"
      ? tidy(inline(c.children, { cell: true, heading: false }))
      : tidy(inline([c], { cell: true, heading: false })),
  );
  return parts.filter((p) => p !== "").join("<br>");
}

function tableBlock(table: Element): string {
  const rows = rowsOf(table).map((cells) => {
    const out: string[] = [];
    for (const cell of cells) {
      out.push(cellText(cell));
      const span = Number(cell.attrs.colspan ?? "1");
      for (let k = 1; k < span && k < 50; k++) out.push("");
    }
    return out;
  });
  if (rows.length === 0) return "";
  const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
  const line = (cells: string[]) =>
    `| ${[...cells, ...Array<string>(width - cells.length).fill("")].map((c) => c || " ").join(" | ")} |`.replace(
      // From the first blank of a run only: / {2,}\|/ rescanned every run of blanks from each of its blanks.
      /(?<! ) {2,}\|/g,
      " |",
    );
  return [line(rows[0]!), `|${" --- |".repeat(width)}`, ...rows.slice(1).map(line)].join("\n");
}

function blocks(nodes: Node[], out: string[]): void {
  let loose: Node[] = [];
  const flush = () => {
    const text = tidy(inline(loose, { cell: false, heading: false }));
    if (text !== "") out.push(guardLineStart(text));
    loose = [];
  };
  for (const node of nodes) {
    if (node.type === "text" || !BLOCK.has(node.tag)) {
      loose.push(node);
      continue;
    }
    flush();
    const tag = node.tag;
    if (/^h[1-6]$/.test(tag)) {
      const text = tidy(inline(node.children, { cell: false, heading: true }));
      if (text !== "") out.push(`${"#".repeat(Number(tag[1]))} ${text}`);
    } else if (tag === "p") {
      const text = tidy(inline(node.children, { cell: false, heading: false }));
      if (text !== "") out.push(guardLineStart(text));
    } else if (tag === "ul" || tag === "ol") {
      const notes = node.children.filter(
        (c): c is Element =>
          c.type === "element" && c.tag === "li" && /^(?:footnote|endnote)-\d+$/.test(c.attrs.id ?? ""),
      );
      if (notes.length > 0 && notes.length === node.children.filter((c) => c.type === "element").length) {
        for (const li of notes) {
          const id = footnoteId(`#${li.attrs.id!}`)!;
          const parts: string[] = [];
          blocks(li.children, parts);
          out.push(`[^${id}]: ${parts.join(" ").trim()}`);
        }
      } else {
        out.push(listBlock(node, 0).join("\n"));
      }
    } else if (tag === "table") {
      const t = tableBlock(node);
      if (t !== "") out.push(t);
    } else if (tag === "hr") {
      out.push("---");
    } else {
      blocks(node.children, out);
    }
  }
  flush();
}

/** Converts mammoth's HTML to Markdown: blocks separated by blank lines, ending with one newline. */
export function htmlToMarkdown(html: string): string {
  const out: string[] = [];
  blocks(parseHtml(html).children, out);
  return (
    out
      .join("\n\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
