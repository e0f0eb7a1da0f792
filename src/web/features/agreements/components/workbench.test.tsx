import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agreement, Provision } from '../../../../contracts';
import {
  buildMeasure,
  buildParty,
  buildSphere,
  buildUser,
  fakeApi,
  id,
  page,
  renderPage,
} from '../../roadmap/testing';
import { AgreementDialog } from './AgreementDialog';
import { AmendmentsSection } from './AmendmentsSection';
import { ProvisionsSection } from './ProvisionsSection';

const kz = buildParty('KZ', 'Республика Казахстан');
const ru = buildParty('RU', 'Российская Федерация');
const trade = buildSphere('trade', 'Торговля');
const transport = buildSphere('transport', 'Транспорт', 1);
const admin = buildUser({ role: 'admin' });
const stamp = '2026-01-01T00:00:00.000Z';

const agreement: Agreement = {
  id: id('a'),
  kind: 'agreement',
  title: { ru: 'Соглашение о транзите' },
  partyIds: [kz.id, ru.id],
  signedOn: '2025-11-12',
  signedPlace: null,
  binding: true,
  status: 'signed',
  fullText: null,
  provisionCount: 3,
  amendsAgreementId: null,
  amendments: [],
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
};
const provision = (number: string, position: number, sphereIds: string[]): Provision => ({
  id: id('p'),
  agreementId: agreement.id,
  number,
  position,
  text: { ru: `Текст пункта ${number}` },
  sphereIds,
  amendsProvisionId: null,
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
});

let restore: (() => void) | undefined;
afterEach(() => restore?.());

// jsdom lacks document.fonts, which Mantine's autosizing text areas listen to
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });

describe('AgreementDialog', () => {
  it('asks for the title before sending, then shows the API refusal beside its field', async () => {
    const api = fakeApi((req) => {
      if (req.path === '/parties') return { body: page([kz, ru]) };
      if (req.path === '/agreements' && req.method === 'GET') return { body: page([]) };
      if (req.path === '/agreements' && req.method === 'POST')
        return {
          status: 400,
          body: {
            error: {
              code: 'validation_failed',
              message: 'Проверьте поля',
              details: [{ path: 'signedOn', message: 'должно быть датой', rule: 'field.date' }],
              requestId: 'r1',
            },
          },
        };
      return undefined;
    });
    restore = api.restore;
    renderPage(<AgreementDialog editing={null} onClose={() => {}} />, { user: admin });
    const dialog = await screen.findByRole('dialog', { name: 'Новое соглашение' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Создать' }));
    expect(await within(dialog).findByText('Обязательное поле')).toBeTruthy();
    expect(api.log.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.type(within(dialog).getByLabelText(/Название \(на русском\)/), 'Соглашение о транзите');
    await waitFor(() =>
      expect(within(dialog).getAllByText(/Российская Федерация/).length).toBeGreaterThan(0),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Создать' }));
    // in the summary above the buttons and beside the field itself
    expect(await within(dialog).findAllByText('должно быть датой')).toHaveLength(2);
    expect(within(dialog).getByLabelText('Дата подписания').getAttribute('aria-invalid')).toBe('true');
    const sent = api.log.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      title: { ru: 'Соглашение о транзите' },
      partyIds: [kz.id, ru.id],
      binding: true,
      status: 'signed',
      amendsAgreementId: null,
    });
  }, 60_000);
});

describe('ProvisionsSection', () => {
  const p1 = provision('1', 1, [trade.id]);
  const p2 = provision('2', 2, [transport.id, trade.id]);
  const p10 = provision('10', 3, [transport.id]);
  const implementing = buildMeasure('2.1', { provisionIds: [p2.id] });

  function setUp() {
    const api = fakeApi((req) => {
      if (req.path === '/spheres') return { body: page([trade, transport]) };
      if (req.path === `/agreements/${agreement.id}/provisions` && req.method === 'GET')
        return { body: page([p10, p2, p1]) };
      if (req.path === `/agreements/${agreement.id}/provisions/order`)
        return { body: { data: [p2, p1, p10].map((p, i) => ({ ...p, position: i + 1 })) } };
      return undefined;
    });
    restore = api.restore;
    renderPage(
      <ProvisionsSection
        agreement={agreement}
        measures={{ byProvision: new Map([[p2.id, [implementing]]]), isLoading: false, error: null }}
        amendedBy={new Map()}
      />,
      { user: admin },
    );
    return api;
  }
  const numbers = () => screen.getAllByTestId('provision').map((e) => e.getAttribute('data-number'));

  it('lists the provisions in reading order, each once, and a sphere filter narrows the list', async () => {
    setUp();
    await waitFor(() => expect(numbers()).toEqual(['1', '2', '10']));
    expect(within(screen.getAllByTestId('provision')[1]).getByText('Транспорт')).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Сфера'), trade.id);
    expect(numbers()).toEqual(['1', '2']);
  });

  it('moves a provision with a button, sending every id in the new order', async () => {
    const api = setUp();
    await waitFor(() => expect(numbers()).toEqual(['1', '2', '10']));
    await userEvent.click(screen.getByRole('button', { name: 'Выше: Пункт 2' }));
    await waitFor(() => expect(numbers()).toEqual(['2', '1', '10']));
    expect(api.log.find((r) => r.method === 'POST')?.body).toEqual({ ids: [p2.id, p1.id, p10.id] });
    expect((screen.getByRole('button', { name: 'Выше: Пункт 2' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('names the measures implementing a provision before its deletion is tried', async () => {
    setUp();
    await userEvent.click(await screen.findByRole('button', { name: 'Удалить: Пункт 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Удалить пункт 2?' });
    expect(within(dialog).getByText(/Это положение исполняют мероприятия/)).toBeTruthy();
    expect(within(dialog).getByText('2.1 Мероприятие 2.1')).toBeTruthy();
  });
});

describe('AmendmentsSection', () => {
  it('lists the amendments of an agreement with the clauses each changes', async () => {
    const p3 = provision('3', 3, []);
    const amendment = {
      id: id('a'),
      title: { ru: 'Протокол о внесении изменений' },
      signedOn: '2026-03-01',
      status: 'in_force' as const,
      changedProvisionIds: [p3.id],
    };
    restore = fakeApi(() => undefined).restore;
    renderPage(
      <AmendmentsSection agreement={{ ...agreement, amendments: [amendment] }} provisions={[p3]} />,
      { user: admin },
    );
    const list = await screen.findByTestId('amendments');
    expect(
      within(list).getByRole('link', { name: 'Протокол о внесении изменений' }).getAttribute('href'),
    ).toBe(`/agreements/${amendment.id}`);
    expect(within(list).getByText('Изменяет пункты: 3')).toBeTruthy();
    expect(within(list).getByText(/Действует/)).toBeTruthy();
  });
});
