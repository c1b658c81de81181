// The page a browser shows for an Atom feed of the site (`/feed.xsl`, named by each feed's
// `<?xml-stylesheet?>`): a reader who clicks 订阅 sees what a feed is, the address to copy into a
// feed reader and the latest reports, in the site's own stylesheet, instead of raw XML. Feed
// readers ignore it; browsers are phasing XSLT out, and then show the XML as before.

export { FEED_STYLESHEET_URL } from "../core/addresses.js";

/** The base layout's icon: without one the browser asks for /favicon.ico, which the site does not have. */
const ICON = "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%20viewBox%3D%220%200%2032%2032%22%3E%3Crect%20width%3D%2232%22%20height%3D%2232%22%20rx%3D%226%22%20fill%3D%22%230b57d0%22%2F%3E%3C%2Fsvg%3E";

/** CSS as XML text: the stylesheet may hold `<`, `>` or `&` (in a selector, a string, a comment). */
function xmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
}

/**
 * XSLT 1.0 (the version browsers run) of any Atom feed the plugin writes, with the site's `css`.
 * Everything from the feed is written with `xsl:value-of` or in attributes, so it stays text:
 * the entries' HTML content is never shown, only their summary, and a link that is not http(s)
 * is shown without its address.
 */
export function feedStylesheet(css: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:variable name="feed" select="/atom:feed"/>
  <xsl:variable name="self" select="$feed/atom:link[@rel = 'self'][1]/@href"/>
  <xsl:variable name="home" select="$feed/atom:link[not(@rel) or @rel = 'alternate'][1]/@href"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$feed/atom:title"/>（订阅源）</title>
        <link rel="icon" href="${ICON}"/>
        <style>${xmlText(css)}</style>
      </head>
      <body>
        <header class="site-header">
          <xsl:call-template name="link">
            <xsl:with-param name="href" select="$home"/>
            <xsl:with-param name="class" select="'site-title'"/>
            <xsl:with-param name="text" select="'返回网站'"/>
          </xsl:call-template>
        </header>
        <main>
          <h1 class="page-title" lang="{$feed/@xml:lang}"><xsl:value-of select="$feed/atom:title"/></h1>
          <xsl:if test="$feed/atom:subtitle">
            <p class="lede" lang="{$feed/@xml:lang}"><xsl:value-of select="$feed/atom:subtitle"/></p>
          </xsl:if>
          <section class="feed-about" aria-labelledby="feed-about-title">
            <h2 id="feed-about-title">这是一个订阅源</h2>
            <p>这是一个订阅源（Atom），给阅读器读的，你在浏览器里看到的是它的预览。复制下面的地址到阅读器（支持 RSS 或 Atom 的应用）中订阅，有新报告时阅读器会自动收到。</p>
            <p class="feed-url">订阅地址：<xsl:call-template name="link">
              <xsl:with-param name="href" select="$self"/>
              <xsl:with-param name="class" select="'feed-subscribe'"/>
              <xsl:with-param name="text" select="$self"/>
            </xsl:call-template></p>
          </section>
          <section aria-labelledby="feed-entries-title">
            <h2 id="feed-entries-title">最新 <xsl:value-of select="count($feed/atom:entry)"/> 篇报告</h2>
            <xsl:if test="not($feed/atom:entry)"><p>还没有发布的报告。</p></xsl:if>
            <ol class="report-list">
              <xsl:for-each select="$feed/atom:entry">
                <li>
                  <article>
                    <h3>
                      <xsl:call-template name="link">
                        <xsl:with-param name="href" select="atom:link[not(@rel) or @rel = 'alternate'][1]/@href"/>
                        <xsl:with-param name="text" select="atom:title"/>
                      </xsl:call-template>
                    </h3>
                    <xsl:if test="atom:published">
                      <p class="meta"><time datetime="{substring(atom:published, 1, 10)}"><xsl:value-of select="concat(substring(atom:published, 1, 4), '年', number(substring(atom:published, 6, 2)), '月', number(substring(atom:published, 9, 2)), '日')"/></time></p>
                    </xsl:if>
                    <xsl:if test="atom:summary"><p class="excerpt"><xsl:value-of select="atom:summary"/></p></xsl:if>
                  </article>
                </li>
              </xsl:for-each>
            </ol>
          </section>
        </main>
        <footer class="site-footer">
          <p><xsl:value-of select="$feed/atom:author/atom:name"/> · 订阅源（Atom）</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A link to an http(s) address; any other address is left out and the text shown alone. -->
  <xsl:template name="link">
    <xsl:param name="href"/>
    <xsl:param name="text"/>
    <xsl:param name="class" select="''"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, 'https://') or starts-with($href, 'http://')">
        <a href="{$href}">
          <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
          <xsl:value-of select="$text"/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
`;
}
