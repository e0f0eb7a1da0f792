/** Every API route module; app.ts registers them all under /api/v1. */
import type { RouteModule } from '../types';
import agreements from './agreements';
import audit from './audit';
import imports from './imports';
import me from './me';
import measures from './measures';
import periods from './periods';
import reference from './reference';
import roadmaps from './roadmaps';
import search from './search';
import session from './session';
import users from './users';

export const routeModules: RouteModule[] = [
  session,
  reference,
  agreements,
  roadmaps,
  measures,
  periods,
  audit,
  users,
  me,
  search,
  imports,
];
