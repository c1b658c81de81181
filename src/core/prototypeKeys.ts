// Keys that name a part of every JavaScript object. Eleventy merges a page's data (folder data
// files, then front matter) by assigning key after key: `__proto__` there reaches
// `Object.prototype` itself, so every object of the build (and of every later build in the same
// process) gains the author's values, and Eleventy then fails on other files. `constructor` and
// `prototype` lead there in other merges (lodash's, for one). Such keys are never data.

/** The keys refused in any front matter or data file, at any depth. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Eleventy's merge drops this prefix from a key before assigning it (`override:tags`). */
const OVERRIDE_PREFIX = "override:";

/** Whether a key names a part of every object, as such or once Eleventy drops `override:`. */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key.startsWith(OVERRIDE_PREFIX) ? key.slice(OVERRIDE_PREFIX.length) : key);
}

export interface PrototypeKey {
  /** The key as written. */
  key: string;
  /** Where it is, from the top: `extra.__proto__`, `links[0].constructor`. */
  path: string;
}

/**
 * Every prototype key of a parsed value (objects and lists, to any depth), in the order the text
 * holds them; with `remove`, each is deleted from its object, so that no merge meets it. Keys
 * inside a refused key's value are not reported again (`inside` lists them, for placing).
 */
export function findPrototypeKeys(value: unknown, { remove = false } = {}): PrototypeKey[] {
  return walk(value, remove).filter((found) => !found.inside);
}

function walk(value: unknown, remove: boolean): Array<PrototypeKey & { inside: boolean }> {
  const found: Array<PrototypeKey & { inside: boolean }> = [];
  const seen = new Set<object>(); // YAML aliases can share a node between places
  const visit = (node: unknown, path: string, inside: boolean) => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}[${index}]`, inside));
      return;
    }
    // Own keys only: JSON.parse and js-yaml make `__proto__` an own property, never the prototype.
    for (const key of Object.keys(node)) {
      const at = path === "" ? key : `${path}.${key}`;
      const child = (node as Record<string, unknown>)[key];
      const refused = isPrototypeKey(key);
      if (refused) {
        found.push({ key, path: at, inside });
        if (remove) delete (node as Record<string, unknown>)[key];
      }
      visit(child, at, inside || refused);
    }
  };
  visit(value, "", false);
  return found;
}

/**
 * The tags Eleventy cannot make a collection of. It looks a tag up among the config's collections
 * in a plain object: `__proto__` finds `Object.prototype`; `__defineGetter__` and
 * `__defineSetter__` find functions it then calls as a collection, which throw. Every other
 * member's name (`constructor`, `toString`, …) yields a value Eleventy carries on with.
 */
export const UNUSABLE_TAGS: ReadonlySet<string> = new Set(["__proto__", "__defineGetter__", "__defineSetter__"]);


/**
 * The 1-based line of the `n`th (0-based) occurrence of `key` written as a key in YAML or JSON
 * text (`key:`, `"key":`, `{ key: …`, `- key: …`), or undefined.
 */
export function keyLine(text: string, key: string, n = 0): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const keyRe = new RegExp(`(?:^|[\\s{,\\[-])(["']?)${escaped}\\1\\s*:`);
  let count = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (keyRe.test(lines[i]!) && count++ === n) return i + 1;
  }
  return undefined;
}

/**
 * Each prototype key of a parsed value, with its line in the text it was parsed from (by its order
 * among the keys of that name there); with `remove`, each is deleted from the value.
 */
export function placePrototypeKeys(text: string, value: unknown, { remove = false } = {}): Array<PrototypeKey & { line: number | undefined }> {
  const seen = new Map<string, number>();
  return walk(value, remove).flatMap((entry) => {
    const n = seen.get(entry.key) ?? 0;
    seen.set(entry.key, n + 1);
    return entry.inside ? [] : [{ key: entry.key, path: entry.path, line: keyLine(text, entry.key, n) }];
  });
}
