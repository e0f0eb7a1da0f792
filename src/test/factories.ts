/**
 * Test factories: `buildX(db, overrides)` inserts a valid X and creates missing parents, so
 * a test names only what it is about. They write straight to the tables (no audit), except
 * measures, which go through the service so search vectors and roll-ups are real.
 */
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { MeasureCreate } from '../contracts/roadmaps';
import type { Role } from '../contracts/enums';
import type { Db } from '../db/client';
import {
  agreementParties,
  agreements,
  baselines,
  organisations,
  parties,
  provisions,
  roadmapAgreements,
  roadmaps,
  spheres,
  users,
} from '../db/schema';
import { type Actor, SYSTEM_ACTOR } from '../domain/policies';
import { actorOf } from '../services/auth';
import { APPROVED_PLAN } from '../services/baselines/freeze';
import type { Ctx } from '../services/context';
import { createMeasure } from '../services/measures';
import { hashPassword } from '../services/passwords';
import { MeasureCreate as MeasureCreateSchema } from '../contracts/roadmaps';

const uniq = () => randomBytes(3).toString('hex');
let letters = 0;
/** Party codes must be upper-case letters: AA, AB, … */
const nextPartyCode = () => {
  const n = letters++;
  return `T${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(65 + (n % 26))}`;
};

export type PartyRow = typeof parties.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function buildParty(db: Db, o: Partial<typeof parties.$inferInsert> = {}): Promise<PartyRow> {
  const code = o.code ?? nextPartyCode();
  const [r] = await db
    .insert(parties)
    .values({ code, kind: 'state', name: { ru: `Сторона ${code}`, en: `Party ${code}` }, ...o })
    .returning();
  return r;
}

export async function buildSphere(db: Db, o: Partial<typeof spheres.$inferInsert> = {}) {
  const [r] = await db
    .insert(spheres)
    .values({ code: `sphere_${uniq()}`, name: { ru: 'Сфера', en: 'Sphere' }, ...o })
    .returning();
  return r;
}

export async function buildOrganisation(
  db: Db,
  o: Partial<typeof organisations.$inferInsert> = {},
): Promise<OrganisationRow> {
  const partyId = o.partyId ?? (await buildParty(db)).id;
  const [r] = await db
    .insert(organisations)
    .values({ kind: 'ministry', name: { ru: `Министерство ${uniq()}`, en: 'Ministry' }, ...o, partyId })
    .returning();
  return r;
}

/** The password every factory-built user has. */
export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | null = null;

export async function buildUser(
  db: Db,
  o: Partial<typeof users.$inferInsert> & { role?: Role; organisation?: OrganisationRow } = {},
): Promise<UserRow & { actor: Actor }> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const { organisation, ...rest } = o;
  const role = o.role ?? 'viewer';
  const org =
    organisation ??
    (role === 'reporter' || role === 'coordinator'
      ? await buildOrganisation(db, { partyId: o.partyId ?? undefined })
      : null);
  const [r] = await db
    .insert(users)
    .values({
      email: `user-${uniq()}@example.org`,
      name: 'Тест Пользователь',
      role,
      passwordHash: await cachedHash,
      organisationId: org?.id ?? null,
      partyId: org?.partyId ?? null,
      ...rest,
    })
    .returning();
  return { ...r, actor: actorOf(r) };
}

export async function buildAgreement(
  db: Db,
  o: { partyIds?: string[] } & Partial<typeof agreements.$inferInsert> = {},
) {
  const { partyIds, ...rest } = o;
  const ids = partyIds ?? [(await buildParty(db)).id, (await buildParty(db)).id];
  const [a] = await db
    .insert(agreements)
    .values({
      kind: 'declaration',
      title: { ru: 'Декларация о партнёрстве' },
      binding: false,
      signedOn: '2025-11-12',
      ...rest,
    })
    .returning();
  await db
    .insert(agreementParties)
    .values(ids.map((partyId, position) => ({ agreementId: a.id, partyId, position })));
  return { ...a, partyIds: ids };
}

