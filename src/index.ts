// The package's entry: the Eleventy plugin, and the types and errors a site's configuration may use.
export { default } from "./eleventy/plugin.js";
export * from "./eleventy/plugin.js";
// What `require("eleventy-plugin-weekly")` returns in a CommonJS configuration (Node 20.19+, whose
// require() loads this ES module): the plugin function itself, as `import weekly from` gives it.
export { default as "module.exports" } from "./eleventy/plugin.js";
