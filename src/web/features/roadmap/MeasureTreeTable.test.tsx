import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measure } from '../../../contracts';
import { RowMenu } from './components/RowMenu';
import { MeasureTreeTable, type MeasureTreeTableProps } from './MeasureTreeTable';
import { buildMeasure, buildOrg, buildParty, fakeLayout, renderPage } from './testing';

const kz = buildParty('KZ', 'Казахстан');
const ru = buildParty('RU', 'Россия');
const minTransKz = buildOrg(kz, 'Минтранс РК');
const mintransRu = buildOrg(ru, 'Минтранс РФ');
const rzd = buildOrg(ru, 'РЖД');
const orgById = new Map([minTransKz, mintransRu, rzd].map((o) => [o.id, o]));

// 1 ─┬─ 1.1
//    └─ 1.2 ── 1.2.1
// 2
const m1 = buildMeasure('1', { childCount: 2 });
const m11 = buildMeasure('1.1', {
  parent: m1,
  dueDate: '2026-06-30',
  status: 'in_progress',
  progress: 40,
  responsible: [
    { organisationId: minTransKz.id, partyId: kz.id, role: 'lead' },
    { organisationId: mintransRu.id, partyId: ru.id, role: 'lead' },
    { organisationId: rzd.id, partyId: ru.id, role: 'co_executor' },
  ],
});
const m12 = buildMeasure('1.2', { parent: m1, childCount: 1, dueDate: '2026-03-01' });
const m121 = buildMeasure('1.2.1', { parent: m12, overdue: true, dueDate: '2025-11-01' });
const m2 = buildMeasure('2', { dueDate: '2027-01-01' });
// the server's order is by code; give them shuffled to prove the table orders them
const measures = [m2, m121, m11, m1, m12];

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());

function Harness(props: Partial<MeasureTreeTableProps> & { initial?: Set<string> }) {
  const [selected, setSelected] = useState<Set<string>>(props.initial ?? new Set());
  return (
    <MeasureTreeTable
      measures={measures}
      matches={null}
      sort="code"
      view="tree"
      parties={[kz, ru]}
      orgById={orgById}
      selected={selected}
      onSelectedChange={setSelected}
      {...props}
    />
  );
}

// cells are <td>s of a treegrid table (gridcells in browsers; jsdom calls them cells)
const cellsOf = (r: HTMLElement) => [...r.querySelectorAll('td')];
/** The code shown in a row. */
const codeOf = (r: HTMLElement) =>
  cellsOf(r)
    .map((c) => c.textContent?.trim() ?? '')
    .find((text) => /^\d+(\.\d+)*$/.test(text));
const codesShown = () => screen.getAllByRole('row').slice(1).map(codeOf);
const row = (code: string) => screen.getAllByRole('row').find((r) => codeOf(r) === code);

