/** The API's vocabulary: zod schemas, inferred types and enums. Browser-safe: no Node imports. */
export * from './accounts';
export * from './agreements';
export * from './audit';
export * from './common';
export * from './enums';
export * from './reference';
export * from './roadmaps';
export * from './periods';
export * from './comments';
export * from './provision-import';
export * from './reports';
export * from './report';
export * from './notifications';
export * from './joint-statuses';
export * from './indicators';
