// The card thread's worker when the plugin runs from its TypeScript source (this repository's blog
// and tests): tsx registered in the worker first, as drawWorkerSource.js does for the card pool.
// Not compiled, not shipped: the package's dist/cards/cardThreadWorker.js needs none of this.
import { register } from "tsx/esm/api";

register();
const { default: threadTask } = await import("./cardThreadWorker.ts");
export default threadTask;
