import { Alert, Badge, Button, Center, Drawer, Loader, Stack, Table, Text } from '@mantine/core';
import { businessDateOf } from '@spaflow/domain';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { loadHistory } from './api';

/** This cashier's customers of the current business day, newest first. */
export function HistoryDrawer({ opened, onClose, token }: { opened: boolean; onClose: () => void; token: string }) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const shop = useShop();
  const { money, time } = useFormat();
  const history = useQuery({
    queryKey: ['cashier', 'history', token],
    queryFn: () => loadHistory(token),
    enabled: opened,
    staleTime: 0,
  });
  const today = businessDateOf(Date.now(), shop.timeZone);
  const rows = (history.data ?? []).filter((transaction) => transaction.businessDate === today);
  const paid = rows.filter((transaction) => transaction.status === 'paid');
  const total = paid.reduce((sum, transaction) => sum + transaction.totalAmount, 0);

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      title={t('history.title')}
      position="right"
      size="lg"
      closeButtonProps={{ 'aria-label': tc('actions.close'), size: 48 }}
    >
      {history.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('history.loading')} />
        </Center>
      ) : history.isError ? (
        <Stack>
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(history.error)}
          </Alert>
          <Button onClick={() => void history.refetch()}>{tc('actions.retry')}</Button>
        </Stack>
      ) : rows.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {t('history.empty')}
        </Text>
      ) : (
        <Stack>
          <Text fw={600} data-testid="history-summary">
            {t('history.summary', { count: paid.length, total: money(total) })}
          </Text>
          <Table striped verticalSpacing="sm" aria-label={t('history.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('history.code')}</Table.Th>
                <Table.Th>{t('history.time')}</Table.Th>
                <Table.Th>{t('history.services')}</Table.Th>
                <Table.Th ta="right">{t('history.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((transaction) => (
                <Table.Tr key={transaction.id} data-testid="history-row">
                  <Table.Td fw={600}>{transaction.code ?? '—'}</Table.Td>
                  <Table.Td>
                    {transaction.status === 'paid' ? (
                      time(transaction.paidAt)
                    ) : (
                      <Badge variant="light">{tc(`status.${transaction.status}`)}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{transaction.items.map((item) => item.serviceName).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td className="cashier-amount">{money(transaction.totalAmount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Drawer>
  );
}
