/**
 * LSP snippet strings: escaping literal text, turning a snippet into the plain text a client without
 * snippet support inserts, and renumbering tab stops when several templates go into one edit.
 */

/** Escapes literal text for inclusion in a snippet (`$`, `}` and `\` would otherwise be syntax). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, "\\$&");
}

/** Converts a snippet to the text it inserts with every placeholder at its default. */
export function snippetToPlain(snippet: string): string {
  let out = "";
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let acc = "";
    while (i < snippet.length) {
      const c = snippet[i]!;
      if (c === "\\" && i + 1 < snippet.length && "\\$}".includes(snippet[i + 1]!)) {
        acc += snippet[i + 1];
        i += 2;
      } else if (c === "}" && stopAtBrace) {
        i++;
        return acc;
      } else if (c === "$") {
        const simple = /^\$(\d+)/.exec(snippet.slice(i));
        const braced = /^\$\{(\d+)(:|\||\})/.exec(snippet.slice(i));
        if (simple) {
          i += simple[0].length;
        } else if (braced) {
          i += braced[0].length;
          if (braced[2] === ":") acc += parse(true);
          else if (braced[2] === "|") {
            const end = snippet.indexOf("|}", i);
            const choices = snippet.slice(i, end < 0 ? snippet.length : end);
            acc += choices.split(",")[0] ?? "";
            i = end < 0 ? snippet.length : end + 2;
          }
        } else {
          acc += c;
          i++;
        }
      } else {
        acc += c;
        i++;
      }
    }
    return acc;
  };
  out = parse(false);
  return out;
}

/** Shifts every tab stop number in a snippet by `offset` ($0 stays the final cursor position). */
export function renumberSnippet(snippet: string, offset: number): string {
  if (offset === 0) return snippet;
  return snippet.replace(
    /(\\.)|\$(\d+)|\$\{(\d+)/g,
    (whole, escaped: string | undefined, a?: string, b?: string) => {
      if (escaped) return whole;
      const n = Number(a ?? b);
      if (n === 0) return whole;
      return a !== undefined ? `$${n + offset}` : `\${${n + offset}`;
    },
  );
}

/** Highest tab stop number used in a snippet. */
export function maxTabStop(snippet: string): number {
  let max = 0;
  snippet.replace(
    /(\\.)|\$(\d+)|\$\{(\d+)/g,
    (whole, escaped: string | undefined, a?: string, b?: string) => {
      if (!escaped) max = Math.max(max, Number(a ?? b));
      return whole;
    },
  );
  return max;
}

/** Joins snippets into one, renumbering tab stops so they run on from one snippet to the next. */
export function joinSnippets(snippets: string[], separator: string): string {
  let offset = 0;
  const parts: string[] = [];
  for (const s of snippets) {
    parts.push(renumberSnippet(s, offset));
    offset += maxTabStop(s);
  }
  return parts.join(separator);
}
