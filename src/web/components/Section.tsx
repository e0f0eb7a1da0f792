/** A titled section of a page (a bordered panel named by its heading) and a term/value list. */
import { Box, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered `<section>` labelled by its level-2 heading. */
export function Section({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="lg" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A term/value list in columns of at least `minWidth` pixels; one column on phones. */
export function Facts({ items, minWidth = 220 }: { items: [string, ReactNode][]; minWidth?: number }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(auto-fill, minmax(min(${minWidth}px, 100%), 1fr))`,
        gap: '12px 24px',
      }}
    >
      {items.map(([k, v]) => (
        <div key={k} style={{ minWidth: 0 }}>
          <Text component="dt" size="xs" c="gray.8" fw={600}>
            {k}
          </Text>
          <Text component="dd" m={0} size="sm" className="accord-wrap">
            {v}
          </Text>
        </div>
      ))}
    </Box>
  );
}
