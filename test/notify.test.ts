// `weekly notify` against a server on 127.0.0.1 that plays the deployed site and every service
// (test/notifyKit.ts): each report announced once per channel once its page answers, in each
// service's own format and signature, held-back and draft reports never, a first run announcing no
// archive, a failed channel named while the others are sent and recorded, --dry-run sending
// nothing, no secret in any output, and a run killed between sending and recording sending that
// report again once, never losing it. Then the messages, the mask, the record and the retries alone.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copySite, runWeeklyInProcess, WEEKLY_BIN } from "./helpers.js";
import { SECRET_VALUES, servicesServer, type ServicesServer, type Taken } from "./notifyKit.js";
import { answerError, isBusy, requestsFor, type Announcement, type Channel } from "../src/notify/messages.js";
import { deliver } from "../src/notify/deliver.js";
import { readRecord, writeRecord } from "../src/notify/record.js";
import { masker } from "../src/notify/channels.js";
import { resolveOptions } from "../src/core/options.js";
import { atomFeed } from "../src/present/atomFeed.js";
import { jsonFeed } from "../src/present/jsonFeed.js";

const W05 = "/posts/2026-W05-ai-weekly/";
const W06 = "/posts/2026-W06-ai-weekly/";
const W07 = "/posts/2026-W07-ai-weekly/";
const W08 = "/posts/2026-W08-ai-weekly/";
/** The record keeps each report by its file. */
const FILE = (url: string) => `posts/${url.split("/")[2]}.md`;
const AFTER_W06 = "2026-02-06T12:00";
const AFTER_W07 = "2026-02-12T09:00";
const SERVICES = ["webhook", "slack", "discord", "feishu", "dingtalk", "wecom", "telegram", "websub"];

let server: ServicesServer;
before(async () => {
  server = await servicesServer();
});
after(() => server.close());

const fresh = () => copySite("notify");
const notify = (site: string, now: string, args: string[] = []) => runWeeklyInProcess(site, ["notify", ...args], { ...server.env, WEEKLY_NOW: now });
const record = (site: string) => JSON.parse(readFileSync(join(site, ".cache", "weekly", "notify.json"), "utf8")) as { channels: Record<string, { since: string; sent: Record<string, string> }> };
/** The reports each service took, by its URL in the message. */
const announced = (service: string) => server.taken.filter((t) => t.service === service).map((t) => t.raw);
const reset = () => {
  server.taken.length = 0;
  server.problems.length = 0;
  server.refusing.clear();
  server.failing.clear();
  server.live.clear();
};
const assertNoSecret = (run: { stdout: string; stderr: string }) => {
  for (const secret of SECRET_VALUES) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `the output shows ${secret}`);
};

