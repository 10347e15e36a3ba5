/**
 * Reads clause-library files (YAML text, validated against the schema) and compiles them into
 * matchers. Pure: the caller reads the files; this module never touches the file system, so the
 * server, the CLI and the tests share it and a broken playbook is reported the same way everywhere.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import clauseSchema from "../../../clause-library/schema/clause.schema.json";
import draftingSchema from "../../../clause-library/schema/drafting.schema.json";
import { compileCue, CueError, type CompiledCue } from "./cues";
import { editDistance } from "./editDistance";
import type { ClauseDef, ClauseLibrary, ElementDef, NearCueDef, VaguePatternDef } from "./types";

/** The nine clause types of the taxonomy, in the order reports list them. */
export const TAXONOMY_CLAUSES = [
  "exclusivity",
  "reversion",
  "supply",
  "data-sharing",
  "minimum-commercial-investment",
  "governance",
  "diligence",
  "ip",
  "termination",
] as const;

export class LibraryError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${field ? `${field}: ` : ""}${detail}`);
  }
}

interface Validators {
  clause: ValidateFunction<ClauseDef>;
  drafting: ValidateFunction<{ vague: VaguePatternDef[] }>;
}

let compiled: Validators | undefined;

/**
 * The schemas' validators, compiled when a library file is first parsed: compiling them costs about
 * 80 ms, which a start that reads the built-in library from its snapshot and has no playbook never needs.
 */
function validators(): Validators {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    compiled = {
      clause: ajv.compile<ClauseDef>(clauseSchema),
      drafting: ajv.compile<{ vague: VaguePatternDef[] }>(draftingSchema),
    };
  }
  return compiled;
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: Array<string | number>,
): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
    if (node && typeof node === "object" && "range" in node && node.range)
      return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** The most specific schema error: the one deepest in the document, so the message names the field. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, e) =>
    e.instancePath.split("/").length > best.instancePath.split("/").length ? e : best,
  );
}

function describe(error: ErrorObject): { path: Array<string | number>; field: string; detail: string } {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, "/").replace(/~0/g, "~")));
  let detail = error.message ?? "is invalid";
  if (error.keyword === "additionalProperties") {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    path.push(extra);
    detail = `unknown field "${extra}"`;
  } else if (error.keyword === "enum") {
    detail = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  } else if (error.keyword === "required") {
    detail = `missing required field "${(error.params as { missingProperty: string }).missingProperty}"`;
  }
  return { path, field: path.join("."), detail };
}

function parseYaml(
  text: string,
  file: string,
): { data: unknown; doc: ReturnType<typeof parseDocument>; counter: LineCounter } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = counter.linePos(first.pos[0]).line;
    throw new LibraryError(file, line, "", `invalid YAML: ${first.message.split("\n")[0]}`);
  }
  if (!isMap(doc.contents) && !isSeq(doc.contents))
    throw new LibraryError(file, 1, "", "expected a YAML mapping");
  return { data: doc.toJS(), doc, counter };
}

function checkCues(
  cues: string[] | undefined,
  path: Array<string | number>,
  fail: (path: Array<string | number>, detail: string) => never,
): void {
  cues?.forEach((cue, i) => {
    try {
      compileCue(cue);
    } catch (error) {
      if (error instanceof CueError) fail([...path, i], error.message);
      throw error;
    }
  });
}

function checkNear(
  near: NearCueDef[] | undefined,
  path: Array<string | number>,
  fail: (path: Array<string | number>, detail: string) => never,
): void {
  near?.forEach((n, i) => checkCues(n.all, [...path, i, "all"], fail));
}

/** Parses and validates one clause file; throws LibraryError naming the file, line and field. */
export function parseClauseFile(
  text: string,
  file: string,
  knownIds: readonly string[] = TAXONOMY_CLAUSES,
): ClauseDef {
  const { data, doc, counter } = parseYaml(text, file);
  const fail = (path: Array<string | number>, detail: string): never => {
    throw new LibraryError(file, lineOf(doc, counter, path), path.join("."), detail);
  };
  const validateClause = validators().clause;
  if (!validateClause(data)) {
    const { path, detail } = describe(mostSpecific(validateClause.errors!));
    fail(path, detail);
  }
  const clause = data as ClauseDef;
  if (!knownIds.includes(clause.id) && !clause.custom) {
    const close = knownIds.find((id) => editDistance(id, clause.id) <= 2);
    fail(
      ["id"],
      `unknown clause id "${clause.id}"${close ? ` (did you mean "${close}"?)` : ""}; set custom: true to add a new clause type`,
    );
  }
  checkCues(clause.detect.headings, ["detect", "headings"], fail);
  checkCues(clause.detect.phrases, ["detect", "phrases"], fail);
  checkCues(clause.detect.exclude, ["detect", "exclude"], fail);
  checkNear(clause.detect.near, ["detect", "near"], fail);
  checkCues(clause.insertAfter, ["insertAfter"], fail);
  const ids = new Set<string>();
  clause.elements.forEach((element, i) => {
    if (ids.has(element.id)) fail(["elements", i, "id"], `duplicate element id "${element.id}"`);
    ids.add(element.id);
    checkCues(element.phrases, ["elements", i, "phrases"], fail);
    checkCues(element.exclude, ["elements", i, "exclude"], fail);
    checkNear(element.near, ["elements", i, "near"], fail);
    if (!element.phrases?.length && !element.near?.length)
      fail(["elements", i], "an element needs phrases or near cues");
  });
  const templateIds = new Set<string>();
  clause.templates.forEach((t, i) => {
    if (templateIds.has(t.id)) fail(["templates", i, "id"], `duplicate template id "${t.id}"`);
    templateIds.add(t.id);
  });
  return { ...clause, source: file };
}

/** Parses and validates the vague-drafting file; throws LibraryError naming the file, line and field. */
export function parseDraftingFile(text: string, file: string): VaguePatternDef[] {
  const { data, doc, counter } = parseYaml(text, file);
  const fail = (path: Array<string | number>, detail: string): never => {
    throw new LibraryError(file, lineOf(doc, counter, path), path.join("."), detail);
  };
  const validateDrafting = validators().drafting;
  if (!validateDrafting(data)) {
    const { path, detail } = describe(mostSpecific(validateDrafting.errors!));
    fail(path, detail);
  }
  const patterns = (data as { vague: VaguePatternDef[] }).vague;
  const ids = new Set<string>();
  patterns.forEach((p, i) => {
    if (ids.has(p.id)) fail(["vague", i, "id"], `duplicate pattern id "${p.id}"`);
    ids.add(p.id);
    checkCues([p.phrase], ["vague", i, "phrase"], fail);
    checkCues(p.unless, ["vague", i, "unless"], fail);
  });
  return patterns;
}

/** Overlays playbook clauses on the built-in ones: same id replaces, a new (custom) id adds. */
export function mergeLibraries(
  base: ClauseLibrary,
  overrides: ClauseDef[],
  vague?: VaguePatternDef[],
): ClauseLibrary {
  const byId = new Map(base.clauses.map((c) => [c.id, c]));
  for (const c of overrides) byId.set(c.id, c);
  return { clauses: [...byId.values()], vague: vague ?? base.vague };
}

// ---------------------------------------------------------------------------------------------
// Compiled form

/** A cue registered once in the library-wide probe table, so each unit of text is scanned once per cue. */
export interface Probe {
  id: number;
  cue: CompiledCue;
}

export interface CompiledNear {
  probes: number[];
  window?: number;
}

export interface CompiledCueSet {
  phrases: number[];
  near: CompiledNear[];
  exclude: number[];
}

export interface CompiledElement extends CompiledCueSet {
  def: ElementDef;
}

export interface CompiledClause extends CompiledCueSet {
  def: ClauseDef;
  headings: CompiledCue[];
  insertAfter: CompiledCue[];
  elements: CompiledElement[];
}

export interface CompiledVague {
  def: VaguePatternDef;
  phrase: number;
  unless: number[];
}

export interface CompiledLibrary {
  source: ClauseLibrary;
  clauses: CompiledClause[];
  vague: CompiledVague[];
  probes: Probe[];
}

/** Compiles a validated library into probes and per-clause cue sets. */
export function compileLibrary(library: ClauseLibrary): CompiledLibrary {
  const probes: Probe[] = [];
  const bySource = new Map<string, number>();
  const probe = (cue: string): number => {
    const known = bySource.get(cue);
    if (known !== undefined) return known;
    const id = probes.length;
    probes.push({ id, cue: compileCue(cue) });
    bySource.set(cue, id);
    return id;
  };
  const cueSet = (set: { phrases?: string[]; near?: NearCueDef[]; exclude?: string[] }): CompiledCueSet => ({
    phrases: (set.phrases ?? []).map(probe),
    near: (set.near ?? []).map((n) => ({
      probes: n.all.map(probe),
      ...(n.window ? { window: n.window } : {}),
    })),
    exclude: (set.exclude ?? []).map(probe),
  });
  const order = (id: string) => {
    const i = (TAXONOMY_CLAUSES as readonly string[]).indexOf(id);
    return i < 0 ? TAXONOMY_CLAUSES.length : i;
  };
  const clauses = [...library.clauses]
    .sort((a, b) => order(a.id) - order(b.id))
    .map((def) => ({
      def,
      ...cueSet(def.detect),
      headings: def.detect.headings.map(compileCue),
      insertAfter: (def.insertAfter ?? []).map(compileCue),
      elements: def.elements.map((e) => ({ def: e, ...cueSet(e) })),
    }));
  const vague = library.vague.map((def) => ({
    def,
    phrase: probe(def.phrase),
    unless: (def.unless ?? []).map(probe),
  }));
  return { source: library, clauses, vague, probes };
}
