/** Every API route module; app.ts registers them all under /api/v1. */
import type { RouteModule } from '../types';
import audit from './audit';
import measures from './measures';
import reference from './reference';
import session from './session';

export const routeModules: RouteModule[] = [session, reference, measures, audit];
