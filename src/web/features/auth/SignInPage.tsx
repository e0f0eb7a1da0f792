import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { useSignIn } from '../../api/session';
import { safeNext } from '../../app/session';
import { LanguageSelect } from '../../components/LanguageSelect';
import { ErrorAlert } from '../../components/QueryState';
import { localizeMessage } from '../../components/errors';
import { setLanguage } from '../../i18n';
import { Logo } from '../../components/Logo';

/**
 * The words for the two answers every user meets (a wrong password, too many attempts), in
 * the user's language; anything else keeps the server's message.
 */
function signInMessage(error: unknown, t: (key: string) => string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 401) return t('auth.wrongCredentials');
  if (error.status === 429) return t('auth.tooManyAttempts');
  return undefined;
}

/**
 * Sign-in with e-mail and password. Errors are said in words (the server's message); after
 * sign-in the user goes back to the page they asked for (`?next=`).
 */
export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${t('auth.title')} · ${t('app.name')}`;
  }, [t]);

  // Move focus to the error so keyboard and screen-reader users hear it at once.
  useEffect(() => {
    if (signIn.error) errorRef.current?.focus();
  }, [signIn.error]);

  if (session.data?.user && !signIn.isPending) return <Navigate to={next} replace />;

  const fieldError = (field: 'email' | 'password') => {
    if (missing[field]) return t('common.required');
    const e = signIn.error;
    const message = e instanceof ApiError ? e.details.find((d) => d.path === field)?.message : undefined;
    if (message) return localizeMessage(message, t);
    return undefined;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const m = { email: !email.trim(), password: !password };
    setMissing(m);
    if (m.email || m.password) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (s) => {
          if (s?.user?.locale) void setLanguage(s.user.locale);
          navigate(next, { replace: true });
        },
      },
    );
  };

  return (
    <Box mih="100vh" bg="gray.0" component="main" id="main">
      <Group justify="flex-end" p="sm">
        <LanguageSelect onChange={(l) => void setLanguage(l)} />
      </Group>
      <Center px="sm" pb="xl">
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md" w="100%" maw={420}>
          <Stack gap="md">
            <Stack gap={4}>
              <Group gap={8}>
                <Logo size={32} />
                <Title order={1} fz={24}>
                  {t('auth.title')}
                </Title>
              </Group>
              <Text c="gray.8" size="sm">
                {t('auth.subtitle')}
              </Text>
            </Stack>

            {reason === 'expired' && !signIn.error && (
              <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
                {t('auth.sessionExpired')}
              </Alert>
            )}
            {reason === 'signedOut' && !signIn.error && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
                {t('auth.signedOut')}
              </Alert>
            )}
            {signIn.error && (
              <div ref={errorRef} tabIndex={-1}>
                <ErrorAlert
                  error={signIn.error}
                  title={t('auth.failed')}
                  message={signInMessage(signIn.error, t)}
                />
              </div>
            )}

            <form onSubmit={onSubmit} noValidate>
              <Stack gap="sm">
                <TextInput
                  label={t('auth.email')}
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  withAsterisk={false}
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fieldError('email')}
                  autoFocus
                />
                <PasswordInput
                  visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
                  label={t('auth.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  withAsterisk={false}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError('password')}
                />
                <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
                  {t('auth.submit')}
                </Button>
              </Stack>
            </form>
            <Text size="xs" c="gray.8" ta="center">
              <Anchor href="/api/docs" c="blue.9" size="xs">
                API
              </Anchor>
            </Text>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
