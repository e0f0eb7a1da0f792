/** Reference data every page names things with: parties, spheres, organisations (and their admin writes). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { I18nText, Organisation, OrganisationKind, Party, Sphere } from '../../contracts';
import { api, fetchAll } from './client';

const REFERENCE_STALE = 5 * 60_000;
const organisationsKey = ['organisations'] as const;

/** Every party (two for the declaration). */
export function useParties() {
  return useQuery({
    queryKey: ['parties'],
    queryFn: ({ signal }) => fetchAll<Party>('/parties', {}, signal),
    staleTime: REFERENCE_STALE,
  });
}

/** Every sphere, in its display order. */
export function useSpheres() {
  return useQuery({
    queryKey: ['spheres'],
    queryFn: async ({ signal }) =>
      (await fetchAll<Sphere>('/spheres', {}, signal)).sort((a, b) => a.position - b.position),
    staleTime: REFERENCE_STALE,
  });
}

/** Every organisation of both parties. */
export function useOrganisations() {
  return useQuery({
    queryKey: organisationsKey,
    queryFn: ({ signal }) => fetchAll<Organisation>('/organisations', {}, signal),
    staleTime: REFERENCE_STALE,
  });
}

/** The three reference lists with maps by id for quick lookup in tables. */
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

/** The fields of an organisation an admin writes. */
export interface OrganisationInput {
  partyId: string;
  kind: OrganisationKind;
  parentId: string | null;
  name: I18nText;
  shortName: I18nText | null;
}

/** POST /organisations or PATCH /organisations/:id; the answer replaces its entry in the cached list. */
export function useSaveOrganisation(editing: Organisation | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ partyId, ...rest }: OrganisationInput) =>
      editing
        ? api.patch<Organisation>(`/organisations/${editing.id}`, { version: editing.version, ...rest })
        : api.post<Organisation>('/organisations', { partyId, ...rest }),
    onSuccess: (saved) => {
      qc.setQueryData<Organisation[]>(organisationsKey, (list) =>
        list ? [...list.filter((o) => o.id !== saved.id), saved] : list,
      );
    },
  });
}

/** DELETE /organisations/:id; the entry leaves the cached list. */
export function useDeleteOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (o: Organisation) => api.delete(`/organisations/${o.id}`, { query: { version: o.version } }),
    onSuccess: (_none, o) => {
      qc.setQueryData<Organisation[]>(organisationsKey, (list) => list?.filter((x) => x.id !== o.id));
    },
  });
}
