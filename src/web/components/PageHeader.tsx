import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface Crumb {
  label: ReactNode;
  to?: string;
}

export interface PageHeaderProps {
  /** The page's h1. */
  title: ReactNode;
  /** The browser tab title (defaults to the title when it is a string). */
  documentTitle?: string;
  subtitle?: ReactNode;
  /** Buttons on the right (wrap under the title on phones). */
  actions?: ReactNode;
  breadcrumbs?: Crumb[];
}

/** The h1 of a page with optional breadcrumbs and actions; also sets the document title. */
export function PageHeader({ title, documentTitle, subtitle, actions, breadcrumbs }: PageHeaderProps) {
  const { t } = useTranslation();
  const tab = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    if (tab) document.title = `${tab} · ${t('app.name')}`;
  }, [tab, t]);
  return (
    <Stack gap={4} mb="lg">
      {breadcrumbs && breadcrumbs.length > 0 && (
        <Breadcrumbs
          separator="›"
          fz="sm"
          // a crumb is a whole title at times: the trail wraps instead of widening the page
          styles={{
            root: { flexWrap: 'wrap', rowGap: 4 },
            breadcrumb: { whiteSpace: 'normal', lineHeight: 1.4, minWidth: 0 },
          }}
          className="accord-wrap"
        >
          {breadcrumbs.map((c, i) =>
            c.to ? (
              <Anchor component={Link} to={c.to} key={c.to} fz="sm">
                {c.label}
              </Anchor>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: crumbs without a link have no other identity
              <Text span fz="sm" c="gray.8" key={i}>
                {c.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Title order={1} fz={{ base: 22, sm: 28 }} className="accord-wrap">
            {title}
          </Title>
          {subtitle && (
            <Text c="gray.8" size="sm">
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}
