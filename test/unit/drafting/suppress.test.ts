import { describe, expect, it } from "vitest";
import { maskMarkdown } from "../../../server/src/core/markdown";
import { RULE_IDS } from "../../../server/src/core/rules";
import {
  applySuppressions,
  compileIgnorePatterns,
  findComments,
  suppressionFixer,
} from "../../../server/src/core/suppress";
import { LineIndex } from "../../../server/src/core/text";
import type { Finding } from "../../../server/src/core/types";
import { applyEdits } from "./doc";

/** A finding of `rule` on the first occurrence of `text`. */
function at(source: string, text: string, rule = "placeholder"): Finding {
  const lines = new LineIndex(source);
  const start = source.indexOf(text);
  return {
    rule,
    severity: 2,
    range: lines.range(start, start + text.length),
    message: `m ${text}`,
    fixes: [],
  };
}

function run(
  source: string,
  findings: Finding[],
  markdown = true,
  ignore?: { rules?: string[]; patterns?: string[] },
) {
  const lines = new LineIndex(source);
  const comments = findComments(source, markdown, markdown ? maskMarkdown(source).html : []);
  return applySuppressions(findings, comments, RULE_IDS, lines, ignore ? { ignore } : {});
}

describe("suppression comments", () => {
  it("disable-next-line silences the named rules on the next non-blank line only", () => {
    const src = `# A\n\n<!-- clause-checker-disable-next-line placeholder broken-reference -->\n\nPay [TBD] under Section 9.\n\nPay [X] later.\n`;
    const findings = [
      at(src, "[TBD]"),
      at(src, "Section 9", "broken-reference"),
      at(src, "[TBD]", "undefined-term"),
      at(src, "[X]"),
    ];
    expect(run(src, findings).map((f) => `${f.rule} ${f.message}`)).toEqual([
      "undefined-term m [TBD]",
      "placeholder m [X]",
    ]);
  });

  it("disable … enable silences a region, for every rule when no rule is named", () => {
    const src = `# A\n\n<!-- clause-checker-disable placeholder -->\n\nPay [A1].\n\n<!-- clause-checker-enable placeholder -->\n\nPay [A2].\n\n<!-- clause-checker-disable -->\n\nPay [A3] in Section 9.\n\n<!-- clause-checker-enable broken-reference -->\n\nSee Section 8.\n\n<!-- clause-checker-enable -->\n\nPay [A4].\n`;
    const findings = ["[A1]", "[A2]", "[A3]", "[A4]"]
      .map((t) => at(src, t))
      .concat([at(src, "Section 9", "broken-reference"), at(src, "Section 8", "broken-reference")]);
    expect(run(src, findings).map((f) => f.message)).toEqual(["m [A2]", "m [A4]", "m Section 8"]);
  });

  it("disable-file silences a rule anywhere in the document, before or after the comment", () => {
    const src = `# A\n\nPay [A1].\n\n<!-- clause-checker-disable-file placeholder -->\n\nPay [A2] in Section 9.\n`;
    const findings = [at(src, "[A1]"), at(src, "[A2]"), at(src, "Section 9", "broken-reference")];
    expect(run(src, findings).map((f) => f.rule)).toEqual(["broken-reference"]);
  });

  it("works in plain text agreements, where the comment is part of the text", () => {
    const src = `AGREEMENT\n\n<!-- clause-checker-disable-next-line placeholder -->\n1.1 Pay [A1].\n1.2 Pay [A2].\n`;
    expect(run(src, [at(src, "[A1]"), at(src, "[A2]")], false).map((f) => f.message)).toEqual(["m [A2]"]);
  });

  it("ignores a comment inside a fenced code block of a Markdown document", () => {
    const src = "# A\n\n```\n<!-- clause-checker-disable-file placeholder -->\n```\n\nPay [A1].\n";
    expect(run(src, [at(src, "[A1]")]).map((f) => f.message)).toEqual(["m [A1]"]);
  });

  it("reports unknown rule ids on the id, with the closest rule as a fix, and does not let them suppress everything", () => {
    const src = `# A\n\n<!-- clause-checker-disable-next-line placeholdr -->\nPay [A1].\n`;
    const out = run(src, [at(src, "[A1]")]);
    expect(out.map((f) => f.rule)).toEqual(["placeholder", "unknown-rule"]);
    const unknown = out[1]!;
    expect(unknown.severity).toBe(2);
    expect(unknown.message).toBe(
      'Unknown rule "placeholdr" in a clause-checker comment: did you mean "placeholder"?',
    );
    expect(unknown.range).toEqual({ start: { line: 2, character: 38 }, end: { line: 2, character: 48 } });
    expect(applyEdits(src, unknown.fixes[0]!.edits)).toContain(
      "<!-- clause-checker-disable-next-line placeholder -->",
    );
  });

  it("reports an unknown directive on the whole comment", () => {
    const src = `# A\n\n<!-- clause-checker-disabel placeholder -->\nPay.\n`;
    const out = run(src, []);
    expect(out).toHaveLength(1);
    expect(out[0]!.message).toMatch(/^Unknown clause-checker directive "clause-checker-disabel"/);
    expect(out[0]!.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 43 } });
  });

  it("ignores comments that are not clause-checker directives", () => {
    const src = `# A\n\n<!-- reviewer: check the cap -->\nPay [A1].\n`;
    expect(run(src, [at(src, "[A1]")]).map((f) => f.rule)).toEqual(["placeholder"]);
  });
});

