// The cards' font: Noto Sans SC (SIL Open Font License 1.1) from @expo-google-fonts/noto-sans-sc,
// bold for the title and the site's name, regular for the date. Each file is about 10 MB: it is
// read only when a card must be drawn, and cut down to the characters of the cards drawn.
import { fileURLToPath } from "node:url";
import { readFile, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import subsetFont from "subset-font";
import { CARD_FONT } from "./layout.js";

const PACKAGE = "@expo-google-fonts/noto-sans-sc";
/** The font files, by weight, where Node finds the package (never a path written into the code). */
const FILES = [
  { weight: 700, file: "700Bold/NotoSansSC_700Bold.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf") },
  { weight: 400, file: "400Regular/NotoSansSC_400Regular.ttf", at: () => import.meta.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf") },
] as const;

export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: "normal";
}

export interface FontFiles {
  /** What the fonts are, for the cache key: the package's version and each file's name and size. */
  identity(): Promise<string>;
  /** The fonts cut down to these characters (and those satori adds, such as "…"). */
  subset(characters: string): Promise<CardFont[]>;
}

/** The font files where Node finds the package (never a path written into the code). */
export function notoSansSc(): FontFiles {
  const paths = FILES.map(({ weight, at }) => ({ weight, path: fileURLToPath(at()) }));
  let identity: Promise<string> | undefined;
  let whole: Promise<Buffer[]> | undefined;
  return {
    identity() {
      identity ??= (async () => {
        const manifest = JSON.parse(readFileSync(join(dirname(paths[0]!.path), "..", "package.json"), "utf8")) as { version?: string };
        const sizes = await Promise.all(paths.map(async ({ path }) => (await stat(path)).size));
        return `${PACKAGE}@${manifest.version ?? "?"} ${FILES.map(({ file }, i) => `${file}:${sizes[i]}`).join(" ")}`;
      })();
      return identity;
    },
    async subset(characters) {
      // The whole files are kept once read: under --serve a saved title is drawn again.
      whole ??= Promise.all(paths.map(({ path }) => readFile(path)));
      const buffers = await whole;
      const text = [...new Set(characters)].sort().join("");
      const cut = await Promise.all(buffers.map((buffer) => subsetFont(buffer, text, { targetFormat: "truetype" })));
      return paths.map(({ weight }, i) => ({ name: CARD_FONT, data: cut[i]!, weight, style: "normal" as const }));
    },
  };
}
