import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readSources, sourcesYaml } from "../src/content/sources.js";
import { formatProblem } from "../src/core/errors.js";

const FILE = "weekly_news/sources.yml";
const read = (text: string) => readSources(FILE, text);
const messages = (text: string) => read(text).problems.map((problem) => formatProblem(problem));

describe("readSources", () => {
  test("a list of sources, home optional, in the file's order", () => {
    const text = `# 来源
- name: Import AI
  feed: https://importai.substack.com/feed
  home: https://importai.substack.com/
- name: 机器之心
  feed: "http://127.0.0.1:8080/rss?x=1"
`;
    assert.deepEqual(read(text), {
      sources: [
        { name: "Import AI", feed: "https://importai.substack.com/feed", home: "https://importai.substack.com/" },
        { name: "机器之心", feed: "http://127.0.0.1:8080/rss?x=1", home: undefined },
      ],
      problems: [],
    });
  });

  const cases: Array<[string, string, string[]]> = [
    ["an empty file is an empty list", "", []],
    ["a comment only is an empty list", "# none yet\n", []],
    ["not YAML", "- name: a\n  feed: [b\n", ["weekly_news/sources.yml:3:1  not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [sources-yaml]"]],
    [
      "a mapping instead of a list",
      "name: a\nfeed: https://a.example/feed\n",
      ["weekly_news/sources.yml:1:1  not a list of sources; expected a list such as\n  - name: Import AI\n    feed: https://importai.substack.com/feed [sources-shape]"],
    ],
    ["an entry that is text", "- https://a.example/feed\n", ['weekly_news/sources.yml:1:3  source 1: received "https://a.example/feed"; expected name: and feed: keys. [sources-shape]']],
    [
      "every field's problem at once, at its value",
      "- name: ''\n  feed: ftp://a.example/feed\n  home: javascript:alert(1)\n",
      [
        "weekly_news/sources.yml:1:9  source 1, name: missing; expected a non-empty text, the heading of the source's section. [invalid-source]",
        'weekly_news/sources.yml:2:9  source 1, feed: received "ftp://a.example/feed"; expected the http(s) address of an RSS, Atom, RDF or JSON feed, such as https://importai.substack.com/feed. [invalid-source]',
        'weekly_news/sources.yml:3:9  source 1, home: received "javascript:alert(1)"; expected the http(s) address of the source\'s home page, or nothing. [invalid-source]',
      ],
    ],
    [
      "a missing feed is named at its entry",
      "- name: A\n  feed: https://a.example/feed\n- name: B\n",
      ["weekly_news/sources.yml:3:3  source 2, feed: missing; expected the http(s) address of an RSS, Atom, RDF or JSON feed, such as https://importai.substack.com/feed. [invalid-source]"],
    ],
    [
      "an unknown key and a feed listed twice are warnings",
      "- name: A\n  feed: https://a.example/feed\n  url: x\n- name: B\n  feed: https://a.example/feed\n",
      [
        "weekly_news/sources.yml:3:8  warning: source 1: unknown key url; a source has name, feed and home. [unknown-key]",
        "weekly_news/sources.yml:5:9  warning: source 2: feed https://a.example/feed is source 1's too; each feed is fetched once. [duplicate-source]",
      ],
    ],
    [
      "a name listed twice is a warning; an address with a space or a bracket is refused",
      "- name: A\n  feed: https://a.example/feed\n- name: A\n  feed: https://b.example/feed\n- name: C\n  feed: https://c.example/feed\n  home: https://c.example/ <img>\n",
      [
        'weekly_news/sources.yml:3:9  warning: source 2: name "A" is source 1\'s too; their items would share one heading. [duplicate-source]',
        'weekly_news/sources.yml:7:9  source 3, home: received "https://c.example/ <img>"; expected the http(s) address of the source\'s home page, or nothing. [invalid-source]',
      ],
    ],
    ["a key written twice", "- name: A\n  name: B\n  feed: https://a.example/feed\n", ["weekly_news/sources.yml:2:3  not valid YAML: Map keys must be unique [sources-yaml]"]],
  ];
  for (const [name, text, expected] of cases) {
    test(`${name}: ${JSON.stringify(text)}`, () => assert.deepEqual(messages(text), expected));
  }

  test("a feed listed twice is fetched once, for the first source", () => {
    const text = "- name: A\n  feed: https://a.example/feed\n- name: B\n  feed: https://a.example/feed\n";
    assert.deepEqual(read(text).sources.map((s) => s.name), ["A"]);
  });
});

describe("sourcesYaml", () => {
  test("entries read back as the same sources, whatever their text", () => {
    const sources = [
      { name: "A: #1 \"quoted\" ：中文", feed: "https://a.example/feed?x=1&y=2", home: "https://a.example/" },
      { name: "- [x](y)", feed: "https://b.example/rss", home: undefined },
    ];
    assert.deepEqual(read(`# header\n${sourcesYaml(sources)}`), { sources, problems: [] });
  });
});
