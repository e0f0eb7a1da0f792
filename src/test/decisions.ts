/** Commission decisions for API tests that cite one. */
import { expect } from 'vitest';
import type { TestApi } from './api';

/**
 * Creates, as the admin whose session is `adminCookie`, meeting `number` reviewing `roadmapIds`
 * with one decision; answers the decision's id.
 */
export async function decisionOf(
  api: TestApi,
  adminCookie: string,
  number: number,
  roadmapIds: string[],
  text = 'Изменить план',
): Promise<string> {
  const r = await api.call('POST', '/api/v1/commission-meetings', {
    cookie: adminCookie,
    body: { number, date: '2026-05-20', roadmapIds, decisions: [{ number: 1, text: { ru: text } }] },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().decisions[0].id;
}
