// Eleventy's date parsing (`addDateParsing`): a front-matter `date` means a day or time in the
// site's zone, and a digest without one is dated by the week in its file name.
import { posix } from "node:path";
import { WeeklyError } from "../core/errors.js";
import { isOwnPage, kindOf } from "../core/kinds.js";
import { parseSiteDate, weekInFileName } from "../core/dates.js";
import { fieldMessage, fieldParams } from "../content/schema.js";
import { problem } from "../core/problemCodes.js";
import { relativePath, type BuildContext } from "./context.js";
import { addProblem } from "./problems.js";
import type { BuildState } from "./state.js";

/**
 * A report's or digest's `date`, read in the site's zone. Any other page's date is left to Eleventy
 * (undefined), so that the site's own pages keep the dates they have without the plugin.
 */
export function pageDate(ctx: BuildContext, state: BuildState, value: unknown, inputPath: string | undefined): Date | undefined {
  if (inputPath !== undefined && !isOwnPage(relativePath(ctx, inputPath), ctx.opts)) return undefined;
  if (value === undefined || value === null || value === "") return defaultDate(ctx, inputPath);
  const parsed = parseSiteDate(value, ctx.opts.timezone);
  if (parsed) return parsed.dateTime.toJSDate();
  if (!inputPath) throw new WeeklyError(fieldMessage("date", value, ctx.opts.timezone));
  addProblem(ctx, state, relativePath(ctx, inputPath), problem("invalid-field", { field: "date" }, fieldParams("date", value, ctx.opts.timezone)), "error");
  return new Date(0); // never written: the problem stops the build before rendering
}

/**
 * A digest without a `date` is dated by the week in its file name (its Monday, 00:00). A report
 * must have one (the schema says so): never the file's creation time, which changes with every
 * checkout.
 */
function defaultDate(ctx: BuildContext, inputPath: string | undefined): Date | undefined {
  if (!inputPath) return undefined;
  const path = relativePath(ctx, inputPath);
  const kind = kindOf(path, ctx.opts);
  if (kind === "report") return new Date(0); // never written: the missing date stops the build
  if (kind !== "digest") return undefined;
  return weekInFileName(posix.basename(path), ctx.opts.timezone)?.week?.start.toJSDate();
}
