export { createIngest, type Ingest } from './worker.ts';
export { fetchOnce, type FetchDeps, type FetchOutcome, type FetchReason } from './fetch-job.ts';
export { syncSchedules, scheduleFeed, unscheduleFeed, SCHEDULER_PREFIX, FETCH_JOB_OPTIONS } from './scheduler.ts';
export { FeedLock, HostLimiter } from './coordination.ts';
export { adaptiveIntervalSec, failureDelayMs } from './policy.ts';
export { loadIngestConfig, ingestConfigSpec, type IngestConfig } from './config.ts';
