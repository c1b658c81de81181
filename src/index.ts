// The package's entry: the Eleventy plugin, and the types and errors a site's configuration may use.
export { default } from "./eleventy/plugin.js";
export * from "./eleventy/plugin.js";
