/** Commission meetings: CRUD, holding, the protocol file, and a measure's decisions (issue 9 §5). */
import { z } from 'zod';
import { IdParams, Version } from '../../contracts/common';
import {
  Meeting,
  MeetingCreate,
  MeetingHold,
  MeetingList,
  MeetingQuery,
  MeetingUpdate,
  MeasureDecisionList,
} from '../../contracts/meetings';
import { contentDisposition } from '../../domain/files';
import * as svc from '../../services/meetings';
import { requireActor } from '../plugins/auth';
import { readUpload } from '../plugins/uploads';
import { ERRORS, NoContent, type RouteModule } from '../types';

const tags = ['meetings'];
const BASE = '/commission-meetings';
/** A protocol is a signed scan or a document: 20 MB is ample. */
const PROTOCOL_BYTES = 20 * 1024 * 1024;
const READ_ERRORS = { 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] };

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    BASE,
    {
      schema: {
        tags,
        operationId: 'listMeetings',
        summary: 'Commission meetings, newest first',
        querystring: MeetingQuery,
        response: { 200: MeetingList, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => svc.findMeetings(ctx, requireActor(req), req.query),
  );
  app.post(
    BASE,
    {
      schema: {
        tags,
        operationId: 'createMeeting',
        summary: 'Add a commission meeting with its agenda and decisions (admin); audited',
        body: MeetingCreate,
        response: { 201: Meeting, ...ERRORS },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createMeeting(ctx, requireActor(req), req.body)),
  );
  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        operationId: 'getMeeting',
        summary: 'One meeting; decisions list only the measures the caller may see',
        params: IdParams,
        response: { 200: Meeting, ...READ_ERRORS },
      },
    },
    async (req) => svc.getMeeting(ctx, requireActor(req), req.params.id),
  );
  app.patch(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        operationId: 'updateMeeting',
        summary: 'Change a meeting (admin); `decisions` is the whole list',
        params: IdParams,
        body: MeetingUpdate,
        response: { 200: Meeting, ...ERRORS },
      },
    },
    async (req) => svc.updateMeeting(ctx, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        operationId: 'deleteMeeting',
        summary: 'Delete a meeting not yet held (admin; send the version you read)',
        params: IdParams,
        querystring: z.object({ version: z.coerce.number().pipe(Version) }),
        response: { 204: NoContent, ...ERRORS },
      },
    },
    async (req, reply) => {
      await svc.deleteMeeting(ctx, requireActor(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${BASE}/:id/hold`,
    {
      schema: {
        tags,
        operationId: 'holdMeeting',
        summary: 'Hold the meeting (admin): a baseline of each roadmap it reviews is frozen, named after it',
        params: IdParams,
        body: MeetingHold,
        response: { 200: Meeting, ...ERRORS },
      },
    },
    async (req) => svc.holdMeeting(ctx, requireActor(req), req.params.id, req.body.version),
  );
  app.put(
    `${BASE}/:id/protocol`,
    {
      schema: {
        tags,
        operationId: 'uploadMeetingProtocol',
        summary:
          'Attach the protocol, a PDF or DOCX (multipart field `file`; admin), replacing any earlier one',
        params: IdParams,
        consumes: ['multipart/form-data'],
        // read by readUpload, not by the JSON validator: documented, accepted as it comes
        body: z.unknown().describe('multipart/form-data: the file in the field `file`'),
        response: { 200: Meeting, ...ERRORS, 413: ERRORS[400], 415: ERRORS[400] },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const f = await readUpload(req, { kinds: ['pdf', 'docx'], maxBytes: PROTOCOL_BYTES });
      return svc.attachProtocol(ctx, actor, req.params.id, f);
    },
  );
  app.get(
    `${BASE}/:id/protocol`,
    {
      schema: {
        tags,
        operationId: 'downloadMeetingProtocol',
        summary: "The meeting's protocol file",
        params: IdParams,
        response: { 200: z.any().describe('the file'), ...READ_ERRORS },
      },
    },
    async (req, reply) => {
      const f = await svc.readProtocol(ctx, requireActor(req), req.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.fileName))
        .send(f.data);
    },
  );
  app.get(
    '/measures/:id/decisions',
    {
      schema: {
        tags,
        operationId: 'listMeasureDecisions',
        summary: 'The commission decisions that created, changed, closed or moved a measure',
        params: IdParams,
        response: { 200: MeasureDecisionList, ...READ_ERRORS },
      },
    },
    async (req) => svc.measureDecisions(ctx, requireActor(req), req.params.id),
  );
};

export default routes;
