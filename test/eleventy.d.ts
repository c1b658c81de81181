// The part of Eleventy's programmatic API the tests use (Eleventy ships no TypeScript types).
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input: string,
      output: string,
      options?: { configPath?: string; quietMode?: boolean; runMode?: "build" | "serve" | "watch" },
    );
    disableLogger(): void;
    write(): Promise<unknown>;
  }
}
