// Follows every same-site link of a served site, as a reader clicking through it would.
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";

/** Every URL a page points at: links, stylesheets, scripts, images, forms. */
export function urlsOf(html: string): string[] {
  const doc = parseHTML(html).document;
  const found: string[] = [];
  for (const [selector, attribute] of [["a[href]", "href"], ["link[href]", "href"], ["script[src]", "src"], ["img[src]", "src"], ["form[action]", "action"]] as const) {
    for (const element of Array.from(doc.querySelectorAll(selector))) found.push(element.getAttribute(attribute)!);
  }
  return found;
}

/**
 * Fetches `start` from the server at `origin`, then every same-site URL its HTML pages point at,
 * each once; fails on any answer but 200. `check` sees each URL with the page it was found on.
 * Returns the paths reached, decoded.
 */
export async function crawl(origin: string, start: string, check: (url: string, from: string) => void = () => {}): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await fetch(`${origin}${encodeURI(path)}`);
    assert.equal(response.status, 200, `${path} answers ${response.status}`);
    const body = await response.text();
    if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) continue;
    for (const url of urlsOf(body)) {
      if (/^(https?:|data:|mailto:|#)/.test(url)) continue;
      check(url, path);
      queue.push(decodeURI(new URL(url, `http://host${path}`).pathname));
    }
  }
  return seen;
}
