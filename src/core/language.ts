// The language of what the plugin and the `weekly` command print: Chinese for a site whose language
// is Chinese (`site.language` zh, zh-CN, zh-Hans…), English otherwise; `WEEKLY_LANG` (zh or en, or
// a tag such as zh-CN) chooses either way. Codes, file:line:column and `--format json` keys are the
// same in both.
export type Language = "zh" | "en";

/** The language to print in, from the site's language and `WEEKLY_LANG` (which wins when it names zh or en). */
export function messageLanguage(siteLanguage: string | undefined, override: string | undefined): Language {
  const chosen = override?.trim().toLowerCase();
  if (chosen !== undefined && /^zh\b/.test(chosen)) return "zh";
  if (chosen !== undefined && /^en\b/.test(chosen)) return "en";
  return /^zh\b/i.test(siteLanguage ?? "") ? "zh" : "en";
}

/**
 * The language of what the `weekly` command prints before it has read a site (its help, its
 * complaints about the command line, a folder with no site): `WEEKLY_LANG`, else the locale
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`: `zh_CN.UTF-8` is Chinese), else English.
 */
export function localeLanguage(env: Record<string, string | undefined>): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value.trim() !== "");
  return messageLanguage(/^zh(?:[-_.@]|$)/i.test(locale ?? "") ? "zh" : "en", env.WEEKLY_LANG);
}
