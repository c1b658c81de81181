// Why a feed could not be fetched, in both languages: each reason's Chinese is Chinese prose around
// the same URL, status line, size or message as the English.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { REASONS } from "../src/digest/fetchReasons.js";
import type { Said } from "../src/core/show.js";

describe("REASONS: a fetch's failures in English and Chinese", () => {
  const cases: Array<[Said, string, string]> = [
    [REASONS.notUrl("feed"), 'not a URL: "feed"', '不是 URL："feed"'],
    [REASONS.notHttp("ftp://a.example/"), "not an http or https URL: ftp://a.example/", "不是 http 或 https 的 URL：ftp://a.example/"],
    [REASONS.offline, "no cached response to work from offline", "没有缓存的响应可供离线使用"],
    [REASONS.timedOut(300), "timed out after 0.3 s", "0.3 s 后超时"],
    [REASONS.tooManyRedirects(5, "http://a.example/6"), "more than 5 redirects (the last to http://a.example/6)", "重定向超过 5 次（最后一次到 http://a.example/6）"],
    [REASONS.retryAfterPast("HTTP 503 Service Unavailable", "120 s", 20_000), "HTTP 503 Service Unavailable (Retry-After 120 s is past the 20 s timeout)", "HTTP 503 Service Unavailable（Retry-After 120 s 超出了 20 s 的超时）"],
    [REASONS.withoutLocation("HTTP 302 Found"), "HTTP 302 Found without a Location", "HTTP 302 Found，但没有 Location"],
    [REASONS.locationNotUrl("HTTP 307 Temporary Redirect", "http://[::1"), 'HTTP 307 Temporary Redirect to "http://[::1", which is not a URL', 'HTTP 307 Temporary Redirect 指向 "http://[::1"，它不是 URL'],
    [REASONS.redirectNotHttp("ftp://a.example/"), "redirected to a URL that is not http or https: ftp://a.example/", "重定向到了不是 http 或 https 的 URL：ftp://a.example/"],
    [REASONS.notModifiedUncached("HTTP 304 Not Modified"), "HTTP 304 Not Modified to a request that had no cached response", "HTTP 304 Not Modified，但请求并没有缓存的响应"],
    [REASONS.tooLarge(999), "larger than 999 bytes", "大于 999 字节"],
    [REASONS.tooLarge(64_000, 70_000), "larger than 64 KB (Content-Length 70000)", "大于 64 KB（Content-Length 70000）"],
    [REASONS.tooLarge(20_000_000), "larger than 20 MB", "大于 20 MB"],
    [REASONS.network("connect ECONNREFUSED 127.0.0.1:9"), "network error: connect ECONNREFUSED 127.0.0.1:9", "网络错误：connect ECONNREFUSED 127.0.0.1:9"],
    [REASONS.unreadable("boom"), "could not be read (boom)", "无法读取（boom）"],
    [REASONS.notKept("ENOTDIR"), "its response could not be kept for --offline (ENOTDIR)", "它的响应没能保存下来供 `--offline` 使用（ENOTDIR）"],
  ];
  for (const [said, en, zh] of cases) test(`${en} → ${zh}`, () => assert.deepEqual(said, { en, zh }));
});
