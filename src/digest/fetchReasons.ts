// Why a source's feed could not be fetched, in the author's two languages: `weekly digest` prints
// the reason on the source's line and leaves it in the digest's note (write.ts). A status line,
// a URL or a network library's own message stays as it came.
import { inChinese as zh, inEnglish as en, type Said } from "../core/show.js";

/** `20 s`, `0.3 s` (the same in Chinese technical writing). */
export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** Sizes in decimal units, as people say them (as http.ts counts them). */
const [KB, MB] = [1000, 1000 * 1000];

/** `999 bytes` (`999 字节`), `64 KB`, `20 MB`. */
const size = (bytes: number): Said =>
  bytes < KB ? { en: `${bytes} bytes`, zh: `${bytes} 字节` } : bytes < MB ? `${Number((bytes / KB).toFixed(1))} KB` : `${Number((bytes / MB).toFixed(1))} MB`;


export const REASONS = {
  notUrl: (url: string): Said => ({ en: `not a URL: ${JSON.stringify(url)}`, zh: `不是 URL：${JSON.stringify(url)}` }),
  notHttp: (href: string): Said => ({ en: `not an http or https URL: ${href}`, zh: `不是 http 或 https 的 URL：${href}` }),
  offline: { en: "no cached response to work from offline", zh: "没有缓存的响应可供离线使用" } as Said,
  timedOut: (ms: number): Said => ({ en: `timed out after ${seconds(ms)}`, zh: `${seconds(ms)} 后超时` }),
  tooManyRedirects: (most: number, last: string): Said => ({ en: `more than ${most} redirects (the last to ${last})`, zh: `重定向超过 ${most} 次（最后一次到 ${last}）` }),
  retryAfterPast: (reason: Said, shown: string, timeoutMs: number): Said => ({
    en: `${en(reason)} (Retry-After ${shown} is past the ${seconds(timeoutMs)} timeout)`,
    zh: `${zh(reason)}（Retry-After ${shown} 超出了 ${seconds(timeoutMs)} 的超时）`,
  }),
  /** A redirect refused: where it led (`host` when the URL named one), and the source's own address. */
  refusedRedirect: (href: string, host: string | undefined, target: Said, source: Said): Said => ({
    en: `refused the redirect to ${href}: ${host === undefined ? en(target) : `${host} is at ${en(target)}`}, and the source's feed is on ${en(source)}; a redirect may lead only to a public address or to the kind of address its source is on`,
    zh: `拒绝了到 ${href} 的重定向：${host === undefined ? zh(target) : `${host} 在 ${zh(target)}`}，而这个来源的订阅源在 ${zh(source)}；重定向只能通向公网地址，或与来源同一类的地址`,
  }),
  withoutLocation: (status: string): Said => ({ en: `${status} without a Location`, zh: `${status}，但没有 Location` }),
  locationNotUrl: (status: string, location: string): Said => ({ en: `${status} to ${JSON.stringify(location)}, which is not a URL`, zh: `${status} 指向 ${JSON.stringify(location)}，它不是 URL` }),
  redirectNotHttp: (href: string): Said => ({ en: `redirected to a URL that is not http or https: ${href}`, zh: `重定向到了不是 http 或 https 的 URL：${href}` }),
  notModifiedUncached: (status: string): Said => ({ en: `${status} to a request that had no cached response`, zh: `${status}，但请求并没有缓存的响应` }),
  tooLarge: (most: number, contentLength?: number): Said => ({
    en: `larger than ${en(size(most))}${contentLength === undefined ? "" : ` (Content-Length ${contentLength})`}`,
    zh: `大于 ${zh(size(most))}${contentLength === undefined ? "" : `（Content-Length ${contentLength}）`}`,
  }),
  /** A network error's own message (`connect ECONNREFUSED …`), as the network library wrote it. */
  network: (message: string): Said => ({ en: `network error: ${message}`, zh: `网络错误：${message}` }),
  /** A source that threw while it was read: the error's own message. */
  unreadable: (message: string): Said => ({ en: `could not be read (${message})`, zh: `无法读取（${message}）` }),
  /** The response read as a feed but could not be kept in the cache. */
  notKept: (message: string): Said => ({ en: `its response could not be kept for --offline (${message})`, zh: `它的响应没能保存下来供 \`--offline\` 使用（${message}）` }),
};
