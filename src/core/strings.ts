// The words a reader sees that the plugin writes itself (the layouts hold the rest): page titles,
// navigation, notices and labels, in one place for the site's language.
export const UI = {
  /** The header's links to the plugin's pages. */
  nav: { archive: "归档", tagIndex: "标签", digestIndex: "新闻摘要", search: "搜索" },
  /** The titles of the pages the plugin adds. */
  titles: {
    tagIndex: "全部标签",
    archive: "归档",
    digestIndex: "每周新闻摘要",
    search: "搜索",
    notFound: "页面不存在",
    tag: (name: string) => `标签：${name}`,
  },
  /** A digest without a title of its own. */
  digestTitle: (week: string) => `${week} 新闻摘要`,
  /** The notice on a page a preview shows before it goes live. */
  notice: { scheduled: (moment: string) => `定时发布 ${moment}`, draft: "草稿" },
  readingTime: (minutes: number) => `约 ${minutes} 分钟`,
} as const;
