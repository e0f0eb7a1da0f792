/**
 * The demo's commission history (issue 9): the approved plan frozen, the 25th and 26th meetings
 * held with decisions that move due dates and add a measure (applied through the measure write
 * path, each citing its decision), a baseline frozen at each, the 27th meeting ahead, and two
 * change requests (one open, one declined). Runs inside loadDemo's transaction.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import {
  changeRequests,
  commissionMeetings,
  measures,
  meetingDecisions,
  meetingRoadmaps,
  parties,
  users,
} from '../db/schema';
import { meetingBaselineName } from '../domain/meeting-policies';
import type { Actor } from '../domain/policies';
import { APPROVED_PLAN, freezeBaseline } from '../services/baselines/freeze';
import type { AuditLog } from '../services/core/mutate';
import { applyUpdate, insertMeasure } from '../services/measures';

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const at = (day: string) => new Date(`${day}T10:00:00Z`);

/** The co-chairs of the demo's commission: the heads of each party's part of it (illustrative). */
async function coChairs(tx: Tx) {
  const rows = await tx
    .select({ id: parties.id, code: parties.code })
    .from(parties)
    .where(inArray(parties.code, ['KZ', 'RU']));
  const id = (c: string) => rows.find((r) => r.code === c)?.id;
  const out = [];
  if (id('KZ'))
    out.push({
      partyId: id('KZ')!,
      name: {
        ru: 'Председатель казахстанской части комиссии',
        kk: 'Комиссияның қазақстандық бөлігінің төрағасы',
        en: 'Chair of the Kazakh part of the commission',
      },
      position: {
        ru: 'Заместитель Премьер-Министра Республики Казахстан',
        kk: 'Қазақстан Республикасы Премьер-Министрінің орынбасары',
        en: 'Deputy Prime Minister of Kazakhstan',
      },
    });
  if (id('RU'))
    out.push({
      partyId: id('RU')!,
      name: {
        ru: 'Председатель российской части комиссии',
        kk: 'Комиссияның ресейлік бөлігінің төрағасы',
        en: 'Chair of the Russian part of the commission',
      },
      position: {
        ru: 'Заместитель Председателя Правительства Российской Федерации',
        kk: 'Ресей Федерациясы Үкіметі Төрағасының орынбасары',
        en: 'Deputy Prime Minister of Russia',
      },
    });
  return out;
}

type DecisionSeed = { number: number; text: { ru: string; kk: string; en: string } };

async function addMeeting(
  tx: Tx,
  roadmapId: string,
  n: number,
  date: string,
  held: boolean,
  decisions: DecisionSeed[],
  audit: AuditLog,
) {
  const [m] = await tx
    .insert(commissionMeetings)
    .values({
      number: n,
      date,
      place:
        n % 2 ? { ru: 'Москва', kk: 'Мәскеу', en: 'Moscow' } : { ru: 'Астана', kk: 'Астана', en: 'Astana' },
      agenda: [
        {
          title: {
            ru: 'О ходе реализации дорожной карты',
            kk: 'Жол картасының іске асырылу барысы туралы',
            en: 'Progress of the roadmap',
          },
        },
        {
          title: {
            ru: 'О переносе сроков мероприятий',
            kk: 'Іс-шаралардың мерзімдерін ауыстыру туралы',
            en: 'Moving due dates of measures',
          },
        },
      ],
      coChairs: await coChairs(tx),
      heldAt: held ? at(date) : null,
    })
    .returning();
  await tx.insert(meetingRoadmaps).values({ meetingId: m.id, roadmapId });
  const ds = decisions.length
    ? await tx
        .insert(meetingDecisions)
        .values(decisions.map((d) => ({ meetingId: m.id, ...d })))
        .returning()
    : [];
  audit.record({
    action: 'meeting.create',
    entityType: 'meeting',
    entityId: m.id,
    after: { number: n, date },
  });
  return { meeting: m, decisions: ds };
}

