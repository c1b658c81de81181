#!/usr/bin/env node
// The `weekly` command. Once installed as a package it runs the compiled dist/; inside this
// repository it runs dist/ when `npm run compile` ran after the last change to src/, else the
// TypeScript source through tsx, so it never runs stale code (./compiled.js).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compiledIsCurrent } from "./compiled.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

async function load() {
  // Installed in a site's node_modules: always the compiled code, whatever else the site has.
  const compiled = join(root, "dist", "cli", "main.js");
  if (here.split(/[\\/]/).includes("node_modules") || compiledIsCurrent(root, join("cli", "main.js"))) return import(compiled);
  let tsx;
  try {
    tsx = await import("tsx/esm/api");
  } catch {
    return import(compiled);
  }
  tsx.register();
  return import(join(here, "main.ts"));
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
