// The preview's own behaviour around a build: a failed build's problems in the page, a deleted
// file rebuilding it, and the address of a file the preview kept.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { WeeklyError } from "../src/core/errors.js";
import { failureLines, failurePage, reloadOnFailure, showBuildFailure } from "../src/eleventy/previewFailure.js";
import { rebuildOnDelete } from "../src/eleventy/previewWatch.js";
import { requestedFile } from "../src/eleventy/previewCopy.js";

const PROBLEM = { file: "posts/a.md", line: 4, column: 7, severity: "error" as const, code: "invalid-field" as const, message: 'date: received "2026-02-30"; expected a date.', zh: "date：收到 \"2026-02-30\"；应为日期。" };

describe("failureLines", () => {
  const wrapped = Object.assign(new Error("Problem writing Eleventy templates"), { originalError: WeeklyError.fromProblems([PROBLEM]) });
  const cases: Array<[string, unknown, RegExp]> = [
    ["a WeeklyError → each problem at its place", WeeklyError.fromProblems([PROBLEM]), /^posts\/a\.md:4:7  date: received "2026-02-30"; expected a date\. \[invalid-field\]$/],
    ["Eleventy's error around a WeeklyError → the problems", wrapped, /^posts\/a\.md:4:7 /],
    ["a template error → its message", new Error("layout does not exist"), /^layout does not exist$/],
  ];
  for (const [name, error, expected] of cases) test(name, () => assert.match(failureLines(error)[0]!, expected));
});

test("in a Chinese site (or WEEKLY_LANG=zh): the page and each problem in Chinese, the place and code as they are", () => {
  assert.equal(failureLines(WeeklyError.fromProblems([PROBLEM]), "zh")[0], 'posts/a.md:4:7  date：收到 "2026-02-30"；应为日期。 [invalid-field]');
  const page = failurePage(failureLines(WeeklyError.fromProblems([PROBLEM]), "zh"), "zh");
  assert.match(page, /<html lang="zh-CN">/);
  assert.match(page, /<title>预览构建失败<\/title>/);
  assert.match(page, /<p>改好下面这些问题并保存，页面会自动恢复。<\/p>/);
  assert.match(failurePage([], "en"), /<html lang="en">[\s\S]*<h1>The preview's build failed<\/h1>/);
});

test("failurePage escapes what the problems quote", () => {
  assert.match(failurePage(['posts/a.md:1:1  link "<script>"']), /link &quot;&lt;script&gt;&quot;/);
});

describe("reloadOnFailure, showBuildFailure", () => {
  const sent: string[] = [];
  class FakeServer {
    sendError(): void {
      sent.push("error");
    }
    reload(): void {
      sent.push("reload");
    }
  }
  const answer = (url: string) => {
    const response = { statusCode: 0, body: "", setHeader() {}, end(body: string) { this.body = body; } };
    let passed = false;
    showBuildFailure({ url, method: "GET", headers: {} } as unknown as IncomingMessage, response as unknown as ServerResponse, () => (passed = true));
    return passed ? "next" : `${response.statusCode} ${response.body.includes("posts/a.md:4:7") ? "with the problem" : "without it"}`;
  };
  test("a failed build reloads the pages, which then show its problems, until a build succeeds", () => {
    assert.equal(reloadOnFailure(FakeServer), true);
    const server = new FakeServer();
    assert.equal(answer("/posts/a/"), "next");
    (server.sendError as (event: unknown) => void)({ error: WeeklyError.fromProblems([PROBLEM]) });
    assert.deepEqual(sent, ["error", "reload"]);
    assert.equal(answer("/posts/a/"), "500 with the problem");
    assert.equal(answer("/cards/index.png"), "next");
    server.reload();
    assert.equal(answer("/posts/a/"), "next");
  });
});

test("rebuildOnDelete: a deleted file runs as a change once the watcher is up", async () => {
  const ran: string[] = [];
  const listeners: Array<{ event: string; listener: (path: string) => void }> = [];
  class FakeEleventy {
    watcher = { on: (event: string, listener: (path: string) => void) => listeners.push({ event, listener }) };
    async watch() {
      return async (path: string) => void ran.push(path);
    }
  }
  assert.equal(rebuildOnDelete(FakeEleventy as never), true);
  const eleventy = new FakeEleventy();
  assert.equal(listeners.length, 0, "nothing listens before the watcher is up");
  await eleventy.watch();
  assert.deepEqual(listeners.map((entry) => entry.event), ["unlink"]);
  listeners[0]!.listener("posts/a.md");
  assert.deepEqual(ran, ["posts/a.md"]);
});

test("rebuildOnDelete: an Eleventy whose watch() began before it was taught runs a deletion through its own change listener", async () => {
  const ran: string[] = [];
  let started: () => void = () => {};
  const watcherSet = new Promise<void>((resolve) => (started = resolve));
  class LateEleventy {
    declare watcher: { on(event: string, listener: (path: string) => void): void; listeners(event: string): Array<(path: string) => void> } | undefined;
    async watch() {
      await new Promise((resolve) => setTimeout(resolve, 10)); // the first build
      const listeners = new Map<string, Array<(path: string) => void>>();
      const watcher = {
        on: (event: string, listener: (path: string) => void) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
        listeners: (event: string) => listeners.get(event) ?? [],
        emit: (event: string, path: string) => (listeners.get(event) ?? []).forEach((listener) => listener(path)),
      };
      this.watcher = watcher;
      watcher.on("change", (path) => void ran.push(`change ${path}`));
      watcher.on("unlink", () => void ran.push("Eleventy's own unlink"));
      started();
      return watcher;
    }
  }
  const eleventy = new LateEleventy();
  const watching = eleventy.watch(); // called untaught
  assert.equal(rebuildOnDelete(LateEleventy as never), true);
  await watcherSet;
  const watcher = (await watching) as unknown as { emit(event: string, path: string): void };
  watcher.emit("unlink", "posts/a.md");
  assert.deepEqual(ran, ["change posts/a.md", "Eleventy's own unlink"]);
});

describe("requestedFile", () => {
  const cases: Array<[string, string | undefined]> = [
    ["/posts/a/", "posts/a/index.html"],
    ["/cards/posts/a/index.png?v=1", "cards/posts/a/index.png"],
    ["/tags/%E4%BA%BA/", "tags/人/index.html"],
    ["/", "index.html"],
    ["/%E0%A4%A", undefined],
    ["/a/../../etc/passwd", undefined],
  ];
  for (const [url, file] of cases) test(`requestedFile(${JSON.stringify(url)}) → ${String(file)}`, () => assert.equal(requestedFile(url), file));
});
