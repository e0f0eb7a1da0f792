import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COMPLETION_LEVELS, type CompletionLevel } from '../../../../contracts';

/** The progress band of each level, as `completionLevel` in src/domain/measures.ts draws them. */
const BANDS: Record<CompletionLevel, string> = {
  not_started: '0 %',
  limited: '1–49 %',
  substantial: '50–99 %',
  complete: '100 %',
};

/**
 * The OGP-style completion scale with the roadmap's level marked, so that «Ограниченная»
 * is read against the other levels and their progress bands rather than on its own.
 */
export function CompletionScale({ level }: { level: CompletionLevel }) {
  const { t } = useTranslation();
  return (
    <Box mt={6}>
      <Text size="xs" c="gray.8" id="completion-scale">
        {t('dashboard.levelScale')}
      </Text>
      <Box
        component="ol"
        aria-labelledby="completion-scale"
        data-testid="completion-scale"
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 1 }}
      >
        {COMPLETION_LEVELS.map((l) => {
          const current = l === level;
          return (
            <Text
              key={l}
              component="li"
              size="xs"
              fw={current ? 700 : 400}
              c={current ? 'gray.9' : 'gray.8'}
              aria-current={current ? 'true' : undefined}
              data-level={l}
              style={{ display: 'flex', flexWrap: 'wrap', columnGap: 6, alignItems: 'baseline' }}
            >
              <span aria-hidden style={{ width: 10, flex: 'none' }}>
                {current ? '▸' : '·'}
              </span>
              <span style={{ flex: '1 0 auto' }}>{t(`enums.completionLevel.${l}`)}</span>
              <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {l === 'complete' ? t('dashboard.levelComplete') : BANDS[l]}
              </span>
            </Text>
          );
        })}
      </Box>
    </Box>
  );
}
