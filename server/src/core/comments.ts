/**
 * HTML comments (`<!-- … -->`) in a text, found in linear time. The regular expression
 * `/<!--[\s\S]*?-->/g` gives the same comments but, with many openers and no closer, rescans the rest
 * of the text from every opener: 200,000 characters of `<!--` took seconds, a megabyte minutes.
 */
export interface CommentSpan {
  /** Offset of `<!--`. */
  start: number;
  /** Offset just past `-->`. */
  end: number;
}

/** Every `<!-- … -->` in the text, left to right, as `/<!--[\s\S]*?-->/g` would find them. */
export function htmlCommentSpans(text: string): CommentSpan[] {
  const out: CommentSpan[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf("<!--", from);
    if (start < 0) break;
    const close = text.indexOf("-->", start + 4);
    // No closer after this opener means none after any later opener either.
    if (close < 0) break;
    out.push({ start, end: close + 3 });
    from = close + 3;
  }
  return out;
}
