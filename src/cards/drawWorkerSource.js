// The card pool's worker when the plugin runs from its TypeScript source, as this repository's own
// blog build and its tests run it: tsx registered in this worker thread first (Node 20 gives a
// worker none of the main thread's module hooks, and ignores `--import` in a worker's execArgv),
// then drawWorker.ts. Not compiled, not shipped: the package's dist/cards/drawWorker.js needs none of this.
import { register } from "tsx/esm/api";

register();
const { default: drawTask } = await import("./drawWorker.ts");
export default drawTask;