describe("weekly notify, end to end", () => {
  test("a first run announces no report already live, and records from when each channel announces", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    const run = await notify(site, AFTER_W06);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(server.taken, []);
    assert.deepEqual(Object.keys(record(site).channels).sort(), [...SERVICES].sort());
    assertNoSecret(run);
  });

  test("--since: each live report once per channel, in each service's format and signature; a second run sends nothing", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    const run = await notify(site, AFTER_W06, ["--since", "2026-01-01"]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(server.problems, []);
    for (const service of SERVICES.filter((s) => s !== "websub")) {
      const raws = announced(service);
      assert.equal(raws.length, 2, service);
      assert.ok(raws[0]!.includes(encodeURI(W05).slice(1)) || raws[0]!.includes(W05), `${service}: W05 first`);
      assert.ok(raws[1]!.includes(W06), `${service}: W06 second`);
    }
    // WebSub: each report pings the hub for each feed.
    assert.deepEqual(server.taken.filter((t) => t.service === "websub").map((t) => (t.body as Record<string, string>)["hub.url"]), [`${server.url}/feed.xml`, `${server.url}/feed.json`, `${server.url}/feed.xml`, `${server.url}/feed.json`]);
    assert.deepEqual(Object.keys(record(site).channels.slack!.sent).sort(), [FILE(W05), FILE(W06)]);
    assertNoSecret(run);
    const again = await notify(site, AFTER_W06);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(server.taken.length, 7 * 2 + 2 * 2);
  });

  test("the title and summary stay text in every format: escaped for Slack, Discord and Telegram, plain fields elsewhere", async () => {
    reset();
    const site = fresh();
    server.live.add(W05);
    await notify(site, AFTER_W06, ["--since", "2026-01-01"]);
    const slack = server.taken.find((t) => t.service === "slack")!.body as { text: string };
    assert.ok(slack.text.includes("第五周：&lt;script&gt;alert(1)&lt;/script&gt; &amp; *粗体* @everyone"), slack.text);
    const telegram = server.taken.find((t) => t.service === "telegram")!.body as { text: string };
    assert.ok(telegram.text.startsWith("<b>第五周：&lt;script&gt;alert(1)&lt;/script&gt; &amp; *粗体* @everyone</b>"), telegram.text);
    const discord = server.taken.find((t) => t.service === "discord")!.body as { embeds: Array<{ description: string }> };
    assert.equal(discord.embeds[0]!.description, "模型 <b>推理</b> & \\[链接\\]\\(javascript\\:alert\\(1\\)\\) \\_斜体\\_ \\`代码\\`。".replace("<b>", "\\<b\\>").replace("</b>", "\\</b\\>"));
    const wecom = server.taken.find((t) => t.service === "wecom")!.body as { news: { articles: Array<{ title: string; url: string; picurl: string }> } };
    assert.equal(wecom.news.articles[0]!.title, "第五周：<script>alert(1)</script> & *粗体* @everyone");
    assert.equal(wecom.news.articles[0]!.picurl, `${server.url}/cards/posts/2026-W05-ai-weekly/index.png`);
  });

  test("a report held back is not announced though its page answers; a draft never is", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06).add(W07).add(W08);
    const run = await notify(site, AFTER_W06, ["--since", "2026-01-01"]);
    assert.equal(run.status, 0, run.stderr);
    const raws = server.taken.map((t) => t.raw);
    assert.ok(raws.some((raw) => raw.includes(W06)));
    assert.ok(!raws.some((raw) => raw.includes(W07) || raw.includes(W08)), "a held-back or draft report was announced");
    server.taken.length = 0;
    await notify(site, AFTER_W07);
    assert.ok(server.taken.some((t) => t.raw.includes(W07)) && !server.taken.some((t) => t.raw.includes(W08)));
  });

  test("without --since: nothing old on the first run, then the report that goes live after it", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06).add(W07);
    await notify(site, AFTER_W06);
    assert.deepEqual(server.taken, []);
    const run = await notify(site, AFTER_W07);
    assert.equal(run.status, 0, run.stderr);
    const taken: Taken[] = server.taken;
    assert.deepEqual(new Set(taken.map((t) => t.service)), new Set(SERVICES));
    assert.ok(taken.filter((t) => t.service !== "websub").every((t) => t.raw.includes(W07)));
  });

  test("a live report whose page does not answer yet is left for the next run, then sent", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    await notify(site, AFTER_W06, ["--since", "2026-01-01"]);
    server.taken.length = 0;
    const early = await notify(site, AFTER_W07);
    assert.equal(early.status, 0, early.stderr);
    assert.deepEqual(server.taken, [], "W07's page does not answer yet");
    assert.match(early.stderr, /2026-W07-ai-weekly\/ does not answer yet: left for the next run\./);
    server.live.add(W07);
    const live = await notify(site, AFTER_W07);
    assert.equal(live.status, 0, live.stderr);
    const taken: Taken[] = server.taken; // (the assertion above narrowed it to an empty list)
    assert.equal(taken.filter((t) => t.service !== "websub").length, 7);
    assert.ok(taken.every((t) => t.raw.includes(W07) || t.service === "websub"));
  });

  test("a channel that fails is named with the service's own words, exit 1; the others are sent and recorded, and it is sent next run", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    server.refusing.add("telegram");
    server.failing.add("discord");
    const run = await runWeeklyInProcess(site, ["notify", "--since", "2026-01-01", "--timeout", "2"], { ...server.env, WEEKLY_NOW: AFTER_W06 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /telegram: \/posts\/2026-W05-ai-weekly\/ was not taken: HTTP 400: Bad Request: chat not found; it is sent again next run\./);
    assert.match(run.stderr, /discord: \/posts\/2026-W05-ai-weekly\/ was not taken: HTTP 500: internal error; it is sent again next run\./);
    assert.deepEqual(Object.keys(record(site).channels.slack!.sent).sort(), [FILE(W05), FILE(W06)]);
    assert.deepEqual(Object.keys(record(site).channels.telegram!.sent), []);
    assertNoSecret(run);
    server.refusing.clear();
    server.failing.clear();
    const next = await notify(site, AFTER_W06);
    assert.equal(next.status, 0, next.stderr);
    assert.deepEqual(Object.keys(record(site).channels.telegram!.sent).sort(), [FILE(W05), FILE(W06)]);
  });

  test("--dry-run prints every message with its secrets masked, sends nothing and records nothing", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    const run = await notify(site, AFTER_W06, ["--dry-run", "--since", "2026-01-01"]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(server.taken, []);
    assert.equal(existsSync(join(site, ".cache", "weekly", "notify.json")), false);
    assert.equal((run.stdout.match(/^# /gm) ?? []).length, 2 * 7 + 2 * 2);
    assert.match(run.stdout, /^POST \*\*\*$/m);
    assertNoSecret(run);
  });

  test("a secret's variable not set: that channel named, exit 1, the others sent", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    const run = await runWeeklyInProcess(site, ["notify", "--since", "2026-01-01"], { ...server.env, NOTIFY_SLACK_URL: undefined, WEEKLY_NOW: AFTER_W06 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /slack: the environment variable NOTIFY_SLACK_URL is not set; nothing sent on this channel\./);
    assert.equal(announced("discord").length, 2);
  });

  test("a damaged record stops the run before anything is sent", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    await notify(site, AFTER_W06);
    writeFileSync(join(site, ".cache", "weekly", "notify.json"), "{ broken");
    const run = await notify(site, AFTER_W06, ["--since", "2026-01-01"]);
    assert.equal(run.status, 2);
    assert.deepEqual(server.taken, []);
  });

  test("killed (SIGKILL) as a service takes a message, before it is recorded: the next run sends that report again once, and none is lost", async () => {
    reset();
    const site = fresh();
    server.live.add(W05).add(W06);
    const child = spawn(process.execPath, [WEEKLY_BIN, "notify", "--since", "2026-01-01"], { cwd: site, env: { ...process.env, ...server.env, WEEKLY_NOW: AFTER_W06 }, stdio: "ignore" });
    let killed = false;
    server.onTaken = (taken) => {
      if (!killed && taken.service === "wecom") {
        killed = true;
        child.kill("SIGKILL");
      }
    };
    await new Promise((resolve) => child.on("exit", resolve));
    server.onTaken = undefined;
    assert.ok(killed);
    const run = await notify(site, AFTER_W06);
    assert.equal(run.status, 0, run.stderr);
    // wecom's W05 was taken as the run was killed, before it was recorded: sent twice; everything else once.
    for (const service of SERVICES.filter((s) => s !== "websub")) {
      const count = (url: string) => announced(service).filter((raw) => raw.includes(url)).length;
      for (const url of [W05, W06]) assert.equal(count(url), service === "wecom" && url === W05 ? 2 : 1, `${service} sent ${url} ${count(url)} times`);
    }
    for (const channel of Object.values(record(site).channels)) assert.deepEqual(Object.keys(channel.sent).sort(), [FILE(W05), FILE(W06)]);
    rmSync(site, { recursive: true, force: true });
  });
});

