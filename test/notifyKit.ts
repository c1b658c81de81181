// A server on 127.0.0.1 that plays every party `weekly notify` talks to: the deployed site (a
// report's page answers once it is marked live), Slack, Discord, 飞书, 钉钉, 企业微信, Telegram, a
// plain webhook and a WebSub hub. Each service's endpoint checks the request as the service
// documents it (method, path, headers, body, signature and timestamp) and answers as it does;
// what it took is kept, and what it found wrong is listed in `problems`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";

export const SECRETS = {
  slack: "/slack/services/T0ABCDEF1/B0ABCDEF2/slackSecretToken1234567890",
  discord: "/discord/api/webhooks/1234567890/discordSecretToken1234567890",
  feishu: "/feishu/open-apis/bot/v2/hook/feishu-hook-token-1234567890",
  feishuSecret: "feishuSigningSecret123",
  dingtalk: "/dingtalk/robot/send?access_token=dingtalkAccessToken1234567890",
  dingtalkSecret: "SECdingtalkSigningSecret1234567890",
  wecom: "/wecom/cgi-bin/webhook/send?key=wecom-key-1234567890-abcdef",
  telegramToken: "123456789:TelegramBotToken_abcdefghijklmnop",
  webhook: "/webhook/hook-secret-1234567890",
} as const;

export interface Taken {
  service: string;
  body: unknown;
  raw: string;
}

export interface ServicesServer {
  url: string;
  env: Record<string, string>;
  /** Report pages (`/posts/2026-W06-ai-weekly/`) that answer 200; any other page is 404. */
  live: Set<string>;
  taken: Taken[];
  problems: string[];
  /** Services that answer as when they refuse (their own error), or fail (500). */
  refusing: Set<string>;
  failing: Set<string>;
  /** Called with each message a service takes, before it answers. */
  onTaken?: (taken: Taken) => void;
  close(): Promise<void>;
}

const ONE_HOUR = 3600 * 1000;

