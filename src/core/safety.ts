// Text the site republishes is not trusted: link targets that would run a script or carry a
// page of their own are never emitted, and characters XML cannot hold are replaced visibly.

/** Schemes a link never gets: they run script (`javascript:`, `vbscript:`), open a local file or carry a whole document. */
const BLOCKED_SCHEMES = new Set(["javascript", "vbscript", "file", "data"]);

/**
 * The blocked scheme of a link target, or undefined for a safe one. Read as a browser reads it:
 * spaces and control characters anywhere in the scheme are ignored, case does not matter.
 */
export function blockedScheme(url: string): string | undefined {
  const compact = url.replace(/[\u0000-\u0020\u007F]+/g, "").toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
  return scheme !== undefined && BLOCKED_SCHEMES.has(scheme) ? scheme : undefined;
}

/** A target an `<a href>` may have. */
export function isSafeLink(url: string): boolean {
  return blockedScheme(url) === undefined;
}

/**
 * Characters XML 1.0 cannot hold, even escaped: C0 controls other than tab, line feed and carriage
 * return, unpaired surrogates, U+FFFE and U+FFFF.
 */
const NOT_XML_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** XML text with each character XML cannot hold replaced by U+FFFD, so that nothing vanishes unseen. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_RE, "\uFFFD");
}

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `encodeURI` for any text: an unpaired surrogate (a YAML escape such as "\uD83E" can make one)
 * becomes U+FFFD instead of throwing "URI malformed".
 */
export function encodeUrl(url: string): string {
  return encodeURI(url.replace(LONE_SURROGATE_RE, "\uFFFD"));
}
