// Which files a page may link to and so publish: the ignore files read as git reads them, the rule
// as a table over a folder made here (symbolic links out of the site, hidden folders, ignored
// files, the folders a build writes), then one site built and checked with every such link.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { inEnglish } from "../src/core/show.js";
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ignoreMatcher } from "../src/content/ignoreFiles.js";
import { linkedFiles, type LinkedFile } from "../src/content/linkedFiles.js";
import { copySite, listFiles, outputLines, removeOutput, runEleventy, runWeeklyInProcess, tempOutput } from "./helpers.js";

const SECRET = "SECRET-linked-9d2e-不该出现";

describe("ignoreMatcher: .gitignore (the project's and each folder's) and .eleventyignore", () => {
  let project: string;
  before(() => {
    project = tempOutput("ignores");
    writeFileSync(join(project, ".gitignore"), "# secrets\ncredentials.json\n_site/\n/build\n*.key\ndocs/**/*.pdf\nsecret[0-9].txt\n!posts/keep.key\n");
    mkdirSync(join(project, "posts"));
    writeFileSync(join(project, "posts", ".gitignore"), "private.png\n");
    writeFileSync(join(project, ".eleventyignore"), "drafts\n");
  });
  after(() => removeOutput(project));

  for (const [path, expected] of [
    ["credentials.json", ".gitignore:2 credentials.json"],
    ["posts/credentials.json", ".gitignore:2 credentials.json"],
    ["_site/a.png", ".gitignore:3 _site/"],
    ["_site", undefined],
    ["build/x.pdf", ".gitignore:4 /build"],
    ["posts/build/x.pdf", undefined],
    ["posts/id.key", ".gitignore:5 *.key"],
    ["posts/keep.key", ".gitignore:5 *.key"],
    ["docs/a/b/c.pdf", ".gitignore:6 docs/**/*.pdf"],
    ["docs/c.pdf", ".gitignore:6 docs/**/*.pdf"],
    ["docs/c.png", undefined],
    ["secret7.txt", ".gitignore:7 secret[0-9].txt"],
    ["secretX.txt", undefined],
    ["posts/private.png", "posts/.gitignore:1 private.png"],
    ["private.png", undefined],
    ["drafts/a.png", ".eleventyignore:1 drafts"],
    ["posts/chart.png", undefined],
  ] as const) {
    test(`ignoreMatcher(${path}) → ${expected ?? "not ignored"}`, () => {
      const by = ignoreMatcher(project, ".")(path);
      assert.equal(by === undefined ? undefined : `${by.file}:${by.line} ${by.pattern}`, expected);
    });
  }
});

