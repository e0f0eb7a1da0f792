/** Parties, spheres and organisations: reference data every user reads and admins change. */
import { z } from 'zod';
import {
  Organisation,
  OrganisationCreate,
  OrganisationQuery,
  OrganisationUpdate,
  Party,
  PartyCreate,
  PartyUpdate,
  Sphere,
  SphereCreate,
  SphereUpdate,
} from '../../contracts/reference';
import * as ref from '../../services/reference';
import type { RouteModule } from '../types';
import { crudRoutes } from './crud';

const reference: RouteModule = (app, { ctx }) => {
  crudRoutes(app, ctx, {
    path: '/parties',
    tag: 'parties',
    noun: 'party',
    plural: 'parties',
    item: Party,
    query: z.object({}),
    create: PartyCreate,
    update: PartyUpdate,
    list: ref.listParties,
    get: ref.getParty,
    add: ref.createParty,
    change: ref.updateParty,
    remove: ref.deleteParty,
  });
  crudRoutes(app, ctx, {
    path: '/spheres',
    tag: 'spheres',
    noun: 'sphere',
    item: Sphere,
    query: z.object({}),
    create: SphereCreate,
    update: SphereUpdate,
    list: ref.listSpheres,
    get: ref.getSphere,
    add: ref.createSphere,
    change: ref.updateSphere,
    remove: ref.deleteSphere,
  });
  crudRoutes(app, ctx, {
    path: '/organisations',
    tag: 'organisations',
    noun: 'organisation',
    item: Organisation,
    query: OrganisationQuery,
    create: OrganisationCreate,
    update: OrganisationUpdate,
    list: ref.listOrganisations,
    get: ref.getOrganisation,
    add: ref.createOrganisation,
    change: ref.updateOrganisation,
    remove: ref.deleteOrganisation,
  });
};

export default reference;
