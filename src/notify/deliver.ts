// One request to a service, with retries: a network error, 429, a 5xx or a "too fast" in the body is tried again after 1, 2,
// 4 … seconds (or the service's Retry-After), within one deadline for the channel; any other answer
// is final. `fetch` and `sleep` are passed in (tests answer from 127.0.0.1 and wait no real time).
import type { OutgoingRequest } from "./messages.js";

export interface DeliveryOptions {
  fetch: typeof globalThis.fetch;
  sleep: (ms: number) => Promise<void>;
  /** When the channel's time is up (performance.now() milliseconds). */
  deadline: number;
  retries: number;
  /** An answer that says "too fast" though its status is 200 (飞书, 钉钉, 企业微信 put it in the body): tried again like a 429. */
  busy?: (status: number, body: string) => boolean;
}

export type Delivery = { ok: true; status: number; body: string } | { ok: false; status: number | undefined; body: string; error: string };

const FIRST_WAIT_MS = 1000;

export async function deliver(request: OutgoingRequest, options: DeliveryOptions): Promise<Delivery> {
  let last: Delivery = { ok: false, status: undefined, body: "", error: "not sent" };
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    const left = options.deadline - performance.now();
    if (left <= 0) return { ...last, ok: false, error: last.ok ? "timed out" : `${last.error} (timed out)` };
    let retryAfter: number | undefined;
    try {
      const response = await options.fetch(request.url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(Math.ceil(left)), redirect: "error" });
      const body = await response.text();
      if (response.status !== 429 && response.status < 500 && !options.busy?.(response.status, body)) return { ok: true, status: response.status, body };
      last = { ok: false, status: response.status, body, error: `HTTP ${response.status}` };
      const header = response.headers.get("retry-after");
      if (header !== null && /^\d+$/.test(header.trim())) retryAfter = Number(header) * 1000;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      last = { ok: false, status: undefined, body: "", error: cause instanceof Error ? cause.message : String(cause) };
    }
    if (attempt === options.retries) break;
    const wait = retryAfter ?? FIRST_WAIT_MS * 2 ** attempt;
    if (performance.now() + wait >= options.deadline) break;
    await options.sleep(wait);
  }
  return last;
}
