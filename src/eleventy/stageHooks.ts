// Each stage of the build's table (pipeline/build.ts `STAGES`) registered on the Eleventy event or
// hook it names. Eleventy stops a build only on an exception: a check run (`WEEKLY_CHECK=1`) that
// a stage ends with its result is stopped here with `WeeklyCheckResult`, which carries it.
import type { EleventyConfig } from "./eleventyConfig.js";
import type { BuildEvent, CheckResult, Stage, WeeklyBuild } from "../pipeline/build.js";

/** Thrown into Eleventy to end a check run inside it: errors and warnings alike, as the stage returned them. */
export class WeeklyCheckResult extends Error {
  readonly skipOriginalStack = true;
  readonly problems: CheckResult["problems"];
  readonly files: number;
  readonly site: CheckResult["site"];
  constructor(result: CheckResult) {
    super(`weekly check: ${result.problems.length} problems in ${result.files} files`);
    this.name = "WeeklyCheckResult";
    this.problems = result.problems;
    this.files = result.files;
    this.site = result.site;
  }
}

/** Ends Eleventy's run when a stage ended the check. */
function stopOnResult(result: CheckResult | undefined): void {
  if (result) throw new WeeklyCheckResult(result);
}

/**
 * Runs `stage` on its hook. `notAPage` names the files the preprocessor drops before any stage sees
 * them (the shipped theme's layouts, when the includes folder is the input folder).
 */
export function registerStage(eleventyConfig: EleventyConfig, build: WeeklyBuild, stage: Stage, notAPage: (inputPath: string) => boolean): void {
  switch (stage.on) {
    case "eleventy.before":
      eleventyConfig.on(stage.on, async (event: BuildEvent) => stopOnResult(await stage.run(build, event)));
      return;
    case "preprocessor":
      eleventyConfig.addPreprocessor("weekly", "*", function (data, content) {
        if (notAPage(this.inputPath)) return false;
        return stage.run(build, { inputPath: this.inputPath, data, body: content }) ? undefined : false;
      });
      return;
    case "addDateParsing":
      eleventyConfig.addDateParsing(function (value) {
        return stage.run(build, value, this.page?.inputPath);
      });
      return;
    case "eleventy.contentMap":
      eleventyConfig.on(stage.on, async (map: { inputPathToUrl: Record<string, string[]> }) => stopOnResult(await stage.run(build, map)));
      return;
    case "eleventy.passthrough":
      eleventyConfig.on(stage.on, (copied: { map?: Record<string, string> }) => stage.run(build, copied));
      return;
    case "eleventy.after":
      eleventyConfig.on(stage.on, (event: BuildEvent) => stage.run(build, event));
      return;
  }
}
