// A report holding every construct an edition must carry, as the site would render it (every
// address absolute, no heading ids): the editions' tests read it.
import type { EditionReport } from "../../../src/editions/report.js";

export const SITE = "https://weekly.example.org";

export const EVERY_CONSTRUCT: EditionReport = {
  title: "2026年W07人工智能周报：Claude Opus 4.5专注推理",
  description: "本周导语：AI模型进入推理时代，代理（agent）开始承担多步任务。",
  week: "2026-W07",
  date: "2026年2月12日",
  isoDate: "2026-02-12",
  url: `${SITE}/posts/2026-W07-ai-weekly/`,
  digest: { url: `${SITE}/weekly_news/ai_news_2026-W07/`, title: "AI Weekly Digest — 2026-W07" },
  site: { title: "AI 周报", url: SITE, language: "zh-CN" },
  removed: [],
  pictures: [],
  picturesElsewhere: 0,
  html: `<p>本周导语：AI模型进入<strong>推理</strong>时代，<em>代理</em>开始承担多步任务；详见<a href="${SITE}/weekly_news/ai_news_2026-W07/">本周新闻摘要</a>。</p>
<hr>
<h2>模型迭代与能力升级</h2>
<ul>
<li>Claude Opus 4.5：着重节省 token（<a href="https://www.anthropic.com/news/claude-opus-4-5">官方公告</a>）。
<ul>
<li>嵌套一层：推理效率提升 <code>~30%</code>。
<ol>
<li>嵌套两层：上周的<a href="${SITE}/posts/2026-W06-ai-weekly/#模型迭代与能力升级">第六周周报</a>。</li>
</ol>
</li>
</ul>
</li>
<li>一个很长的英文链接：<a href="https://example.com/a/very/long/path/that/goes/on/and/on/for/ever/and/ever/2026/02/12/model-release-notes.html?utm_source=weekly">release notes</a></li>
</ul>
<h3>数据对比</h3>
<table>
<thead>
<tr><th>模型</th><th style="text-align:right">得分</th></tr>
</thead>
<tbody>
<tr><td>Opus 4.5</td><td style="text-align:right">92.1</td></tr>
<tr><td>开源模型</td><td style="text-align:right">88.4</td></tr>
</tbody>
</table>
<blockquote>
<p>“能力越强，责任越大。”——某实验室负责人</p>
</blockquote>
<pre tabindex="0"><code class="language-python">def score(model):
    return model.eval("推理")  # 一行很长的代码注释，用来测试代码块在窄屏上是否会撑破版面而不是换行或滚动显示
</code></pre>
<p><img src="${SITE}/posts/chart.png" alt="各模型得分柱状图"></p>
<div class="note" id="raw">作者写的原始 HTML：<span style="color:red">红字</span></div>
<p>恶意文本：&lt;script&gt;alert(1)&lt;/script&gt; 与 [假链接](javascript:alert(1)) 都应原样显示为文字。</p>
<h2>趋势展望</h2>
<ul>
<li>中英混排：Claude Opus 4.5专注于AI代理，GPT-5.1也在跟进。</li>
</ul>
`,
};
