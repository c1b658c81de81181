// A card as the build puts it into the output (BuildCards.place), read back: the tests of one
// build's cards look at the bytes a reader would download.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BuildCards } from "../src/cards/cards.js";
import type { CardContent } from "../src/cards/layout.js";

/** Places `content`'s card into a folder of its own and returns its bytes. */
export async function placed(run: BuildCards, content: CardContent, source: string): Promise<Buffer> {
  const folder = mkdtempSync(join(tmpdir(), "weekly-card-"));
  try {
    const file = join(folder, "card.png");
    await run.place(content, source, file);
    return readFileSync(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
