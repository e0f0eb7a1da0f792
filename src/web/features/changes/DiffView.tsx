/**
 * A plan diff, grouped: measures added, removed and changed, each change in words (due dates
 * with the days they moved). Headings count the whole diff; the lists hold the page at hand
 * (PagedDiff asks for one). Used by the roadmap's «Что изменилось» and by the meeting page.
 */
import { Anchor, Badge, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanDiff } from '../../../contracts';
import { useReference } from '../../api/reference';
import { localize } from '../../components';
import { isLocale } from '../../i18n';
import { changeLines } from './changeText';

type Item = PlanDiff['added'][number];

function MeasureLink({ item, gone }: { item: Item; gone?: boolean }) {
  const { i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const title = localize(item.title, lang).text;
  return gone ? (
    <Text span fw={600}>{`${item.code} ${title}`}</Text>
  ) : (
    <Anchor component={Link} to={`/measures/${item.measureId}`} fw={600} className="accord-wrap">
      {`${item.code} ${title}`}
    </Anchor>
  );
}

export function DiffView({ diff }: { diff: PlanDiff }) {
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const ref = useReference();
  const names = {
    org: (id: string) =>
      localize(ref.orgById.get(id)?.shortName ?? ref.orgById.get(id)?.name, lang).text || id,
    sphere: (id: string) => localize(ref.sphereById.get(id)?.name, lang).text || id,
    party: (id: string) => localize(ref.partyById.get(id)?.name, lang).text || id,
    status: (s: string) => t(`enums.status.${s}`),
    tier: (s: string) => t(`enums.tier.${s}`),
  };
  if (diff.total === 0) return <Text size="sm">{t('changes.nothing')}</Text>;
  const group = (key: 'added' | 'removed' | 'changed', count: number, color: string, body: React.ReactNode) =>
    count > 0 && (
      <section aria-labelledby={`diff-${key}`}>
        <Title order={3} fz="md" id={`diff-${key}`} mb={4}>
          <Badge color={color} variant="light" mr={6} aria-hidden>
            {count}
          </Badge>
          {t(`changes.${key}`, { count })}
        </Title>
        {body}
      </section>
    );
  return (
    <Stack gap="md" data-testid="plan-diff">
      {group(
        'changed',
        diff.counts.changed,
        'blue',
        <List spacing={6} size="sm" listStyleType="none" pl={0}>
          {diff.changed.map((c) => (
            <List.Item key={c.item.measureId} data-testid={`diff-changed-${c.item.code}`}>
              <MeasureLink item={c.item} />
              {changeLines(c.changes, t, lang, names).map((line) => (
                <Text key={line} size="sm" c="gray.8" className="accord-wrap">
                  {line}
                </Text>
              ))}
            </List.Item>
          ))}
        </List>,
      )}
      {group(
        'added',
        diff.counts.added,
        'green',
        <List spacing={4} size="sm" listStyleType="none" pl={0}>
          {diff.added.map((m) => (
            <List.Item key={m.measureId} data-testid={`diff-added-${m.code}`}>
              <MeasureLink item={m} />
            </List.Item>
          ))}
        </List>,
      )}
      {group(
        'removed',
        diff.counts.removed,
        'red',
        <List spacing={4} size="sm" listStyleType="none" pl={0}>
          {diff.removed.map((m) => (
            <List.Item key={m.measureId} data-testid={`diff-removed-${m.code}`}>
              <MeasureLink item={m} gone />
            </List.Item>
          ))}
        </List>,
      )}
    </Stack>
  );
}
