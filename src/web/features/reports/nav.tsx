/** The navigation entries of the reports pages, for those who write or review reports. */
import { IconChecklist, IconClipboardText } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { User } from '../../../contracts';
import { canReviewReports, canWriteReports } from '../../api/permissions';

/** «Отчёты» for reporters and coordinators, «Утверждение» for coordinators. */
export function reportNavItems(me: User | null | undefined, t: (k: string) => string) {
  const items: { to: string; label: string; icon: ReactNode; end?: boolean }[] = [];
  if (canWriteReports(me))
    items.push({
      to: '/reports',
      label: t('reports.nav.mine'),
      icon: <IconClipboardText size={18} aria-hidden />,
      end: true,
    });
  if (canReviewReports(me))
    items.push({
      to: '/reports/approval',
      label: t('reports.nav.queue'),
      icon: <IconChecklist size={18} aria-hidden />,
    });
  return items;
}
