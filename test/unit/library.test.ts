/**
 * The clause library documents itself and its examples double as tests: every template is detected
 * as a strong clause of its own type, every element example hits (or misses) its element, and every
 * vague-drafting example is flagged (or not).
 */
import { describe, expect, it } from "vitest";
import { DEAL_MODELS, type DealContext } from "../../server/src/core/types";
import { snippetToPlain } from "../../server/src/core/snippet";
import { analyzer, builtin, fillTemplate, skeleton } from "../helpers";

const library = builtin();

function frontMatter(deal: DealContext): string {
  return `---\nagreement:\n  model: ${deal.model}\n  party: ${deal.party}\n---\n`;
}

describe("clause library", () => {
  it("has the nine taxonomy clause types", () => {
    expect(library.clauses.map((c) => c.def.id)).toEqual([
      "exclusivity",
      "reversion",
      "supply",
      "data-sharing",
      "minimum-commercial-investment",
      "governance",
      "diligence",
      "ip",
      "termination",
    ]);
  });

  for (const clause of library.clauses) {
    describe(clause.def.id, () => {
      it("is missing from the bare skeleton", () => {
        const result = analyzer().analyze(
          skeleton("## 2. General\n\nThis Agreement is governed by English law."),
        );
        expect(result.clauses.find((c) => c.clause === clause.def.id)!.status).toBe("missing");
      });

      it("has a template for every deal model", () => {
        for (const model of DEAL_MODELS)
          expect(clause.def.templates.some((t) => t.models.includes(model))).toBe(true);
      });

      for (const template of clause.def.templates) {
        for (const model of template.models) {
          for (const party of template.parties) {
            it(`template ${template.id} is a strong ${clause.def.id} clause for ${model}/${party}`, () => {
              const body = snippetToPlain(fillTemplate(template.body, "2"));
              const text = skeleton(`## 2. ${clause.def.title}\n\n${body}`, frontMatter({ model, party }));
              const result = analyzer().analyze(text);
              const judged = result.clauses.find((c) => c.clause === clause.def.id)!;
              const missing = judged.elements.filter((e) => e.required && !e.present).map((e) => e.element);
              expect(missing).toEqual([]);
              expect(judged.status).toBe("present");
            });
          }
        }
      }

      for (const element of clause.elements) {
        it(`element ${element.def.id}: examples and template`, () => {
          const check = (sentence: string) => {
            const text = skeleton(`## 2. ${clause.def.title}\n\n**2.1 Provision.** ${sentence}\n`);
            return analyzer()
              .analyze(text)
              .clauses.find((c) => c.clause === clause.def.id)!
              .elements.find((e) => e.element === element.def.id)!.present;
          };
          for (const sentence of element.def.examples.present) expect(check(sentence), sentence).toBe(true);
          for (const sentence of element.def.examples.absent) expect(check(sentence), sentence).toBe(false);
          const template = snippetToPlain(fillTemplate(element.def.template, "2")).replace(
            /^\*\*2\.1\.1/,
            "**2.1",
          );
          expect(check(template.replace(/^\*\*[^*]*\*\*\s*/, "")), template).toBe(true);
        });
      }
    });
  }
});

describe("vague drafting patterns", () => {
  const supply = library.clauses.find((c) => c.def.id === "supply")!;
  for (const pattern of library.vague) {
    it(`${pattern.def.id}: flags its examples and leaves clean ones`, () => {
      const flagged = (sentence: string) => {
        const text = skeleton(
          `## 2. ${supply.def.title}\n\n**2.1 Clinical Supply.** Licensor shall supply clinical trial material. ${sentence}\n`,
        );
        return analyzer()
          .analyze(text)
          .findings.filter((f) => f.rule === "vague-obligation" && f.message === pattern.def.message).length;
      };
      for (const sentence of pattern.def.examples.flagged)
        expect(flagged(sentence), sentence).toBeGreaterThan(0);
      for (const sentence of pattern.def.examples.clean) expect(flagged(sentence), sentence).toBe(0);
    });
  }
});
