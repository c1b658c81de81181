// The words a reader sees that the plugin writes itself (the layouts hold the rest): page titles,
// navigation, notices and labels, in one place for the site's language.
export const UI = {
  /** The header's links to the plugin's pages. */
  nav: { archive: "归档", tagIndex: "标签", trends: "热词", digestIndex: "新闻摘要", search: "搜索" },
  /** The titles of the pages the plugin adds. */
  titles: {
    tagIndex: "全部标签",
    archive: "归档",
    digestIndex: "每周新闻摘要",
    search: "搜索",
    notFound: "页面不存在",
    trends: "热词与趋势",
    /** A year's page: `2026 年回顾`. */
    year: (year: number) => `${year} 年回顾`,
    tag: (name: string) => `标签：${name}`,
    /** A tag's page after the first: `标签：人工智能（第 2 页）`. */
    tagPage: (name: string, page: number) => `标签：${name}（第 ${page} 页）`,
  },
  /** A digest without a title of its own. */
  digestTitle: (week: string) => `${week} 新闻摘要`,
  /** The notice on a page a preview shows before it goes live. */
  notice: { scheduled: (moment: string) => `定时发布 ${moment}`, draft: "草稿" },
  /** Where a reader is in a list of pages: `第 2 页，共 3 页`. */
  pageOf: (page: number, count: number) => `第 ${page} 页，共 ${count} 页`,
  readingTime: (minutes: number) => `约 ${minutes} 分钟`,
} as const;
