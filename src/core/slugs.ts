// URL slugs and ids that keep Chinese (and every other script) readable.
import { slug as githubSlug } from "github-slugger";

/**
 * GitHub's heading-anchor rule: lower case, punctuation dropped, spaces to hyphens, letters of
 * every script kept (`模型迭代与能力升级：推理` → `模型迭代与能力升级推理`). Eleventy's own `slugify`
 * drops Chinese entirely, so it is never used here. Text with no letters or digits at all (an
 * emoji, `？！`) falls back to its code points so the slug is never empty.
 */
export function slugify(text: string): string {
  const slug = githubSlug(text.normalize("NFKC").trim());
  if (slug.replace(/-/g, "") !== "") return slug;
  const points = Array.from(text.trim(), (ch) => `u${ch.codePointAt(0)!.toString(16)}`);
  return points.length > 0 ? points.join("-") : "section";
}

/** Makes each slug unique within one page the way GitHub does: `a`, `a-1`, `a-2`. */
export class SlugCounter {
  readonly #taken = new Set<string>();
  readonly #suffix = new Map<string, number>();

  unique(base: string): string {
    let candidate = base;
    while (this.#taken.has(candidate)) {
      const next = (this.#suffix.get(base) ?? 0) + 1;
      this.#suffix.set(base, next);
      candidate = `${base}-${next}`;
    }
    this.#taken.add(candidate);
    return candidate;
  }
}

export interface TagSlugClash {
  slug: string;
  tags: string[];
}

/**
 * One URL slug per tag. Fixed slugs from the site's `tagSlugs` option win. Two different tags
 * that would share a URL (`AI` and `ai`, `C++` and `C#`) are reported, never silently numbered:
 * a numbered URL would change when tags are added and break links readers keep.
 */
export function assignTagSlugs(
  tags: Iterable<string>,
  fixed: Readonly<Record<string, string>>,
): { slugs: Map<string, string>; clashes: TagSlugClash[] } {
  const slugs = new Map<string, string>();
  const bySlug = new Map<string, string[]>();
  // Looked up in a Map: in the option's plain object a tag `constructor` would find Object itself.
  const fixedSlugs = new Map(Object.entries(fixed));
  for (const tag of new Set(tags)) {
    const slug = fixedSlugs.get(tag) ?? slugify(tag);
    slugs.set(tag, slug);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), tag]);
  }
  const clashes = [...bySlug]
    .filter(([, names]) => names.length > 1)
    .map(([slug, names]) => ({ slug, tags: names.sort() }));
  return { slugs, clashes };
}
