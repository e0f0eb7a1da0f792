/** Every API route module; app.ts registers them all under /api/v1. */
import type { RouteModule } from '../types';
import agreements from './agreements';
import audit from './audit';
import comments from './comments';
import calendar from './calendar';
import indicators from './indicators';
import jointStatuses from './joint-statuses';
import baselines from './baselines';
import changeRequests from './change-requests';
import imports from './imports';
import me from './me';
import meetings from './meetings';
import measures from './measures';
import notifications from './notifications';
import periods from './periods';
import provisionImport from './provision-import';
import reference from './reference';
import reports from './reports';
import report from './report';
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
  baselines,
  changeRequests,
  meetings,
  audit,
  users,
  me,
  search,
  comments,
  provisionImport,
  reports,
  report,
  calendar,
  notifications,
  jointStatuses,
  indicators,
  imports,
];
