/**
 * Reads the deal context and the on/off switch from a document's YAML front matter:
 *   agreement: { model: out-licensing | co-development | newco, party: licensor | licensee }
 *   clause-checker: false
 */
import { parse } from "yaml";
import { FRONT_MATTER } from "./markdown";
import { detach } from "./text";
import { DEAL_MODELS, PARTIES, type DealModel, type Party } from "./types";

export interface FrontMatter {
  /** Length of the front matter block in characters (0 when there is none). */
  length: number;
  /** true: declared an agreement; false: `clause-checker: false`; undefined: front matter is silent. */
  agreement?: boolean;
  model?: DealModel;
  party?: Party;
  /** Problems a user should fix (unknown model, unreadable YAML), reported as findings. */
  problems: string[];
}

/** The latest front matter read, and what it said: typing below it leaves it unchanged, and parsing YAML is slow. */
let latest: { block: string; read: FrontMatter } | undefined;

/** Extracts and interprets the front matter at the start of a document. */
export function readFrontMatter(text: string): FrontMatter {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { length: 0, problems: [] };
  if (latest?.block !== m[0]) latest = { block: detach(m[0]), read: interpret(m[0]) };
  // A copy: the caller owns what it is given.
  return { ...latest.read, problems: [...latest.read.problems] };
}

/** Interprets one front matter block (delimiters included). */
function interpret(block: string): FrontMatter {
  const result: FrontMatter = { length: block.length, problems: [] };
  const body = block.replace(/^---[^\n]*\n/, "").replace(/(?:---|\.\.\.)[ \t]*(?:\r?\n)?$/, "");
  let data: unknown;
  try {
    data = parse(body);
  } catch (error) {
    result.problems.push(`front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    return result;
  }
  if (!data || typeof data !== "object") return result;
  const record = data as Record<string, unknown>;
  if (record["clause-checker"] === false) result.agreement = false;
  else if (record["clause-checker"] === true) result.agreement = true;
  if ("agreement" in record) {
    if (record.agreement === false) result.agreement = false;
    else {
      if (result.agreement === undefined) result.agreement = true;
      const deal = record.agreement;
      if (deal && typeof deal === "object") {
        const { model, party } = deal as Record<string, unknown>;
        if (model !== undefined) {
          if (DEAL_MODELS.includes(model as DealModel)) result.model = model as DealModel;
          else
            result.problems.push(
              `agreement.model ${JSON.stringify(model)} is not one of ${DEAL_MODELS.join(", ")}`,
            );
        }
        if (party !== undefined) {
          if (PARTIES.includes(party as Party)) result.party = party as Party;
          else
            result.problems.push(
              `agreement.party ${JSON.stringify(party)} is not one of ${PARTIES.join(", ")}`,
            );
        }
      }
    }
  }
  return result;
}
