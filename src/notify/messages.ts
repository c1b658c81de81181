// What `weekly notify` sends to each service about one report: the request (address, headers, body)
// in that service's own format, with the report's text escaped for that format. Pure: the report,
// the channel, its secrets and the clock in; the request out. Each format is the one its service
// documents for an incoming webhook or bot:
// - Slack: incoming webhook, `text` in mrkdwn (`&`, `<`, `>` escaped), with a section block and the card.
// - Discord: webhook, an embed (title, description, url, image); no mention is ever parsed.
// - 飞书 (Feishu/Lark): custom bot, `msg_type: "post"` rich text of text and link elements; with a
//   secret, `timestamp` and `sign` = base64(HMAC-SHA256(key: `timestamp\nsecret`, message: "")).
// - 钉钉 (DingTalk): custom robot, `msgtype: "link"` (title, text, messageUrl, picUrl); with a
//   secret, `&timestamp=…&sign=…` on the URL, sign = base64(HMAC-SHA256(key: secret, `timestamp\nsecret`)).
// - 企业微信 (WeCom): group robot, `msgtype: "news"`, one article with its picture.
// - Telegram: Bot API `sendMessage`, `parse_mode: "HTML"` (`&`, `<`, `>` escaped).
// - webhook: a JSON POST of the report's fields. WebSub: the hub's publish ping for each feed.
import { createHmac } from "node:crypto";
import type { Language } from "../core/language.js";
import { escapeAttribute } from "../content/images.js";

/** A report as every message shows it. */
export interface Announcement {
  title: string;
  /** The description, else the excerpt. */
  summary: string;
  url: string;
  /** The social card's absolute URL, when the site has cards. */
  card: string | undefined;
  week: string | undefined;
  /** `2026-02-05`. */
  date: string | undefined;
  tags: string[];
}

/** A channel as the option gives it, its secrets read from the environment. */
export type Channel =
  | { service: "webhook" | "slack" | "discord" | "wecom"; name: string; url: string }
  | { service: "feishu" | "dingtalk"; name: string; url: string; secret: string | undefined }
  | { service: "telegram"; name: string; token: string; chatId: string | number; api: string }
  | { service: "websub"; name: string; hub: string; feeds: string[] };

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };
const READ_MORE: Record<Language, string> = { zh: "阅读全文", en: "Read it" };

/** Slack's mrkdwn and Telegram's HTML: the three characters that would be markup. */
const escapeMarkup = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** A URL inside Slack's `<url|text>`: `|` and `>` would end it. */
const slackUrl = (url: string) => url.replace(/\|/g, "%7C").replace(/>/g, "%3E");
/**
 * The longest summary sent: far more than a chat shows, and within every service's limits (Slack's
 * section of 3000 characters, Telegram's message of 4096, Discord's description of 4096).
 */
