// unified-language-server configured with remark (parse + GFM + front matter) and the
// remark-preset-lint-recommended rules: the peer language server that bench.ts times keystrokes on.
// Run with --stdio. It asks for `workspace/configuration`; the bench answers `{}` (it crashes on null).
import { createUnifiedLanguageServer } from "unified-language-server";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkStringify from "remark-stringify";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import remarkPresetLintRecommended from "remark-preset-lint-recommended";

createUnifiedLanguageServer({
  ignoreName: ".remarkignore",
  packageField: "remarkConfig",
  pluginPrefix: "remark",
  rcName: ".remarkrc",
  processorName: "remark",
  processorSpecifier: "remark",
  defaultProcessor: unified().use(remarkParse).use(remarkStringify),
  plugins: [[remarkGfm], [remarkFrontmatter, ["yaml"]], remarkPresetLintRecommended],
  configurationSection: "remark",
});
