import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import RoadmapPage from './RoadmapPage';
import {
  buildMeasure,
  buildOrg,
  buildParty,
  buildRoadmap,
  buildSphere,
  buildUser,
  fakeApi,
  fakeLayout,
  page,
  type Recorded,
  renderPage,
} from './testing';
import { parseView, roadmapHref, viewToApiFilter, viewToSearch } from './urlState';

const kz = buildParty('KZ', 'Казахстан');
const ru = buildParty('RU', 'Россия');
const mintrans = buildOrg(kz, 'Минтранс РК');
const transport = buildSphere('transport', 'Транспорт', 1);
const energy = buildSphere('energy', 'Энергетика', 2);
const archived = buildRoadmap({
  title: { ru: 'Старая карта' },
  status: 'archived',
  updatedAt: '2026-02-01T00:00:00Z',
});
const current = buildRoadmap({
  title: { ru: 'Дорожная карта 2026–2028' },
  updatedAt: '2026-01-01T00:00:00Z',
});
const resp = [{ organisationId: mintrans.id, partyId: kz.id, role: 'lead' as const }];
const m1 = buildMeasure('1', { roadmap: current, childCount: 2, responsible: resp });
const m11 = buildMeasure('1.1', {
  parent: m1,
  status: 'in_progress',
  dueDate: '2026-05-01',
  responsible: resp,
});
const m12 = buildMeasure('1.2', {
  parent: m1,
  status: 'in_progress',
  dueDate: '2026-04-01',
  responsible: resp,
});
const m2 = buildMeasure('2', { roadmap: current, responsible: resp });
const all = [m1, m11, m12, m2];

/** The stand-in server: every list, and a filtered answer chosen by the test. */
function server(
  filtered: (q: URLSearchParams) => typeof all,
  bulk?: (req: Recorded) => { status: number; body: unknown },
) {
  return fakeApi((req) => {
    if (req.path === '/roadmaps') return { body: page([archived, current]) };
    if (req.path === '/parties') return { body: page([kz, ru]) };
    if (req.path === '/spheres') return { body: page([transport, energy]) };
    if (req.path === '/organisations') return { body: page([mintrans]) };
    if (req.path === '/measures/bulk' && bulk) return bulk(req);
    if (req.path === '/commission-meetings') return { body: page([meeting27]) };
    if (req.path === '/measures') {
      const onlyRoadmap = [...req.query.keys()].every((k) =>
        ['roadmapId', 'sort', 'page', 'limit'].includes(k),
      );
      if (req.query.get('sort') === 'code' && onlyRoadmap) return { body: page(all) };
      return { body: page(filtered(req.query)) };
    }
    return undefined;
  });
}

const DECISION = '00000000-0000-4000-8000-0000000000d7';
/** A meeting reviewing the roadmap, whose decision a bulk change may cite. */
const meeting27 = {
  id: '00000000-0000-4000-8000-0000000000e7',
  number: 27,
  date: '2026-11-20',
  place: null,
  coChairs: [],
  roadmapIds: [],
  agenda: [],
  decisions: [{ id: DECISION, number: 2, text: { ru: 'Перенести сроки по транспорту' }, measures: [] }],
  heldAt: null,
  protocol: null,
  version: 1,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

const admin = buildUser();
/** The machine may be busy running other suites: wait longer than the 1 s default. */
const SLOW = { timeout: 8000 };
/** Many user steps in jsdom: room for a machine busy with the rest of the suite. */
const INTERACTIVE = 60_000;
let restoreLayout: () => void;
let restoreFetch: (() => void) | undefined;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());
afterEach(() => restoreFetch?.());

const url = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');
const filterRequests = (log: Recorded[]) =>
  log.filter(
    (r) =>
      r.path === '/measures' &&
      [...r.query.keys()].some((k) => !['roadmapId', 'sort', 'page', 'limit'].includes(k)),
  );

