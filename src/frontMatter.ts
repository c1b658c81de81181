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
