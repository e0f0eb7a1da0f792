/** Agreement text → provisions: the dry run (pasted text or a file) and saving the reviewed list. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProvisionImportPreview, ProvisionImportSaved } from '../../contracts';
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
