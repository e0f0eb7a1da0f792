import { Button, Container, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/QueryState';

function Fallback({ error, onReset }: { error: unknown; onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <Stack>
        <ErrorAlert error={error} />
        <Button variant="outline" onClick={onReset} w="fit-content">
          {t('common.reload')}
        </Button>
      </Stack>
    </Container>
  );
}

interface Props {
  children: ReactNode;
  /** Resets the boundary when it changes (the route path), so navigating away recovers. */
  resetKey?: string;
}

/** Catches a page that fails to render (or whose code chunk fails to load) and says so in words. */
export class ErrorBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(prev: Props) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) {
      return <Fallback error={this.state.error} onReset={() => window.location.reload()} />;
    }
    return this.props.children;
  }
}
