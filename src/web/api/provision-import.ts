/** Agreement text → provisions: the dry run (pasted text or a file) and saving the reviewed list. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProvisionImportPreview, ProvisionImportSaved, SphereKeywords } from '../../contracts';
import { api } from './client';

const path = (agreementId: string, dryRun: boolean) =>
  `/agreements/${agreementId}/provisions/import?dryRun=${dryRun}`;

/** POST …/provisions/import?dryRun=true with `{ text }` or a TXT/DOCX file. */
export function usePreviewImport(agreementId: string) {
  return useMutation({
    mutationFn: (source: { text: string } | { file: File }) => {
      if ('text' in source) return api.post<ProvisionImportPreview>(path(agreementId, true), source);
      const form = new FormData();
      form.append('file', source.file);
      return api.post<ProvisionImportPreview>(path(agreementId, true), form);
    },
  });
}

/** One reviewed provision as it is saved. */
export interface ImportItem {
  number: string;
  text: { ru: string; kk?: string; en?: string };
  sphereIds: string[];
}

/** POST …/provisions/import?dryRun=false: the agreement's provisions are then read again. */
export function useSaveImport(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { provisions: ImportItem[]; replace: boolean }) =>
      api.post<ProvisionImportSaved>(path(agreementId, false), v),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['provisions', agreementId] });
      qc.invalidateQueries({ queryKey: ['agreement', agreementId] });
    },
  });
}

/** GET /spheres/:id/keywords. */
export function useSphereKeywords(sphereId: string | null) {
  return useQuery({
    queryKey: ['sphereKeywords', sphereId],
    queryFn: ({ signal }) => api.get<SphereKeywords>(`/spheres/${sphereId}/keywords`, { signal }),
    enabled: !!sphereId,
  });
}

/** PUT /spheres/:id/keywords with the version read; the answer replaces the cached words. */
export function usePutSphereKeywords() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { current: SphereKeywords; ru: string[]; kk: string[]; en: string[] }) =>
      api.put<SphereKeywords>(`/spheres/${v.current.sphereId}/keywords`, {
        ...(v.current.version === null ? {} : { version: v.current.version }),
        ru: v.ru,
        kk: v.kk,
        en: v.en,
      }),
    onSuccess: (saved) => qc.setQueryData(['sphereKeywords', saved.sphereId], saved),
  });
}
