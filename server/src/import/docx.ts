/**
 * Word drafts in: a .docx becomes Markdown the analysis reads as it reads a hand-written agreement.
 *
 * 1. Word's automatic numbering is written into the paragraphs as literal text (numbering.ts), so
 *    "5.1", "(a)" and "Article 5" survive; bulleted lists stay lists.
 * 2. mammoth converts the document to HTML: Heading 1–6 and Title styles become h1–h6 (Title → h1),
 *    bold and italic runs, tables, lists, footnotes. Tracked changes are read as accepted (insertions
 *    kept, deletions dropped); comments are left out. External files are never read (mammoth's
 *    `externalFileAccess` is off) and images are not embedded.
 * 3. html-to-markdown.ts writes Markdown: ATX headings, **"Term"** for bold defined terms, GFM tables.
 *
 * Everything runs in memory on the local machine: nothing is fetched.
 */
import { htmlToMarkdown } from "./html-to-markdown";
import { materializeNumbering } from "./numbering";

export interface DocxConversion {
  markdown: string;
  /** mammoth's messages (unrecognised styles and the like) and our own notes. */
  warnings: string[];
  /** Paragraphs whose automatic numbers were written into the text. */
  numbered: number;
}

/** Style mappings on top of mammoth's defaults (which already map Heading 1–6). */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p.Title => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "r[style-name='Strong'] => strong",
  "r[style-name='Emphasis'] => em",
  "p[style-name='Quote'] => p:fresh",
];

/** True when the bytes look like a zip file (a .docx is one). */
export function isZip(buffer: Uint8Array): boolean {
  return (
    buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04
  );
}

/** Converts a .docx file's bytes to Markdown. Throws when the bytes are not a Word document. */
export async function docxToMarkdown(buffer: Buffer): Promise<DocxConversion> {
  if (!isZip(buffer)) throw new Error("not a .docx file (not a zip archive)");
  // Loaded on first use: most sessions never open a Word file, and loading these libraries took
  // about 25 ms of every start of the server.
  const [{ default: JSZip }, { default: mammoth }] = await Promise.all([import("jszip"), import("mammoth")]);
  const zip = await JSZip.loadAsync(buffer);
  const documentFile = zip.file("word/document.xml");
  if (!documentFile) throw new Error("not a Word document (word/document.xml is missing)");
  const [documentXml, numberingXml, stylesXml] = await Promise.all([
    documentFile.async("string"),
    zip.file("word/numbering.xml")?.async("string") ?? Promise.resolve(null),
    zip.file("word/styles.xml")?.async("string") ?? Promise.resolve(null),
  ]);
  const { xml, numbered } = materializeNumbering(documentXml, numberingXml, stylesXml);
  let input = buffer;
  if (numbered > 0) {
    zip.file("word/document.xml", xml);
    input = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
  }
  let images = 0;
  const result = await mammoth.convertToHtml(
    { buffer: input },
    {
      styleMap: STYLE_MAP,
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(() => {
        images++;
        return Promise.resolve({ src: "" });
      }),
    },
  );
  const warnings = result.messages.map((m) => `${m.type}: ${m.message}`);
  if (images > 0) warnings.push(`note: ${images} image${images === 1 ? "" : "s"} left out`);
  return { markdown: htmlToMarkdown(result.value), warnings, numbered };
}

/** True for a file name the CLI converts from Word before checking. */
export function isDocxPath(file: string): boolean {
  return /\.docx$/i.test(file);
}
