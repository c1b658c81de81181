// The `notify` option's channels with their secrets read from the environment, and the mask that
// keeps those secrets out of everything `weekly notify` prints.
import type { ResolvedOptions } from "../core/options.js";
import type { Channel } from "./messages.js";

/** A channel whose secret's variable is not set: named, with the variable. */
export interface MissingSecret {
  name: string;
  variable: string;
}

export function channelsOf(opts: ResolvedOptions, env: Record<string, string | undefined>): { channels: Channel[]; missing: MissingSecret[] } {
  const channels: Channel[] = [];
  const missing: MissingSecret[] = [];
  const feeds = [opts.feeds.atom, opts.feeds.json].filter((feed): feed is string => feed !== false).map((feed) => `${opts.site.url}${feed}`);
  for (const given of opts.notify) {
    const name = given.name ?? given.service;
    const read = (variable: string) => {
      const value = env[variable]?.trim();
      if (value === undefined || value === "") missing.push({ name, variable });
      return value === "" ? undefined : value;
    };
    switch (given.service) {
      case "webhook":
      case "slack":
      case "discord":
      case "wecom": {
        const url = read(given.urlEnv);
        if (url !== undefined) channels.push({ service: given.service, name, url });
        break;
      }
      case "feishu":
      case "dingtalk": {
        const url = read(given.urlEnv);
        const secret = given.secretEnv === undefined ? undefined : read(given.secretEnv);
        if (url !== undefined && (given.secretEnv === undefined || secret !== undefined)) channels.push({ service: given.service, name, url, secret });
        break;
      }
      case "telegram": {
        const token = read(given.tokenEnv);
        if (token !== undefined) channels.push({ service: "telegram", name, token, chatId: given.chatId, api: given.api });
        break;
      }
      case "websub":
        channels.push({ service: "websub", name, hub: given.hub, feeds });
        break;
    }
  }
  return { channels, missing };
}

/** A part of a webhook URL this long is taken for its token (`hooks`, `robot`, `send` are not). */
const MIN_TOKEN = 12;

/** Secrets shorter than this are not masked (they would hide ordinary words); none the services issue is. */
const MIN_SECRET = 6;

/** Replaces every secret the option names (as set in the environment), and each URL's query and path past its host, with `***`. */
export function masker(channels: readonly Channel[], env: Record<string, string | undefined>, opts: ResolvedOptions): (text: string) => string {
  const secrets = new Set<string>();
  for (const given of opts.notify) {
    for (const variable of ["urlEnv", "secretEnv", "tokenEnv"] as const) {
      const name = (given as Partial<Record<typeof variable, string>>)[variable];
      const value = name === undefined ? undefined : env[name]?.trim();
      if (value !== undefined && value.length >= MIN_SECRET) secrets.add(value);
    }
  }
  for (const channel of channels) {
    if ("url" in channel) {
      // A webhook URL's path and query are its token: the host alone is shown.
      secrets.add(channel.url);
      if (URL.canParse(channel.url)) {
        const { pathname, search } = new URL(channel.url);
        for (const part of [pathname, search, ...pathname.split("/"), ...new URLSearchParams(search).values()]) if (part.length >= MIN_TOKEN) secrets.add(part);
      }
    }
  }
  // Longest first: a URL goes before the token inside it.
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((masked, secret) => masked.split(secret).join("***"), text);
}