export async function servicesServer(): Promise<ServicesServer> {
  const state = { live: new Set<string>(), taken: [] as Taken[], problems: [] as string[], refusing: new Set<string>(), failing: new Set<string>() };
  const server: Server = createServer((request, response) => void handle(request, response));
  const self: ServicesServer = {
    url: "",
    env: {},
    ...state,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "GET") {
      const ok = self.live.has(url.pathname);
      return void response.writeHead(ok ? 200 : 404, { "content-type": "text/html; charset=utf-8" }).end(ok ? "<!doctype html><title>周报</title>" : "not found");
    }
    const problem = (text: string) => self.problems.push(`${url.pathname}: ${text}`);
    if (request.method !== "POST") problem(`method ${request.method}`);
    const json = () => {
      if (!/^application\/json\b/.test(request.headers["content-type"] ?? "")) problem(`content-type ${request.headers["content-type"]}`);
      try {
        return JSON.parse(raw) as Record<string, unknown>;
      } catch {
        problem("body is not JSON");
        return {};
      }
    };
    const take = (service: string, body: unknown, answer: () => void, refusal: () => void) => {
      if (self.failing.has(service)) return void response.writeHead(500, { "content-type": "text/plain" }).end("internal error");
      if (self.refusing.has(service)) return refusal();
      const taken = { service, body, raw };
      self.taken.push(taken);
      self.onTaken?.(taken);
      answer();
    };
    const send = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const path = `${url.pathname}${url.search}`;
    if (url.pathname === SECRETS.webhook) {
      const body = json();
      for (const key of ["event", "title", "summary", "url", "card", "week", "date", "tags", "language"]) if (!(key in body)) problem(`webhook body has no ${key}`);
      return take("webhook", body, () => send(200, { ok: true }), () => send(400, { error: "refused" }));
    }
    if (url.pathname === SECRETS.slack) {
      const body = json();
      if (typeof body.text !== "string" || !Array.isArray(body.blocks)) problem("slack: text and blocks expected");
      return take("slack", body, () => void response.writeHead(200, { "content-type": "text/plain" }).end("ok"), () => void response.writeHead(403, { "content-type": "text/plain" }).end("invalid_token"));
    }
    if (url.pathname === SECRETS.discord) {
      const body = json();
      const embeds = body.embeds as Array<Record<string, unknown>> | undefined;
      if (!Array.isArray(embeds) || typeof embeds[0]?.title !== "string" || typeof embeds[0]?.url !== "string") problem("discord: an embed with title and url expected");
      if (JSON.stringify(body.allowed_mentions) !== JSON.stringify({ parse: [] })) problem("discord: mentions must not be parsed");
      return take("discord", body, () => void response.writeHead(204).end(), () => send(401, { message: "Invalid Webhook Token", code: 50027 }));
    }
    if (url.pathname === SECRETS.feishu) {
      const body = json();
      const timestamp = String(body.timestamp ?? "");
      const expected = createHmac("sha256", `${timestamp}\n${SECRETS.feishuSecret}`).update("").digest("base64");
      const fresh = Math.abs(Date.now() - Number(timestamp) * 1000) < ONE_HOUR;
      if (body.sign !== expected || !fresh) return void send(200, { code: 19021, msg: "sign match fail or timestamp is not within one hour from current time" });
      if (body.msg_type !== "post") problem("feishu: msg_type post expected");
      return take("feishu", body, () => send(200, { code: 0, msg: "success", data: {} }), () => send(200, { code: 19024, msg: "Key Words Not Found" }));
    }
    if (url.pathname === new URL(SECRETS.dingtalk, "http://x").pathname) {
      const body = json();
      const timestamp = url.searchParams.get("timestamp") ?? "";
      const expected = createHmac("sha256", SECRETS.dingtalkSecret).update(`${timestamp}\n${SECRETS.dingtalkSecret}`).digest("base64");
      if (url.searchParams.get("access_token") !== new URL(SECRETS.dingtalk, "http://x").searchParams.get("access_token")) problem("dingtalk: access_token");
      if (url.searchParams.get("sign") !== expected || Math.abs(Date.now() - Number(timestamp)) >= ONE_HOUR) return void send(200, { errcode: 310000, errmsg: "sign not match" });
      if (body.msgtype !== "link") problem("dingtalk: msgtype link expected");
      return take("dingtalk", body, () => send(200, { errcode: 0, errmsg: "ok" }), () => send(200, { errcode: 310000, errmsg: "keywords not in content" }));
    }
    if (path === SECRETS.wecom) {
      const body = json();
      if (body.msgtype !== "news") problem("wecom: msgtype news expected");
      return take("wecom", body, () => send(200, { errcode: 0, errmsg: "ok" }), () => send(200, { errcode: 93000, errmsg: "invalid webhook url" }));
    }
    if (url.pathname === `/telegram/bot${SECRETS.telegramToken}/sendMessage`) {
      const body = json();
      if (body.parse_mode !== "HTML" || body.chat_id !== "@ai_weekly" || typeof body.text !== "string") problem("telegram: chat_id, text and parse_mode HTML expected");
      return take("telegram", body, () => send(200, { ok: true, result: { message_id: 1 } }), () => send(400, { ok: false, error_code: 400, description: "Bad Request: chat not found" }));
    }
    if (url.pathname === "/hub") {
      if (request.headers["content-type"] !== "application/x-www-form-urlencoded") problem(`hub: content-type ${request.headers["content-type"]}`);
      const form = new URLSearchParams(raw);
      if (form.get("hub.mode") !== "publish" || !form.get("hub.url")) problem("hub: hub.mode=publish and hub.url expected");
      return take("websub", Object.fromEntries(form), () => void response.writeHead(204).end(), () => void response.writeHead(400).end("unknown topic"));
    }
    problem("no such endpoint");
    response.writeHead(404).end();
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self.url = base;
  self.env = {
    NOTIFY_SITE_URL: base,
    NOTIFY_WEBHOOK_URL: `${base}${SECRETS.webhook}`,
    NOTIFY_SLACK_URL: `${base}${SECRETS.slack}`,
    NOTIFY_DISCORD_URL: `${base}${SECRETS.discord}`,
    NOTIFY_FEISHU_URL: `${base}${SECRETS.feishu}`,
    NOTIFY_FEISHU_SECRET: SECRETS.feishuSecret,
    NOTIFY_DINGTALK_URL: `${base}${SECRETS.dingtalk}`,
    NOTIFY_DINGTALK_SECRET: SECRETS.dingtalkSecret,
    NOTIFY_WECOM_URL: `${base}${SECRETS.wecom}`,
    NOTIFY_TELEGRAM_TOKEN: SECRETS.telegramToken,
    NOTIFY_TELEGRAM_API: `${base}/telegram`,
    NOTIFY_HUB: `${base}/hub`,
  };
  return self;
}

/** Every secret value the tests set: none may appear in anything the command prints. */
export const SECRET_VALUES = [SECRETS.slack, SECRETS.discord, SECRETS.feishu, SECRETS.feishuSecret, SECRETS.dingtalk, SECRETS.dingtalkSecret, SECRETS.wecom, SECRETS.telegramToken, SECRETS.webhook, "slackSecretToken", "discordSecretToken", "dingtalkAccessToken", "TelegramBotToken"];
