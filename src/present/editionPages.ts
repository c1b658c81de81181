// The preview's edition pages: each report's editions that have one (editions/registry.ts) shown
// as they will look (a whole document, the email, in a sandboxed frame: nothing in it runs),
// with a 复制 button that puts the edition (HTML, and its plain text) on the clipboard. Only a
// preview has them: a production build gives them no address. Their pictures are the files
// `weekly export` sends, at the same sizes (editions/pictures.ts).

import { EDITIONS_FOLDER } from "../core/addresses.js";

/** An edition a preview gives a page (editions/registry.ts holds them: this layer is below it). */
export interface PreviewEdition {
  name: string;
  label: string;
}

/** `/posts/2026-W07-ai-weekly/` → `/posts/2026-W07-ai-weekly/editions/email/`. */
export function editionUrl(reportUrl: string, name: string): string {
  return `${reportUrl}${EDITIONS_FOLDER}/${name}/`;
}

/** The links a previewed report shows to its editions. */
export function editionLinks(reportUrl: string, editions: readonly PreviewEdition[]): Array<{ label: string; url: string }> {
  return editions.map(({ name, label }) => ({ label, url: editionUrl(reportUrl, name) }));
}

/** What the page puts on the clipboard, as JSON that cannot end its `<script>` element. */
export function clipboardJson(edition: { html: string; text: string }): string {
  return JSON.stringify(edition).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const STYLE = `body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#eceff1;color:#1d1d1f}
.edition-bar{position:sticky;top:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:#fdfdfc;border-bottom:1px solid #e3e3e0}
.edition-bar a{color:#0b57d0}.edition-bar nav{display:flex;gap:.75rem}.edition-bar [aria-current]{font-weight:600;color:#1d1d1f;text-decoration:none}
.edition-bar button{font:inherit;padding:.3rem 1rem;border:1px solid #0b57d0;border-radius:4px;background:#0b57d0;color:#fff;cursor:pointer}
.edition-bar [role=status]{color:#5f6368}.edition-removed{flex-basis:100%;margin:0;color:#9a4f00}
main{max-width:680px;margin:1rem auto;padding:0 .5rem}
.edition-frame{display:block;width:100%;height:80vh;border:0;background:#fff}
.edition-wechat{max-width:578px;margin:0 auto;padding:16px;background:#fff}`;

const SCRIPT = `(() => {
  const edition = JSON.parse(document.getElementById("edition-data").textContent);
  const status = document.getElementById("copy-status");
  const frame = document.querySelector(".edition-frame");
  if (frame) frame.addEventListener("load", () => { frame.style.height = frame.contentDocument.documentElement.scrollHeight + "px"; });
  document.getElementById("copy-edition").addEventListener("click", async () => {
    try {
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([edition.html], { type: "text/html" }),
        "text/plain": new Blob([edition.text], { type: "text/plain" }),
      })]);
      status.textContent = "已复制，可以粘贴了";
    } catch (error) {
      status.textContent = "复制失败：" + error.message;
    }
  });
})();`;

/** Before the list of what the editions' allow-list removed from the report's raw HTML (editions/sanitize.ts). */
const REMOVED_NOTE = "各版本删去了无法保留的 HTML：";

/** The page of one edition of one report; `weeklyEdition` gives its HTML, text and links. */
export const EDITION_PAGE = `{%- set edition = report | weeklyEdition(editionFormat) -%}
<!doctype html>
<html lang="{{ weekly.site.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ edition.label | escape }}预览 · {{ edition.title | escape }}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="edition-bar">
  <a href="{{ report.url }}">← 返回周报</a>
  <nav aria-label="版本">
    {%- for link in edition.links %}
    <a href="{{ link.url }}"{% if link.label == edition.label %} aria-current="page"{% endif %}>{{ link.label }}</a>
    {%- endfor %}
  </nav>
  <button type="button" id="copy-edition">复制</button>
  <span id="copy-status" role="status"></span>
  {%- if edition.removed.length > 0 %}
  <p class="edition-removed" role="note">${REMOVED_NOTE}{% for what in edition.removed %}<code>{{ what | escape }}</code>{% if not loop.last %}；{% endif %}{% endfor %}</p>
  {%- endif %}
</header>
<main>
{%- if edition.document %}
<iframe class="edition-frame" title="{{ edition.label | escape }}：{{ edition.title | escape }}" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" srcdoc="{{ edition.html | escape }}"></iframe>
{%- else %}
<div class="edition-wechat">{{ edition.html | safe }}</div>
{%- endif %}
</main>
<script type="application/json" id="edition-data">{{ edition.json | safe }}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
