/**
 * The API hooks by resource. Each resource has its own module (session, reference, roadmaps,
 * measures, agreements, users, tokens, audit); import from those. This index re-exports them
 * for the pages that have not moved yet.
 */
export * from './agreements';
export * from './audit';
export * from './measures';
export * from './reference';
export * from './roadmaps';
export * from './session';
export * from './tokens';
export * from './users';
