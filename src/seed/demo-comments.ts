/**
 * The demo dataset's comments (issue 8 §9): a shared discussion with a reply and a mention,
 * an internal note of one party, and a comment forced internal on an internal measure, so
 * the measure page has something real to show at first start.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client';
import { comments } from '../db/schema';
import type { AuditInput } from '../services/core/mutate';

/** The ids the demo loader made, by the dataset's keys. */
export interface DemoIds {
  measureId: ReadonlyMap<string, string>;
  userId: ReadonlyMap<string, string>;
  partyId: ReadonlyMap<string, string>;
}

interface DemoComment {
  key: string;
  measure: string;
  author: string;
  text: string;
  party?: string;
  reply?: string;
  mentions?: string[];
}

const KZ_COORD = 'coordinator.kz@accord.local';
const RU_COORD = 'coordinator.ru@accord.local';
const KZ_REP = 'reporter.kz@accord.local';
const RU_REP = 'reporter.ru@accord.local';

const COMMENTS: DemoComment[] = [
  {
    key: 'plan',
    measure: '4.1.1',
    author: RU_COORD,
    text: 'Коллеги, прошу подтвердить сроки согласования плана по коридору «Север — Юг». Материалы ЕЭК: https://eec.eaeunion.org/',
  },
  {
    key: 'plan-reply',
    measure: '4.1.1',
    author: KZ_REP,
    reply: 'plan',
    text: '@Андрей Волков, проект плана направлен в МИД, ответ ожидаем до конца месяца.',
    mentions: [RU_COORD],
  },
  {
    key: 'plan-internal',
    measure: '4.1.1',
    author: KZ_COORD,
    party: 'KZ',
    text: 'До ответа партнёрам согласуем позицию с КТЖ. @Ерлан Жумабеков, подготовьте справку к пятнице.',
    mentions: [KZ_REP],
  },
  {
    key: 'stations',
    measure: '4.3.2',
    author: RU_REP,
    text: 'Работы на приграничных станциях выполнены примерно на 60%; фотоотчёт приложим к квартальному отчёту.',
  },
  {
    key: 'kz-position',
    measure: '1.1.KZ1',
    author: KZ_COORD,
    party: 'KZ',
    text: 'Проект позиции к консультациям прошу представить до конца квартала.',
  },
];

/** Inserts the demo comments (the demo loader's transaction) and returns their audit events. */
export async function loadDemoComments(tx: Tx, ids: DemoIds, now: Date): Promise<AuditInput[]> {
  const idOf = new Map(COMMENTS.map((c) => [c.key, randomUUID()]));
  const rows = COMMENTS.flatMap((c) => {
    const measureId = ids.measureId.get(c.measure);
    const authorId = ids.userId.get(c.author);
    if (!measureId || !authorId) return [];
    const partyId = c.party ? (ids.partyId.get(c.party) ?? null) : null;
    return [
      {
        id: idOf.get(c.key)!,
        measureId,
        parentId: c.reply ? idOf.get(c.reply)! : null,
        authorId,
        visibility: partyId ? ('internal' as const) : ('shared' as const),
        partyId,
        body: c.text,
        mentions: (c.mentions ?? []).map((e) => ids.userId.get(e)).filter((x): x is string => !!x),
        createdAt: now,
        updatedAt: now,
      },
    ];
  });
  if (rows.length === 0) return [];
  await tx.insert(comments).values(rows);
  return rows.map((r) => ({
    action: 'comment.create' as const,
    entityType: 'comment' as const,
    entityId: r.id,
    after: {
      id: r.id,
      target: { kind: 'measure', id: r.measureId },
      parentId: r.parentId,
      visibility: r.visibility,
      partyId: r.partyId,
      text: r.body,
      mentions: r.mentions,
    },
    partyScope: r.partyId,
  }));
}