describe("linkedFiles: the real path inside the input folder, not hidden, written by the build or ignored", () => {
  let project: string;
  let outside: string;
  let linked: (path: string) => LinkedFile;
  before(() => {
    project = tempOutput("linked-project");
    outside = tempOutput("linked-outside");
    writeFileSync(join(outside, "secret.txt"), SECRET);
    for (const folder of ["posts", ".git/hooks", ".cache/weekly/cards", "node_modules/x", "_site", "cache-dir"]) mkdirSync(join(project, folder), { recursive: true });
    for (const file of ["posts/chart.png", ".git/hooks/pre-commit.sample", ".git/config", ".cache/weekly/cards/ab.png", "node_modules/x/readme.md", "_site/a.png", "cache-dir/x.png", "credentials.json", "posts/.env"]) {
      writeFileSync(join(project, file), "x");
    }
    writeFileSync(join(project, ".gitignore"), "credentials.json\n");
    symlinkSync(join(outside, "secret.txt"), join(project, "posts", "notes.txt"));
    symlinkSync("../.git/config", join(project, "posts", "config.txt"));
    symlinkSync("chart.png", join(project, "posts", "alias.png"));
    symlinkSync("../credentials.json", join(project, "posts", "creds.json"));
    symlinkSync("/dev/null", join(project, "posts", "null.png"));
    symlinkSync(".", join(project, "posts", "self.pdf"));
    linked = linkedFiles({ inputDir: project, projectDir: project, written: [{ name: "the output folder _site", path: join(project, "_site") }, { name: "the cache cache-dir", path: join(project, "cache-dir") }] });
  });
  after(() => {
    removeOutput(project);
    removeOutput(outside);
  });

  const cases: Array<[string, string]> = [
    ["posts/chart.png", "file posts/chart.png"],
    ["posts/alias.png", "file posts/chart.png"],
    ["posts/missing.png", "missing"],
    ["../outside.txt", "refused: lies outside the site's input folder"],
    ["posts/../../outside.txt", "refused: lies outside the site's input folder"],
    [".git/hooks/pre-commit.sample", "refused: is in the hidden folder .git"],
    [".cache/weekly/cards/ab.png", "refused: is in the hidden folder .cache"],
    ["posts/.env", "refused: is a hidden file .env"],
    ["node_modules/x/readme.md", "refused: is in node_modules"],
    ["_site/a.png", "refused: is in the output folder _site, which the build writes"],
    ["cache-dir/x.png", "refused: is in the cache cache-dir, which the build writes"],
    ["credentials.json", "refused: is ignored by .gitignore (line 1: credentials.json)"],
    ["posts/creds.json", "refused: is a symbolic link to credentials.json, which is ignored by .gitignore (line 1: credentials.json)"],
    ["posts/config.txt", "refused: is a symbolic link to .git/config, which is in the hidden folder .git"],
    ["posts/self.pdf", "refused: is not a file"],
  ];
  for (const [path, expected] of cases) {
    test(`linkedFiles(${path}) → ${expected}`, () => {
      const answer = linked(path);
      const real = answer.kind === "file" ? realpathSync(answer.real).slice(realpathSync(project).length + 1) : "";
      assert.equal(answer.kind === "file" ? `file ${real}` : answer.kind === "missing" ? "missing" : `refused: ${inEnglish(answer.reason)}`, expected);
    });
  }
  test("linkedFiles(posts/notes.txt → a secret outside) → refused, naming where it leads", () => {
    const answer = linked("posts/notes.txt");
    assert.equal(answer.kind, "refused");
    assert.equal(answer.kind === "refused" ? inEnglish(answer.reason) : "", `is a symbolic link to ${realpathSync(join(outside, "secret.txt"))}, outside the site's input folder`);
  });
  test("linkedFiles(posts/null.png → /dev/null) → refused", () => {
    assert.equal(linked("posts/null.png").kind, "refused");
  });
});

