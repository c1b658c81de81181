// The plugin's options: the check made when the plugin is added, and the names of their types.
// What each option is, accepts and defaults to is said once, in optionsSchema.ts.
import type { z } from "zod";
import { show, WeeklyError } from "./errors.js";
import { OPTIONS_SCHEMA, withoutDefault, type ResolvedOptions, type WeeklyOptions } from "./optionsSchema.js";

/**
 * Marks the plugin function, whichever copy of the package it comes from (a site may load the
 * compiled package while the command runs the source): `weekly check` finds the options a site
 * gives it by this mark.
 */
export const WEEKLY_PLUGIN: unique symbol = Symbol.for("eleventy-plugin-weekly");

export type { ResolvedOptions, WeeklyOptions } from "./optionsSchema.js";

/** The options whose value is a group of settings. */
const OBJECT_KEYS = ["tagSlugs", "layouts", "feeds", "rawHtml", "site", "newWeek"] as const;

/** What happens to a link whose target does not exist (the `brokenLinks` option). */
export type Severity = ResolvedOptions["brokenLinks"];
/** The `site` option: the site's title, description, address, language and author. */
export type SiteMetadata = NonNullable<WeeklyOptions["site"]>;
/** The `newWeek` option: what `weekly new` writes. */
export type NewWeekOptions = NonNullable<WeeklyOptions["newWeek"]>;
/** A link of the `nav` option. */
export type NavLink = ResolvedOptions["nav"][number];
/** The layouts of the pages the plugin generates (the `layouts` option, resolved). */
export type GeneratedLayouts = ResolvedOptions["layouts"];

/** Every option's default, as the schema gives it. */
export const DEFAULTS: ResolvedOptions = OPTIONS_SCHEMA.parse({});

/** What a value at `path` of the options was expected to be: the nearest schema's `expected`, else zod's own word. */
function expectedAt(path: readonly PropertyKey[], fallback: string): string {
  let schema: z.ZodType | undefined = OPTIONS_SCHEMA;
  let expected: string | undefined;
  for (const key of path) {
    if (schema) schema = withoutDefault(schema);
    const shape: Record<string, z.ZodType> | undefined = (schema as unknown as { shape?: Record<string, z.ZodType> })?.shape;
    const def: { element?: z.ZodType; valueType?: z.ZodType; catchall?: z.ZodType } | undefined = (schema as unknown as { def?: { element?: z.ZodType; valueType?: z.ZodType; catchall?: z.ZodType } })?.def;
    schema = shape?.[String(key)] ?? (typeof key === "number" ? def?.element : undefined) ?? def?.valueType ?? def?.catchall;
    expected = (schema?.meta?.() as { expected?: string } | undefined)?.expected ?? expected;
    if (!schema) break;
  }
  return expected ?? fallback;
}

/** An option's name as the message gives it: `newWeek.weekday`, `tagSlugs["C++"]`. */
function optionName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (path[0] === "tagSlugs" && i === 1 ? `["${String(key)}"]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

/** Merges the caller's options over the defaults (never mutating them) and checks every value: every mistake is named at once. */
export function resolveOptions(input: WeeklyOptions | undefined = {}): ResolvedOptions {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw optionError("options", input, "an object such as { timezone: \"Asia/Shanghai\" }");
  }
  const errors: string[] = [];
  const given = { ...input } as Record<string, unknown>;
  for (const key of OBJECT_KEYS) {
    const value = given[key];
    if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) {
      const keys = Object.keys(DEFAULTS[key]);
      errors.push(optionMessage(key, value, `an object${keys.length > 0 ? ` with some of ${keys.join(", ")}` : " such as { \"C++\": \"cpp\" }"}`));
      delete given[key];
    }
  }
  const layoutsDir = typeof given.layoutsDir === "string" ? given.layoutsDir : DEFAULTS.layoutsDir;
  const merged = {
    ...DEFAULTS,
    ...given,
    tagSlugs: { ...DEFAULTS.tagSlugs, ...(given.tagSlugs as object) },
    layouts: { ...defaultLayouts(layoutsDir), ...(given.layouts as object) },
    feeds: { ...DEFAULTS.feeds, ...(given.feeds as object) },
    rawHtml: { ...DEFAULTS.rawHtml, ...(given.rawHtml as object) },
    site: { ...DEFAULTS.site, ...(given.site as object) },
    newWeek: { ...DEFAULTS.newWeek, ...(given.newWeek as object) },
  };
  const parsed = OPTIONS_SCHEMA.safeParse(merged);
  if (!parsed.success) {
    const named = new Set<string>();
    for (const issue of parsed.error.issues) {
      // A list is named as a whole: `nav`, `notify`, `newWeek.tags`.
      const cut = issue.path[0] === "nav" || issue.path[0] === "notify" ? 1 : issue.path[0] === "newWeek" && issue.path[1] === "tags" ? 2 : issue.path.length;
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path.slice(0, cut)];
      for (const path of paths) {
        const name = optionName(path);
        if (named.has(name)) continue;
        named.add(name);
        const value = path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key as string], merged);
        const expected = issue.code === "unrecognized_keys" ? unknownKeyExpected(issue.path) : issue.code === "custom" && issue.path.length === 1 && issue.message !== "Invalid input" ? issue.message : expectedAt(path, issue.message);
        errors.push(optionMessage(name, value, expected));
      }
    }
  }
  // Checked here, not in the schema: zod skips an object's own checks once a value in it is wrong.
  if (typeof merged.postsDir === "string" && merged.postsDir === merged.digestsDir) errors.push(optionMessage("digestsDir", merged.digestsDir, "a folder other than postsDir"));
  if (errors.length > 0) throw new WeeklyError(errors.join("\n"));
  const opts = parsed.data!;
  opts.site.url = opts.site.url.replace(/\/+$/, "");
  return opts;
}

/** What an unknown key's message proposes: the known options, or the known keys of its group. */
function unknownKeyExpected(parent: readonly PropertyKey[]): string {
  if (parent.length === 0) return `one of the known options: ${[...Object.keys(DEFAULTS)].join(", ")}`;
  const group = String(parent[0]);
  const keys = Object.keys(DEFAULTS[group as keyof ResolvedOptions] as object);
  return `only ${keys.map((key) => `${group}.${key}`).join(", ").replace(/, ([^,]*)$/, " and $1")}`;
}

/** The default layouts, named in the site's layouts folder (`theme/post.njk` for layoutsDir "theme"). */
export function defaultLayouts(layoutsDir: string): GeneratedLayouts {
  const entries = Object.entries(DEFAULTS.layouts).map(([name, layout]) => [name, typeof layout === "string" ? layout.replace(/^layouts\//, `${layoutsDir}/`) : layout]);
  return Object.fromEntries(entries) as GeneratedLayouts;
}

function optionMessage(name: string, value: unknown, expected: string): string {
  return `weekly plugin option ${name}: received ${show(value)}; expected ${expected}.`;
}

export function optionError(name: string, value: unknown, expected: string): WeeklyError {
  return new WeeklyError(optionMessage(name, value, expected));
}
