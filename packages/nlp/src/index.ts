export * from './enrich.ts';
export * from './language.ts';
export * from './normalize.ts';
