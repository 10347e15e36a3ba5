/**
 * Decides whether a document is an agreement, from its shape: a title with "Agreement", parties,
 * recitals, numbered sections, definitions, a signature block. Ordinary Markdown (a README, meeting
 * notes) gets no findings at all, so the bar is several independent signals, not one keyword.
 */
import type { Section } from "./structure";

export interface AgreementShape {
  isAgreement: boolean;
  signals: string[];
}

/** Scores the agreement signals of a document and decides. */
export function detectAgreement(masked: string, sections: Section[], title: string): AgreementShape {
  const head = masked.slice(0, 6000);
  const signals: string[] = [];
  if (/\b(?:agreement|contract|term sheet|memorandum of understanding)\b/i.test(title)) signals.push("title");
  if (
    /\b(?:by and between|by and among|entered into|made and entered|between\b[\s\S]{1,300}?\band\b[\s\S]{0,300}?\((?:the\s+)?["“])/i.test(
      head,
    )
  ) {
    signals.push("parties");
  }
  if (/\bWHEREAS\b|\bRECITALS?\b|\bNOW,? THEREFORE\b|\bBackground\b\s*\n/.test(masked.slice(0, 20000)))
    signals.push("recitals");
  const numbered = sections.filter(
    (s) => s.kind === "article" || (s.number !== null && /\d/.test(s.number)),
  ).length;
  if (numbered >= 3) signals.push("numbered sections");
  if (
    /[“"][^”"\n]{1,60}[”"]\s*(?:shall\s+)?means?\b/.test(masked) ||
    sections.some((s) => /^definitions?\b/i.test(s.title))
  ) {
    signals.push("definitions");
  }
  // Blanks before "By:" stay on its line ([^\S\r\n…]): "^\s*" would rescan every run of blank lines from each of its lines.
  if (
    /\bIN WITNESS WHEREOF\b|^[^\S\r\n\u2028\u2029]*By:[_\s]*$|\[Signature page follows\]|^[^\S\r\n\u2028\u2029]*Signature:/im.test(
      masked,
    )
  )
    signals.push("signature");
  if (
    /\b(?:licensor|licensee|hereby grants?|the parties agree|each party shall)\b/i.test(
      masked.slice(0, 50000),
    )
  )
    signals.push("contract language");
  const isAgreement =
    signals.length >= 3 || (signals.includes("title") && signals.length >= 2 && numbered >= 2);
  return { isAgreement, signals };
}
