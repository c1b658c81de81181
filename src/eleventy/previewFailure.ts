// A preview build that fails is shown in the browser: Eleventy's dev server only logs the error in
// the browser's console and leaves the last good page on screen. Taught here, the server reloads
// the page, and every page is answered with the problems until a build succeeds.
import type { IncomingMessage, ServerResponse } from "node:http";
import { formatProblem, type Problem } from "../core/errors.js";
import { escapeAttribute } from "../content/images.js";
import type { Language } from "../core/language.js";

interface DevServerPrototype {
  sendError?: (this: unknown, event: { error: unknown }) => void;
  reload?: (this: unknown, event?: Record<string, unknown>) => void;
  [SHOWS_FAILURE]?: true;
}
const SHOWS_FAILURE = Symbol.for("eleventy-plugin-weekly.showsFailure");

/** The last build's failure, while no build has succeeded since: its lines, and the language of the page. */
let failure: string[] | undefined;
let failureLanguage: Language = "en";

/** The lines of a build's error: each problem at its place, or the messages of the error and its causes. */
export function failureLines(error: unknown, language: Language = "en"): string[] {
  const lines: string[] = [];
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 10; depth++) {
    const problems = (at as { problems?: unknown }).problems;
    if (Array.isArray(problems) && problems.length > 0) return (problems as Problem[]).map((problem) => formatProblem(problem, language));
    if (!lines.includes(at.message)) lines.push(at.message);
    at = (at as { originalError?: unknown }).originalError ?? at.cause;
  }
  return lines.length > 0 ? lines : [String(error)];
}

/** The page's words, in the site's language. */
const PAGE = {
  en: { lang: "en", title: "The preview's build failed", fix: "Fix these and save: the page comes back by itself." },
  zh: { lang: "zh-CN", title: "预览构建失败", fix: "改好下面这些问题并保存，页面会自动恢复。" },
};

/** The page every request gets while the last build failed. */
export function failurePage(lines: readonly string[], language: Language = "en"): string {
  const words = PAGE[language];
  return `<!doctype html>
<html lang="${words.lang}">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${words.title}</title></head>
<body>
<h1>${words.title}</h1>
<p>${words.fix}</p>
<pre>${lines.map(escapeAttribute).join("\n")}</pre>
</body>
</html>
`;
}

/** The middleware that answers a page with the problems while the last build failed. */
export function showBuildFailure(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
  const path = (request.url ?? "/").split(/[?#]/, 1)[0]!;
  const page = path.endsWith("/") || path.endsWith(".html") || String(request.headers.accept ?? "").includes("text/html");
  if (failure === undefined || !page || (request.method !== "GET" && request.method !== "HEAD")) return next();
  response.statusCode = 500;
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  response.end(failurePage(failure, failureLanguage));
}

/**
 * Teaches Eleventy's dev server to keep a failed build's problems (until its next reload, which
 * follows a good build) and to reload the open pages, which then show them. Returns false for a
 * server of a shape it does not know.
 */
export function reloadOnFailure(devServer: { prototype: DevServerPrototype }, language: Language = "en"): boolean {
  failureLanguage = language;
  const prototype = devServer.prototype;
  const { sendError, reload } = prototype;
  if (typeof sendError !== "function" || typeof reload !== "function") return false;
  if (prototype[SHOWS_FAILURE]) return true;
  prototype.reload = function (event) {
    failure = undefined;
    reload.call(this, event);
  };
  prototype.sendError = function (event) {
    sendError.call(this, event);
    failure = failureLines(event.error, failureLanguage);
    reload.call(this, {});
  };
  prototype[SHOWS_FAILURE] = true;
  return true;
}
