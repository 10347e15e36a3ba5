/**
 * `numbering-gap`: sibling sections whose numbers skip (5.1, 5.2, 5.4), repeat (5.2 twice) or run
 * backwards, and sub-sections that do not start at 1 (5.2 as the first child of Article 5). Articles
 * (1, 2, 4 or I, II, IV), dotted sections and lettered or Roman items are each checked against their
 * own siblings. Redacted filings that leave a number out are reported too: the text as filed has a gap.
 */
import { intToRoman, romanToInt, type Section } from "../structure";
import type { Finding } from "../types";
import type { DraftingInput } from "./input";
import { tableOfContentsSpans } from "./regions";

interface Numbered {
  section: Section;
  /** Sequence value of the last component: 4 for "5.4", 4 for "IV", 4 for "(d)". */
  value: number;
  /** Key of the sibling group: kind and prefix ("numbered:5.", "article:", "paren:lower-alpha"). */
  group: string;
  /** How to write a value in this group ("5.3", "III", "(c)"). */
  format: (n: number) => string;
}

function letterValue(label: string): number {
  // (a)…(z), then (aa), (bb)…
  const base = label.toLowerCase().charCodeAt(0) - 96;
  return base + 26 * (label.length - 1);
}

function letterLabel(n: number, upper: boolean): string {
  const rep = Math.floor((n - 1) / 26) + 1;
  const ch = String.fromCharCode(96 + ((n - 1) % 26) + 1).repeat(rep);
  return upper ? ch.toUpperCase() : ch;
}

function describe(s: Section): Numbered | null {
  const n = s.number;
  if (n === null) return null;
  if (s.kind === "paren") {
    const label = n.slice(1, -1);
    const style = s.parenStyle;
    if (style === "digit")
      return { section: s, value: Number(label), group: "paren:digit", format: (v) => `(${v})` };
    if (style === "lower-alpha" || style === "upper-alpha") {
      return {
        section: s,
        value: letterValue(label),
        group: `paren:${style}`,
        format: (v) => `(${letterLabel(v, style === "upper-alpha")})`,
      };
    }
    if (style === "lower-roman" || style === "upper-roman") {
      return {
        section: s,
        value: romanToInt(label),
        group: `paren:${style}`,
        format: (v) => `(${style === "lower-roman" ? intToRoman(v).toLowerCase() : intToRoman(v)})`,
      };
    }
    return null;
  }
  if (s.kind === "article") {
    if (s.major === undefined) return null;
    const roman = /^[IVXLC]+$/.test(n);
    return {
      section: s,
      value: s.major,
      group: "article",
      format: (v) => (roman ? intToRoman(v) : String(v)),
    };
  }
  if ((s.kind === "numbered" || s.kind === "heading") && /^\d{1,3}(?:\.\d{1,3})*\.?$/.test(n)) {
    const parts = n.replace(/\.$/, "").split(".");
    const prefix = parts
      .slice(0, -1)
      .map((p) => String(Number(p)))
      .join(".");
    const width = parts[parts.length - 1]!.length;
    const pad = (v: number) =>
      String(v).padStart(
        parts.length > 1 && width > 1 && parts[parts.length - 1]!.startsWith("0") ? width : 1,
        "0",
      );
    return {
      section: s,
      value: Number(parts[parts.length - 1]),
      group: `${s.kind === "heading" ? `h${s.headingDepth}` : "numbered"}:${parts.length}:${prefix}`,
      format: (v) => (prefix === "" ? String(v) : `${parts.slice(0, -1).join(".")}.${pad(v)}`),
    };
  }
  return null;
}