describe("ignore settings", () => {
  it("drops findings of ignored rules and findings whose text matches a pattern", () => {
    const src = `AGREEMENT\n\n1.1 Pay [A1] and [B2] under Section 9 and Section 10.\n`;
    const findings = [
      at(src, "[A1]"),
      at(src, "[B2]"),
      at(src, "Section 9", "broken-reference"),
      at(src, "Section 10", "broken-reference"),
    ];
    const out = run(src, findings, false, {
      rules: ["placeholder"],
      patterns: ["/^Section 1\\d$/", "nothing"],
    });
    expect(out.map((f) => f.message)).toEqual(["m Section 9"]);
    expect(run(src, findings, false, { patterns: ["[B"] }).map((f) => f.message)).toEqual([
      "m [A1]",
      "m Section 9",
      "m Section 10",
    ]);
  });

  it("rejects regular expressions over 200 characters and invalid ones, keeping the others", () => {
    const { matchers, errors } = compileIgnorePatterns([`/${"a".repeat(200)}/`, "/(/", "/ok/i", "plain"]);
    expect(matchers).toHaveLength(2);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/longer than 200 characters/);
  });
});

describe("suppressionFixer", () => {
  it("inserts a disable-next-line comment above the finding's line, indented like it", () => {
    const src = `# A\n\n- item\n  Pay [A1].\n`;
    const lines = new LineIndex(src);
    const finding = at(src, "[A1]");
    const fix = suppressionFixer(lines, src, true)(finding.rule, finding.range.start.line)!;
    expect(fix.title).toBe("Ignore placeholder here");
    expect(applyEdits(src, fix.edits)).toBe(
      `# A\n\n- item\n  <!-- clause-checker-disable-next-line placeholder -->\n  Pay [A1].\n`,
    );
    // The comment it writes suppresses the finding.
    const fixed = applyEdits(src, fix.edits);
    expect(run(fixed, [at(fixed, "[A1]")])).toEqual([]);
  });

  it("keeps block-quote markers in Markdown, CRLF line ends, and stays out of front matter", () => {
    const quoted = `# A\r\n\r\n> Pay [A1].\r\n`;
    const fix = suppressionFixer(new LineIndex(quoted), quoted, true)("placeholder", 2)!;
    expect(fix.edits[0]!.snippet).toBe("> <!-- clause-checker-disable-next-line placeholder -->\r\n");
    const fm = `---\nagreement:\n  model: nope\n---\n# A\n`;
    expect(suppressionFixer(new LineIndex(fm), fm, true)("front-matter", 1)).toBeNull();
  });

  it("offers nothing for rule ids no comment can name: unknown ones, unknown-rule and internal-error", () => {
    const src = `# A\n\nPay [A1].\n`;
    const fixer = suppressionFixer(new LineIndex(src), src, true);
    expect(fixer("placeholder", 2)?.title).toBe("Ignore placeholder here");
    for (const rule of ["no-such-rule", "unknown-rule", "internal-error", ""])
      expect(fixer(rule, 2)).toBeNull();
  });
});
