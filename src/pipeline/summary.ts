// The build's last word: how many reports and digests it published, and what waits.
import type { BuildState } from "./state.js";

export function buildSummary(state: BuildState) {
  const count = (kind: "report" | "digest") => [...(state.site?.pages.values() ?? [])].filter((p) => p.kind === kind).length;
  const waiting = [...state.heldBack.values()];
  return {
    preview: state.preview,
    reports: count("report"),
    digests: count("digest"),
    scheduled: waiting.flatMap((h) => (h.status.state === "scheduled" ? [{ path: h.path, at: h.status.at }] : [])),
    drafts: waiting.filter((h) => h.status.state === "draft").map((h) => h.path),
  };
}
