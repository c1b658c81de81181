// What a report's and a digest's front matter may hold, checked with zod, in the author's words.
import { z } from "zod";
import { distance } from "fastest-levenshtein";
import { ACCEPTED_DATE_FORMS, ACCEPTED_DATE_FORMS_ZH, parseSiteDate } from "../core/dates.js";
import type { ContentKind } from "../core/kinds.js";
import { problem, problemMessage, type ProblemParams } from "../core/problemCodes.js";

export interface FieldIssue {
  field: string;
  severity: "error" | "warning";
  code: "invalid-field" | "unknown-key";
  message: string;  /** The message in Chinese. */
  zh: string;
}

/** The fields the plugin reads, and what each accepts, as the messages say it. */
const EXPECTED = {
  title: { en: "a non-empty text", zh: "非空的文字" },
  description: { en: "a text, or nothing", zh: "文字，或者空着" },
  date: { en: ACCEPTED_DATE_FORMS, zh: ACCEPTED_DATE_FORMS_ZH },
  scheduled: { en: ACCEPTED_DATE_FORMS, zh: ACCEPTED_DATE_FORMS_ZH },
  tags: { en: "a list of non-empty texts such as [AI, 人工智能], or one text", zh: "非空文字的列表（如 `[AI, 人工智能]`），或一段文字" },
  layout: { en: "the path of a layout such as layouts/post.njk", zh: "布局的路径，如 `layouts/post.njk`" },
  draft: { en: "true or false", zh: " `true` 或 `false`" },
} as const;

type Field = keyof typeof EXPECTED;

/** Keys Eleventy itself reads: accepted in front matter without a warning. */
const ELEVENTY_KEYS = [
  "permalink",
  "pagination",
  "eleventyComputed",
  "eleventyExcludeFromCollections",
  "eleventyImport",
  "eleventyNavigation",
  "eleventyDataSchema",
  "templateEngineOverride",
  "dynamicPermalink",
  "permalinkBypassOutputDir",
];
export const KNOWN_KEYS: readonly string[] = [...Object.keys(EXPECTED), ...ELEVENTY_KEYS];

function schemas(zone: string) {
  const nonEmpty = z.string().trim().min(1);
  const dateText = z.union([z.string(), z.date()]).refine((value) => parseSiteDate(value, zone) !== undefined);
  const tag = z.union([nonEmpty, z.number()]);
  const common = {
    description: z.string().nullable().optional(),
    date: dateText,
    scheduled: dateText.nullable().optional(),
    tags: z.union([tag, z.array(tag)]).nullable().optional(),
    layout: nonEmpty.optional(),
    draft: z.boolean().nullable().optional(),
  };
  return {
    report: z.object({ ...common, title: nonEmpty }),
    // A digest is dated by its week and titled by default.
    digest: z.object({ ...common, title: nonEmpty.optional(), date: dateText.optional() }),
  };
}

const cache = new Map<string, ReturnType<typeof schemas>>();

/**
 * Checks a report's or digest's front matter. `ownKeys` are the keys written in the file itself
 * (directory and global data are not the author's to fix there); an unknown one is a warning, with
 * the known key it most resembles.
 */
export function checkFrontMatter(
  data: Readonly<Record<string, unknown>>,
  ownKeys: readonly string[],
  kind: ContentKind,
  zone: string,
): FieldIssue[] {
  let zoneSchemas = cache.get(zone);
  if (!zoneSchemas) cache.set(zone, (zoneSchemas = schemas(zone)));
  const result = zoneSchemas[kind].safeParse(data);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0]) as Field;
    if (seen.has(field) || !Object.hasOwn(EXPECTED, field)) continue;
    seen.add(field);
    issues.push(problem("invalid-field", { field }, fieldParams(field, data[field], zone)));
  }
  for (const key of ownKeys) {
    if (KNOWN_KEYS.includes(key) || key.startsWith("_")) continue;
    issues.push(problem("unknown-key", { field: key }, { key, near: closestKey(key), known: Object.keys(EXPECTED) }));
  }
  return issues;
}

/** What an `invalid-field` message needs: the field, the value received, what it accepts, and the zone a date is read in. */
export function fieldParams(field: Field, value: unknown, zone: string): ProblemParams<"invalid-field">[0] {
  return { field, value, expected: EXPECTED[field], ...(field === "date" || field === "scheduled" ? { zone } : {}) };
}

/** `date: received "2026-02-30"; expected a date such as …`, or `title: missing; expected …`. */
export function fieldMessage(field: Field, value: unknown, zone: string): string {
  return problemMessage("invalid-field", fieldParams(field, value, zone));
}

function closestKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  const ranked = KNOWN_KEYS.map((known) => ({ known, cost: distance(lower, known.toLowerCase()) }))
    .filter(({ known, cost }) => cost <= Math.max(1, Math.floor(known.length / 3)))
    .sort((a, b) => a.cost - b.cost || (a.known < b.known ? -1 : 1));
  return ranked[0]?.known;
}