const REPORT: Announcement = { title: "周报 <b>&", summary: "摘要 *粗* [x](y)", url: "https://w.example/posts/a/", card: "https://w.example/cards/posts/a/index.png", week: "2026-W06", date: "2026-02-05", tags: ["AI"] };
const NOW = new Date("2026-02-05T00:00:00Z");

describe("requestsFor: one report's request for each service", () => {
  test("飞书: timestamp in seconds, sign = base64(HMAC-SHA256(key: timestamp\\nsecret, message: empty))", () => {
    const [request] = requestsFor({ service: "feishu", name: "feishu", url: "https://open.feishu.cn/hook/x", secret: "s3cr3t" }, REPORT, "zh", NOW);
    const body = JSON.parse(request!.body) as { timestamp: string; sign: string; msg_type: string };
    assert.deepEqual([body.timestamp, body.sign, body.msg_type], ["1770249600", "CuB6hPKwxbTQ4di6374XvQLcINbGo48nXh7eYjStSJY=", "post"]);
  });
  test("钉钉: timestamp in milliseconds and sign on the URL, the link message with its picture", () => {
    const [request] = requestsFor({ service: "dingtalk", name: "d", url: "https://oapi.dingtalk.com/robot/send?access_token=t", secret: "SECx" }, REPORT, "zh", NOW);
    assert.match(request!.url, /^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=t&timestamp=1770249600000&sign=[\w%]+$/);
    assert.deepEqual(JSON.parse(request!.body), { msgtype: "link", link: { title: REPORT.title, text: REPORT.summary, messageUrl: REPORT.url, picUrl: REPORT.card } });
  });
  test("without a secret, no signature", () => {
    const [request] = requestsFor({ service: "feishu", name: "f", url: "https://h/x", secret: undefined }, REPORT, "en", NOW);
    assert.ok(!("sign" in JSON.parse(request!.body)));
  });
  test("Telegram: sendMessage of the bot, HTML escaped, in the site's language", () => {
    const [request] = requestsFor({ service: "telegram", name: "t", token: "1:ab", chatId: 42, api: "https://api.telegram.org/" }, REPORT, "en", NOW);
    assert.equal(request!.url, "https://api.telegram.org/bot1:ab/sendMessage");
    assert.deepEqual(JSON.parse(request!.body), { chat_id: 42, text: '<b>周报 &lt;b&gt;&amp;</b>\n\n摘要 *粗* [x](y)\n\n<a href="https://w.example/posts/a/">Read it</a>', parse_mode: "HTML" });
  });
});

