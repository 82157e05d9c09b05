import { businessDateOf, type TransactionEvent, type TransactionView } from '@spaflow/domain';
import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { HandoverForm, RefundForm, useEventDetail } from './AuditMoney';

/** One transaction's audit trail: every step, who took it, when, from which state to which. */
export function AuditTab({ token }: { token: string }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { money } = useFormat();
  const shop = useShop();
  // Steps come seconds apart: the trail shows seconds, in the shop's time zone.
  const at = (iso: string) =>
    new Intl.DateTimeFormat(shop.locale, { timeZone: shop.timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(
      new Date(iso),
    );
  const [input, setInput] = useState('');
  const [day, setDay] = useState(() => businessDateOf(Date.now(), shop.timeZone));
  const [inputError, setInputError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const [id, setId] = useState<number | null>(null);

  const events = useQuery({
    queryKey: ['admin', 'events', id],
    queryFn: ({ signal }) =>
      apiRequest<{ events: TransactionEvent[] }>('GET', `/api/admin/transactions/${id}/events`, { token, signal }),
    enabled: id !== null,
    retry: false,
  });
  const transaction = useQuery({
    queryKey: ['admin', 'transaction', id],
    queryFn: ({ signal }) =>
      apiRequest<{ transaction: TransactionView }>('GET', `/api/transactions/${id}`, { token, signal }),
    enabled: id !== null,
    retry: false,
  });

  const show = (next: number) => {
    if (next === id) {
      void events.refetch();
      void transaction.refetch();
    } else setId(next);
  };

  /** "0012" is a ticket on the chosen day (codes start again every day); "#57" is transaction 57. */
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = input.trim();
    const byId = /^#(\d{1,9})$/.exec(text);
    if (!byId && !/^\d{1,9}$/.test(text)) {
      setInputError(t('audit.invalidTicket'));
      return;
    }
    setInputError(null);
    if (byId) {
      show(Number(byId[1]));
      return;
    }
    setLooking(true);
    try {
      const query = new URLSearchParams({ date: day, code: text });
      const found = await apiRequest<{ transaction: TransactionView }>('GET', `/api/admin/transactions?${query}`, {
        token,
      });
      show(found.transaction.id);
    } catch (failure) {
      setInputError(errorMessage(failure));
    } finally {
      setLooking(false);
    }
  };

  const actor = (event: TransactionEvent) => event.actor.displayName ?? t(`audit.actorTypes.${event.actor.type}`);
  const current = transaction.data?.transaction;
  const detail = useEventDetail();

  return (
    <Stack maw={1000}>
      <Text c="dimmed">{t('audit.intro')}</Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Group align="flex-start">
          <TextInput
            label={t('audit.ticket')}
            description={t('audit.ticketHint')}
            value={input}
            onChange={(event) => setInput(event.currentTarget.value)}
            error={inputError}
            required
            w={420}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
          <TextInput
            type="date"
            label={t('audit.day')}
            value={day}
            onChange={(event) => setDay(event.currentTarget.value)}
            required
            w={180}
          />
          <Button type="submit" mt={25} loading={looking || events.isFetching}>
            {t('audit.show')}
          </Button>
        </Group>
      </form>
      {id === null && <Text c="dimmed">{t('audit.empty')}</Text>}
      {events.error && (
        <Alert color="red" role="alert" title={tc('errorTitle')}>
          {errorMessage(events.error)}
        </Alert>
      )}
      {current && (
        <Text fw={600} data-testid="audit-summary">
          #{current.id} ·{' '}
          {current.code
            ? t('audit.summary', {
                code: current.code,
                status: tc(`status.${current.status}`),
                total: money(current.totalAmount),
              })
            : t('audit.noCode', { status: tc(`status.${current.status}`), total: money(current.totalAmount) })}
        </Text>
      )}
      {current?.status === 'paid' && <RefundForm key={current.id} token={token} transaction={current} />}
      {current?.status === 'paying' && <HandoverForm key={current.id} token={token} transaction={current} />}
      {id !== null && events.isPending && <Loader aria-label={tc('connection.loading')} />}
      {events.data && events.data.events.length === 0 && <Text c="dimmed">{t('audit.noEvents')}</Text>}
      {events.data && events.data.events.length > 0 && (
        <Paper withBorder>
          <Table striped verticalSpacing="sm" aria-label={t('tabs.audit')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.time')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.change')}</Table.Th>
                <Table.Th>{t('audit.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.events.map((event) => (
                <Table.Tr key={event.seq}>
                  <Table.Td>{at(event.at)}</Table.Td>
                  <Table.Td>{actor(event)}</Table.Td>
                  <Table.Td>{t(`audit.actions.${event.action}`)}</Table.Td>
                  <Table.Td>
                    {event.from ? tc(`status.${event.from}`) : t('audit.newRecord')} → {tc(`status.${event.to}`)}
                  </Table.Td>
                  <Table.Td>{detail(event.detail)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
