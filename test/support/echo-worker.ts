/**
 * A worker thread module for test/cli/start-worker.test.ts, in TypeScript (a type annotation and an
 * interface, which plain Node cannot load) and with no bundled twin in dist/cli/, so that `startWorker`
 * (cli/simulate-pool.ts) must start it through tsx. Input: `workerData` `{ n }`. Output: one message,
 * `{ doubled: 2n }`.
 */
import { parentPort, workerData } from 'node:worker_threads';

interface EchoData {
  readonly n: number;
}

const data: EchoData = workerData as EchoData;
parentPort?.postMessage({ doubled: data.n * 2 });