export async function buildProvision(db: Db, o: Partial<typeof provisions.$inferInsert> = {}) {
  const agreementId = o.agreementId ?? (await buildAgreement(db)).id;
  const [p] = await db
    .insert(provisions)
    .values({
      number: String(Math.floor(Math.random() * 900) + 1),
      text: { ru: 'Стороны развивают сотрудничество' },
      ...o,
      agreementId,
    })
    .returning();
  return p;
}

/**
 * A roadmap, approved unless told otherwise. An approved one gets its (empty) approved-plan
 * baseline, as approving through the service freezes one; `baseline: false` builds one approved
 * before baselines existed, which its first plan amendment freezes.
 */
export async function buildRoadmap(
  db: Db,
  o: Partial<typeof roadmaps.$inferInsert> & { agreementIds?: string[]; baseline?: boolean } = {},
) {
  const { agreementIds, baseline = true, ...rest } = o;
  const [r] = await db
    .insert(roadmaps)
    .values({ title: { ru: 'Дорожная карта' }, status: 'approved', ...rest })
    .returning();
  if (r.status === 'approved' && baseline)
    // dated at the declaration, before any test's clock, so every later freeze is newer
    await db.insert(baselines).values({
      roadmapId: r.id,
      name: APPROVED_PLAN,
      kind: 'approval',
      takenAt: new Date('2025-11-12T00:00:00Z'),
    });
  if (agreementIds?.length)
    await db
      .insert(roadmapAgreements)
      .values(agreementIds.map((agreementId) => ({ roadmapId: r.id, agreementId })));
  return r;
}

/**
 * A measure through createMeasure (as the system unless `actor` is given). Needs at least
 * `roadmapId` and `responsible`; the rest defaults to a shared measure over 2026, with the
 * reason a new measure of an approved plan needs.
 */
export async function buildMeasure(
  ctx: Ctx,
  input: Partial<MeasureCreate> & Pick<MeasureCreate, 'roadmapId' | 'responsible'>,
  actor: Actor = SYSTEM_ACTOR,
) {
  const parsed = MeasureCreateSchema.parse({
    title: { ru: `Мероприятие ${uniq()}` },
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    completionForm: 'event_held',
    reason: 'набор данных теста',
    ...input,
  });
  return createMeasure(ctx, actor, parsed);
}

/**
 * A small world of two parties, each with a coordinating ministry, an agency, and one user
 * of every role, plus a viewer and an admin; most access tests start from it.
 */
export async function buildWorld(ctx: Ctx) {
  const db = ctx.db;
  // The first world of a database gets the real codes; later ones get fresh test codes.
  const taken = await db
    .select({ id: parties.id })
    .from(parties)
    .where(inArray(parties.code, ['KZ', 'RU']));
  const [kz, ru] = taken.length
    ? [await buildParty(db), await buildParty(db)]
    : [await buildParty(db, { code: 'KZ' }), await buildParty(db, { code: 'RU' })];
  const side = async (party: PartyRow) => {
    const ministry = await buildOrganisation(db, { partyId: party.id, name: { ru: `МИД ${party.code}` } });
    const agency = await buildOrganisation(db, {
      partyId: party.id,
      kind: 'agency',
      name: { ru: `Агентство ${party.code}` },
    });
    return {
      party,
      ministry,
      agency,
      coordinator: await buildUser(db, { role: 'coordinator', organisation: ministry }),
      reporter: await buildUser(db, { role: 'reporter', organisation: agency }),
    };
  };
  const a = await side(kz);
  const b = await side(ru);
  const admin = await buildUser(db, { role: 'admin' });
  const viewer = await buildUser(db, { role: 'viewer' });
  const sphere = await buildSphere(db, {
    code: `trade_${uniq()}`,
    name: { ru: 'Торговля', kk: 'Сауда', en: 'Trade' },
  });
  const agreement = await buildAgreement(db, { partyIds: [kz.id, ru.id] });
  const roadmap = await buildRoadmap(db, { agreementIds: [agreement.id] });
  return { kz: a, ru: b, admin, viewer, sphere, agreement, roadmap };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;