describe('roadmap view in the URL', () => {
  it('round-trips every filter through search params and drops malformed ones', () => {
    const view = parseView(
      new URLSearchParams(
        `roadmap=${current.id}&sphere=${transport.id}&party=${kz.id}&org=${mintrans.id}&status=in_progress,completed,bogus&overdue=1&atRisk=true&leaf=1&dueFrom=2026-01-01&dueTo=2026-12-31&q=соглашение&sort=-dueDate&view=flat`,
      ),
    );
    expect(view.status).toEqual(['in_progress', 'completed']);
    expect(parseView(viewToSearch(view))).toEqual(view);
    expect(view.leaf).toBe(true);
    expect(viewToApiFilter(view)).toMatchObject({
      sphereId: transport.id,
      overdue: 'true',
      leaf: 'true',
      q: 'соглашение',
    });
    expect(parseView(new URLSearchParams('sort=nonsense&dueFrom=yesterday&sphere=1'))).toMatchObject({
      sort: 'code',
      dueFrom: null,
      sphere: null,
    });
    expect(viewToApiFilter(parseView(new URLSearchParams('sort=-dueDate')))).toBeNull();
    expect(roadmapHref({ overdue: true })).toBe('/roadmap?overdue=1');
    expect(roadmapHref({ overdue: true, leaf: true })).toBe('/roadmap?overdue=1&leaf=1');
    expect(viewToApiFilter(parseView(new URLSearchParams('leaf=1')))).toMatchObject({ leaf: 'true' });
  });
});