describe("requestsFor: what would break a format stays text", () => {
  const odd: Announcement = { ...REPORT, url: 'https://w.example/posts/a|b>c"d/', summary: "长".repeat(5000) };
  test("Slack: | and > in the address encoded; Telegram: the address's quote escaped; a long summary cut with …", () => {
    const slack = JSON.parse(requestsFor({ service: "slack", name: "s", url: "https://h/x" }, odd, "zh", NOW)[0]!.body) as { text: string };
    assert.ok(slack.text.startsWith("*<https://w.example/posts/a%7Cb%3Ec\"d/|"), slack.text.slice(0, 60));
    assert.equal([...slack.text.split("\n")[1]!].length, 1000);
    assert.ok(slack.text.endsWith("…"));
    const telegram = JSON.parse(requestsFor({ service: "telegram", name: "t", token: "1:a", chatId: 1, api: "https://h" }, odd, "zh", NOW)[0]!.body) as { text: string };
    assert.ok(telegram.text.includes('<a href="https://w.example/posts/a|b&gt;c&quot;d/">'), telegram.text.slice(-80));
  });
  test("a hub address with a user name or password is refused: the feeds would publish it", () => {
    assert.throws(() => resolveOptions({ notify: [{ service: "websub", hub: "https://user:pass@hub.example/" }] }), /weekly plugin option notify/);
  });
});

describe("answerError: what each service's answer says", () => {
  const cases: Array<[Channel["service"], number, string, string | undefined]> = [
    ["slack", 200, "ok", undefined],
    ["slack", 403, "invalid_token", "HTTP 403: invalid_token"],
    ["discord", 204, "", undefined],
    ["feishu", 200, '{"code":0,"msg":"success"}', undefined],
    ["feishu", 200, '{"code":19021,"msg":"sign match fail"}', "code 19021: sign match fail"],
    ["dingtalk", 200, '{"errcode":310000,"errmsg":"sign not match"}', "errcode 310000: sign not match"],
    ["wecom", 200, '{"errcode":0,"errmsg":"ok"}', undefined],
    ["telegram", 400, '{"ok":false,"description":"Bad Request: chat not found"}', "HTTP 400: Bad Request: chat not found"],
    ["websub", 204, "", undefined],
  ];
  for (const [service, status, body, expected] of cases) test(`${service} ${status} ${body || "(empty)"} → ${expected ?? "taken"}`, () => assert.equal(answerError(service, status, body), expected));
});

describe("masker", () => {
  test("every secret the option names, and a webhook URL's token, become ***; the service names do not", () => {
    const opts = resolveOptions({ notify: [{ service: "slack", urlEnv: "S" }, { service: "telegram", tokenEnv: "T", chatId: 1 }, { service: "webhook", urlEnv: "W" }] });
    const env = { S: "https://hooks.slack.com/services/T000/B000/abcdefghijklmnopqrstu", T: "123:tokentokentoken", W: "https://example.org/webhook" };
    const mask = masker([{ service: "slack", name: "slack", url: env.S }, { service: "webhook", name: "webhook", url: env.W }], env, opts);
    assert.equal(mask(`POST ${env.S} and bot${env.T} via webhook; abcdefghijklmnopqrstu`), "POST *** and bot*** via webhook; ***");
  });
});

