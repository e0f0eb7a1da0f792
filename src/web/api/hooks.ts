/** TanStack Query hooks, one group per API resource. Types come from src/contracts. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agreement,
  ApiToken,
  AuditEvent,
  Measure,
  Organisation,
  Party,
  Provision,
  Roadmap,
  RoadmapSummary,
  Sphere,
  User,
} from '../../contracts';
import { api, fetchAll, type Page, type QueryParams } from './client';

export interface Session {
  user: User;
  expiresAt: string | null;
}

export interface ApiTokenCreated extends ApiToken {
  token: string;
}

const REFERENCE_STALE = 5 * 60_000;

// ---------- session ----------

export const sessionKey = ['session'] as const;

/** The signed-in user, or null when there is no session (a 401 is not an error here). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      try {
        return await api.get<Session>('/session', { quiet401: true });
      } catch (e) {
        if ((e as { status?: number }).status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: 1,
  });
}

/** The signed-in user; only valid under RequireAuth. */
export function useMe(): User {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside a signed-in area');
  return data.user;
}

// ---------- reference data ----------

export function useParties() {
  return useQuery({
    queryKey: ['parties'],
    queryFn: ({ signal }) => fetchAll<Party>('/parties', {}, signal),
    staleTime: REFERENCE_STALE,
  });
}

export function useSpheres() {
  return useQuery({
    queryKey: ['spheres'],
    queryFn: async ({ signal }) =>
      (await fetchAll<Sphere>('/spheres', {}, signal)).sort((a, b) => a.position - b.position),
    staleTime: REFERENCE_STALE,
  });
}

export function useOrganisations() {
  return useQuery({
    queryKey: ['organisations'],
    queryFn: ({ signal }) => fetchAll<Organisation>('/organisations', {}, signal),
    staleTime: REFERENCE_STALE,
  });
}

/** Maps by id for quick lookup in tables. */
export function useReference() {
  const parties = useParties();
  const spheres = useSpheres();
  const organisations = useOrganisations();
  const partyById = new Map((parties.data ?? []).map((p) => [p.id, p]));
  const sphereById = new Map((spheres.data ?? []).map((s) => [s.id, s]));
  const orgById = new Map((organisations.data ?? []).map((o) => [o.id, o]));
  return {
    parties: parties.data ?? [],
    spheres: spheres.data ?? [],
    organisations: organisations.data ?? [],
    partyById,
    sphereById,
    orgById,
    isLoading: parties.isLoading || spheres.isLoading || organisations.isLoading,
    error: parties.error ?? spheres.error ?? organisations.error,
    refetch: () => {
      parties.refetch();
      spheres.refetch();
      organisations.refetch();
    },
  };
}

// ---------- roadmaps ----------

export function useRoadmaps() {
  return useQuery({
    queryKey: ['roadmaps'],
    queryFn: ({ signal }) => fetchAll<Roadmap>('/roadmaps', {}, signal),
    staleTime: 60_000,
  });
}

/** The default roadmap: the most recent approved one, else the most recent of any status. */
export function pickDefaultRoadmap(roadmaps: Roadmap[]): Roadmap | undefined {
  const byRecent = [...roadmaps].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  return (
    byRecent.find((r) => r.status === 'approved') ??
    byRecent.find((r) => r.status !== 'archived') ??
    byRecent[0]
  );
}

export function useRoadmapSummary(roadmapId: string | undefined) {
  return useQuery({
    queryKey: ['summary', roadmapId],
    queryFn: ({ signal }) => api.get<RoadmapSummary>(`/roadmaps/${roadmapId}/summary`, { signal }),
    enabled: !!roadmapId,
  });
}

// ---------- measures ----------

/** Every measure of a roadmap the caller may see (the tree is built on the client). */
export function useRoadmapMeasures(roadmapId: string | undefined) {
  return useQuery({
    queryKey: ['measures', 'all', roadmapId],
    queryFn: ({ signal }) => fetchAll<Measure>('/measures', { roadmapId, sort: 'code' }, signal),
    enabled: !!roadmapId,
    staleTime: 30_000,
  });
}