/** Adds the demo's meetings, baselines and change requests to the roadmap just loaded. */
export async function loadDemoMeetings(
  tx: Tx,
  actor: Actor,
  roadmapId: string,
  day: string,
  audit: AuditLog,
) {
  const code = async (c: string) => {
    const [r] = await tx
      .select()
      .from(measures)
      .where(and(eq(measures.roadmapId, roadmapId), eq(measures.code, c)));
    return r;
  };
  await freezeBaseline(
    tx,
    roadmapId,
    { name: APPROVED_PLAN, kind: 'approval', actor, at: at(addDays(day, -150)) },
    audit,
  );

  const d25 = addDays(day, -90);
  const m25 = await addMeeting(
    tx,
    roadmapId,
    25,
    d25,
    true,
    [
      {
        number: 1,
        text: {
          ru: 'Перенести срок мероприятия 1.1.2 на 30.06.2026',
          kk: '1.1.2 іс-шарасының мерзімін 30.06.2026 күніне ауыстыру',
          en: 'Move the due date of measure 1.1.2 to 30.06.2026',
        },
      },
      {
        number: 2,
        text: {
          ru: 'Дополнить раздел 1.2 новым мероприятием',
          kk: '1.2 бөлімін жаңа іс-шарамен толықтыру',
          en: 'Add a new measure to section 1.2',
        },
      },
    ],
    audit,
  );
  /** A decision moving a measure's due date, applied through the one write path. */
  const move = async (c: string, dueDate: string, n: number, decisionId: string) => {
    const m = await code(c);
    const r = await applyUpdate(tx, actor, m.id, { version: m.version, dueDate }, day, {
      source: 'decision',
      reason: `Решение ${n}-го заседания комиссии`,
      decisionId,
    });
    if (r.event) audit.record(r.event);
  };
  await move('1.1.2', '2026-06-30', 25, m25.decisions[0].id);
  const parent = await code('1.2');
  // the new measure is led by the bodies that lead its section
  const leads = await tx.execute<{ organisation_id: string }>(
    sql`select organisation_id from measure_responsibles where measure_id = ${parent.id} and role = 'lead'`,
  );
  const spheres = await tx.execute<{ sphere_id: string }>(
    sql`select sphere_id from measure_spheres where measure_id = ${parent.id}`,
  );
  await insertMeasure(
    tx,
    actor,
    {
      roadmapId,
      parentId: parent.id,
      title: {
        ru: 'Совместный семинар по обмену опытом пограничного контроля',
        kk: 'Шекаралық бақылау тәжірибесімен алмасу бойынша бірлескен семинар',
        en: 'Joint seminar on border control practice',
      },
      startDate: '2026-04-01',
      dueDate: '2026-10-30',
      completionForm: 'event_held',
      weight: 1,
      tier: 'shared',
      status: 'not_started',
      progress: 0,
      sphereIds: spheres.rows.map((r) => r.sphere_id),
      provisionIds: [],
      responsible: leads.rows.map((r) => ({ organisationId: r.organisation_id, role: 'lead' as const })),
      dependsOn: [],
      reason: 'Решение 25-го заседания комиссии',
      decisionId: m25.decisions[1].id,
    },
    day,
    audit,
  );
  await freezeBaseline(
    tx,
    roadmapId,
    { name: meetingBaselineName(25), kind: 'meeting', meetingId: m25.meeting.id, actor, at: at(d25) },
    audit,
  );

  const d26 = addDays(day, -30);
  const m26 = await addMeeting(
    tx,
    roadmapId,
    26,
    d26,
    true,
    [
      {
        number: 1,
        text: {
          ru: 'Перенести срок мероприятия 1.2.1 на 30.09.2026',
          kk: '1.2.1 іс-шарасының мерзімін 30.09.2026 күніне ауыстыру',
          en: 'Move the due date of measure 1.2.1 to 30.09.2026',
        },
      },
    ],
    audit,
  );
  await move('1.2.1', '2026-09-30', 26, m26.decisions[0].id);
  await freezeBaseline(
    tx,
    roadmapId,
    { name: meetingBaselineName(26), kind: 'meeting', meetingId: m26.meeting.id, actor, at: at(d26) },
    audit,
  );
  await addMeeting(tx, roadmapId, 27, addDays(day, 30), false, [], audit);

  // change requests: the Kazakh side's open one, the Russian side's declined one
  const people = await tx
    .select({ id: users.id, email: users.email, partyId: users.partyId })
    .from(users)
    .where(inArray(users.email, ['coordinator.kz@accord.local', 'coordinator.ru@accord.local']));
  const kz = people.find((p) => p.email.startsWith('coordinator.kz'));
  const ru = people.find((p) => p.email.startsWith('coordinator.ru'));
  const m111 = await code('1.1.1');
  const m132 = await code('1.3.2');
  if (kz?.partyId && ru?.partyId && m111 && m132) {
    const rows = await tx
      .insert(changeRequests)
      .values([
        {
          measureId: m111.id,
          partyId: kz.partyId,
          requestedBy: kz.id,
          dueDate: '2026-12-30',
          previousDueDate: m111.dueDate,
          reason: 'Требуется дополнительное согласование с ведомствами',
        },
        {
          measureId: m132.id,
          partyId: ru.partyId,
          requestedBy: ru.id,
          dueDate: '2027-03-31',
          previousDueDate: m132.dueDate,
          reason: 'Задержка поставки оборудования',
          state: 'declined' as const,
          declineReason: 'Срок согласован на 26-м заседании и не переносится',
          decidedAt: at(d26),
        },
      ])
      .returning();
    for (const r of rows)
      audit.record({
        action: 'change_request.create',
        entityType: 'change_request',
        entityId: r.id,
        after: { measureId: r.measureId, dueDate: r.dueDate },
        partyScope: r.partyId,
      });
  }
}
