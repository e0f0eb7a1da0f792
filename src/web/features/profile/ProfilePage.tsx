import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiToken, LIMITS } from '../../../contracts';
import { type ApiTokenCreated, useMe, useOrganisations, useParties, useTokens } from '../../api/hooks';
import { useChangePassword, useCreateToken, useRevokeToken, useUpdateProfile } from '../../api/session';
import { useLanguageSwitch } from '../../app/AppLayout';
import { fieldErrors } from '../../components/errors';
import { LanguageSelect } from '../../components/LanguageSelect';
import { LocalizedText } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useFormat } from '../../i18n';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="lg" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function PersonalSection() {
  const { t } = useTranslation();
  const me = useMe();
  const parties = useParties();
  const orgs = useOrganisations();
  const update = useUpdateProfile();
  const switchLanguage = useLanguageSwitch();
  const [name, setName] = useState(me.name);
  const org = orgs.data?.find((o) => o.id === me.organisationId);
  const party = parties.data?.find((p) => p.id === me.partyId);
  const errors = fieldErrors(update.error, t);

  return (
    <Section id="profile-personal" title={t('profile.personal')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" style={{ margin: 0 }}>
          {[
            [t('profile.email'), me.email],
            [t('profile.role'), t(`enums.role.${me.role}`)],
            [t('profile.organisation'), org ? <LocalizedText key="o" value={org.name} /> : t('common.empty')],
            [t('profile.party'), party ? <LocalizedText key="p" value={party.name} /> : t('common.empty')],
          ].map(([k, v]) => (
            <div key={String(k)}>
              <Text component="dt" fz="xs" fw={600} c="gray.8">
                {k}
              </Text>
              <Text component="dd" m={0} fz="sm">
                {v}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            update.mutate(
              { name: name.trim() },
              { onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }) },
            );
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('fields.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              error={errors.name ?? (!name.trim() ? t('common.required') : undefined)}
              w={{ base: '100%', sm: 360 }}
              autoComplete="name"
            />
            <Button type="submit" loading={update.isPending} disabled={name.trim() === me.name}>
              {t('common.save')}
            </Button>
          </Group>
        </form>
        <div style={{ maxWidth: 360 }}>
          <LanguageSelect withLabel size="sm" onChange={switchLanguage} />
        </div>
        {update.error && !errors.name ? <ErrorAlert error={update.error} /> : null}
      </Stack>
    </Section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(change.error, t), ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!current) m.currentPassword = t('common.required');
    if (next.length < LIMITS.password.min) m.newPassword = `≥ ${LIMITS.password.min}`;
    if (next !== repeat) m.repeat = t('profile.mismatch');
    setLocal(m);
    if (Object.keys(m).length) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          notifications.show({ color: 'green', message: t('profile.passwordChanged') });
        },
      },
    );
  };

  return (
    <Section id="profile-password" title={t('profile.password')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={400}>
          {change.error ? <ErrorAlert error={change.error} /> : null}
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
            label={t('profile.newPassword')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
            label={t('profile.repeatPassword')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={errors.repeat}
          />
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('profile.changePassword')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function tokenState(tk: ApiToken): 'revoked' | 'expired' | 'active' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && Date.parse(tk.expiresAt) < Date.now()) return 'expired';
  return 'active';
}

function TokensSection() {
  const { t } = useTranslation();
  const { formatDateTime, formatDate } = useFormat();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>('');
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const errors = fieldErrors(create.error, t);
  const rows = tokens.data?.data ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNameMissing(!name.trim());
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), expiresInDays: typeof days === 'number' ? days : null },
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
          <Alert
            color="green"
            variant="light"
            title={t('profile.tokenCreated')}
            role="status"
            data-testid="token-created"
          >
            <Group gap="xs" wrap="nowrap" align="center">
              <Code
                block
                style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
                aria-label={t('profile.tokenValue')}
                data-testid="token-value"
              >
                {created.token}
              </Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button
                    size="xs"
                    variant={copied ? 'filled' : 'outline'}
                    color={copied ? 'green' : 'blue'}
                    leftSection={
                      copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />
                    }
                    onClick={copy}
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('profile.tokenName')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name ?? (nameMissing ? t('common.required') : undefined)}
              maxLength={100}
              w={{ base: '100%', sm: 280 }}
            />
            <NumberInput
              label={t('profile.expiresInDays')}
              description={t('profile.expiresHint')}
              min={1}
              max={3650}
              allowDecimal={false}
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
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" fz="sm" data-testid="tokens-table">
              <TableHeader
                columns={[
                  t('profile.tokenName'),
                  t('profile.prefix'),
                  t('fields.createdAt'),
                  t('profile.lastUsed'),
                  t('profile.expires'),
                  t('fields.status'),
                ]}
                actions
              />
              <Table.Tbody>
                {rows.map((tk) => {
                  const state = tokenState(tk);
                  return (
                    <Table.Tr key={tk.id}>
                      <Table.Td>{tk.name}</Table.Td>
                      <Table.Td>
                        <Code>{tk.prefix}…</Code>
                      </Table.Td>
                      <Table.Td>{formatDate(tk.createdAt)}</Table.Td>
                      <Table.Td>
                        {tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('profile.never')}
                      </Table.Td>
                      <Table.Td>{tk.expiresAt ? formatDate(tk.expiresAt) : t('profile.noExpiry')}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          radius="sm"
                          color={state === 'active' ? 'green' : 'gray'}
                          style={{ textTransform: 'none' }}
                        >
                          {state === 'active'
                            ? t('profile.activeToken')
                            : state === 'revoked'
                              ? t('profile.revoked')
                              : t('profile.expired')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {state === 'active' && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() => setRevoking(tk)}
                            aria-label={`${t('profile.revoke')}: ${tk.name}`}
                          >
                            {t('profile.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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

/** The signed-in user's own page: details and name, language, password, API tokens. */
export default function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={1000}>
      <PageHeader title={t('profile.title')} />
      <PersonalSection />
      <PasswordSection />
      <TokensSection />
    </Stack>
  );
}
