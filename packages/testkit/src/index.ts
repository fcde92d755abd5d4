export * from './cleanup.ts';
export * from './env.ts';
export * from './feed-server.ts';
export * from './process.ts';
export * from './random.ts';
export * from './wait.ts';
export * from './redis-servers.ts';