describe('MeasureTreeTable', () => {
  it('shows the tree with top-level measures open, in code order, as a labelled treegrid', () => {
    renderPage(<Harness />);
    const grid = screen.getByRole('treegrid', { name: 'Мероприятия дорожной карты' });
    expect(grid).toBeInTheDocument();
    expect(codesShown()).toEqual(['1', '1.1', '1.2', '2']);
    expect(row('1')).toHaveAttribute('aria-expanded', 'true');
    expect(row('1')).toHaveAttribute('aria-level', '1');
    expect(row('1.2')).toHaveAttribute('aria-expanded', 'false');
    expect(row('1.1')).toHaveAttribute('aria-level', '2');
    expect(row('2')).not.toHaveAttribute('aria-expanded');
    // responsible bodies per party, lead marked for screen readers too
    const cells = cellsOf(row('1.1')!);
    expect(cells.some((c) => c.textContent === 'Минтранс РК (Головной исполнитель)')).toBe(true);
    expect(cells.some((c) => c.textContent === 'Минтранс РФ (Головной исполнитель), РЖД')).toBe(true);
    expect(screen.getByRole('columnheader', { name: 'Ответственные: Казахстан' })).toBeInTheDocument();
    // every row links to its measure
    expect(within(row('1.1')!).getByRole('link', { name: 'Мероприятие 1.1' })).toHaveAttribute(
      'href',
      `/measures/${m11.id}`,
    );
  });

  it('expands and collapses a branch, and expands or collapses everything', async () => {
    const user = userEvent.setup();
    renderPage(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Развернуть 1.2' }));
    expect(codesShown()).toEqual(['1', '1.1', '1.2', '1.2.1', '2']);
    expect(row('1.2')).toHaveAttribute('aria-expanded', 'true');

    await user.click(screen.getByRole('button', { name: 'Свернуть 1' }));
    expect(codesShown()).toEqual(['1', '2']);
    expect(row('1')).toHaveAttribute('aria-expanded', 'false');

    await user.click(screen.getByRole('button', { name: 'Развернуть всё' }));
    expect(codesShown()).toEqual(['1', '1.1', '1.2', '1.2.1', '2']);

    await user.click(screen.getByRole('button', { name: 'Свернуть всё' }));
    expect(codesShown()).toEqual(['1', '2']);
  });

  it('is operable from the keyboard: arrows move, Right and Left expand and collapse, Enter opens', async () => {
    renderPage(<Harness />);
    const first = row('1')!;
    expect(first).toHaveAttribute('tabindex', '0');
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowLeft' });
    expect(row('1')).toHaveAttribute('aria-expanded', 'false');
    fireEvent.keyDown(row('1')!, { key: 'ArrowRight' });
    expect(row('1')).toHaveAttribute('aria-expanded', 'true');
    fireEvent.keyDown(row('1')!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('1.1'));
    expect(row('1.1')).toHaveAttribute('tabindex', '0');
    expect(row('1')).toHaveAttribute('tabindex', '-1');
    fireEvent.keyDown(row('1.1')!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(row('1'));
    fireEvent.keyDown(row('1')!, { key: 'End' });
    expect(document.activeElement).toBe(row('2'));
    fireEvent.keyDown(row('2')!, { key: 'Enter' });
    expect(screen.getByTestId('location')).toHaveAttribute('data-pathname', `/measures/${m2.id}`);
  });

  it('selects rows one by one and all visible rows at once, skipping rows that may not be edited', async () => {
    const user = userEvent.setup();
    renderPage(<Harness selectable canSelect={(m: Measure) => m.id !== m2.id} />);
    expect(screen.getByRole('treegrid')).toHaveAttribute('aria-multiselectable', 'true');
    expect(screen.getByRole('checkbox', { name: 'Выбрать 2' })).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Выбрать 1.1' }));
    expect(row('1.1')).toHaveAttribute('aria-selected', 'true');
    expect(row('1')).toHaveAttribute('aria-selected', 'false');
    const all = screen.getByRole('checkbox', { name: 'Выбрать все видимые' });
    expect(all).toHaveAttribute('data-indeterminate', 'true');

    await user.click(all);
    // 1, 1.1, 1.2 are visible and editable; 2 is not editable; 1.2.1 is collapsed away
    for (const code of ['1', '1.1', '1.2']) expect(row(code)).toHaveAttribute('aria-selected', 'true');
    expect(row('2')).toHaveAttribute('aria-selected', 'false');
    expect(all).toBeChecked();

    // Space on a focused row toggles it too
    act(() => row('1.2')!.focus());
    fireEvent.keyDown(row('1.2')!, { key: ' ' });
    expect(row('1.2')).toHaveAttribute('aria-selected', 'false');

    await user.click(screen.getByRole('checkbox', { name: 'Выбрать все видимые' }));
    await user.click(screen.getByRole('checkbox', { name: 'Выбрать все видимые' }));
    for (const code of ['1', '1.1', '1.2']) expect(row(code)).toHaveAttribute('aria-selected', 'false');
  });

  it('shows a filtered tree as matches with their ancestors marked as context', () => {
    renderPage(<Harness matches={new Set([m121.id])} />);
    expect(codesShown()).toEqual(['1', '1.2', '1.2.1']);
    expect(within(row('1')!).getByText('для контекста')).toBeInTheDocument();
    expect(within(row('1.2')!).getByText('для контекста')).toBeInTheDocument();
    expect(within(row('1.2.1')!).queryByText('для контекста')).toBeNull();
    // the overdue mark is a word, not only a colour
    expect(within(row('1.2.1')!).getByText('Просрочено')).toBeInTheDocument();
  });

  it('lists matches alone in the chosen order in the flat view', () => {
    renderPage(<Harness view="flat" sort="-dueDate" matches={new Set([m11.id, m12.id, m2.id])} />);
    expect(codesShown()).toEqual(['2', '1.1', '1.2']);
    expect(row('2')).not.toHaveAttribute('aria-level');
    expect(screen.getByRole('columnheader', { name: /Срок/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('keeps 10,000 measures responsive by rendering only the rows in view', () => {
    const many: Measure[] = [];
    for (let i = 1; i <= 100; i++) {
      const top = buildMeasure(String(i), { childCount: 99 });
      many.push(top);
      for (let j = 1; j <= 99; j++) many.push(buildMeasure(`${i}.${j}`, { parent: top }));
    }
    renderPage(<Harness measures={many} />);
    fireEvent.click(screen.getByRole('button', { name: 'Развернуть всё' }));
    expect(screen.getByText('Строк: 10000')).toBeInTheDocument();
    expect(screen.getByRole('treegrid')).toHaveAttribute('aria-rowcount', '10001');
    expect(screen.getAllByRole('row').length).toBeLessThan(60);
  });

  it('gives each row a menu named after its measure, in the tab order of the active row only', async () => {
    const user = userEvent.setup();
    const chosen: string[] = [];
    renderPage(
      <Harness
        rowMenu={(m, active) => (
          <RowMenu measure={m} active={active} onAction={(x, a) => chosen.push(`${a}:${x.code}`)} />
        )}
      />,
    );
    const first = screen.getByRole('button', { name: 'Действия с мероприятием 1' });
    const second = screen.getByRole('button', { name: 'Действия с мероприятием 2' });
    expect(first).toHaveAttribute('tabindex', '0');
    expect(second).toHaveAttribute('tabindex', '-1');
    expect(screen.getAllByRole('columnheader', { name: 'Действия' })).toHaveLength(1);
    // the keyboard: focus row 2, Tab to its menu, Enter opens it
    act(() => row('2')!.focus());
    expect(second).toHaveAttribute('tabindex', '0');
    expect(first).toHaveAttribute('tabindex', '-1');
    await user.tab();
    expect(second).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('menuitem', { name: 'Добавить вложенное мероприятие' }));
    expect(chosen).toEqual(['child:2']);
  });
});
