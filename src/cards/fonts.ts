// The cards' fonts, all under the SIL Open Font License 1.1, from @expo-google-fonts: Noto Sans SC
// (Chinese, Latin, full-width punctuation), bold for the title and the site's name, regular for
// the date; and, for the characters it lacks, Noto Sans Arabic, Noto Sans Hebrew and Noto Emoji
// (monochrome, drawn in the text's colour), which satori falls back to glyph by glyph. A file is
// read only when a card must be drawn, a fallback only when a card has its script, and each is cut
// down to the characters of the cards drawn: on the card thread when it runs (cardThread.ts).
import { fileURLToPath } from "node:url";
import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CARD_FONT } from "./layout.js";

interface FontFamily {
  /** The family's name, as satori is given it. */
  name: string;
  package: string;
  /** The font files, by weight, where Node finds the package (never a path written into the code). */
  files: ReadonlyArray<{ weight: 400 | 700; file: string; at: () => string }>;
  /** Characters that need this family; absent for the card's own font, always used. */
  needs?: RegExp;
}

const FAMILIES: readonly FontFamily[] = [
  {
    name: CARD_FONT,
    package: "@expo-google-fonts/noto-sans-sc",
    files: [
      { weight: 700, file: "700Bold/NotoSansSC_700Bold.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf") },
      { weight: 400, file: "400Regular/NotoSansSC_400Regular.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf") },
    ],
  },
  {
    name: "Noto Sans Arabic",
    package: "@expo-google-fonts/noto-sans-arabic",
    files: [
      { weight: 700, file: "700Bold/NotoSansArabic_700Bold.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf") },
      { weight: 400, file: "400Regular/NotoSansArabic_400Regular.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf") },
    ],
    needs: /\p{Script=Arabic}/u,
  },
  {
    name: "Noto Sans Hebrew",
    package: "@expo-google-fonts/noto-sans-hebrew",
    files: [
      { weight: 700, file: "700Bold/NotoSansHebrew_700Bold.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf") },
      { weight: 400, file: "400Regular/NotoSansHebrew_400Regular.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf") },
    ],
    needs: /\p{Script=Hebrew}/u,
  },
  {
    name: "Noto Emoji",
    package: "@expo-google-fonts/noto-emoji",
    files: [
      { weight: 700, file: "700Bold/NotoEmoji_700Bold.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf") },
      { weight: 400, file: "400Regular/NotoEmoji_400Regular.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf") },
    ],
    needs: /\p{Extended_Pictographic}|\p{Regional_Indicator}/u,
  },
];

export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: "normal";
}

/** Font files (their paths) cut to `text`: one font's bytes per file, in order. */
export type CutFonts = (paths: readonly string[], text: string) => Promise<Buffer[]>;

/** Options of every cut: TrueType, which satori reads. */
const CUT_OPTIONS = { targetFormat: "truetype" } as const;

export interface FontFiles {
  /** What the fonts are, for the cache key: each package's version and each file's name and size. */
  identity(): Promise<string>;
  /**
   * The fonts cut down to these characters (and those satori adds, such as "…"): the card's own, and
   * each fallback they need; cut by `cut` (on the card thread) or on this thread.
   */
  subset(characters: string, cut?: CutFonts): Promise<CardFont[]>;
  /** The files of the card's own font (Noto Sans SC), which every card uses. */
  readonly ownFiles: readonly string[];
}

/** Fonts cut on this thread, each file read once and kept: under --serve a saved title is drawn again. */
export function cutHere(): CutFonts {
  const whole = new Map<string, Promise<Buffer>>();
  return async (paths, text) => {
    const { default: subsetFont } = await import("subset-font");
    return Promise.all(
      paths.map(async (path) => {
        if (!whole.has(path)) whole.set(path, readFile(path));
        return subsetFont(await whole.get(path)!, text, CUT_OPTIONS);
      }),
    );
  };
}

/** The cards' fonts where Node finds their packages. */
export function cardFonts(): FontFiles {
  const families = FAMILIES.map((family) => ({ ...family, paths: family.files.map(({ weight, file, at }) => ({ weight, file, path: fileURLToPath(at()) })) }));
  let identity: Promise<string> | undefined;
  const here = cutHere();
  return {
    ownFiles: families[0]!.paths.map(({ path }) => path),
    identity() {
      identity ??= (async () => {
        const parts = await Promise.all(
          families.map(async ({ package: name, paths }) => {
            const manifest = JSON.parse(readFileSync(join(dirname(paths[0]!.path), "..", "package.json"), "utf8")) as { version?: string };
            const sizes = await Promise.all(paths.map(async ({ path }) => (await stat(path)).size));
            return `${name}@${manifest.version ?? "?"} ${paths.map(({ file }, i) => `${file}:${sizes[i]}`).join(" ")}`;
          }),
        );
        return parts.join(" ");
      })();
      return identity;
    },
    async subset(characters, cut = here) {
      const text = [...new Set(characters)].sort().join("");
      const used = families.filter((family) => !family.needs || family.needs.test(text)).flatMap((family) => family.paths.map((file) => ({ ...file, name: family.name })));
      const fonts = await cut(
        used.map(({ path }) => path),
        text,
      );
      return used.map(({ name, weight }, i) => ({ name, data: fonts[i]!, weight, style: "normal" as const }));
    },
  };
}
