/**
 * Deadline calendars: the public feed behind a secret URL, the signed-in user's URL (make or
 * rotate, revoke, state), and a roadmap's calendar for signed-in users.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { msg } from '../../contracts/messages';
import { ErrorBody, IdParams } from '../../contracts/common';
import { CalendarFeed, CalendarFeedState, CalendarRotate } from '../../contracts/report';
import { AppError, forbidden } from '../../domain/errors';
import { contentDisposition } from '../../domain/files';
import * as svc from '../../services/calendar';
import { requireActor } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';

const tags = ['calendar'];
const ICS = 'text/calendar; charset=utf-8';
const Ics = z.string().describe(`an iCalendar file (${ICS})`);

const routes: RouteModule = (app, { ctx, config }) => {
  /** The address calendars are told to come back to: the configured public URL, else this request's. */
  const baseUrl = (req: FastifyRequest) => config.publicUrl ?? `${req.protocol}://${req.headers.host}`;
  /** Making a credential takes a person in a session, not an API token (as for tokens themselves). */
  const requireSession = (req: FastifyRequest) => {
    const actor = requireActor(req);
    if (req.authVia !== 'cookie') throw forbidden('auth.tokenCannot');
    return actor;
  };

  app.get(
    '/calendar/:file',
    {
      // the secret in the path is the credential: calendars cannot sign in
      config: { public: true },
      schema: {
        tags,
        operationId: 'getCalendarFeed',
        summary:
          'Your deadlines as an iCalendar feed, for Outlook, Google or Apple calendars: the secret URL is the credential (no sign-in); a rotated or revoked URL answers 404',
        params: z.object({ file: z.string().max(200).describe('<secret>.ics') }),
        response: { 200: Ics, 404: ErrorBody.describe('no calendar at this address') },
      },
    },
    async (req, reply) => {
      const secret = req.params.file.replace(/\.ics$/, '');
      const actor = req.params.file.endsWith('.ics') ? await svc.actorBySecret(ctx, secret) : null;
      if (!actor) throw new AppError('not_found', msg('calendar.notFound'));
      const body = await svc.calendarFeed(ctx, actor, { kind: 'mine' }, baseUrl(req));
      return reply
        .type(ICS)
        .header('content-disposition', contentDisposition('accord.ics', 'inline'))
        .header('cache-control', 'private, max-age=0')
        .header('referrer-policy', 'no-referrer')
        .send(body);
    },
  );
  app.get(
    '/me/calendar',
    {
      schema: {
        tags,
        operationId: 'getMyCalendar',
        summary: 'Whether you have a calendar URL, since when, and when a calendar last read it',
        response: { 200: CalendarFeedState, 401: ERRORS[401] },
      },
    },
    async (req) => svc.calendarState(ctx, requireActor(req)),
  );
  app.post(
    '/me/calendar',
    {
      schema: {
        tags,
        operationId: 'rotateMyCalendar',
        summary: 'Make your secret calendar URL, or replace it (the old one stops working); shown only now',
        body: CalendarRotate,
        response: { 200: CalendarFeed, 401: ERRORS[401], 403: ERRORS[403] },
      },
    },
    async (req) => svc.rotateCalendar(ctx, requireSession(req), baseUrl(req)),
  );
  app.delete(
    '/me/calendar',
    {
      schema: {
        tags,
        operationId: 'revokeMyCalendar',
        summary: 'Revoke your calendar URL: it answers 404 from now on',
        response: { 204: NoContent, 401: ERRORS[401], 403: ERRORS[403] },
      },
    },
    async (req, reply) => {
      await svc.revokeCalendar(ctx, requireSession(req));
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/roadmaps/:id/calendar.ics',
    {
      schema: {
        tags,
        operationId: 'getRoadmapCalendar',
        summary:
          "The due dates of a roadmap's open measures you may see, and its open periods' report due dates, as iCalendar",
        params: IdParams,
        response: { 200: Ics, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req, reply) => {
      const body = await svc.calendarFeed(
        ctx,
        requireActor(req),
        { kind: 'roadmap', roadmapId: req.params.id },
        baseUrl(req),
      );
      return reply
        .type(ICS)
        .header('content-disposition', contentDisposition('roadmap.ics'))
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
};

export default routes;
