import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Measure } from '../../contracts';
import { buildMeasure, fakeApi, page, testClient } from '../features/roadmap/testing';
import {
  measureKeys,
  useBulkUpdateMeasures,
  useMeasure,
  useRoadmapMeasures,
  useUpdateMeasure,
} from './measures';
import { useRoadmapSummary } from './roadmaps';

const parent = buildMeasure('1', { childCount: 1 });
const leaf = buildMeasure('1.1', { parent, progress: 10, status: 'in_progress' });
const other = buildMeasure('2');
const roadmapId = leaf.roadmapId;
const summary = { roadmapId, leaves: { total: 2 } };

let restore = () => {};
afterEach(() => restore());

/** A stand-in API that answers reads from `db` and writes by bumping the version. */
function server(db: Map<string, Measure>) {
  const api = fakeApi((req) => {
    if (req.method === 'GET' && req.path === '/measures') return { body: page([...db.values()]) };
    if (req.method === 'GET' && req.path.startsWith('/measures/'))
      return { body: db.get(req.path.split('/')[2]) };
    if (req.method === 'GET' && req.path.endsWith('/summary')) return { body: summary };
    if (req.method === 'PATCH') {
      const id = req.path.split('/')[2];
      const { version: _v, ...fields } = req.body as Record<string, unknown>;
      const next = { ...db.get(id)!, ...fields, version: db.get(id)!.version + 1 } as Measure;
      db.set(id, next);
      return { body: next };
    }
    if (req.method === 'POST' && req.path === '/measures/bulk') {
      const { items, set } = req.body as { items: { id: string }[]; set: Record<string, unknown> };
      const data = items.map(({ id }) => {
        const next = { ...db.get(id)!, ...set, version: db.get(id)!.version + 1 } as Measure;
        db.set(id, next);
        return next;
      });
      return { body: { updated: data.length, data } };
    }
    return undefined;
  });
  restore = api.restore;
  return api;
}

/** Mounts the reads a measure page and a roadmap page would hold, and the write hooks. */
function mount(id: string) {
  const client = testClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(
    () => ({
      measure: useMeasure(id),
      list: useRoadmapMeasures(roadmapId),
      summary: useRoadmapSummary(roadmapId),
      update: useUpdateMeasure(id),
      bulk: useBulkUpdateMeasures(),
    }),
    { wrapper },
  );
  return { client, ...hook };
}

const gets = (log: { method: string; path: string }[], path: string) =>
  log.filter((r) => r.method === 'GET' && r.path === path).length;

describe('measure writes update the cache with their answer', () => {
  it('a PATCH answer replaces the measure and its row in the list; the measure is not fetched again', async () => {
    const api = server(new Map([leaf, other].map((m) => [m.id, m])));
    const { result, client } = mount(other.id);
    await waitFor(() => expect(result.current.measure.data && result.current.list.data).toBeTruthy());
    const before = api.log.length;

    await act(() => result.current.update.mutateAsync({ version: other.version, progress: 40 }));

    // the answer is in the cache when the write resolves; the pages show it on their next render
    // (React Query notifies its observers on a timer of its own, which act does not wait for)
    expect(client.getQueryData(measureKeys.one(other.id))).toMatchObject({ progress: 40, version: 2 });
    await waitFor(() => expect(result.current.measure.data).toMatchObject({ progress: 40, version: 2 }));
    expect(result.current.list.data?.find((m) => m.id === other.id)).toMatchObject({
      progress: 40,
      version: 2,
    });
    // the summary depends on it and is read again; nothing else
    await waitFor(() => expect(gets(api.log.slice(before), `/roadmaps/${roadmapId}/summary`)).toBe(1));
    const after = api.log.slice(before);
    expect(after.filter((r) => r.method !== 'GET')).toHaveLength(1);
    expect(gets(after, `/measures/${other.id}`)).toBe(0);
    expect(gets(after, '/measures')).toBe(0);
    expect(client.getQueryState(measureKeys.history(other.id))).toBeUndefined();
  });

  it('a change that moves a parent’s roll-up reads the list again, but still not the measure itself', async () => {
    const api = server(new Map([parent, leaf].map((m) => [m.id, m])));
    const { result } = mount(leaf.id);
    await waitFor(() => expect(result.current.measure.data && result.current.list.data).toBeTruthy());
    const before = api.log.length;

    await act(() => result.current.update.mutateAsync({ version: leaf.version, progress: 80 }));

    await waitFor(() => expect(gets(api.log.slice(before), '/measures')).toBe(1));
    expect(gets(api.log.slice(before), `/measures/${leaf.id}`)).toBe(0);
    expect(result.current.measure.data).toMatchObject({ progress: 80 });
  });

  it('a bulk answer is written into every cached measure it names', async () => {
    const api = server(new Map([leaf, other].map((m) => [m.id, m])));
    const { result, client } = mount(other.id);
    await waitFor(() => expect(result.current.measure.data && result.current.list.data).toBeTruthy());
    const before = api.log.length;

    await act(() =>
      result.current.bulk.mutateAsync({
        body: { items: [{ id: other.id, version: 1 }], set: { responsible: [] } },
        items: [other],
      }),
    );

    expect(client.getQueryData(measureKeys.one(other.id))).toMatchObject({ version: 2 });
    await waitFor(() => expect(result.current.measure.data).toMatchObject({ version: 2 }));
    expect(result.current.list.data?.find((m) => m.id === other.id)?.version).toBe(2);
    await waitFor(() => expect(gets(api.log.slice(before), `/roadmaps/${roadmapId}/summary`)).toBe(1));
    expect(gets(api.log.slice(before), `/measures/${other.id}`)).toBe(0);
  });
});