describe("a report linking to files that are not the site's", () => {
  let site: string;
  let outside: string;
  let output: string;
  let buildLines: string[];
  let checkLines: string[];
  let status: number | null;
  const REPORT = "posts/2026-W09-ai-weekly.md";
  before(async () => {
    site = copySite("scheduled");
    outside = tempOutput("outside-secret");
    output = tempOutput("linked-output");
    writeFileSync(join(outside, "secret.txt"), `${SECRET}\n`);
    const sharp = (await import("sharp")).default;
    await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 200, b: 10 } } }).png().toFile(join(outside, "secret.png"));
    symlinkSync(join(outside, "secret.txt"), join(site, "posts", "notes.txt"));
    symlinkSync(join(outside, "secret.png"), join(site, "posts", "face.png"));
    mkdirSync(join(site, ".git", "hooks"), { recursive: true });
    writeFileSync(join(site, ".git", "hooks", "pre-commit.sample"), SECRET);
    mkdirSync(join(site, ".cache", "weekly", "cards"), { recursive: true });
    writeFileSync(join(site, ".cache", "weekly", "cards", "ab12.png"), SECRET);
    writeFileSync(join(site, ".gitignore"), "credentials.json\n");
    writeFileSync(join(site, "credentials.json"), `{ "token": "${SECRET}" }\n`);
    writeFileSync(join(site, "posts", "ok.pdf"), "%PDF-1.4 fine\n");
    writeFileSync(join(site, ".env.local"), `TOKEN=${SECRET}\n`);
    writeFileSync(
      join(site, REPORT),
      [
        "---",
        "title: 第九周",
        "date: 2026-02-26",
        "---",
        "[笔记](./notes.txt)",
        "",
        "![脸](./face.png)",
        "",
        "[钩子](../.git/hooks/pre-commit.sample) [卡片](../.cache/weekly/cards/ab12.png)",
        "",
        "[凭据](../credentials.json) [文档](./ok.pdf)",
        "",
        "[环境](../.env.locl)",
        "",
        "[错字](../credentals.json)",
        "",
      ].join("\n"),
    );
    const env = { WEEKLY_NOW: "2026-03-01T12:00" };
    const build = runEleventy(site, output, env);
    status = build.status;
    buildLines = outputLines(build);
    checkLines = (await runWeeklyInProcess(site, ["check"], env)).stdout.split("\n");
  });
  after(() => {
    for (const dir of [output, outside, site]) removeOutput(dir);
  });

  const RULE = "a page publishes only files of the site (inside its input folder after any symbolic link; not in node_modules, the output folder, the cache, or a folder or file whose name starts with a dot; not ignored by .gitignore or .eleventyignore).";
  const expected = () => [
    `${REPORT}:5:6  link "./notes.txt" names posts/notes.txt, which is a symbolic link to ${realpathSync(join(outside, "secret.txt"))}, outside the site's input folder; ${RULE} [link-outside-site]`,
    `${REPORT}:7:6  image "./face.png" names posts/face.png, which is a symbolic link to ${realpathSync(join(outside, "secret.png"))}, outside the site's input folder; ${RULE} [link-outside-site]`,
    `${REPORT}:9:6  link "../.git/hooks/pre-commit.sample" names .git/hooks/pre-commit.sample, which is in the hidden folder .git; ${RULE} [link-outside-site]`,
    `${REPORT}:9:44  link "../.cache/weekly/cards/ab12.png" names .cache/weekly/cards/ab12.png, which is in the hidden folder .cache; ${RULE} [link-outside-site]`,
    `${REPORT}:11:6  link "../credentials.json" names credentials.json, which is ignored by .gitignore (line 1: credentials.json); ${RULE} [link-outside-site]`,
    // A missing file is never matched to a hidden one (../.env.local).
    `${REPORT}:13:6  link "../.env.locl" names a file that does not exist (looked for .env.locl). [missing-file]`,
    // Nor to one the ignore files name (../credentials.json).
    `${REPORT}:15:6  link "../credentals.json" names a file that does not exist (looked for credentals.json). [missing-file]`,
  ];

  test("weekly check names each link at its line and column", () => {
    for (const line of expected()) assert.ok(checkLines.includes(line), `${line}\n\n${checkLines.join("\n")}`);
    assert.ok(!checkLines.some((line) => line.includes("ok.pdf")), "a file of the site is fine");
  });

  test("the build stops with the same problems, and writes nothing", () => {
    assert.equal(status, 1);
    for (const line of expected()) assert.ok(buildLines.includes(line), `${line}\n\n${buildLines.join("\n")}`);
    assert.deepEqual(listFiles(output), []);
  });

  test("once the links are gone, the site's own file is copied and no secret is anywhere in the output", () => {
    const report = join(site, REPORT);
    writeFileSync(report, readFileSync(report, "utf8").replace(/^\[笔记\].*$|^!\[脸\].*$|^\[钩子\].*$|^\[环境\].*$|^\[错字\].*$/gm, "").replace("[凭据](../credentials.json) ", ""));
    const run = runEleventy(site, output, { WEEKLY_NOW: "2026-03-01T12:00" });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(output, "posts", "ok.pdf")));
    for (const file of listFiles(output)) assert.ok(!readFileSync(join(output, file)).includes(SECRET), `${file} holds the secret`);
  });
});
