import { Alert, Button, Card, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { PriorityReason, TransactionView } from '@spaflow/domain';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';

/** The selection as the server priced it: the customer confirms these prices, never the menu's. */
export function Review({
  transaction,
  priority,
  confirming,
  error,
  onConfirm,
  onBack,
}: {
  transaction: TransactionView;
  priority: PriorityReason | null;
  confirming: boolean;
  error: string | null;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder radius="lg" padding="xl" shadow="sm" maw={720} mx="auto" w="100%">
      <Stack gap="lg">
        <div>
          <Title order={2} fw={600}>
            {t('review.title')}
          </Title>
          <Text c="dimmed" size="lg">
            {t('review.subtitle')}
          </Text>
        </div>
        <ItemsTable transaction={transaction} />
        <Divider />
        <Group justify="space-between" align="baseline">
          <Text size="xl">{t('review.total')}</Text>
          <Text fz={36} fw={700} data-testid="review-total">
            {format.money(transaction.totalAmount)}
          </Text>
        </Group>
        <Group justify="space-between">
          <Text c="dimmed">{t('review.duration')}</Text>
          <Text c="dimmed">{format.minutes(transaction.totalDurationMinutes * 60)}</Text>
        </Group>
        {priority && (
          <Alert color="grape" variant="light">
            {t('review.priority', { reason: t(`priority.${priority}`) })}
          </Alert>
        )}
        {error && (
          <Alert color="red" title={tc('errorTitle')} role="alert">
            {error}
          </Alert>
        )}
        <Button size="xl" radius="xl" loading={confirming} onClick={onConfirm}>
          {t('review.confirm')}
        </Button>
        <Button size="lg" radius="xl" variant="default" disabled={confirming} onClick={onBack}>
          {t('review.back')}
        </Button>
      </Stack>
    </Card>
  );
}

/** A transaction's items: service, tier, quantity, line total (as the server computed them). */
export function ItemsTable({ transaction }: { transaction: TransactionView }) {
  const format = useFormat();
  return (
    <Table fz="lg" verticalSpacing="sm" data-testid="items">
      <Table.Tbody>
        {transaction.items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Text fw={600} size="lg">
                {item.serviceName}
              </Text>
              <Text c="dimmed" size="sm">
                {item.classificationName} · {format.money(item.unitPrice)}
              </Text>
            </Table.Td>
            <Table.Td ta="center" w={70}>
              ×{item.quantity}
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {format.money(item.lineTotal)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
