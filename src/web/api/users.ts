/** User accounts (admins only): the list and the writes, which update the cached pages in place. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '../../contracts';
import { api, type Page, type QueryParams } from './client';

const usersKey = ['users'] as const;

/** One page of users matching the filter. */
export function useUsers(query: QueryParams) {
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Puts the answered user into every cached page that shows it. */
function useStoreUser() {
  const qc = useQueryClient();
  return (saved: User) => {
    for (const [key, page] of qc.getQueriesData<Page<User>>({ queryKey: usersKey })) {
      if (page?.data.some((u) => u.id === saved.id))
        qc.setQueryData(key, { ...page, data: page.data.map((u) => (u.id === saved.id ? saved : u)) });
    }
  };
}

/** The fields of a user an admin writes. */
export type UserInput = Partial<Pick<User, 'email' | 'name' | 'role' | 'organisationId' | 'locale'>> & {
  password?: string;
};

/**
 * POST /users, or PATCH /users/:id of `editing`. An edit is written into the cached pages;
 * a new user changes which pages hold whom, so the lists are read again.
 */
export function useSaveUser(editing: User | null) {
  const qc = useQueryClient();
  const store = useStoreUser();
  return useMutation({
    mutationFn: (body: UserInput) =>
      editing
        ? api.patch<User>(`/users/${editing.id}`, { version: editing.version, ...body })
        : api.post<User>('/users', body),
    onSuccess: (saved) => {
      if (editing) store(saved);
      else qc.invalidateQueries({ queryKey: usersKey });
    },
  });
}

/** Disables or re-enables a user; the answer replaces it in the cached pages. */
export function useToggleUser() {
  const store = useStoreUser();
  return useMutation({
    mutationFn: (u: User) => api.patch<User>(`/users/${u.id}`, { version: u.version, disabled: !u.disabled }),
    onSuccess: store,
  });
}
