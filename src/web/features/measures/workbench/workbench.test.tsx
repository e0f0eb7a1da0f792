import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildMeasure,
  buildOrg,
  buildParty,
  buildRoadmap,
  buildUser,
  fakeApi,
  page,
  renderPage,
} from '../../roadmap/testing';
import { needsReason } from '../editForm';
import { MeasureEditForm } from '../MeasureEditForm';
import { blockersOf } from './DeleteMeasureDialog';
import { moveTargets } from './MoveDialog';

if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const a = buildMeasure('1');
const a1 = buildMeasure('1.1', { parent: a });
const a11 = buildMeasure('1.1.1', { parent: a1 });
const b = buildMeasure('2', { dependsOn: [a1.id] });
const b1 = buildMeasure('2.1', { parent: b, dependsOn: [a1.id] });

describe('the workbench rules', () => {
  it('offers as move targets everything but the measure and its own subtree', () => {
    expect(moveTargets([b1, a11, b, a, a1], a1).map((m) => m.code)).toEqual(['1', '2', '2.1']);
    expect(moveTargets([b1, a11, b, a, a1], a).map((m) => m.code)).toEqual(['2', '2.1']);
  });

  it('names the children and the dependants of a measure before its deletion', () => {
    const found = blockersOf([a, a1, a11, b, b1], a1);
    expect(found.children.map((m) => m.code)).toEqual(['1.1.1']);
    expect(found.dependants.map((m) => m.code)).toEqual(['2', '2.1']);
  });

  it.each([
    [{ dueDate: '2026-08-31' }, true],
    [{ responsible: [] }, true],
    [{ status: 'in_progress', progress: 40 }, false],
    [{ status: 'done', reason: 'x' }, false],
  ])('a patch %j changes the plan: %s', (patch, expected) => {
    expect(needsReason(patch)).toBe(expected);
  });
});

/** An admin, and a measure of an approved roadmap led by a Kazakh ministry. */
function approvedMeasure(code: string) {
  const kz = buildParty('KZ', 'Республика Казахстан');
  const org = buildOrg(kz, 'МИД РК');
  const roadmap = buildRoadmap({ status: 'approved' });
  const m = buildMeasure(code, {
    roadmap,
    dueDate: '2026-06-30',
    responsible: [{ organisationId: org.id, partyId: kz.id, role: 'lead' }],
  });
  return { kz, org, roadmap, m, admin: buildUser({ role: 'admin' }) };
}

/** The edit form of that measure, as its admin sees it. */
function renderForm(w: ReturnType<typeof approvedMeasure>, onDone: () => void) {
  renderPage(
    <MeasureEditForm
      measure={w.m}
      user={w.admin}
      roadmap={w.roadmap}
      parties={[w.kz]}
      spheres={[]}
      organisations={[w.org]}
      onDone={onDone}
      onReload={async () => undefined}
    />,
    { user: w.admin },
  );
}

describe('MeasureEditForm in an approved roadmap', () => {
  it('asks for a reason for a plan change and sends it with the change', async () => {
    const { kz, org, roadmap, m, admin } = approvedMeasure('3');
    const api = fakeApi((req) => {
      if (req.path === '/measures' && req.method === 'GET') return { body: page([m]) };
      if (req.method === 'PATCH') return { body: { ...m, dueDate: '2026-08-31', version: 2 } };
      return undefined;
    });
    restore = api.restore;
    let done = false;
    renderForm({ m, admin, roadmap, kz, org }, () => {
      done = true;
    });
    const due = screen.getByLabelText(/^Срок/);
    fireEvent.change(due, { target: { value: '31.08.2026' } });
    fireEvent.blur(due);
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText('Укажите причину (не короче 3 символов)')).toBeTruthy();
    expect(api.log.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.change(screen.getByLabelText(/Причина изменения/), {
      target: { value: 'Решение 27-го заседания' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(done).toBe(true));
    expect(api.log.find((r) => r.method === 'PATCH')?.body).toEqual({
      version: 1,
      dueDate: '2026-08-31',
      reason: 'Решение 27-го заседания',
    });
  }, 60_000);
});

describe('MeasureEditForm citing a commission decision', () => {
  const D1 = '00000000-0000-4000-8000-0000000000d1';
  const D2 = '00000000-0000-4000-8000-0000000000d2';
  it("offers the roadmap's decisions, shows the API's refusal beside the picker and sends the one chosen", async () => {
    const { kz, org, roadmap, m, admin } = approvedMeasure('4');
    const decision = (id: string, number: number, ru: string) => ({ id, number, text: { ru }, measures: [] });
    const meetings = [
      { id: 'm27', number: 27, decisions: [decision(D1, 1, 'Перенести сроки раздела 4')] },
      { id: 'm26', number: 26, decisions: [decision(D2, 3, 'Дополнить план')] },
    ];
    let patches = 0;
    const api = fakeApi((req) => {
      if (req.path === '/commission-meetings') return { body: page(meetings) };
      if (req.method === 'PATCH')
        return ++patches === 1
          ? {
              status: 422,
              body: {
                error: {
                  code: 'rule_violation',
                  message: 'decisionId: не то заседание',
                  details: [
                    { path: 'decisionId', message: 'не то заседание', rule: 'decision.otherRoadmap' },
                  ],
                },
              },
            }
          : { body: { ...m, dueDate: '2026-08-31', version: 2 } };
      return undefined;
    });
    restore = api.restore;
    let done = false;
    renderForm({ m, admin, roadmap, kz, org }, () => {
      done = true;
    });
    const picker = (await screen.findByLabelText(/^Решение комиссии/)) as HTMLSelectElement;
    await waitFor(() =>
      expect([...picker.options].map((o) => o.text)).toEqual([
        'Без ссылки на решение',
        '27-е заседание, решение 1: Перенести сроки раздела 4',
        '26-е заседание, решение 3: Дополнить план',
      ]),
    );
    const due = screen.getByLabelText(/^Срок/);
    fireEvent.change(due, { target: { value: '31.08.2026' } });
    fireEvent.blur(due);
    fireEvent.change(screen.getByLabelText(/Причина изменения/), { target: { value: 'По решению' } });
    await userEvent.selectOptions(picker, D2);
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(api.log.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    expect(await screen.findByText('не то заседание')).toBeTruthy();
    expect(picker.getAttribute('aria-invalid')).toBe('true');

    await userEvent.selectOptions(picker, D1);
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(done).toBe(true));
    expect(api.log.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { version: 1, dueDate: '2026-08-31', reason: 'По решению', decisionId: D2 },
      { version: 1, dueDate: '2026-08-31', reason: 'По решению', decisionId: D1 },
    ]);
  }, 60_000);
});
