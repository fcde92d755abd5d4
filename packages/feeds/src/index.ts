export * from './errors.ts';
export * from './fetch.ts';
export * from './guard.ts';
export * from './normalize.ts';
export * from './parse.ts';
