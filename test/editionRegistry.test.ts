// The registry of editions: each entry's renderer is its module's, the preview's pages are the
// entries that have one, and names are what `--format` and a page's folder can hold.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { EDITIONS, editionNamed, PREVIEW_EDITIONS } from "../src/editions/registry.js";
import { emailEdition } from "../src/editions/email.js";
import { textEdition } from "../src/editions/text.js";
import { wechatEdition } from "../src/editions/wechat.js";
import { editionLinks } from "../src/present/editionPages.js";
import { EVERY_CONSTRUCT } from "./data/editions/everyConstruct.js";

const noSize = () => undefined;

describe("editions/registry.ts", () => {
  const RENDERED: Array<[string, string]> = [
    ["email", emailEdition(EVERY_CONSTRUCT, { imageSize: noSize })],
    ["wechat", wechatEdition(EVERY_CONSTRUCT)],
    ["text", textEdition(EVERY_CONSTRUCT)],
  ];
  for (const [name, expected] of RENDERED) {
    test(`editionNamed(${JSON.stringify(name)}).render(report) → its module's edition`, () => {
      assert.equal(editionNamed(name)?.render(EVERY_CONSTRUCT, { imageSize: noSize }), expected);
    });
  }
  test("every edition is in that table: a new one gets its own case", () => assert.deepEqual(EDITIONS.map((e) => e.name), RENDERED.map(([name]) => name)));
  test('editionNamed("pdf") → undefined', () => assert.equal(editionNamed("pdf"), undefined));

  test("--unsubscribe reaches the email, and the email's default stays when it is not given", () => {
    const email = editionNamed("email")!;
    assert.equal(email.render(EVERY_CONSTRUCT, { imageSize: noSize, unsubscribe: "*|UNSUB|*" }), emailEdition(EVERY_CONSTRUCT, { unsubscribe: "*|UNSUB|*" }));
    assert.equal(email.render(EVERY_CONSTRUCT, { imageSize: noSize, unsubscribe: undefined }), emailEdition(EVERY_CONSTRUCT));
  });

  test("names are unique, lower-case words: a --format value and a folder of a page's address", () => {
    const names = EDITIONS.map((e) => e.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-z][a-z0-9-]*$/);
  });

  test("the preview's edition pages are the editions that have one, in the registry's order, labelled by it", () => {
    assert.deepEqual(PREVIEW_EDITIONS.map((e) => e.name), EDITIONS.filter((e) => e.preview !== false).map((e) => e.name));
    assert.deepEqual(editionLinks("/posts/2026-W07-ai-weekly/", PREVIEW_EDITIONS), [
      { label: "邮件版", url: "/posts/2026-W07-ai-weekly/editions/email/" },
      { label: "公众号版", url: "/posts/2026-W07-ai-weekly/editions/wechat/" },
    ]);
  });
});
