// What marks a previewed page that a production build would not publish.

const ROBOTS_RE = /<meta\s[^>]*name=["']?robots["']?/i;
const HEAD_END_RE = /<\/head\s*>/i;

/**
 * Adds `<meta name="robots" content="noindex">` to a page's head unless it has a robots meta
 * already, so a preview of a scheduled or draft page is never indexed, whatever the layout does.
 */
export function markNoindex(html: string): string {
  if (ROBOTS_RE.test(html) || !HEAD_END_RE.test(html)) return html;
  return html.replace(HEAD_END_RE, (end) => `<meta name="robots" content="noindex">\n${end}`);
}
