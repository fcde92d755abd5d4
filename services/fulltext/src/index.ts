export * from './config.ts';
export * from './metrics.ts';
export * from './page.ts';
export * from './politeness.ts';
export * from './process.ts';
export * from './robots.ts';
export * from './worker.ts';
