/** Agreements and their numbered provisions: every user reads them, admins change them. */

import {
  Agreement,
  AgreementCreate,
  AgreementQuery,
  AgreementUpdate,
  Provision,
  ProvisionCreate,
  ProvisionUpdate,
} from '../../contracts/agreements';
import { IdParams, PageQuery } from '../../contracts/common';
import * as agreementsSvc from '../../services/agreements';
import * as provisionsSvc from '../../services/provisions';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';
import { crudRoutes, itemRoutes, pageSchema } from './crud';

const tags = ['provisions'];

const routes: RouteModule = (app, { ctx }) => {
  crudRoutes(app, ctx, {
    path: '/agreements',
    tag: 'agreements',
    noun: 'agreement',
    item: Agreement,
    query: AgreementQuery,
    create: AgreementCreate,
    update: AgreementUpdate,
    list: agreementsSvc.findAgreements,
    get: agreementsSvc.getAgreement,
    add: agreementsSvc.createAgreement,
    change: agreementsSvc.updateAgreement,
    remove: agreementsSvc.deleteAgreement,
  });

  app.get(
    '/agreements/:id/provisions',
    {
      schema: {
        tags,
        operationId: 'listProvisions',
        summary: "An agreement's provisions in reading order (position, then clause number)",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageSchema(Provision), 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => provisionsSvc.listProvisions(ctx, requireActor(req), req.params.id, req.query),
  );
  app.post(
    '/agreements/:id/provisions',
    {
      schema: {
        tags,
        operationId: 'createProvision',
        summary: 'Add a provision (without a position it goes after the last one)',
        params: IdParams,
        body: ProvisionCreate,
        response: { 201: Provision, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await provisionsSvc.createProvision(ctx, requireActor(req), req.params.id, req.body)),
  );
  itemRoutes(app, ctx, {
    path: '/provisions',
    tag: 'provisions',
    noun: 'provision',
    item: Provision,
    update: ProvisionUpdate,
    get: provisionsSvc.getProvision,
    change: provisionsSvc.updateProvision,
    remove: provisionsSvc.deleteProvision,
    summaries: { remove: 'Delete a provision no measure implements' },
  });
};

export default routes;