/** Whether a "missing" number is in the text after all, as an item the tree did not read ("(c)" mid-line). */
function writtenBetween(doc: DraftingInput, a: Section, b: Section, label: string): boolean {
  const text = doc.masked.slice(a.start, b.start);
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w])`).test(text);
}

/** The range of a section's number on its heading line. */
function numberRange(doc: DraftingInput, s: Section) {
  // Sections can start inside a line (collapsed filings), so look from the section's own start.
  const text = doc.masked.slice(s.start, doc.lines.lineEnd(s.line));
  const at = s.number !== null ? text.indexOf(s.number) : -1;
  if (at < 0) return doc.lines.trimmedLineRange(s.line);
  return doc.lines.range(s.start + at, s.start + at + s.number!.length);
}

/** `numbering-gap` findings for every run of sibling sections. */
export function findNumberingGaps(doc: DraftingInput): Finding[] {
  const findings: Finding[] = [];
  const report = (s: Section, message: string) =>
    findings.push({ rule: "numbering-gap", severity: 2, range: numberRange(doc, s), message, fixes: [] });
  const toc = tableOfContentsSpans(doc);
  for (const parent of doc.sections) {
    const groups = new Map<string, Numbered[]>();
    for (const c of parent.children) {
      const d = describe(doc.sections[c]!);
      if (!d || Number.isNaN(d.value)) continue;
      if (toc.some((t) => d.section.start >= t.start && d.section.start < t.end)) continue;
      // "1.", "2." inside a section is a list (milestone tables restart it at will); only top-level ones are articles.
      if (d.group.startsWith("numbered:1:") && parent.kind !== "root") continue;
      let list = groups.get(d.group);
      if (!list) groups.set(d.group, (list = []));
      list.push(d);
    }
    for (const list of groups.values()) {
      const first = list[0]!;
      // 5.2 as the first sub-section of Article 5 (or of Section 5): 5.1 is missing.
      const parentMajor =
        parent.number !== null && /^\d+(?:\.\d+)*\.?$/.test(parent.number)
          ? parent.number.replace(/\.$/, "")
          : parent.major !== undefined
            ? String(parent.major)
            : null;
      if (
        first.group.startsWith("numbered:") &&
        parentMajor !== null &&
        first.section.number!.replace(/\.$/, "").split(".").slice(0, -1).map(Number).join(".") ===
          parentMajor.split(".").map(Number).join(".") &&
        first.value > 1 &&
        !writtenBetween(doc, parent, first.section, first.format(1))
      ) {
        report(
          first.section,
          `Section ${first.section.number!.replace(/\.$/, "")} is the first of its sub-sections: ${first.format(1)} is missing.`,
        );
      }
      const seen = new Map<number, Section>();
      const restarts = first.group.startsWith("paren:") || first.group.startsWith("numbered:1:");
      for (let i = 0; i < list.length; i++) {
        const cur = list[i]!;
        const label = cur.section.number!.replace(/\.$/, "");
        // A list that starts again at (a) or (i) is a new list, not a duplicate.
        if (restarts && cur.value === 1 && i > 0) {
          seen.clear();
          seen.set(1, cur.section);
          continue;
        }
        const earlier = seen.get(cur.value);
        if (earlier) {
          findings.push({
            rule: "numbering-gap",
            severity: 2,
            range: numberRange(doc, cur.section),
            message: `${label}: duplicated number (also on line ${earlier.line + 1}).`,
            fixes: [],
            related: [{ range: numberRange(doc, earlier), message: `${label} is first used here.` }],
          });
          continue;
        }
        seen.set(cur.value, cur.section);
        if (i === 0) continue;
        const prev = list[i - 1]!;
        const prevLabel = prev.section.number!.replace(/\.$/, "");
        if (cur.value === prev.value + 1) continue;
        // In a list of items, a jump of more than two is a letter read as a Roman numeral ("(x)" after "(w)"), not a gap.
        const paren = cur.group.startsWith("paren:");
        if (
          cur.value > prev.value + 1 &&
          !(paren && cur.value - prev.value > 3) &&
          !writtenBetween(doc, prev.section, cur.section, cur.format(prev.value + 1))
        ) {
          const missing =
            cur.value - prev.value === 2
              ? `${cur.format(prev.value + 1)} is missing`
              : `${cur.format(prev.value + 1)} to ${cur.format(cur.value - 1)} are missing`;
          report(cur.section, `${label} follows ${prevLabel}: ${missing}.`);
        } else if (cur.value < prev.value && !paren) {
          report(cur.section, `${label} follows ${prevLabel}: numbers are out of sequence.`);
        }
      }
    }
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line);
}
