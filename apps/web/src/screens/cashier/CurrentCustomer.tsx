import { Alert, Badge, Button, Divider, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { availableActions, type PaymentResult, type TransactionView } from '@spaflow/domain';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { useSingleMutation } from '../../api/mutation';
import { useFormat } from '../../api/shop';
import { listPayments, release } from './api';
import { Discounts, VoidPaymentButton } from './Adjustments';
import { PaymentForm } from './PaymentForm';

/** The customer at this counter: the bill, what was paid so far, the payment form, and release. */
export function CurrentCustomer({
  transaction,
  token,
  onPaid,
  onChanged,
  drawerOpen,
  onOpenDrawer,
}: {
  transaction: TransactionView;
  token: string;
  onPaid: (result: PaymentResult) => void;
  /** A step taken here (discount, void, release): the station shows it at once. */
  onChanged: (transaction: TransactionView) => void;
  drawerOpen: boolean;
  onOpenDrawer: () => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const { money } = useFormat();
  const code = transaction.code ?? '—';
  const canRelease = availableActions(transaction.status, ['claiming_cashier']).includes('release');
  // What was paid how so far, from the server (so a reload mid-split still shows it); each step refetches.
  const payments =
    useQuery({
      queryKey: ['cashier', 'payments', transaction.id, transaction.version],
      queryFn: () => listPayments(token, transaction.id),
      placeholderData: (previous) => previous,
    }).data ?? [];
  const lastPayment = payments.filter((payment) => payment.voidedAt === null).at(-1);

  return (
    <div className="cashier-customer" data-testid="current-customer">
      <Stack gap="md">
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Title order={2}>{t('bill.ticket', { code })}</Title>
              <Badge size="lg" variant="outline" style={{ flexShrink: 0 }}>
                {tc(`status.${transaction.status}`)}
              </Badge>
            </Group>
            {transaction.therapist && (
              <Text size="sm" c="dimmed">
                {transaction.room
                  ? t('bill.servedIn', { therapist: transaction.therapist.displayName, room: transaction.room.name })
                  : t('bill.servedBy', { therapist: transaction.therapist.displayName })}
              </Text>
            )}
            <Table verticalSpacing={6} fz="md" aria-label={t('bill.items')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bill.service')}</Table.Th>
                  <Table.Th ta="right">{t('bill.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('bill.lineTotal')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {transaction.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      {t('bill.itemLine', { service: item.serviceName, classification: item.classificationName })}
                    </Table.Td>
                    <Table.Td className="cashier-amount">{item.quantity}</Table.Td>
                    <Table.Td className="cashier-amount">{money(item.lineTotal)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Divider />
            <Figure label={t('bill.total')} value={money(transaction.totalAmount)} testId="bill-total" />
            <Discounts
              transaction={transaction}
              token={token}
              editable={transaction.amountPaid === 0}
              onChanged={onChanged}
            />
            {transaction.discountAmount > 0 && (
              <Figure label={t('bill.amountDue')} value={money(transaction.amountDue)} testId="bill-due" />
            )}
            <Figure label={t('bill.paid')} value={money(transaction.amountPaid)} testId="bill-paid" />
            <Figure label={t('bill.balance')} value={money(transaction.balance)} testId="bill-balance" strong />
          </Stack>
        </Paper>
        {payments.length > 0 && (
          <Paper withBorder p="md">
            <Stack gap={6}>
              <Text fw={600}>{t('bill.paymentsTaken')}</Text>
              {payments.map((payment) => (
                <Group
                  key={payment.id}
                  justify="space-between"
                  wrap="nowrap"
                  data-testid="payment-taken"
                  data-voided={payment.voidedAt !== null}
                >
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text td={payment.voidedAt ? 'line-through' : undefined}>
                      {t(`methods.${payment.method}`)}
                      {payment.reference ? ` · ${payment.reference}` : ''}
                    </Text>
                    {payment.tipAmount > 0 && (
                      <Text size="sm" c="dimmed">
                        {t('bill.tipLine', { tip: money(payment.tipAmount) })}
                      </Text>
                    )}
                    {payment.voidedAt && (
                      <Text size="sm" fw={600}>
                        {t('bill.voided', { reason: payment.voidReason ?? '' })}
                      </Text>
                    )}
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    <Text className="cashier-amount" td={payment.voidedAt ? 'line-through' : undefined}>
                      {money(payment.amount)}
                    </Text>
                    {payment.voidedAt === null && transaction.status === 'paying' && (
                      <VoidPaymentButton
                        payment={payment}
                        token={token}
                        onVoided={(result) => onChanged(result.transaction)}
                      />
                    )}
                  </Group>
                </Group>
              ))}
            </Stack>
          </Paper>
        )}
        {lastPayment?.change ? (
          <Alert color="yellow" variant="filled" role="status">
            <Text fw={700} size="lg">
              {t('pay.giveChange', { change: money(lastPayment.change) })}
            </Text>
          </Alert>
        ) : null}
        {canRelease && <ReleaseButton transaction={transaction} token={token} onReleased={onChanged} />}
      </Stack>
      <PaymentForm
        key={`${transaction.id}:${transaction.balance}`}
        transaction={transaction}
        token={token}
        onPaid={onPaid}
        drawerOpen={drawerOpen}
        onOpenDrawer={onOpenDrawer}
      />
    </div>
  );
}

function Figure({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size={strong ? 'xl' : 'md'} fw={strong ? 700 : 500}>
        {label}
      </Text>
      <Text size={strong ? 'xl' : 'md'} fw={strong ? 700 : 500} className="cashier-amount" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

function ReleaseButton({
  transaction,
  token,
  onReleased,
}: {
  transaction: TransactionView;
  token: string;
  onReleased: (transaction: TransactionView) => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const code = transaction.code ?? '—';
  const mutation = useSingleMutation({
    mutationFn: () => release(token, transaction.id),
    onSuccess: (released) => {
      close();
      onReleased(released);
    },
  });
  const paidSome = transaction.amountPaid > 0;

  return (
    <>
      <Stack gap={4}>
        <Button
          variant="default"
          size="lg"
          onClick={() => {
            mutation.reset();
            open();
          }}
          disabled={paidSome}
        >
          {t('release.button')}
        </Button>
        {paidSome && (
          <Text size="sm" c="dimmed">
            {t('release.afterPayment')}
          </Text>
        )}
      </Stack>
      <Modal opened={opened} onClose={close} title={t('release.title', { code })} centered>
        <Stack>
          <Text>{t('release.body')}</Text>
          {mutation.isError && (
            <Alert color="red" role="alert" title={tc('errorTitle')}>
              {errorMessage(mutation.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" size="lg" onClick={close} disabled={mutation.isPending}>
              {tc('actions.cancel')}
            </Button>
            <Button size="lg" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              {t('release.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
