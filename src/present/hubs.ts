// The WebSub hubs a site's feeds name (`<link rel="hub">`, JSON Feed's `hubs`): those of the
// `notify` option's websub channels, which `weekly notify` pings when a report goes live.
import type { ResolvedOptions } from "../core/options.js";

export function hubsOf(opts: Pick<ResolvedOptions, "notify">): string[] {
  return opts.notify.flatMap((channel) => (channel.service === "websub" ? [channel.hub] : []));
}
