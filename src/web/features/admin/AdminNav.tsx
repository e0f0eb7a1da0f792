import { Button, Group } from '@mantine/core';
import { IconBuilding, IconHistory, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** Switches between the administration pages; the current one carries aria-current. */
export function AdminNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = [
    {
      to: '/admin/organisations',
      label: t('admin.organisations'),
      icon: <IconBuilding size={16} aria-hidden />,
    },
    { to: '/admin/users', label: t('admin.users'), icon: <IconUsers size={16} aria-hidden /> },
    { to: '/admin/audit', label: t('workbench.audit.title'), icon: <IconHistory size={16} aria-hidden /> },
  ];
  return (
    <nav aria-label={t('admin.title')}>
      <Group gap="xs" wrap="wrap">
        {items.map((i) => {
          const current = pathname === i.to;
          return (
            <Button
              key={i.to}
              component={Link}
              to={i.to}
              variant={current ? 'filled' : 'default'}
              leftSection={i.icon}
              aria-current={current ? 'page' : undefined}
              size="sm"
            >
              {i.label}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}