describe("the record", () => {
  test("none yet is empty; a damaged one is an error, never an empty record; it is written whole", async () => {
    const dir = copySite("notify");
    const file = join(dir, "notify.json");
    const none = await readRecord(file);
    assert.deepEqual([none.version, Object.keys(none.channels)], [1, []]);
    writeFileSync(file, '{"version": 2}');
    await assert.rejects(readRecord(file));
    await writeRecord(file, { version: 1, channels: { slack: { since: "2026-02-01T00:00:00.000+08:00", sent: { "/a/": "x" } } } });
    assert.deepEqual({ ...(await readRecord(file)).channels.slack!.sent }, { "/a/": "x" });
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith(".partial")), []);
  });
});

describe("deliver: retries", () => {
  const request = { url: "http://127.0.0.1:9/x", headers: {}, body: "{}" };
  test("a 500, then a 429 with Retry-After, then the answer: three tries, the waits 1 s then as asked", async () => {
    const answers = [new Response("no", { status: 500 }), new Response("slow", { status: 429, headers: { "retry-after": "3" } }), new Response("ok", { status: 200 })];
    const waits: number[] = [];
    const result = await deliver(request, { fetch: async () => answers.shift()!, sleep: async (ms) => void waits.push(ms), deadline: performance.now() + 60_000, retries: 3 });
    assert.deepEqual([result, waits], [{ ok: true, status: 200, body: "ok" }, [1000, 3000]]);
  });
  test("a network error each time: the error, after the retries", async () => {
    const result = await deliver(request, { fetch: async () => Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") })), sleep: async () => {}, deadline: performance.now() + 60_000, retries: 2 });
    assert.deepEqual(result, { ok: false, status: undefined, body: "", error: "connect ECONNREFUSED" });
  });
  test("a service's \"too fast\" in a 200 answer (飞书 11232, 钉钉 130101, 企业微信 45009) is tried again, as a 429", async () => {
    for (const [service, busy] of [["feishu", '{"code":11232,"msg":"frequency limited"}'], ["dingtalk", '{"errcode":130101,"errmsg":"send too fast"}'], ["wecom", '{"errcode":45009,"errmsg":"api freq out of limit"}']] as const) {
      assert.equal(isBusy(service, busy), true, service);
      const answers = [new Response(busy, { status: 200 }), new Response('{"code":0,"errcode":0}', { status: 200 })];
      const waits: number[] = [];
      const result = await deliver(request, { fetch: async () => answers.shift()!, sleep: async (ms) => void waits.push(ms), deadline: performance.now() + 60_000, retries: 3, busy: (_, body) => isBusy(service, body) });
      assert.deepEqual([result.ok, waits], [true, [1000]], service);
    }
    assert.equal(isBusy("slack", '{"errcode":45009}'), false);
  });
  test("a 4xx is the answer: no retry", async () => {
    let calls = 0;
    const result = await deliver(request, { fetch: async () => (calls++, new Response("bad", { status: 400 })), sleep: async () => {}, deadline: performance.now() + 60_000, retries: 3 });
    assert.deepEqual([result.ok, calls], [true, 1]);
  });
});


describe("the feeds name the WebSub hub that weekly notify pings", () => {
  const opts = resolveOptions({ site: { url: "https://w.example" }, notify: [{ service: "websub", hub: "https://hub.example/" }] });
  test('Atom: <link rel="hub">; JSON Feed: hubs', () => {
    assert.match(atomFeed([], opts, { url: "/feed.xml", page: "/" }, () => ({}) as never), /\n {2}<link href="https:\/\/hub\.example\/" rel="hub"\/>\n/);
    assert.deepEqual((JSON.parse(jsonFeed([], opts, "/feed.json")) as { hubs: unknown }).hubs, [{ type: "WebSub", url: "https://hub.example/" }]);
  });
  test("without a websub channel, no hub", () => {
    const plain = resolveOptions({ site: { url: "https://w.example" } });
    assert.ok(!atomFeed([], plain, { url: "/feed.xml", page: "/" }, () => ({}) as never).includes('rel="hub"'));
    assert.ok(!("hubs" in (JSON.parse(jsonFeed([], plain, "/feed.json")) as object)));
  });
});