/** The ids of the measures matching a server-side filter (all pages). */
export function useFilteredMeasureIds(roadmapId: string | undefined, filter: QueryParams | null) {
  return useQuery({
    queryKey: ['measures', 'filtered', roadmapId, filter],
    queryFn: async ({ signal }) =>
      new Set((await fetchAll<Measure>('/measures', { roadmapId, ...filter }, signal)).map((m) => m.id)),
    enabled: !!roadmapId && !!filter,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One page of measures with a filter (dashboard lists). */
export function useMeasureList(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['measures', 'list', query],
    queryFn: ({ signal }) => api.get<Page<Measure>>('/measures', { query, signal }),
    enabled,
  });
}

export function useMeasure(id: string | undefined) {
  return useQuery({
    queryKey: ['measure', id],
    queryFn: ({ signal }) => api.get<Measure>(`/measures/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useMeasureHistory(id: string | undefined) {
  return useQuery({
    queryKey: ['measure', id, 'history'],
    queryFn: ({ signal }) => api.get<{ data: AuditEvent[] }>(`/measures/${id}/history`, { signal }),
    enabled: !!id,
  });
}

export function useMeasureChildren(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['measures', 'children', id],
    queryFn: ({ signal }) => fetchAll<Measure>('/measures', { parentId: id, sort: 'code' }, signal),
    enabled: !!id && enabled,
  });
}

/** Several measures by id (dependencies), each from its own cache entry. */
export function useMeasuresByIds(ids: string[]) {
  return useQuery({
    queryKey: ['measures', 'byIds', [...ids].sort()],
    queryFn: async ({ signal }) =>
      Promise.all(
        ids.map((id) => api.get<Measure>(`/measures/${id}`, { signal }).catch(() => null as Measure | null)),
      ),
    enabled: ids.length > 0,
  });
}

/** After a measure changes, every list and summary that may show it is stale. */
export function useInvalidateMeasures() {
  const qc = useQueryClient();
  return () => {
    qc.invalidateQueries({ queryKey: ['measures'] });
    qc.invalidateQueries({ queryKey: ['measure'] });
    qc.invalidateQueries({ queryKey: ['summary'] });
    qc.invalidateQueries({ queryKey: ['roadmaps'] });
  };
}

// ---------- agreements ----------

export function useAgreements(query: QueryParams = {}) {
  return useQuery({
    queryKey: ['agreements', query],
    queryFn: ({ signal }) => fetchAll<Agreement>('/agreements', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAgreement(id: string | undefined) {
  return useQuery({
    queryKey: ['agreement', id],
    queryFn: ({ signal }) => api.get<Agreement>(`/agreements/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useProvisions(agreementId: string | undefined) {
  return useQuery({
    queryKey: ['provisions', agreementId],
    queryFn: ({ signal }) => fetchAll<Provision>(`/agreements/${agreementId}/provisions`, {}, signal),
    enabled: !!agreementId,
  });
}

export function useProvisionsByIds(ids: string[]) {
  return useQuery({
    queryKey: ['provisions', 'byIds', [...ids].sort()],
    queryFn: ({ signal }) =>
      Promise.all(
        ids.map((id) =>
          api.get<Provision>(`/provisions/${id}`, { signal }).catch(() => null as Provision | null),
        ),
      ),
    enabled: ids.length > 0,
  });
}

/** Roadmaps that implement an agreement. */
export function useRoadmapsOfAgreement(agreementId: string | undefined) {
  return useQuery({
    queryKey: ['roadmaps', 'ofAgreement', agreementId],
    queryFn: ({ signal }) => fetchAll<Roadmap>('/roadmaps', { agreementId }, signal),
    enabled: !!agreementId,
  });
}

// ---------- users, profile ----------

export function useUsers(query: QueryParams) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: ({ signal }) => api.get<{ data: ApiToken[] }>('/me/tokens', { signal }),
  });
}

/** A mutation that refreshes the given query keys on success. */
export function useApiMutation<TVars, TResult>(
  fn: (vars: TVars) => Promise<TResult>,
  invalidate: readonly (readonly unknown[])[] = [],
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const key of invalidate) qc.invalidateQueries({ queryKey: key });
    },
  });
}
