/**
 * Page numbers under a list, shown only when there is more than one page. Every control is
 * named in the user's language (screen readers read "Назад", "Страница 2 из 7").
 */
import { Group, Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Pager(p: { pages: number; page: number; onChange: (page: number) => void; mt?: string }) {
  const { t } = useTranslation();
  if (p.pages <= 1) return null;
  return (
    <Group justify="center" mt={p.mt ?? 'sm'}>
      <Pagination
        total={p.pages}
        value={p.page}
        onChange={p.onChange}
        size="sm"
        getControlProps={(c) => ({
          'aria-label':
            c === 'previous'
              ? t('common.previous')
              : c === 'next'
                ? t('common.next')
                : t('common.pageOf', { page: c === 'first' ? 1 : p.pages, pages: p.pages }),
        })}
        getItemProps={(page) => ({ 'aria-label': t('common.pageOf', { page, pages: p.pages }) })}
      />
    </Group>
  );
}
