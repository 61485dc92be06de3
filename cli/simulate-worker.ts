/**
 * A worker thread of `pdl simulate` (started by `simulate-pool.ts`).
 *
 * Input: `workerData` (`SimulateWorkerData`: the two policies' IR, the as-of date, the review rule;
 * or the data of a behavioural, synthetic or generate worker, handed to its module),
 * then `chunk` messages (records and the ordinal of the first) or `range` messages (a run of lines of a
 * JSON Lines file, read here) and a final `done`. Output: a
 * `chunk-done` message after each chunk, then one `partial` message with the counts over all its
 * chunks (simulation/simulate/accumulate.ts).
 *
 * INVARIANT: the policies are prepared once per worker, without explanations; nothing here prints
 * or logs (case data stays in memory).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { preparePolicy } from '../runtime/index.ts';
import { createAccumulator } from '../simulation/index.ts';
import type { CaseRecord } from '../simulation/index.ts';
import type { FromWorker, SimulateWorkerData, ToWorker } from './simulate-pool.ts';
import { behaviouralWorker, isBehaviouralWorkerData } from './behavioural-pool.ts';
import { addJsonLines, lineNormalizer } from './caseload-fast.ts';
import { isSyntheticWorkerData, syntheticWorker } from './simulate-synthetic.ts';
import { generateWorker, isGenerateWorkerData } from './generate-pool.ts';

const port = parentPort;
// The behavioural reading's seeds (behavioural-pool.ts) and synthetic runs (simulate-synthetic.ts) run in the same module.
if (port !== null && isBehaviouralWorkerData(workerData)) behaviouralWorker(port, workerData);
else if (port !== null && isSyntheticWorkerData(workerData)) syntheticWorker(port, workerData);
else if (port !== null && isGenerateWorkerData(workerData)) generateWorker(port, workerData); // pdl generate's batches (generate-pool.ts)
else if (port !== null) {
  const data = workerData as SimulateWorkerData;
  const baseline = preparePolicy(data.baseline, { explanations: false });
  const reform = preparePolicy(data.reform, { explanations: false });
  const acc = createAccumulator(baseline, reform, data.asOf, { reviewRule: data.reviewRule });
  const normalize = lineNormalizer(data.baseline, data.reform);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'chunk') {
      for (let i = 0; i < m.records.length; i++) acc.addRecord(m.records[i] as CaseRecord, m.start + i);
      port.postMessage({ type: 'chunk-done', count: m.records.length } satisfies FromWorker);
    } else if (m.type === 'range') {
      // A run of lines of the file, read here: ordinals from the lines before it, in record order.
      // Lines in pdl generate's shape straight from their bytes (caseload-fast.ts).
      const i = addJsonLines(acc, normalize, { full: m.full, name: m.name }, m.range);
      port.postMessage({ type: 'chunk-done', count: i } satisfies FromWorker);
    } else {
      port.postMessage({ type: 'partial', partial: acc.partial } satisfies FromWorker);
    }
  });
}
