/** Agreements and their provisions. */
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Agreement, AgreementDocument, Provision } from '../../contracts';
import { API_BASE, api, fetchAll, type QueryParams } from './client';

/** Every agreement matching the filter (all pages). */
export function useAgreements(query: QueryParams = {}) {
  return useQuery({
    queryKey: ['agreements', query],
    queryFn: ({ signal }) => fetchAll<Agreement>('/agreements', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** GET /agreements/:id. */
export function useAgreement(id: string | undefined) {
  return useQuery({
    queryKey: ['agreement', id],
    queryFn: ({ signal }) => api.get<Agreement>(`/agreements/${id}`, { signal }),
    enabled: !!id,
  });
}

/** The query of an agreement's provisions, shared by the page and the measure form's choices. */
export const provisionsQuery = (agreementId: string | undefined) => ({
  queryKey: ['provisions', agreementId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    fetchAll<Provision>(`/agreements/${agreementId}/provisions`, {}, signal),
  enabled: !!agreementId,
});

/** Every provision of an agreement. */
export function useProvisions(agreementId: string | undefined) {
  return useQuery(provisionsQuery(agreementId));
}

/** Several provisions by id (a measure's), null where one is not available. */
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

// ---------- writing (the workbench) ----------

/** The fields of an agreement the secretariat writes. */
export type AgreementInput = Omit<
  Agreement,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'provisionCount' | 'amendments'
>;

/** Puts a saved agreement into its own entry and every cached list (no refetch). */
function storeAgreement(qc: QueryClient, saved: Agreement) {
  qc.setQueryData(['agreement', saved.id], saved);
  qc.setQueriesData<Agreement[]>({ queryKey: ['agreements'] }, (list) =>
    list ? [saved, ...list.filter((a) => a.id !== saved.id)] : list,
  );
}

/** POST /agreements, or PATCH /agreements/:id with the version read. */
export function useSaveAgreement(editing: Agreement | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AgreementInput) =>
      editing
        ? api.patch<Agreement>(`/agreements/${editing.id}`, { version: editing.version, ...input })
        : api.post<Agreement>('/agreements', input),
    onSuccess: (saved) => {
      storeAgreement(qc, saved);
      // the agreement it amends lists it among its amendments
      if (saved.amendsAgreementId || editing?.amendsAgreementId)
        void qc.invalidateQueries({ queryKey: ['agreement'] });
    },
  });
}

/** The fields of a provision the secretariat writes. */
export type ProvisionInput = Pick<Provision, 'number' | 'text' | 'sphereIds' | 'amendsProvisionId'>;

/** Replaces or adds a provision in the agreement's cached list, kept in reading order. */
function storeProvision(qc: QueryClient, saved: Provision) {
  qc.setQueryData<Provision[]>(['provisions', saved.agreementId], (list) =>
    list ? [...list.filter((p) => p.id !== saved.id), saved].sort((a, b) => a.position - b.position) : list,
  );
}

/** POST /agreements/:id/provisions or PATCH /provisions/:id. */
export function useSaveProvision(agreementId: string, editing: Provision | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProvisionInput) =>
      editing
        ? api.patch<Provision>(`/provisions/${editing.id}`, { version: editing.version, ...input })
        : api.post<Provision>(`/agreements/${agreementId}/provisions`, input),
    onSuccess: (saved) => {
      storeProvision(qc, saved);
      if (!editing) void qc.invalidateQueries({ queryKey: ['agreement', agreementId] });
    },
  });
}

/** DELETE /provisions/:id (refused, with the measures named, while measures implement it). */
export function useDeleteProvision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: Provision) => api.delete(`/provisions/${p.id}`, { query: { version: p.version } }),
    onSuccess: (_none, p) => {
      qc.setQueryData<Provision[]>(['provisions', p.agreementId], (list) =>
        list?.filter((x) => x.id !== p.id),
      );
      void qc.invalidateQueries({ queryKey: ['agreement', p.agreementId] });
    },
  });
}

/** POST /agreements/:id/provisions/order with every id in the new order. */
export function useReorderProvisions(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      api.post<{ data: Provision[] }>(`/agreements/${agreementId}/provisions/order`, { ids }),
    onSuccess: (r) => qc.setQueryData(['provisions', agreementId], r.data),
  });
}

const documentsKey = (agreementId: string | undefined) => ['agreementDocuments', agreementId];

/** An agreement's documents (names, sizes, checksums). */
export function useAgreementDocuments(agreementId: string | undefined) {
  return useQuery({
    queryKey: documentsKey(agreementId),
    queryFn: ({ signal }) =>
      api.get<{ data: AgreementDocument[] }>(`/agreements/${agreementId}/documents`, { signal }),
    enabled: !!agreementId,
    select: (r) => r.data,
  });
}

/** The download address of a document (the browser fetches it with the session cookie). */
export const documentUrl = (id: string) => `${API_BASE}/agreement-documents/${id}`;

/** POST /agreements/:id/documents with one file. */
export function useUploadDocument(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<AgreementDocument>(`/agreements/${agreementId}/documents`, form);
    },
    onSuccess: (doc) =>
      qc.setQueryData<{ data: AgreementDocument[] }>(documentsKey(agreementId), (r) =>
        r ? { data: [...r.data, doc] } : r,
      ),
  });
}

/** DELETE /agreement-documents/:id. */
export function useDeleteDocument(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/agreement-documents/${id}`),
    onSuccess: (_none, id) =>
      qc.setQueryData<{ data: AgreementDocument[] }>(documentsKey(agreementId), (r) =>
        r ? { data: r.data.filter((d) => d.id !== id) } : r,
      ),
  });
}
