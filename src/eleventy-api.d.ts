// The part of Eleventy's programmatic API that `weekly check` and the tests use (Eleventy ships no types).
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input: string | undefined,
      output: string,
      options?: { configPath?: string; quietMode?: boolean; runMode?: "build" | "serve" | "watch" },
    );
    disableLogger(): void;
    write(): Promise<unknown>;
  }
}
