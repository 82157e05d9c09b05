import {
  fractionDigitsOf,
  PAYMENT_METHODS,
  parseTypedAmount,
  type EventDetail,
  type PaymentMethod,
  type TransactionView,
} from '@spaflow/domain';
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorMessage } from '../../api/http';
import { useSingleMutation } from '../../api/mutation';
import { useFormat, useShop } from '../../api/shop';
import { useStaff } from './api';

/** An event's money detail in words: method and amount, tip, discount, reason, cashiers of a handover. */
export function useEventDetail() {
  const { t } = useTranslation('admin');
  const { money } = useFormat();
  return (detail: EventDetail | null): string => {
    if (!detail) return '';
    const parts: string[] = [];
    if (detail.method && detail.amount !== undefined)
      parts.push(`${t(`reports.methods.${detail.method}`)} ${money(detail.amount)}`);
    if (detail.tipAmount) parts.push(t('audit.tip', { amount: money(detail.tipAmount) }));
    if (detail.discount) parts.push(`${detail.discount.name} −${money(detail.discount.amount)}`);
    if (detail.discount?.note) parts.push(detail.discount.note);
    if (detail.fromCashier && detail.toCashier)
      parts.push(`${detail.fromCashier.displayName} → ${detail.toCashier.displayName}`);
    if (detail.reason) parts.push(t('audit.reason', { reason: detail.reason }));
    return parts.join(' · ');
  };
}

/** Refund part or all of a paid ticket: amount, method and reason; never more than was paid less refunds. */
export function RefundForm({ token, transaction }: { token: string; transaction: TransactionView }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { money } = useFormat();
  const shop = useShop();
  const queryClient = useQueryClient();
  const digits = fractionDigitsOf(shop.currency, shop.locale);
  const refundable = transaction.amountPaid - transaction.amountRefunded;
  const [amountText, setAmountText] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const refund = useSingleMutation({
    mutationFn: (amount: number) =>
      apiRequest('POST', `/api/transactions/${transaction.id}/refunds`, {
        token,
        body: { amount, method, reason: reason.trim() },
      }),
    onSuccess: async (_result, amount) => {
      notifications.show({ color: 'teal', message: t('refund.done', { amount: money(amount) }) });
      setAmountText('');
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTypedAmount(amountText, digits);
    const found: Record<string, string> = {};
    if (!parsed.ok || parsed.value <= 0) found.amount = t('refund.amountInvalid');
    else if (parsed.value > refundable) found.amount = t('refund.tooMuch', { amount: money(refundable) });
    if (!reason.trim()) found.reason = t('common.required');
    setLocal(found);
    if (Object.keys(found).length === 0 && parsed.ok) refund.mutate(parsed.value);
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate maw={1000}>
      <Stack gap="sm">
        <Title order={4}>{t('refund.title')}</Title>
        <Text size="sm">
          {t('refund.refundable', {
            paid: money(transaction.amountPaid),
            refunded: money(transaction.amountRefunded),
            left: money(refundable),
          })}
        </Text>
        <Group align="flex-start" grow>
          <TextInput
            label={t('refund.amount')}
            inputMode="decimal"
            value={amountText}
            onChange={(event) => setAmountText(event.currentTarget.value)}
            error={local.amount}
            required
          />
          <Select
            label={t('refund.method')}
            data={PAYMENT_METHODS.map((value) => ({ value, label: t(`reports.methods.${value}`) }))}
            value={method}
            onChange={(value) => value && setMethod(value)}
            allowDeselect={false}
          />
          <TextInput
            label={t('refund.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={local.reason}
            maxLength={500}
            required
          />
        </Group>
        {refund.isError && (
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(refund.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            color="red.9"
            loading={refund.isPending}
            disabled={refundable <= 0}
            data-testid="refund"
          >
            {t('refund.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Hand a ticket being paid to another cashier (who holds no one), its payments kept. */
export function HandoverForm({ token, transaction }: { token: string; transaction: TransactionView }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const staff = useStaff(token);
  const cashiers = (staff.data ?? []).filter(
    (person) => person.role === 'cashier' && person.active && person.id !== transaction.cashier?.id,
  );
  const [to, setTo] = useState<string | null>(null);
  const handover = useSingleMutation({
    mutationFn: (cashierId: number) =>
      apiRequest('POST', `/api/transactions/${transaction.id}/handover`, { token, body: { cashierId } }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('handover.done') });
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      maw={1000}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (to) handover.mutate(Number(to));
      }}
    >
      <Stack gap="sm">
        <Title order={4}>{t('handover.title')}</Title>
        <Text size="sm">{t('handover.body', { cashier: transaction.cashier?.displayName ?? '—' })}</Text>
        <Group align="flex-end">
          <Select
            label={t('handover.to')}
            data={cashiers.map((person) => ({
              value: String(person.id),
              label: person.counter ? `${person.displayName} (${person.counter})` : person.displayName,
            }))}
            value={to}
            onChange={setTo}
            w={360}
          />
          <Button type="submit" loading={handover.isPending} disabled={!to} data-testid="handover">
            {t('handover.submit')}
          </Button>
        </Group>
        {handover.isError && (
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(handover.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
