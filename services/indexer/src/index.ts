/** The indexer's building blocks, for benchmarks and tools that drive them without main.ts. */
export * from './batcher.ts';
export * from './config.ts';
export * from './dlq.ts';
export * from './errors.ts';
export * from './indexer.ts';
export * from './metrics.ts';
export * from './alerts.ts';
