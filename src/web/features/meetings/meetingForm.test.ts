import { describe, expect, it } from 'vitest';
import type { Meeting, Party } from '../../../contracts';
import { checkValues, errorUnder, formPath, initialValues, mapErrors, moveItem, toBody } from './meetingForm';

const KZ = '00000000-0000-4000-8000-00000000000a';
const RU = '00000000-0000-4000-8000-00000000000b';
const ROADMAP = '00000000-0000-4000-8000-0000000000c1';
const MEASURE = '00000000-0000-4000-8000-0000000000d1';
const parties = [
  { id: KZ, code: 'KZ', name: { ru: 'Казахстан' } },
  { id: RU, code: 'RU', name: { ru: 'Россия' } },
] as unknown as Party[];

const meeting = {
  id: '00000000-0000-4000-8000-0000000000e1',
  number: 26,
  date: '2026-05-20',
  place: { ru: 'Астана' },
  coChairs: [{ partyId: RU, name: { ru: 'Петров П. П.' }, position: null }],
  roadmapIds: [ROADMAP],
  agenda: [{ title: { ru: 'О ходе работ' } }],
  decisions: [
    {
      id: '00000000-0000-4000-8000-0000000000f1',
      number: 1,
      text: { ru: 'Перенести срок', en: 'Move the date' },
      measures: [{ measureId: MEASURE, code: '1.1', title: { ru: 'x' }, effect: 'moves_dates' }],
    },
  ],
  heldAt: null,
  protocol: null,
  version: 3,
  createdAt: '2026-05-01T00:00:00Z',
  updatedAt: '2026-05-01T00:00:00Z',
} as Meeting;

describe('the meeting form', () => {
  it('round-trips a meeting: what it sends is what was read, the decision kept by id', () => {
    const { body, chairParties } = toBody(initialValues(meeting, parties), parties);
    expect(chairParties).toEqual([RU]);
    expect(body).toEqual({
      number: 26,
      date: '2026-05-20',
      place: { ru: 'Астана' },
      coChairs: [{ partyId: RU, name: { ru: 'Петров П. П.' }, position: null }],
      roadmapIds: [ROADMAP],
      agenda: [{ title: { ru: 'О ходе работ' } }],
      decisions: [
        {
          id: meeting.decisions[0].id,
          number: 1,
          text: { ru: 'Перенести срок', en: 'Move the date' },
          measures: [{ measureId: MEASURE, effect: 'moves_dates' }],
        },
      ],
    });
    expect(checkValues(initialValues(meeting, parties), parties, 'required')).toEqual({});
  });

  it('keeps a co-chair whose party is not loaded yet', () => {
    const v = initialValues(meeting, []);
    expect(toBody(v, []).body.coChairs).toEqual(meeting.coChairs);
  });

  it('numbers a new meeting after the newest and names the fields the contract refuses', () => {
    const v = initialValues(null, parties, { nextNumber: 27 });
    expect(v.number).toBe('27');
    v.number = '27a';
    v.agenda = [{ key: 'a', title: { ru: '  ' } }];
    v.coChairs[RU] = { name: { kk: 'Петров' }, position: {} };
    v.coChairs[KZ] = { name: {}, position: { ru: 'Министр' } };
    const errs = checkValues(v, parties, 'required');
    expect(Object.keys(errs).sort()).toEqual(
      ['agenda.0.title.ru', `coChairs.${KZ}.name.ru`, `coChairs.${RU}.name.ru`, 'date', 'number'].sort(),
    );
    expect(errs[`coChairs.${KZ}.name.ru`]).toBe('required');
  });

  it('maps the API paths of co-chairs (by their index in the body) to the party', () => {
    expect(formPath('coChairs.0.name.ru', [RU, KZ])).toBe(`coChairs.${RU}.name.ru`);
    expect(formPath('coChairs.1', [RU, KZ])).toBe(`coChairs.${KZ}`);
    expect(formPath('decisions.0.number', [RU])).toBe('decisions.0.number');
    expect(mapErrors([{ path: 'number', message: 'taken' }], [])).toEqual({ number: 'taken' });
    expect(errorUnder({ 'decisions.0.measures.1.measureId': 'gone' }, 'decisions.0.measures.1')).toBe('gone');
  });

  it('moves list items within the list', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
