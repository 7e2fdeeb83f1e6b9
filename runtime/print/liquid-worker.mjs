// A Liquid render worker of the pool in liquid-pool.server.ts. Plain JavaScript, so Node starts it
// as it is from the source tree, whether the server runs from the Remix build or under vitest; tsx
// compiles the render code it imports, the same TypeScript the server bundle is built from.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { createRenderJobRunner } = await tsImport("./render-job.ts", import.meta.url);
const run = createRenderJobRunner();
parentPort.on("message", (job) => parentPort.postMessage(run(job)));
parentPort.postMessage({ ready: true });