const SUMMARY_LIMIT = 1000;
/** At most `limit` characters (whole code points), `…` marking a cut. */
const cut = (text: string, limit: number) => ([...text].length <= limit ? text : `${[...text].slice(0, limit - 1).join("")}…`);
/** Discord's Markdown: each character that would format, link or quote, backslashed. */
const escapeDiscord = (text: string) => text.replace(/([\\*_~`|>#[\]()<@:-])/g, "\\$1");

/** The requests that announce one report on one channel (one, or one per feed for WebSub). */
export function requestsFor(channel: Channel, given: Announcement, language: Language, now: Date): OutgoingRequest[] {
  const more = READ_MORE[language];
  const report = { ...given, title: cut(given.title, 200), summary: cut(given.summary.trim() || given.title, SUMMARY_LIMIT) };
  const json = (url: string, body: unknown): OutgoingRequest => ({ url, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) });
  switch (channel.service) {
    case "webhook":
      return [json(channel.url, { event: "report.published", title: report.title, summary: report.summary, url: report.url, card: report.card ?? null, week: report.week ?? null, date: report.date ?? null, tags: report.tags, language })];
    case "slack": {
      const text = `*<${slackUrl(report.url)}|${escapeMarkup(report.title)}>*\n${escapeMarkup(report.summary)}`;
      const section = { type: "section", text: { type: "mrkdwn", text }, ...(report.card ? { accessory: { type: "image", image_url: report.card, alt_text: report.title } } : {}) };
      return [json(channel.url, { text, blocks: [section], unfurl_links: false })];
    }
    case "discord":
      return [json(channel.url, { allowed_mentions: { parse: [] }, embeds: [{ title: report.title, description: escapeDiscord(report.summary), url: report.url, ...(report.card ? { image: { url: report.card } } : {}) }] })];
    case "feishu": {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const signed = channel.secret === undefined ? {} : { timestamp, sign: feishuSign(timestamp, channel.secret) };
      const content = [[{ tag: "text", text: report.summary }], [{ tag: "a", text: more, href: report.url }]];
      return [json(channel.url, { ...signed, msg_type: "post", content: { post: { [language === "zh" ? "zh_cn" : "en_us"]: { title: report.title, content } } } })];
    }
    case "dingtalk": {
      const timestamp = String(now.getTime());
      const url = channel.secret === undefined ? channel.url : `${channel.url}${channel.url.includes("?") ? "&" : "?"}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(timestamp, channel.secret))}`;
      return [json(url, { msgtype: "link", link: { title: report.title, text: report.summary, messageUrl: report.url, ...(report.card ? { picUrl: report.card } : {}) } })];
    }
    case "wecom":
      return [json(channel.url, { msgtype: "news", news: { articles: [{ title: report.title, description: report.summary, url: report.url, ...(report.card ? { picurl: report.card } : {}) }] } })];
    case "telegram": {
      const text = `<b>${escapeMarkup(report.title)}</b>\n\n${escapeMarkup(report.summary)}\n\n<a href="${escapeAttribute(report.url)}">${more}</a>`;
      return [json(`${channel.api.replace(/\/+$/, "")}/bot${channel.token}/sendMessage`, { chat_id: channel.chatId, text, parse_mode: "HTML" })];
    }
    case "websub":
      return channel.feeds.map((feed) => ({ url: channel.hub, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ "hub.mode": "publish", "hub.url": feed }).toString() }));
  }
}

/** 飞书's signature of a custom bot's message: the key is the timestamp and the secret, the message empty. */
export const feishuSign = (timestamp: string, secret: string) => createHmac("sha256", `${timestamp}\n${secret}`).update("").digest("base64");

/** 钉钉's signature of a custom robot's request: the timestamp and the secret, signed with the secret. */
export const dingtalkSign = (timestamp: string, secret: string) => createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");

/** The codes with which 飞书 (11232), 钉钉 (130101) and 企业微信 (45009) answer a bot that sends too fast, with HTTP 200. */
const BUSY_CODES: Partial<Record<Channel["service"], { key: string; code: number }>> = {
  feishu: { key: "code", code: 11232 },
  dingtalk: { key: "errcode", code: 130101 },
  wecom: { key: "errcode", code: 45009 },
};

/** Whether an answer is a service's "too fast": worth another try after a wait, as a 429 is. */
export function isBusy(service: Channel["service"], body: string): boolean {
  const busy = BUSY_CODES[service];
  if (!busy) return false;
  try {
    return (JSON.parse(body) as Record<string, unknown>)[busy.key] === busy.code;
  } catch {
    return false;
  }
}

/**
 * Whether a service's answer says the message was taken, and if not its own words. Slack answers
 * `ok`; Discord 204; 飞书 `{"code":0}`; 钉钉 and 企业微信 `{"errcode":0}`; Telegram `{"ok":true}`;
 * a webhook and a hub any 2xx.
 */
export function answerError(service: Channel["service"], status: number, body: string): string | undefined {
  const parsed = (() => {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  })();
  const said = (...keys: string[]) => keys.map((key) => parsed?.[key]).find((value) => typeof value === "string" && value !== "") as string | undefined;
  if (status < 200 || status >= 300) return `HTTP ${status}${said("msg", "errmsg", "description", "message", "error") ? `: ${said("msg", "errmsg", "description", "message", "error")}` : body.trim() ? `: ${body.trim().slice(0, 200)}` : ""}`;
  switch (service) {
    case "feishu":
      return parsed?.code === 0 || parsed?.StatusCode === 0 ? undefined : `code ${String(parsed?.code ?? "?")}: ${said("msg") ?? body.slice(0, 200)}`;
    case "dingtalk":
    case "wecom":
      return parsed?.errcode === 0 ? undefined : `errcode ${String(parsed?.errcode ?? "?")}: ${said("errmsg") ?? body.slice(0, 200)}`;
    case "telegram":
      return parsed?.ok === true ? undefined : said("description") ?? body.slice(0, 200);
    default:
      return undefined;
  }
}
