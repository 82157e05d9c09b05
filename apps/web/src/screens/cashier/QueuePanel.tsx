import { Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { TransactionView } from '@spaflow/domain';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import { useNow } from '../../time';

/** The live payment queue, first to pay on top, with the "Claim next" button. */
export function QueuePanel({
  queue,
  holding,
  primary,
  claiming,
  onClaimNext,
}: {
  queue: TransactionView[];
  /** This cashier already holds a customer (the server allows one at a time). */
  holding: boolean;
  /** "Claim next" is what this state is for (nobody held, no receipt on screen): the one filled button. */
  primary: boolean;
  claiming: boolean;
  onClaimNext: () => void;
}) {
  const { t } = useTranslation('cashier');
  const { money, minutes } = useFormat();
  const now = useNow(15_000);

  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm" h="100%">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{t('queue.title')}</Title>
          <Badge
            size="xl"
            circle
            variant={queue.length > 0 ? 'filled' : 'light'}
            color={queue.length > 0 ? 'teal' : 'gray'}
            role="status"
            aria-label={t('queue.count', { count: queue.length })}
            data-testid="queue-count"
          >
            {queue.length}
          </Badge>
        </Group>
        <Button
          size="xl"
          fullWidth
          variant={primary ? 'filled' : 'default'}
          className="cashier-button-wrap"
          onClick={onClaimNext}
          loading={claiming}
          disabled={holding || claiming}
          data-testid="claim-next"
        >
          {t('queue.claimNext')}
        </Button>
        {holding && (
          <Text size="sm" c="dimmed">
            {t('queue.holdingHint')}
          </Text>
        )}
        {queue.length === 0 ? (
          <Stack gap={4} py="lg" ta="center">
            <Text fw={600}>{t('queue.empty')}</Text>
            <Text size="sm" c="dimmed">
              {t('queue.emptyHint')}
            </Text>
          </Stack>
        ) : (
          <Box mah="calc(100vh - 240px)" style={{ overflowY: 'auto' }}>
            <Stack gap="xs" component="ol" aria-label={t('queue.listLabel')} m={0} p={0} style={{ listStyle: 'none' }}>
              {queue.map((transaction, index) => {
                const since = transaction.serviceFinishAt ?? transaction.createdAt;
                const waited = (now - Date.parse(since)) / 1000;
                return (
                  <Paper
                    key={transaction.id}
                    component="li"
                    withBorder
                    p="sm"
                    bg={index === 0 ? 'teal.0' : undefined}
                    data-testid="queue-item"
                    data-code={transaction.code ?? ''}
                  >
                    <Group justify="space-between" wrap="nowrap">
                      <Text fw={700} size="xl" ff="monospace">
                        {transaction.code ?? '—'}
                      </Text>
                      <Text fw={700} size="lg" className="cashier-amount">
                        {money(transaction.totalAmount)}
                      </Text>
                    </Group>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="sm" c="dimmed">
                        {t('queue.waiting', { time: minutes(waited) })}
                      </Text>
                      {transaction.priority && (
                        <Badge color="grape" variant="light" size="sm">
                          {t('queue.priority')}
                        </Badge>
                      )}
                    </Group>
                  </Paper>
                );
              })}
            </Stack>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
