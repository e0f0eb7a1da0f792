import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../contracts';
import { buildOrg, buildParty, fakeApi, id, renderPage } from '../roadmap/testing';
import { MeasureHistory } from './MeasureHistory';

const kz = buildParty('KZ', 'Казахстан');
const mintrans = buildOrg(kz, 'Минтранс РК');
const measureId = id('m');
const reference = {
  partyById: new Map([[kz.id, kz]]),
  sphereById: new Map(),
  orgById: new Map([[mintrans.id, mintrans]]),
};

/** An update event as the server now writes it: only the changed fields, plus id and code. */
const update = (over: Partial<AuditEvent> & { before: object; after: object }): AuditEvent => ({
  seq: null,
  id: id('e'),
  occurredAt: '2026-03-02T09:30:00.000Z',
  actorId: id('u'),
  actorLabel: 'reporter.kz@accord.local',
  action: 'measure.update',
  entityType: 'measure',
  entityId: measureId,
  requestId: null,
  hash: null,
  actorName: 'Айгерим Нурланова',
  actorOrganisationId: mintrans.id,
  ...over,
});

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function serve(events: AuditEvent[]) {
  const api = fakeApi((req) =>
    req.path === `/measures/${measureId}/history` ? { body: { data: events } } : undefined,
  );
  restore = api.restore;
}

const SLOW = { timeout: 8000 };

describe('MeasureHistory', () => {
  it('shows why a measure changed and only the fields that did, by the person’s name', async () => {
    serve([
      update({
        before: { id: measureId, code: '4.2.KZ1', status: 'not_started', progress: 0 },
        after: {
          id: measureId,
          code: '4.2.KZ1',
          status: 'in_progress',
          progress: 40,
          source: 'bulk',
          reason: 'Решение рабочей группы',
        },
      }),
      // sealed events and ones still waiting for their seq may sit side by side
      update({
        seq: null,
        occurredAt: '2026-03-01T09:30:00.000Z',
        before: { id: measureId, code: '4.2.KZ1', progress: 10 },
        after: { id: measureId, code: '4.2.KZ1', progress: 0, source: 'edit' },
      }),
    ]);
    renderPage(<MeasureHistory measureId={measureId} reference={reference} />);
    const items = await screen.findAllByRole('listitem', {}, SLOW);
    expect(items).toHaveLength(2);

    const [bulk, edit] = items;
    expect(bulk).toHaveTextContent('Айгерим Нурланова (Минтранс РК)');
    expect(bulk).not.toHaveTextContent('reporter.kz@accord.local');
    expect(within(bulk).getByTestId('history-note')).toHaveTextContent(
      'массовое изменение · Причина: Решение рабочей группы',
    );
    const fields = (item: HTMLElement) =>
      within(item)
        .getAllByRole('rowheader')
        .map((th) => th.textContent);
    expect(fields(bulk)).toEqual(['Статус', 'Прогресс']);
    expect(bulk).toHaveTextContent('Не начато');
    expect(bulk).toHaveTextContent('40 %');

    expect(within(edit).getByTestId('history-note')).toHaveTextContent(/^изменено вручную$/);
    expect(fields(edit)).toEqual(['Прогресс']);
    for (const item of items) {
      expect(item).not.toHaveTextContent(/source|reason|4\.2\.KZ1/);
    }
  });

  it('says nothing of a source when the event has none (creation, older events)', async () => {
    serve([
      update({
        seq: 7,
        action: 'measure.create',
        before: {},
        after: { id: measureId, code: '4.2.KZ1', status: 'not_started' },
      }),
    ]);
    renderPage(<MeasureHistory measureId={measureId} reference={reference} />);
    const [item] = await screen.findAllByRole('listitem', {}, SLOW);
    expect(item).toHaveTextContent('Создано');
    expect(within(item).queryByTestId('history-note')).toBeNull();
  });
});
