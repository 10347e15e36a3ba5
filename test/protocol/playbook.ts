/** Team-playbook folders for protocol tests, built from the built-in clause files in a temporary folder. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./lspClient";

export function builtinClauseFile(id: string): string {
  return readFileSync(path.join(ROOT, "clause-library", `${id}.yaml`), "utf8");
}

/** The governance clause made required for out-licensing deals (it is recommended in the built-in library). */
export function governanceRequired(): string {
  const text = builtinClauseFile("governance");
  const out = text.replace(/^( {2}out-licensing:) recommended$/m, "$1 required");
  if (out === text) throw new Error("governance.yaml no longer has `out-licensing: recommended`");
  return out;
}

/** A custom clause type (a copy of governance) whose title has a dollar amount in it. */
export function dollarClause(): string {
  const text = builtinClauseFile("governance");
  return text
    .replace(/^id: governance$/m, "id: escrow\ncustom: true")
    .replace(/^title: .*$/m, "title: Escrow of $100,000 {Floor}");
}

export class Playbook {
  readonly dir = mkdtempSync(path.join(tmpdir(), "clause-checker-playbook-"));

  write(name: string, text: string): string {
    const file = path.join(this.dir, name);
    writeFileSync(file, text);
    return file;
  }

  uri(name: string): string {
    return pathToFileURL(path.join(this.dir, name)).toString();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
