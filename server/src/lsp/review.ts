/**
 * The editor's counterparty-review requests, apart from the connection: Word drafts to Markdown
 * (`clauseChecker/importDocx`), baselines read from what the client sends (`clauseChecker/setBaseline`)
 * and the review report of an open document (`clauseChecker/reviewReport`). The client sends file
 * bytes, never paths, so files on virtual file systems work and the server reads nothing from disk.
 */
import path from "node:path";
import { docxToMarkdown, isZip } from "../import/docx";
import { coverageReport } from "../report/coverage";
import type {
  BaselineDocument,
  ImportDocxParams,
  ImportDocxResult,
  ReviewReportResult,
} from "../shared/protocol";
import type { BaselineSource, Baselines } from "./baselines";
import { filePath, type DocumentAnalysis } from "./documents";

/** Larger uploads are refused: agreements, even with images, are far smaller. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/** A request the user can fix (not a Word file, too large): the server answers it with this message. */
export class ReviewInputError extends Error {}

function decodeBase64(data: unknown, name: string): Buffer {
  if (typeof data !== "string") throw new ReviewInputError(`no contents were sent for ${name}`);
  // base64 is 4 characters per 3 bytes: refuse before decoding.
  if ((data.length / 4) * 3 > MAX_UPLOAD_BYTES + 3)
    throw new ReviewInputError(`${name} is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`);
  return Buffer.from(data, "base64");
}

function nameOf(value: unknown): string {
  return typeof value === "string" && value.trim() !== "" ? value : "the file";
}

/** Converts the Word document the client sent to Markdown. */
export async function importDocx(params: ImportDocxParams): Promise<ImportDocxResult> {
  const name = nameOf(params?.name);
  const bytes = decodeBase64(params?.data, name);
  if (!isZip(bytes)) throw new ReviewInputError(`${name} is not a Word document (.docx)`);
  try {
    const { markdown, warnings, numbered } = await docxToMarkdown(bytes);
    return { markdown, warnings, numbered };
  } catch (error) {
    throw new ReviewInputError(`${name} could not be read as a Word document: ${(error as Error).message}`);
  }
}

const MARKDOWN_NAME = /\.(?:md|markdown|mdx)$/i;
const DOCX_NAME = /\.docx$/i;

/** Reads a baseline from what the client sent: a .docx (or any zip) is converted, other bytes read as UTF-8. */
export async function readBaseline(document: BaselineDocument): Promise<BaselineSource> {
  const name = nameOf(document?.name);
  let text: string;
  let converted = false;
  if (typeof document?.text === "string") {
    text = document.text;
  } else {
    const bytes = decodeBase64(document?.data, name);
    if (DOCX_NAME.test(name) || isZip(bytes)) {
      text = (await importDocx({ name, data: document.data! })).markdown;
      converted = true;
    } else {
      text = bytes.toString("utf8");
    }
  }
  text = text.replace(/^\uFEFF/, "");
  const languageId =
    typeof document?.languageId === "string" && document.languageId !== ""
      ? document.languageId
      : converted || MARKDOWN_NAME.test(name) || DOCX_NAME.test(name)
        ? "markdown"
        : "plaintext";
  return { name, text, languageId };
}

/** The name a document goes by in reports: the file's base name, else the last segment of its URI. */
export function documentName(uri: string): string {
  const file = filePath(uri);
  if (file !== undefined) return path.basename(file);
  const last =
    uri
      .replace(/[?#].*$/, "")
      .split(/[/:]/)
      .pop() ?? "";
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}

/** The review report of an open document, with the comparison when it has a baseline. */
export function reviewReport(
  analysis: DocumentAnalysis,
  baselines: Baselines,
  format: "html" | "markdown",
): ReviewReportResult {
  const name = documentName(analysis.uri);
  const comparison = baselines.report(analysis, name);
  const title = `Clause review: ${name}`;
  const content = coverageReport(format, {
    files: [{ file: name, result: analysis.result }],
    title,
    ...(comparison ? { comparison } : {}),
  });
  const stem = name.replace(/\.[^.]*$/, "") || "agreement";
  const baseline = baselines.name(analysis.uri);
  return {
    title,
    fileName: `${stem}.review.${format === "html" ? "html" : "md"}`,
    content,
    ...(baseline !== undefined ? { baseline } : {}),
  };
}

/** Counts of a comparison's changes by kind. */
export function changeCounts(
  report: { changes: Array<{ change: string }> } | undefined,
): Record<string, number> {
  const counts: Record<string, number> = { removed: 0, weakened: 0, strengthened: 0, added: 0, changed: 0 };
  for (const c of report?.changes ?? []) counts[c.change] = (counts[c.change] ?? 0) + 1;
  return counts;
}
