import { Alert, AppShell, Badge, Button, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The frame of every staff station: what it is, who is signed in, whether it is live, and sign-out.
 * A lost connection shows at once; the station catches up by itself when it is back.
 */
export function StationLayout({
  title,
  person,
  connected,
  onSignOut,
  actions,
  children,
}: {
  title: string;
  person?: string;
  connected: boolean;
  onSignOut?: () => void;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={3}>{title}</Title>
            <Badge
              color={connected ? 'teal' : 'orange'}
              variant="dot"
              data-testid="connection"
              style={{ flexShrink: 0 }}
            >
              {connected ? t('connection.live') : t('connection.reconnecting')}
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {actions}
            {/* On a narrow (portrait) tablet the controls keep their size; the name gives way. */}
            {person && (
              <Text size="sm" c="dimmed" visibleFrom="md">
                {t('signIn.signedInAs', { name: person })}
              </Text>
            )}
            {onSignOut && (
              <Button variant="default" size="lg" onClick={onSignOut} style={{ flexShrink: 0 }}>
                {t('signIn.signOut')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {!connected && (
          <Alert color="orange" mb="md" role="status">
            {t('connection.offline')}
          </Alert>
        )}
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
