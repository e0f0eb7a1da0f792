/**
 * A secret shown once (an API token, a calendar URL): in a green status box, wrapped to fit a
 * phone, with a copy button (light, not outline: blue on green fell short of 4.5:1 contrast).
 * Only a hash is kept on the server, so this is the one sight of it.
 */
import { Alert, Button, Code, CopyButton, Group } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Props: the box's title, the secret, the secret's accessible name and test ids. */
export interface OneTimeSecretProps {
  title: string;
  value: string;
  label: string;
  testId?: string;
  valueTestId?: string;
}

/** The box (see the module comment). */
export function OneTimeSecret({ title, value, label, testId, valueTestId }: OneTimeSecretProps) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="light" title={title} role="status" data-testid={testId}>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          block
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          aria-label={label}
          data-testid={valueTestId}
        >
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'green' : 'blue'}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              onClick={copy}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}
