import { Alert, Button, Loader, Group, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { useFormat } from '../../api/shop';
import { therapistApi } from './api';

/** The customers this therapist served today, newest first. */
export function HistoryPanel({ token, userId, today }: { token: string; userId: number; today: string }) {
  const { t } = useTranslation('therapist');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const history = useQuery({
    queryKey: ['therapist', 'history', userId],
    queryFn: () => therapistApi.history(token),
  });

  if (history.isPending)
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  if (history.isError)
    return (
      <Alert color="red" title={t('history.loadFailed')}>
        <Text size="sm">{errorMessage(history.error)}</Text>
        <Button mt="sm" size="md" variant="light" color="red" onClick={() => void history.refetch()}>
          {tc('actions.retry')}
        </Button>
      </Alert>
    );

  const rows = history.data.transactions.filter((item) => item.businessDate === today);
  if (rows.length === 0)
    return (
      <Paper withBorder p="xl" radius="md">
        <Text ta="center" c="dimmed" size="lg">
          {t('history.empty')}
        </Text>
      </Paper>
    );

  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={520}>
        <Table striped verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.ticket')}</Table.Th>
              <Table.Th>{t('history.services')}</Table.Th>
              <Table.Th>{t('history.room')}</Table.Th>
              <Table.Th>{t('history.started')}</Table.Th>
              <Table.Th>{t('history.finished')}</Table.Th>
              <Table.Th>{t('history.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td ff="monospace" fw={700}>
                  {item.code}
                </Table.Td>
                <Table.Td>
                  {item.items.map((line) => `${line.serviceName} (${line.classificationName})`).join(', ')}
                </Table.Td>
                <Table.Td>{item.room?.name ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.time(item.serviceStartAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.time(item.serviceFinishAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} c={item.status === 'cancelled' ? 'dimmed' : 'teal.8'}>
                    {tc(`status.${item.status}`)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
