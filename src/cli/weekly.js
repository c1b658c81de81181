#!/usr/bin/env node
// The `weekly` command. Inside this repository it runs the TypeScript source through tsx, so it
// never runs a stale build; once installed as a package it runs the compiled dist/.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

async function load() {
  // Installed in a site's node_modules: always the compiled code, whatever else the site has.
  if (here.split(/[\\/]/).includes("node_modules")) return import(join(here, "..", "..", "dist", "cli", "main.js"));
  let tsx;
  try {
    tsx = await import("tsx/esm/api");
  } catch {
    return import(join(here, "..", "..", "dist", "cli", "main.js"));
  }
  tsx.register();
  return import(join(here, "main.ts"));
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
