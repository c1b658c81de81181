// Sources from an OPML file (src/digest/opml.ts): an outline whose address the sources file could
// not hold is skipped and named with its line, the others kept, whatever else the file holds.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { inChinese, inEnglish } from "../src/core/show.js";
import { sourcesFromOpml } from "../src/digest/opml.js";

const opml = (body: string) => `<?xml version="1.0"?>\n<opml version="2.0"><head/><body>\n${body}\n</body></opml>`;

describe("sourcesFromOpml", () => {
  // body (starting on line 3), the feeds kept, the outlines skipped: [line, message]
  const cases: Array<[string, string, string[], Array<[number | undefined, string]>]> = [
    ["a tab in the address", '<outline text="T" xmlUrl="https://t.example/a\tb"/>', [], [[3, 'skipped T: feed "https://t.example/a\\tb" holds the white space "\\t", which an address in the sources file cannot hold (written percent-encoded it can: %09)']]],
    ["each of < > \" ` | \\ ^", ['<', '>', '"', '`', '|', '\\', '^'].map((c, i) => `<outline text="c${i}" xmlUrl="https://c.example/${c.replace("<", "&lt;").replace('"', "&quot;")}"/>`).join("\n"), [], ['<', '>', '"', '`', '|', '\\', '^'].map((c, i): [number, string] => [3 + i, `skipped c${i}: feed ${JSON.stringify(`https://c.example/${c}`)} holds "${c}", which an address in the sources file cannot hold (written percent-encoded it can: ${encodeURIComponent(c)})`])],
    ["the same bad address twice, each at its own line", '<outline text="A" xmlUrl="https://x.example/{a}"/>\n<outline text="B" xmlUrl="https://ok.example/"/>\n<outline text="C" xmlUrl=\'https://x.example/{a}\'/>', ["https://ok.example/"], [[3, 'skipped A: feed "https://x.example/{a}" holds "{", which an address in the sources file cannot hold (written percent-encoded it can: %7B)'], [5, 'skipped C: feed "https://x.example/{a}" holds "{", which an address in the sources file cannot hold (written percent-encoded it can: %7B)']]],
    ["an address written with entities and a title holding >", '<outline title="a > b"\n  text="x" xmlUrl="https://e.example/?a=1&amp;b={2}"/>', [], [[3, 'skipped a > b: feed "https://e.example/?a=1&b={2}" holds "{", which an address in the sources file cannot hold (written percent-encoded it can: %7B)']]],
    ["a percent-encoded address is kept", '<outline text="P" xmlUrl="https://p.example/my%20feed?id=%7B1%7D"/>', ["https://p.example/my%20feed?id=%7B1%7D"], []],
  ];
  for (const [name, body, feeds, skipped] of cases) {
    test(`sourcesFromOpml: ${name}`, () => {
      const read = sourcesFromOpml(opml(body));
      assert.ok("sources" in read, "reason" in read ? inEnglish(read.reason) : "");
      assert.deepEqual([read.sources.map((s) => s.feed), read.skipped.map((s) => [s.line, inEnglish(s.message)])], [feeds, skipped]);
      for (const { message } of read.skipped) assert.match(inChinese(message), /\p{Script=Han}/u, "and in Chinese");
    });
  }
});
