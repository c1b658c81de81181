// How a message shows a value the author wrote.

/** A value as the author wrote it, for every message: JSON (one line, quoted), a Date as its ISO instant. */
export function show(value: unknown): string {
  return value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? String(value));
}

/** A part of a message its caller writes, in English and in Chinese; a plain string is the same in both (a path, a library's own words). */
export type Said = string | { en: string; zh: string };

/** The English of a part. */
export const inEnglish = (part: Said): string => (typeof part === "string" ? part : part.en);

/** The Chinese of a part. */
export const inChinese = (part: Said): string => (typeof part === "string" ? part : part.zh);

/** A part in the language chosen. */
export const inLanguage = (part: Said, language: "zh" | "en"): string => (language === "zh" ? inChinese(part) : inEnglish(part));

/** A line of the `weekly` command, after its name (`weekly export: …`, `weekly export：…` in Chinese). */
export const commandLine = (name: string, line: Said, language: "zh" | "en"): string => `${name}${language === "zh" ? "：" : ": "}${inLanguage(line, language)}`;
