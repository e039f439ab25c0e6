/**
 * Most calls one tRPC request may batch. The browser's batch link splits larger batches, so only
 * other clients ever meet the limit (400 naming it). Each call of a batch counts against the
 * per-address mutation limit.
 */
export const MAX_BATCH_CALLS = 20;