describe('RoadmapPage filters', () => {
  it('restores a shared link: controls show its filters and the server is asked with them', async () => {
    const api = server(() => [m11]);
    restoreFetch = api.restore;
    renderPage(<RoadmapPage />, {
      route: `/roadmap?roadmap=${current.id}&status=in_progress&overdue=1&leaf=1&q=${encodeURIComponent('соглашение')}&sort=-dueDate&sphere=${transport.id}`,
      user: admin,
    });
    expect(await screen.findByText('Найдено: 1', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Поиск' })).toHaveValue('соглашение');
    expect(screen.getByRole('checkbox', { name: 'Только просроченные' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Только мероприятия нижнего уровня' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Только под угрозой' })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Сортировка' })).toHaveValue('-dueDate');
    expect(screen.getByRole('combobox', { name: 'Сфера' })).toHaveValue(transport.id);
    expect(screen.getByRole('combobox', { name: 'Дорожная карта' })).toHaveValue(current.id);

    const [req] = filterRequests(api.log);
    expect(req.query.get('roadmapId')).toBe(current.id);
    expect(req.query.get('status')).toBe('in_progress');
    expect(req.query.get('overdue')).toBe('true');
    expect(req.query.get('leaf')).toBe('true');
    expect(req.query.get('q')).toBe('соглашение');
    expect(req.query.get('sphereId')).toBe(transport.id);
    // the match with its ancestor for context; the other branch is gone
    const grid = screen.getByRole('treegrid');
    expect(within(grid).getByRole('link', { name: 'Мероприятие 1.1' })).toBeInTheDocument();
    expect(within(grid).getByRole('link', { name: 'Мероприятие 1' })).toBeInTheDocument();
    expect(within(grid).queryByRole('link', { name: 'Мероприятие 2' })).toBeNull();
  });

  it(
    'writes each change to the URL and asks the server again',
    async () => {
      const user = userEvent.setup({ delay: null });
      const api = server((q) =>
        all.filter((m) => !q.get('status') || q.get('status')!.split(',').includes(m.status)),
      );
      restoreFetch = api.restore;
      renderPage(<RoadmapPage />, { route: '/roadmap', user: admin });
      // the default roadmap is the most recent approved one, not the newer archived one
      expect(await screen.findByRole('combobox', { name: 'Дорожная карта' }, SLOW)).toHaveValue(current.id);
      await screen.findByRole('treegrid', {}, SLOW);
      expect(filterRequests(api.log)).toHaveLength(0);

      await user.selectOptions(screen.getByRole('combobox', { name: 'Сфера' }), transport.id);
      expect(url().get('sphere')).toBe(transport.id);

      await user.click(screen.getByRole('checkbox', { name: 'Только под угрозой' }));
      expect(url().get('atRisk')).toBe('1');

      await user.click(screen.getByRole('checkbox', { name: 'Только мероприятия нижнего уровня' }));
      expect(url().get('leaf')).toBe('1');

      fireEvent.change(screen.getByLabelText('Срок с'), { target: { value: '2026-03-01' } });
      expect(url().get('dueFrom')).toBe('2026-03-01');

      await user.selectOptions(screen.getByRole('combobox', { name: 'Сортировка' }), 'dueDate');
      expect(url().get('sort')).toBe('dueDate');

      await user.type(screen.getByRole('searchbox', { name: 'Поиск' }), 'порт{Enter}');
      expect(url().get('q')).toBe('порт');

      await waitFor(() => {
        const last = filterRequests(api.log).at(-1)!;
        expect(Object.fromEntries(last.query)).toMatchObject({
          sphereId: transport.id,
          atRisk: 'true',
          leaf: 'true',
          dueFrom: '2026-03-01',
          sort: 'dueDate',
          q: 'порт',
        });
      }, SLOW);

      await user.click(screen.getByRole('button', { name: 'Сбросить фильтры' }));
      expect([...url().keys()].every((k) => ['roadmap', 'sort'].includes(k))).toBe(true);
      expect(url().get('sphere')).toBeNull();
      expect(url().get('q')).toBeNull();
      expect(url().get('sort')).toBe('dueDate');
      expect(screen.getByRole('searchbox', { name: 'Поиск' })).toHaveValue('');
    },
    INTERACTIVE,
  );

  it(
    'reports a refused bulk edit by measure code',
    async () => {
      const user = userEvent.setup({ delay: null });
      const api = server(
        () => all,
        (req) => {
          const items = (req.body as { items: { id: string }[] }).items;
          const i = items.findIndex((it) => it.id === m12.id);
          return {
            status: 422,
            body: {
              error: {
                code: 'rule_violation',
                message: 'One change was refused; nothing was saved.',
                details: [{ path: `items.${i}.dueDate`, message: 'must not be before the start date' }],
              },
            },
          };
        },
      );
      restoreFetch = api.restore;
      renderPage(<RoadmapPage />, { route: `/roadmap?roadmap=${current.id}`, user: admin });
      await screen.findByRole('treegrid', {}, SLOW);
      await user.click(screen.getByRole('checkbox', { name: 'Выбрать 1.1' }));
      await user.click(screen.getByRole('checkbox', { name: 'Выбрать 1.2' }));
      expect(screen.getByText('Выбрано 2 мероприятия')).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: 'Изменить срок' }));
      fireEvent.change(await screen.findByLabelText(/Новый срок/, {}, SLOW), {
        target: { value: '2025-01-01' },
      });
      // the roadmap is approved: a plan change says why, and may cite a decision of a meeting reviewing it
      await user.click(screen.getByRole('button', { name: 'Применить' }));
      expect(await screen.findByText(/Причина изменения: Укажите причину/)).toBeInTheDocument();
      expect(api.log.some((r) => r.path === '/measures/bulk')).toBe(false);
      fireEvent.change(screen.getByRole('textbox', { name: /Причина изменения/ }), {
        target: { value: 'Решение 27-го заседания' },
      });
      const decision = screen.getByRole('combobox', { name: /Решение комиссии/ });
      await screen.findByRole(
        'option',
        { name: '27-е заседание, решение 2: Перенести сроки по транспорту' },
        SLOW,
      );
      await user.selectOptions(decision, DECISION);
      await user.click(screen.getByRole('button', { name: 'Применить' }));

      const report = await screen.findByTestId('bulk-report', {}, SLOW);
      expect(within(report).getByText('Изменение отклонено — ничего не изменено')).toBeInTheDocument();
      expect(report).toHaveTextContent('1.2 — Срок: не может быть раньше даты начала');
      const sent = api.log.find((r) => r.path === '/measures/bulk')!;
      expect(sent.body).toEqual({
        items: [
          { id: m11.id, version: 1 },
          { id: m12.id, version: 1 },
        ],
        set: { dueDate: '2025-01-01' },
        reason: 'Решение 27-го заседания',
        decisionId: DECISION,
      });
    },
    INTERACTIVE,
  );

  it('offers no selection to a viewer', async () => {
    const api = server(() => all);
    restoreFetch = api.restore;
    renderPage(<RoadmapPage />, {
      route: `/roadmap?roadmap=${current.id}`,
      user: buildUser({ role: 'viewer' }),
    });
    await screen.findByRole('treegrid', {}, SLOW);
    expect(screen.queryByRole('checkbox', { name: /Выбрать/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Изменить срок' })).toBeNull();
  });
});
