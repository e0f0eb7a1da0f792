import { msg, render } from '../../../../contracts/messages';
import { currentLocale } from '../../../i18n';
import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../../contracts';
import { type ApiTokenCreated, useCreateToken, useRevokeToken, useTokens } from '../../../api/tokens';
import { ErrorAlert, QueryState, Section, useLengthLimit } from '../../../components';
import { fieldErrors } from '../../../components/errors';
import { OneTimeSecret } from './OneTimeSecret';
import { TokenTable } from './TokenTable';

/** The API's limit of a token's name. */
const TOKEN_NAME_MAX = 100;

/** Personal API tokens: create one (its secret shown once), list them, revoke one. */
export function TokensSection() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>('');
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(create.error, t), ...local };
  const nameHint = useLengthLimit()(name, TOKEN_NAME_MAX);
  const rows = tokens.data?.data ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // the lifetime goes as typed (a «-3» is the API's to refuse, not ours to turn into 1)
    const expiresInDays = days === '' ? null : Number(days);
    const m: Record<string, string> = {};
    if (!name.trim()) m.name = t('common.required');
    if (expiresInDays !== null && !Number.isFinite(expiresInDays))
      m.expiresInDays = render(currentLocale(), msg('number.int'));
    setLocal(m);
    if (Object.keys(m).length) return;
    create.mutate(
      { name: name.trim(), expiresInDays },
      {
        onSuccess: (tk) => {
          setCreated(tk);
          setName('');
          setDays('');
        },
      },
    );
  };

  return (
    <Section id="profile-tokens" title={t('profile.tokens')}>
      <Stack gap="sm">
        <Text fz="sm" c="gray.8">
          {t('profile.tokensIntro')}
        </Text>
        {created && (
          <OneTimeSecret
            title={t('profile.tokenCreated')}
            value={created.token}
            label={t('profile.tokenValue')}
            testId="token-created"
            valueTestId="token-value"
          />
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('profile.tokenName')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              description={nameHint.description}
              error={errors.name ?? nameHint.error}
              w={{ base: '100%', sm: 280 }}
            />
            <NumberInput
              label={t('profile.expiresInDays')}
              description={t('profile.expiresHint')}
              min={1}
              max={3650}
              allowDecimal={false}
              clampBehavior="none"
              value={days}
              onChange={setDays}
              error={errors.expiresInDays}
              w={{ base: '100%', sm: 200 }}
            />
            <Button type="submit" loading={create.isPending} leftSection={<IconKey size={16} aria-hidden />}>
              {t('profile.createToken')}
            </Button>
          </Group>
        </form>
        {create.error && !errors.name ? <ErrorAlert error={create.error} /> : null}
        <QueryState query={tokens} isEmpty={rows.length === 0} empty={t('profile.noTokens')}>
          <TokenTable tokens={rows} onRevoke={setRevoking} />
        </QueryState>
      </Stack>
      {revoking && (
        <Modal
          opened
          onClose={() => setRevoking(null)}
          title={t('profile.revoke')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          <Stack>
            <Text>{t('profile.revokeConfirm', { name: revoking.name })}</Text>
            {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                loading={revoke.isPending}
                onClick={() => revoke.mutate(revoking, { onSuccess: () => setRevoking(null) })}
              >
                {t('profile.revoke')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Section>
  );
}
