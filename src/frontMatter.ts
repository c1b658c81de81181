// How front matter is read: YAML 1.2's core schema, so that dates stay exactly as the author wrote them.
import { parse } from "yaml";

/**
 * gray-matter's YAML engine. The default (js-yaml with timestamps) turns `date: 2026-02-05` into
 * midnight UTC, which is the previous day west of Greenwich; read as text, the plugin can give it
 * the meaning the author intended: that day in the site's time zone.
 */
export function parseFrontMatterYaml(text: string): Record<string, unknown> {
  const value: unknown = parse(text, { schema: "core" });
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

const FENCE_RE = /^---\s*$/;

/**
 * The 1-based line of a top-level key in a file's front matter (`scheduled: …`), or undefined.
 * Read only when a problem is reported, so a plain scan of the lines is enough.
 */
export function frontMatterKeyLine(fileText: string, key: string): number | undefined {
  const lines = fileText.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE_RE.test(lines[0] ?? "")) return undefined;
  const keyRe = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`);
  for (let i = 1; i < lines.length && !FENCE_RE.test(lines[i]!); i++) {
    if (keyRe.test(lines[i]!)) return i + 1;
  }
  return undefined;
}
