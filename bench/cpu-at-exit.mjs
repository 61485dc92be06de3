/**
 * A preload for `node --import` (bench/check.ts): when the process exits, appends its CPU time (user +
 * system, milliseconds, since the process started: process.cpuUsage) as one line to the file named by
 * PDL_BENCH_CPU_FILE. Without the variable it does nothing. The CPU time of a child process is what
 * stays meaningful on a busy machine, where its wall time mostly measures the wait for a core.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.PDL_BENCH_CPU_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `${(user + system) / 1000}\n`);
  });
}
