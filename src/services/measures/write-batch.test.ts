/**
 * The batch writer's speed-ups keep its results: responsible bodies inserted in one statement,
 * and a measure's bodies added and removed over several statements (the summary trigger's
 * "first body of this party" test, migration 0020), leave the trigger-kept summary equal to
 * the from-scratch one, and the lean read behind `batchCreateEvents` gives each measure the
 * audit form the full read gives.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildOrganisation, buildWorld, type World } from '../../test/factories';
import { fastSummary, referenceSummary } from '../summary';
import { auditForm } from './present';
import { presentByIds } from './read';
import { type BatchMeasure, batchCreateEvents, rollUpRoadmap, writeMeasureBatch } from './write-batch';

let t: TestDatabase;
let w: World;
const DAY = '2026-06-15';

beforeAll(async () => {
  t = await createTestDatabase({ now: new Date(`${DAY}T09:00:00Z`) });
  w = await buildWorld(t.ctx);
});
afterAll(() => t.close());

describe('writeMeasureBatch', () => {
  it('keeps the summary exact for a batch with several bodies of a party per measure, and audits the stored form', async () => {
    const third = await buildOrganisation(t.db, { partyId: w.kz.party.id, name: { ru: 'Третье KZ' } });
    const parent = randomUUID();
    // 1 parent + 130 leaves with 3 KZ bodies and 1 RU body each: 521 rows in one statement
    const batch: BatchMeasure[] = [
      {
        id: parent,
        parentId: null,
        code: '1',
        depth: 0,
        title: { ru: 'Раздел' },
        startDate: '2026-01-01',
        dueDate: '2026-12-31',
        completionForm: 'other',
        weight: 1,
        tier: 'shared',
        ownerPartyId: null,
        status: 'not_started',
        progress: 0,
        sphereIds: [w.sphere.id],
        responsible: [{ organisationId: w.kz.ministry.id, partyId: w.kz.party.id, role: 'lead' }],
      },
      ...Array.from(
        { length: 130 },
        (_, i): BatchMeasure => ({
          id: randomUUID(),
          parentId: parent,
          code: `1.${i + 1}`,
          depth: 1,
          title: { ru: `Мероприятие ${i + 1}` },
          startDate: '2026-01-01',
          dueDate: i % 3 === 0 ? '2026-03-31' : '2026-12-31',
          completionForm: 'agreement_signed',
          weight: 1 + (i % 2),
          tier: i % 10 === 0 ? 'internal' : 'shared',
          ownerPartyId: i % 10 === 0 ? w.ru.party.id : null,
          status: i % 4 === 0 ? 'completed' : 'in_progress',
          progress: i % 4 === 0 ? 100 : i % 90,
          sphereIds: [w.sphere.id],
          responsible: [
            { organisationId: w.kz.agency.id, partyId: w.kz.party.id, role: 'co_executor' },
            { organisationId: w.kz.ministry.id, partyId: w.kz.party.id, role: 'lead' },
            { organisationId: third.id, partyId: w.kz.party.id, role: 'co_executor' },
            { organisationId: w.ru.ministry.id, partyId: w.ru.party.id, role: 'lead' },
          ],
        }),
      ),
    ];
    // the summary's flag day is set before the writes, so the triggers count flags as they go
    await fastSummary(t.ctx, w.admin.actor, w.roadmap.id, DAY);
    const events = await t.db.transaction(async (tx) => {
      await writeMeasureBatch(tx, w.roadmap.id, batch);
      await rollUpRoadmap(tx, w.roadmap.id);
      return batchCreateEvents(
        tx,
        batch.map((b) => b.id),
        DAY,
      );
    });
    for (const a of [w.admin.actor, w.kz.coordinator.actor, w.ru.reporter.actor, w.viewer.actor]) {
      const fast = await fastSummary(t.ctx, a, w.roadmap.id, DAY);
      expect(fast, a.role).toEqual(await referenceSummary(t.ctx, a, w.roadmap.id, DAY));
    }
    const all = await referenceSummary(t.ctx, w.admin.actor, w.roadmap.id, DAY);
    expect(all.measureCount).toBe(131);

    const stored = await presentByIds(
      t.db,
      w.admin.actor,
      batch.map((b) => b.id),
      DAY,
    );
    expect(events.map((e) => e.entityId).sort()).toEqual(batch.map((b) => b.id).sort());
    const byId = new Map(stored.map((m) => [m.id, auditForm(m)]));
    for (const e of events) expect(e.after).toEqual(byId.get(e.entityId as string));
    // the rolled-up parent is audited as stored after the roll-up, not as written
    const top = events.find((e) => e.entityId === parent)?.after as { progress: number; status: string };
    expect(top.status).toBe('in_progress');
    expect(top.progress).toBeGreaterThan(0);
    expect(events.filter((e) => e.partyScope === w.ru.party.id)).toHaveLength(13);
  });

  it('keeps the summary exact when bodies of one measure come and go over several statements', async () => {
    const extra = await buildOrganisation(t.db, { partyId: w.ru.party.id, name: { ru: 'Второе RU' } });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const leaf = (id: string, i: number): BatchMeasure => ({
      id,
      parentId: null,
      code: `9${i}`,
      depth: 0,
      title: { ru: `Отдельное ${i}` },
      startDate: '2026-01-01',
      dueDate: '2026-03-31',
      completionForm: 'other',
      weight: 2,
      tier: i === 2 ? 'internal' : 'shared',
      ownerPartyId: i === 2 ? w.kz.party.id : null,
      status: 'in_progress',
      progress: 10 * i,
      sphereIds: [],
      responsible:
        i === 0 ? [{ organisationId: w.kz.ministry.id, partyId: w.kz.party.id, role: 'lead' }] : [],
    });
    const add = (rows: [string, string, string][]) =>
      t.db.execute(sql`insert into measure_responsibles (measure_id, organisation_id, party_id, role)
        select x[1]::uuid, x[2]::uuid, x[3]::uuid, 'co_executor' from json_array_elements(${JSON.stringify(rows)}::json) j,
        lateral (select array(select json_array_elements_text(j.value))) a(x)`);
    const drop = (measureId: string, organisationId: string) =>
      t.db.execute(
        sql`delete from measure_responsibles where measure_id = ${measureId} and organisation_id = ${organisationId}`,
      );
    const check = async (step: string) => {
      for (const a of [w.admin.actor, w.kz.coordinator.actor, w.ru.reporter.actor, w.viewer.actor]) {
        const fast = await fastSummary(t.ctx, a, w.roadmap.id, DAY);
        expect(fast, `${step}: ${a.role}`).toEqual(await referenceSummary(t.ctx, a, w.roadmap.id, DAY));
      }
    };
    await t.db.transaction((tx) => writeMeasureBatch(tx, w.roadmap.id, ids.map(leaf)));
    await check('written');
    // a second body of a party the measure has already, and a first one of the other party
    await add([
      [ids[0], w.kz.agency.id, w.kz.party.id],
      [ids[0], w.ru.ministry.id, w.ru.party.id],
    ]);
    await check('added to a measure with bodies');
    // two bodies of one party in one statement, on a measure that had none; then a third
    await add([
      [ids[1], w.ru.ministry.id, w.ru.party.id],
      [ids[1], extra.id, w.ru.party.id],
      [ids[2], w.kz.ministry.id, w.kz.party.id],
    ]);
    await add([[ids[1], w.kz.agency.id, w.kz.party.id]]);
    await check('added to measures without bodies');
    // the party stays while one of its bodies is left, and goes with the last one
    await drop(ids[1], extra.id);
    await check('one of two removed');
    await drop(ids[1], w.ru.ministry.id);
    await drop(ids[0], w.kz.ministry.id);
    await check('last removed');
    await add([[ids[1], extra.id, w.ru.party.id]]);
    await check('added back');
  });
});
