import { Alert, Button, Center, Divider, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { useFormat } from '../../api/shop';
import { loadReceipt } from './api';

/** The paid customer's receipt (printable on its own, on 80 or 58 mm paper); "Done" frees the counter. */
export function ReceiptPanel({
  transactionId,
  token,
  onDone,
}: {
  transactionId: number;
  token: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const { money, dateTime } = useFormat();
  const receipt = useQuery({
    queryKey: ['cashier', 'receipt', transactionId],
    queryFn: () => loadReceipt(token, transactionId),
    staleTime: Infinity,
  });

  return (
    <div className="cashier-receipt-layout">
      <Paper withBorder shadow="sm" className="cashier-receipt" data-testid="receipt">
        {receipt.isPending ? (
          <Center py="xl">
            <Loader aria-label={t('receipt.loading')} />
          </Center>
        ) : receipt.isError ? (
          <Stack>
            <Alert color="red" role="alert" title={tc('errorTitle')}>
              {errorMessage(receipt.error)}
            </Alert>
            <Button className="cashier-no-print" onClick={() => void receipt.refetch()}>
              {tc('actions.retry')}
            </Button>
          </Stack>
        ) : (
          <Stack gap="xs">
            <Stack gap={0} align="center">
              <Title order={3} ta="center">
                {receipt.data.shop.name}
              </Title>
              <Text size="sm" c="dimmed" ta="center">
                {receipt.data.shop.address}
              </Text>
            </Stack>
            <Divider variant="dashed" />
            <Group justify="space-between">
              <Text fw={600} data-testid="receipt-number">
                {t('receipt.number', { number: receipt.data.receiptNumber })}
              </Text>
              <Text fw={600}>{t('receipt.ticket', { code: receipt.data.transaction.code ?? '—' })}</Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('receipt.paidAt', { time: dateTime(receipt.data.transaction.paidAt) })}
              {receipt.data.transaction.cashier
                ? ` · ${t('receipt.cashier', { name: receipt.data.transaction.cashier.displayName })}`
                : ''}
            </Text>
            <Divider variant="dashed" />
            {receipt.data.transaction.items.map((item) => (
              <Group key={item.id} justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="sm">
                  {t('bill.itemLine', { service: item.serviceName, classification: item.classificationName })}
                  {item.quantity > 1 ? ` × ${item.quantity}` : ''}
                </Text>
                <Text size="sm" className="cashier-amount">
                  {money(item.lineTotal)}
                </Text>
              </Group>
            ))}
            <Divider variant="dashed" />
            <Group justify="space-between">
              <Text fw={700} size="lg">
                {t('bill.total')}
              </Text>
              <Text fw={700} size="lg" className="cashier-amount" data-testid="receipt-total">
                {money(receipt.data.transaction.totalAmount)}
              </Text>
            </Group>
            {receipt.data.transaction.discounts.map((discount) => (
              <Stack key={discount.id} gap={0} data-testid="receipt-discount">
                <Line label={t('discount.line', { name: discount.name })} value={money(-discount.amount)} />
                {discount.note && <Sub label={t('discount.noteShown', { note: discount.note })} />}
              </Stack>
            ))}
            {receipt.data.transaction.discountAmount > 0 && (
              <Line
                label={t('bill.amountDue')}
                value={money(receipt.data.transaction.amountDue)}
                strong
                testId="receipt-due"
              />
            )}
            <Text fw={600} size="sm" mt="xs">
              {t('receipt.payments')}
            </Text>
            {receipt.data.payments.map((payment) => (
              <Stack key={payment.id} gap={0} data-testid="receipt-payment">
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {t(`methods.${payment.method}`)}
                    {payment.reference ? ` · ${t('receipt.paymentRef', { reference: payment.reference })}` : ''}
                  </Text>
                  <Text size="sm" className="cashier-amount">
                    {money(payment.amount)}
                  </Text>
                </Group>
                {payment.tipAmount > 0 && <Sub label={t('receipt.tip')} value={money(payment.tipAmount)} />}
                {payment.voidedAt !== null && (
                  <Sub label={t('bill.voided', { reason: payment.voidReason ?? '' })} value={money(-payment.amount)} />
                )}
                {payment.tendered !== null && (
                  <Group justify="space-between" wrap="nowrap" pl="md">
                    <Text size="xs" c="dimmed">
                      {t('receipt.tendered')}
                    </Text>
                    <Text size="xs" c="dimmed" className="cashier-amount">
                      {money(payment.tendered)}
                    </Text>
                  </Group>
                )}
                {payment.change !== null && payment.change > 0 && (
                  <Group justify="space-between" wrap="nowrap" pl="md">
                    <Text size="xs" c="dimmed">
                      {t('receipt.change')}
                    </Text>
                    <Text size="xs" c="dimmed" className="cashier-amount">
                      {money(payment.change)}
                    </Text>
                  </Group>
                )}
              </Stack>
            ))}
            {receipt.data.transaction.tipAmount > 0 && (
              <Line label={t('receipt.tips')} value={money(receipt.data.transaction.tipAmount)} testId="receipt-tips" />
            )}
            {receipt.data.refunds.map((refund) => (
              <Stack key={refund.id} gap={0} data-testid="receipt-refund">
                <Line
                  label={t('receipt.refund', { method: t(`methods.${refund.method}`) })}
                  value={money(-refund.amount)}
                />
                <Sub label={t('receipt.refundReason', { reason: refund.reason })} />
              </Stack>
            ))}
            <Divider variant="dashed" />
            <Group justify="space-between">
              <Text fw={600}>{t('receipt.totalChange')}</Text>
              <Text fw={600} className="cashier-amount" data-testid="receipt-change">
                {money(receipt.data.totalChange)}
              </Text>
            </Group>
            <Text size="sm" ta="center" mt="sm">
              {t('receipt.thanks')}
            </Text>
          </Stack>
        )}
      </Paper>
      <Stack gap="md" className="cashier-no-print cashier-receipt-actions">
        <Title order={2} c="teal.8">
          {t('receipt.title')}
        </Title>
        {receipt.isSuccess && receipt.data.totalChange > 0 && (
          <Alert color="yellow" variant="filled" role="status">
            <Text fw={700} size="lg">
              {t('pay.giveChange', { change: money(receipt.data.totalChange) })}
            </Text>
          </Alert>
        )}
        <Button size="xl" variant="default" onClick={() => window.print()} disabled={!receipt.isSuccess}>
          {t('receipt.print')}
        </Button>
        <Button size="xl" onClick={onDone} className="cashier-button-wrap" data-testid="done">
          {t('receipt.done')}
        </Button>
      </Stack>
    </div>
  );
}

/** One receipt line: words on the left (they wrap), the amount on the right (it never does). */
function Line({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : undefined} className="cashier-amount" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** A detail under a line, indented. */
function Sub({ label, value }: { label: string; value?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" pl="md" align="flex-start">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {value !== undefined && (
        <Text size="xs" c="dimmed" className="cashier-amount">
          {value}
        </Text>
      )}
    </Group>
  );
}
