/** The audit trail: reading it (admins) and checking that nobody altered it. */
import { AuditEvent, AuditQuery, AuditVerification } from '../../contracts/audit';
import { findAuditEvents, verifyAuditChain } from '../../services/audit';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';
import { pageSchema } from './crud';

const tags = ['audit'];

const audit: RouteModule = (app, { ctx }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags,
        operationId: 'listAuditEvents',
        summary: 'Audit events, newest first (administrators)',
        querystring: AuditQuery,
        response: { 200: pageSchema(AuditEvent), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403] },
      },
    },
    async (req) => findAuditEvents(ctx, requireActor(req), req.query),
  );
  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        operationId: 'verifyAuditChain',
        summary:
          'Recompute the hash chain; reports the first altered, inserted or deleted event (administrators)',
        response: { 200: AuditVerification, 401: ERRORS[401], 403: ERRORS[403] },
      },
    },
    async (req) => verifyAuditChain(ctx, requireActor(req)),
  );
};

export default audit;
