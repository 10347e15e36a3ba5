/** The `clauseChecker.files` glob matcher. */
import { describe, expect, it } from "vitest";
import { globToRegExp, matchesAnyGlob } from "../../server/src/shared/glob";

const m = (glob: string, path: string) => globToRegExp(glob).test(path);

describe("globToRegExp", () => {
  it("* and ? stay inside one path segment", () => {
    expect(m("*.md", "draft.md")).toBe(true);
    expect(m("*.md", "deals/draft.md")).toBe(false);
    expect(m("draft-?.md", "draft-2.md")).toBe(true);
    expect(m("draft-?.md", "draft-12.md")).toBe(false);
    expect(m("a*b", "a/b")).toBe(false);
  });

  it("** matches any number of segments, including none", () => {
    expect(m("**/*.md", "draft.md")).toBe(true);
    expect(m("**/*.md", "a/b/c/draft.md")).toBe(true);
    expect(m("contracts/**/*.md", "contracts/draft.md")).toBe(true);
    expect(m("contracts/**/*.md", "contracts/2025/q1/draft.md")).toBe(true);
    expect(m("contracts/**/*.md", "other/contracts/draft.md")).toBe(false);
    expect(m("contracts/**", "contracts/a/b.txt")).toBe(true);
    expect(m("a**b.md", "axxb.md")).toBe(true);
    expect(m("a**b.md", "a/b.md")).toBe(false);
  });

  it("supports classes, negated classes and nested braces", () => {
    expect(m("v[0-9].md", "v3.md")).toBe(true);
    expect(m("v[!0-9].md", "v3.md")).toBe(false);
    expect(m("v[!0-9].md", "vx.md")).toBe(true);
    expect(m("*.{md,txt}", "a.txt")).toBe(true);
    expect(m("*.{md,txt}", "a.doc")).toBe(false);
    expect(m("{deals,{term,side}-sheets}/*.md", "side-sheets/x.md")).toBe(true);
  });

  it("treats regular-expression characters literally", () => {
    expect(m("a+b (1).md", "a+b (1).md")).toBe(true);
    expect(m("a.md", "abmd")).toBe(false);
    expect(m("\\*.md", "*.md")).toBe(true);
    expect(m("\\*.md", "x.md")).toBe(false);
    expect(m("$1^.md", "$1^.md")).toBe(true);
  });

  it("never throws on malformed globs", () => {
    expect(m("{a,b", "{a,b")).toBe(true);
    expect(m("[abc", "[abc")).toBe(true);
    expect(() => globToRegExp("((((")).not.toThrow();
  });

  it("honours nocase", () => {
    expect(globToRegExp("*.MD", { nocase: true }).test("x.md")).toBe(true);
    expect(globToRegExp("*.MD").test("x.md")).toBe(false);
  });
});

describe("matchesAnyGlob", () => {
  const roots = ["/work/repo"];

  it("matches a glob without / against the file name in any folder", () => {
    expect(matchesAnyGlob(["*.draft.md"], "/work/repo/deals/2025/lumina.draft.md", roots)).toBe(true);
    expect(matchesAnyGlob(["*.draft.md"], "/elsewhere/lumina.draft.md", roots)).toBe(true);
  });

  it("matches a glob with / against the path relative to a workspace folder", () => {
    expect(matchesAnyGlob(["deals/**/*.md"], "/work/repo/deals/2025/x.md", roots)).toBe(true);
    expect(matchesAnyGlob(["./deals/*.md"], "/work/repo/deals/x.md", roots)).toBe(true);
    expect(matchesAnyGlob(["deals/*.md"], "/work/other/deals/x.md", roots)).toBe(false);
    expect(matchesAnyGlob(["deals/*.md"], "/work/repo-two/deals/x.md", roots)).toBe(false);
  });

  it("matches absolute globs against the absolute path, and **/ globs outside the workspace", () => {
    expect(matchesAnyGlob(["/srv/contracts/*.txt"], "/srv/contracts/a.txt", roots)).toBe(true);
    expect(matchesAnyGlob(["**/contracts/*.txt"], "/srv/contracts/a.txt", [])).toBe(true);
  });

  it("works with Windows separators", () => {
    expect(matchesAnyGlob(["deals/*.md"], "C:\\repo\\deals\\x.md", ["C:\\repo"])).toBe(true);
    expect(matchesAnyGlob(["C:/repo/deals/*.md"], "C:\\repo\\deals\\x.md", [])).toBe(true);
  });

  it("is false for no globs or blank globs", () => {
    expect(matchesAnyGlob([], "/work/repo/x.md", roots)).toBe(false);
    expect(matchesAnyGlob(["", "  "], "/work/repo/x.md", roots)).toBe(false);
  });
});
