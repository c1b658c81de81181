// The cards' fonts: Arabic, Hebrew and emoji in a title are drawn (fallback fonts after Noto Sans
// SC), a card without them is drawn byte for byte as before, and text no font has is named in a
// warning with its report's file, by the build that draws the card.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { cardFonts } from "../src/cards/fonts.js";
import { drawCard } from "../src/cards/draw.js";
import { cardCharacters, type CardContent } from "../src/cards/layout.js";
import { undrawnWarning } from "../src/cards/undrawn.js";
import { copySite, outputLines, readSite, removeOutput, runEleventy, tempOutput } from "./helpers.js";

const fonts = cardFonts();
const card = (title: string): CardContent => ({ siteName: "AI 周报", title, badge: "2026-W06", note: "2026年2月5日" });
/** The card drawn with the fonts cut to its own characters, plus `alsoCut` (other cards of the build). */
async function draw(content: CardContent, alsoCut = "") {
  return drawCard(content, await fonts.subset(cardCharacters(content) + alsoCut));
}
/** How many pixels are ink (dark) rather than the card's light background. */
async function ink(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 128) dark++;
  return dark;
}

describe("drawCard with the cards' fonts", () => {
  const scripts: Array<[string, string]> = [
    ["Arabic", "مرحبا بالعالم"],
    ["Hebrew", "שלום עולם"],
    ["emoji", "🚀🤖🎉"],
  ];
  for (const [script, text] of scripts) {
    test(`a title with ${script} (${text}) is drawn whole: nothing left out, and more ink than the title without it`, async () => {
      const withText = await draw(card(`周报 ${text}`));
      const without = await draw(card("周报"));
      assert.deepEqual(withText.undrawn, []);
      const added = (await ink(withText.png)) - (await ink(without.png));
      assert.ok(added > 500, `${added} more dark pixels`);
    });
  }

  test("a card without those scripts is drawn byte for byte the same when the build's fonts include the fallbacks", async () => {
    const plain = card("2026年W06人工智能周报");
    const alone = await draw(plain);
    const beside = await draw(plain, "مرحبا שלום 🚀");
    assert.ok(alone.png.equals(beside.png));
  });

  test("text no font has (Thai) is named, with the script satori took it for", async () => {
    const { undrawn } = await draw(card("周报 ไทย"));
    assert.deepEqual(undrawn, [{ script: "th-TH", text: "ไทย" }]);
  });

  test("the cache key's font identity names every font package and file", async () => {
    const identity = await fonts.identity();
    for (const name of ["noto-sans-sc", "noto-sans-arabic", "noto-sans-hebrew", "noto-emoji"]) {
      const version = (JSON.parse(readFileSync(join("node_modules", "@expo-google-fonts", name, "package.json"), "utf8")) as { version: string }).version;
      assert.ok(identity.includes(`@expo-google-fonts/${name}@${version} `), identity);
    }
    assert.match(identity, /700Bold\/NotoEmoji_700Bold\.ttf:\d+/);
  });
});

describe("undrawnWarning", () => {
  test('undrawnWarning("posts/a.md", Thai twice, emoji) → one line naming each piece once', () => {
    assert.equal(
      undrawnWarning("posts/a.md", [
        { script: "th-TH", text: "ไทย" },
        { script: "th-TH", text: "ไทย" },
        { script: "emoji", text: "🫠" },
      ]),
      'posts/a.md  warning: its social card cannot draw "ไทย" (th-TH), "🫠" (emoji): no font of the card has these characters, so the picture leaves them out (the page itself shows them). Write the title without them, or accept the gap. [card-glyphs]',
    );
  });
});

describe("a build whose report's title has Thai, Arabic and emoji", () => {
  let lines: string[];
  let cardPng: Buffer;
  before(() => {
    const site = copySite("scheduled");
    const post = join(site, "posts", "2026-W06-ai-weekly.md");
    writeFileSync(post, readFileSync(post, "utf8").replace(/^title: .*$/m, "title: W06 周报 مرحبا 🚀 ไทย"));
    const output = tempOutput("card-fonts");
    const run = runEleventy(site, output, { WEEKLY_NOW: "2026-02-12T07:59:59" }, ["--quiet"]);
    assert.equal(run.status, 0, run.stderr);
    lines = outputLines(run);
    cardPng = readFileSync(join(readSite(output).output, "cards", "posts", "2026-W06-ai-weekly", "index.png"));
    removeOutput(output);
    removeOutput(site);
  });

  test("the build warns, naming the report's file and only the Thai it cannot draw", () => {
    const warnings = lines.filter((line) => line.includes("[card-glyphs]"));
    assert.deepEqual(warnings, [
      '[weekly] posts/2026-W06-ai-weekly.md  warning: its social card cannot draw "ไทย" (th-TH): no font of the card has these characters, so the picture leaves them out (the page itself shows them). Write the title without them, or accept the gap. [card-glyphs]',
    ]);
  });

  test("the card is written", () => {
    assert.ok(cardPng.length > 1000);
  });
});
