// Packages loaded the first time they are used, not when a module naming them is: `weekly check`,
// or a build with no picture, never pays for loading the email inliner or the image encoder (about
// a tenth of a second each). For CommonJS packages, whose use is synchronous; an ES module package
// is loaded with `await import()` where it is used.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A function that gives the package `name` (CommonJS), loading it on its first call. */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
