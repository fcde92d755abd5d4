export * from './enrich.ts';
export * from './errors.ts';
export * from './gazetteer.ts';
export * from './language.ts';
export * from './normalize.ts';
export * from './text.ts';
