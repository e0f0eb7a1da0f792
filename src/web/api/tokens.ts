/** The signed-in user's API tokens: the list, creating one (its secret shown once) and revoking. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken } from '../../contracts';
import { api } from './client';

/** POST /me/tokens answers the token with its secret, once. */
export interface ApiTokenCreated extends ApiToken {
  token: string;
}

const tokensKey = ['tokens'] as const;
type TokenList = { data: ApiToken[] };

/** GET /me/tokens. */
export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => api.get<TokenList>('/me/tokens', { signal }),
  });
}

/** POST /me/tokens; the new token (without its secret) is added to the cached list. */
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number | null }) =>
      api.post<ApiTokenCreated>('/me/tokens', body),
    onSuccess: (created) => {
      const { token: _secret, ...listed } = created;
      qc.setQueryData<TokenList>(tokensKey, (list) =>
        list ? { data: [listed, ...list.data.filter((x) => x.id !== listed.id)] } : list,
      );
    },
  });
}

/** DELETE /me/tokens/:id; the answer has no body, so the list is read again. */
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: Pick<ApiToken, 'id'>) => api.delete(`/me/tokens/${token.id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}
