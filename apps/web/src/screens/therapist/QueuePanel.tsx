import { Badge, Button, Card, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { waitMinutes, type TransactionView } from '@spaflow/domain';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import type { Action } from './useAction';
import { useNow } from '../../time';

/** The live queue in claim order: priority customers marked, how long each has waited, and a Claim each. */
export function QueuePanel({
  queue,
  canClaim,
  action,
  onClaim,
  loading,
}: {
  queue: readonly TransactionView[];
  canClaim: boolean;
  action: Action;
  onClaim: (id: number) => void;
  loading: boolean;
}) {
  const { t } = useTranslation('therapist');
  const format = useFormat();
  const now = useNow(5000);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('queue.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('queue.title')}</Title>
        {/* Dark words on the tint: the light variant's own coloured text is under 4.5:1. */}
        <Badge size="lg" variant="light" c="gray.9" color={queue.length > 0 ? 'teal' : 'gray'}>
          {t('queue.count', { count: queue.length })}
        </Badge>
      </Group>
      <ScrollArea.Autosize mah="calc(100vh - 260px)" offsetScrollbars>
        {loading && queue.length === 0 ? (
          <Group justify="center" py="xl">
            <Loader />
          </Group>
        ) : queue.length === 0 ? (
          <Stack align="center" gap={4} py="xl">
            <Text fw={600} size="lg">
              {t('queue.empty')}
            </Text>
            <Text c="dimmed" ta="center" size="sm">
              {t('queue.emptyHint')}
            </Text>
          </Stack>
        ) : (
          <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {queue.map((ticket, index) => {
              const waited = ticket.selectionConfirmedAt ? (now - Date.parse(ticket.selectionConfirmedAt)) / 1000 : 0;
              const key = `claim-${ticket.id}`;
              return (
                <Card
                  key={ticket.id}
                  component="li"
                  withBorder
                  padding="sm"
                  radius="md"
                  data-testid={`queue-ticket-${ticket.code ?? ticket.id}`}
                  style={ticket.priority ? { borderColor: 'var(--mantine-color-grape-5)', borderWidth: 2 } : undefined}
                >
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Group gap="xs">
                        <Text c="dimmed" size="sm">
                          {t('queue.position', { position: index + 1 })}
                        </Text>
                        <Text fw={800} size="xl" ff="monospace">
                          {ticket.code}
                        </Text>
                        {ticket.priority && (
                          <Badge color="grape" variant="filled">
                            {t('queue.priority')}
                            {ticket.priorityReason ? ` · ${t(`priorityReason.${ticket.priorityReason}`)}` : ''}
                          </Badge>
                        )}
                      </Group>
                      <Text size="sm" lineClamp={2}>
                        {ticket.items.map((item) => `${item.serviceName} (${item.classificationName})`).join(', ')}
                      </Text>
                      <Group gap="md" style={{ rowGap: 0 }}>
                        <Text size="sm" c="dimmed">
                          {t('queue.minutes', { count: ticket.totalDurationMinutes })}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {waited < 60 ? t('queue.justArrived') : t('queue.waiting', { time: format.minutes(waited) })}
                        </Text>
                        {ticket.estimatedWaitSeconds !== null && (
                          <Text size="sm" c="dimmed">
                            {t('queue.estimate', { count: waitMinutes(ticket.estimatedWaitSeconds, true) })}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                    <Button
                      size="lg"
                      variant="default"
                      style={{ flexShrink: 0 }}
                      aria-label={t('queue.claimLabel', { code: ticket.code ?? '' })}
                      onClick={() => onClaim(ticket.id)}
                      loading={action.busy === key}
                      disabled={!canClaim || (action.busy !== null && action.busy !== key)}
                    >
                      {t('queue.claim')}
                    </Button>
                  </Group>
                </Card>
              );
            })}
          </Stack>
        )}
      </ScrollArea.Autosize>
    </Paper>
  );
}
