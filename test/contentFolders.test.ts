// Content where the plugin does not look: a content folder outside the input folder, or a content
// folder option naming a folder the input folder lacks. Each case's disk is a list of folders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { foldersAbove, misplacedContent, type ContentFolder } from "../src/content/contentFolders.js";

const DEFAULT_FOLDERS: ContentFolder[] = [
  { option: "postsDir", dir: "posts", holds: "reports", chosen: false },
  { option: "digestsDir", dir: "weekly_news", holds: "digests", chosen: false },
];

const cases: Array<{ name: string; input: string; folders?: ContentFolder[]; disk: Record<string, number>; expected: string[] }> = [
  { name: "both folders in the input folder: nothing to say", input: "content", disk: { "content/posts": 2, "content/weekly_news": 1 }, expected: [] },
  { name: "a site with reports only: the default digests folder may be missing", input: ".", disk: { posts: 2 }, expected: [] },
  {
    name: "reports in posts/ beside the input folder content/: named with where the plugin looks",
    input: "content",
    disk: { posts: 3, "content/weekly_news": 1 },
    expected: ["posts/ postsDir content-outside-input: 3 Markdown files in posts/, outside the input folder content/: the plugin reads reports from content/posts/ only"],
  },
  {
    name: "a folder of that name without Markdown outside is no content",
    input: "content",
    disk: { posts: 0, "content/posts": 1, "content/weekly_news": 1 },
    expected: [],
  },
  {
    name: "neither content folder: each named as missing",
    input: "content",
    disk: {},
    expected: [
      'content/posts/ postsDir missing-content-folder: postsDir: received "posts", but the input folder content/ has no folder content/posts/',
      'content/weekly_news/ digestsDir missing-content-folder: digestsDir: received "weekly_news", but the input folder content/ has no folder content/weekly_news/',
    ],
  },
  {
    name: "a chosen folder the input folder lacks is named even when the other exists",
    input: ".",
    folders: [{ option: "postsDir", dir: "blog/reports", holds: "reports", chosen: true }, DEFAULT_FOLDERS[1]!],
    disk: { weekly_news: 1 },
    expected: ['blog/reports/ postsDir missing-content-folder: postsDir: received "blog/reports", but the input folder ./ has no folder blog/reports/'],
  },
  {
    name: "input src/site: folders above it, nearest first, each named",
    input: "./src/site/",
    disk: { "src/weekly_news": 1, weekly_news: 2, "src/site/posts": 1 },
    expected: [
      "src/weekly_news/ digestsDir content-outside-input: 1 Markdown file in src/weekly_news/, outside the input folder src/site/: the plugin reads digests from src/site/weekly_news/ only",
      "weekly_news/ digestsDir content-outside-input: 2 Markdown files in weekly_news/, outside the input folder src/site/: the plugin reads digests from src/site/weekly_news/ only",
    ],
  },
];

for (const c of cases) {
  test(`misplacedContent: ${c.name}`, () => {
    const issues = misplacedContent(c.input, c.folders ?? DEFAULT_FOLDERS, { isFolder: (path) => path in c.disk, markdownFiles: (path) => c.disk[path] ?? 0 });
    const lines = issues.map((issue) => `${issue.file} ${issue.field} ${issue.code}: ${issue.message}`);
    assert.equal(lines.length, c.expected.length, lines.join("\n"));
    for (const [index, expected] of c.expected.entries()) assert.ok(lines[index]!.startsWith(expected), `${lines[index]}\n  should start with\n${expected}`);
  });
}

const above: Array<[string, string[]]> = [
  [".", []],
  ["content", ["."]],
  ["./src/site/", ["src", "."]],
];
for (const [input, expected] of above) {
  test(`foldersAbove(${JSON.stringify(input)}) → ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(foldersAbove(input), expected);
  });
}

test("misplacedContent: the whole message of a missing folder says what to do", () => {
  const [issue] = misplacedContent(".", [{ option: "postsDir", dir: "blog", holds: "reports", chosen: true }], { isFolder: () => false, markdownFiles: () => 0 });
  assert.equal(
    issue?.message,
    'postsDir: received "blog", but the input folder ./ has no folder blog/: no reports are read. Set postsDir to the folder inside ./ that holds the reports, or create blog/.',
  );
});
