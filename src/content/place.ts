// Where a problem found in a body is in its file: body lines counted after the front matter.
import type { Problem } from "../core/errors.js";
import { frontMatterKeyLine } from "./frontMatter.js";
import type { BodyProblem } from "./pageTypes.js";

/**
 * Turns a body line into a file line. Only needed when something is reported, so the file is
 * read again only then.
 */
export function placeInFile(problem: BodyProblem, fileText: string, rawBody: string): Problem {
  const { bodyLine, rule: _rule, deferred: _deferred, field, ...rest } = problem;
  if (bodyLine < 0) return { ...rest, line: (field && frontMatterKeyLine(fileText, field)) || 1, column: 1 };
  const normalized = fileText.replace(/\r\n/g, "\n");
  const body = rawBody.replace(/\r\n/g, "\n");
  const bodyAt = normalized.endsWith(body) ? normalized.length - body.length : -1;
  const offset = bodyAt >= 0 ? normalized.slice(0, bodyAt).split("\n").length - 1 : 0;
  return { ...rest, line: offset + bodyLine + 1 };
}
