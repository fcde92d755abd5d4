export * from './config.ts';
export * from './errors.ts';
export * from './metrics.ts';
export * from './process.ts';
export * from './reenrich.ts';
export * from './story.ts';
export * from './worker.ts';
export * from './feed-lang.ts';
