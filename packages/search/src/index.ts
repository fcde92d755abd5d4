export * from './admin.ts';
export * from './client.ts';
export * from './document.ts';
export * from './fields.ts';
export * from './languages.ts';
export * from './template.ts';
export * from './query.ts';
