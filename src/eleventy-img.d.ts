// The part of @11ty/eleventy-img 6 the plugin uses (it ships no types).
declare module "@11ty/eleventy-img" {
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    url: string;
    filename?: string;
    /** With `dryRun: true`: the encoded bytes. */
    buffer?: Buffer;
  }
  export interface ImageOptions {
    widths?: Array<number | "auto" | null>;
    formats?: string[];
    urlPath?: string;
    outputDir?: string;
    filenameFormat?: (id: string, src: string, width: number, format: string) => string;
    dryRun?: boolean;
    useCache?: boolean;
    sharpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpPngOptions?: Record<string, unknown>;
  }
  type Stats = Record<string, ImageStat[]>;
  interface EleventyImage {
    (src: string, options: ImageOptions): Promise<Stats>;
    statsByDimensionsSync(src: string, width: number, height: number, options: ImageOptions): Stats;
  }
  const image: EleventyImage;
  export default image;
}
