/** The API's vocabulary: zod schemas, inferred types and enums. Browser-safe: no Node imports. */
export * from './accounts';
export * from './agreements';
export * from './audit';
export * from './common';
export * from './enums';
export * from './reference';
export * from './roadmaps';
export * from './periods';
export * from './imports';
