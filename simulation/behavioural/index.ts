/**
 * The behavioural reading's public entry: events a practice model makes re-timed against each
 * policy's own due dates, within a weekly capacity per role, and runs repeated over seeds.
 *
 * Input: nothing (a barrel). Output: `simulateBehavioural` and the readings' descriptions
 * (behavioural.ts), capacities (capacity.ts), the re-timing of one case (retime.ts), and the
 * intervals over seeds (seeds.ts).
 *
 * INVARIANT: browser-safe: no Node module here or below.
 */
export { behaviouralReading, simulateBehavioural, staticReading, validateCaseload } from './behavioural.ts';
export type { BehaviouralOptions, ValidatedCaseload } from './behavioural.ts';
export { mergeCapacity, mondayOf, parseCapacityFlag, readCapacity, scheduleWithinCapacity } from './capacity.ts';
export { entriesFor, madeTypes, retimeCase, withEvents } from './retime.ts';
export type { PolicyEntry, RetimedCase, RetimedEvent } from './retime.ts';
export { headline, interval, intervalsOf, overSeeds, percentile, seedList, withIntervals } from './seeds.ts';
