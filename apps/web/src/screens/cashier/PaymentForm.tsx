import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  cashQuickAmounts,
  fractionDigitsOf,
  minorToTypedAmount,
  PAYMENT_METHODS,
  type PaymentInput,
  type PaymentMethod,
  type PaymentResult,
  type TransactionView,
} from '@spaflow/domain';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, fieldErrors } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { newIdempotencyKey, takePayment } from './api';
import { DrawerNeeded } from './CashDrawer';
import { currencySymbolOf, parseAmount, parseCashCount } from './money-input';

/** Refusals after which the very same attempt may be sent again with the same key (the server may have it). */
const RETRY_SAME_ATTEMPT = new Set(['network_error', 'idempotency_in_flight']);

/**
 * One payment towards the balance: cash (with what was handed over and the change), card or e-wallet (with a
 * reference). An amount below the balance is a split payment; the form is remounted after each one.
 */
export function PaymentForm({
  transaction,
  token,
  onPaid,
  drawerOpen,
  onOpenDrawer,
}: {
  transaction: TransactionView;
  token: string;
  onPaid: (result: PaymentResult) => void;
  /** Cash goes into this cashier's open drawer; without one the form asks to open it instead of taking cash. */
  drawerOpen: boolean;
  onOpenDrawer: () => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const shop = useShop();
  const { money } = useFormat();
  const digits = fractionDigitsOf(shop.currency, shop.locale);
  const symbol = currencySymbolOf(shop);
  const balance = transaction.balance;

  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amountText, setAmountText] = useState(() => minorToTypedAmount(balance, digits));
  const [tenderedText, setTenderedText] = useState('');
  const [reference, setReference] = useState('');
  const [tipText, setTipText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Set before the first await: a second tap in the same instant finds it and sends nothing. */
  const inFlight = useRef(false);
  const [failure, setFailure] = useState<unknown>(null);
  /** The attempt in flight or last failed on the network: its key is reused only for the very same body. */
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const amount = parseAmount(amountText, digits);
  const tendered = parseAmount(tenderedText, digits);
  // A tip is optional: nothing typed is no tip.
  const tip = tipText.trim() === '' ? ({ ok: true, value: 0 } as const) : parseCashCount(tipText, digits);
  const tipError = !tip.ok ? t(`amountErrors.${tip.error}`) : null;
  const isCash = method === 'cash';

  const amountError = !amount.ok
    ? submitted || amountText.trim() !== ''
      ? t(`amountErrors.${amount.error}`)
      : null
    : amount.value > balance
      ? t('pay.overBalance', { balance: money(balance) })
      : null;
  const tenderedError =
    isCash && !tendered.ok && (submitted || tenderedText.trim() !== '') ? t(`amountErrors.${tendered.error}`) : null;
  // A 400 names the field it refuses (`body.amount` → `amount`); shown on that field as well as above the button.
  const serverFields = fieldErrors(failure);
  /** What the customer hands over for this payment: the amount and the tip (what cash must cover). */
  const due = amount.ok && tip.ok ? amount.value + tip.value : null;
  const change = isCash && due !== null && tendered.ok ? tendered.value - due : null;
  const short = change !== null && change < 0 ? -change : null;
  const valid = amount.ok && tip.ok && amount.value <= balance && (!isCash || (tendered.ok && short === null));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || inFlight.current || !amount.ok || !tip.ok) return;
    const trimmed = reference.trim();
    let input: PaymentInput;
    if (isCash) {
      if (!tendered.ok) return;
      input = { method, amount: amount.value, tipAmount: tip.value, tendered: tendered.value };
    } else {
      const withReference = trimmed ? { reference: trimmed.slice(0, 120) } : {};
      input = { method, amount: amount.value, tipAmount: tip.value, ...withReference };
    }
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { key: newIdempotencyKey(), body };
    inFlight.current = true;
    setBusy(true);
    setFailure(null);
    try {
      const result = await takePayment(token, transaction.id, input, attempt.current.key);
      attempt.current = null;
      onPaid(result);
    } catch (error) {
      // A refusal is final for this key (the server stored it); only a lost answer is retried as the same attempt.
      if (!(error instanceof ApiError && RETRY_SAME_ATTEMPT.has(error.code))) attempt.current = null;
      setFailure(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const submitKey = isCash ? 'pay.submitCash' : method === 'card' ? 'pay.submitCard' : 'pay.submitEwallet';
  const submitLabel = !amount.ok
    ? t('pay.submitInvalid')
    : tip.ok && tip.value > 0
      ? t(`${submitKey}Tip`, { amount: money(amount.value), tip: money(tip.value) })
      : t(submitKey, { amount: money(amount.value) });

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={3}>{t('pay.title')}</Title>
        <SegmentedControl
          size="lg"
          fullWidth
          aria-label={t('pay.method')}
          styles={{ label: { minHeight: 52, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
          value={method}
          onChange={(value) => {
            setMethod(value);
            setFailure(null);
          }}
          data={PAYMENT_METHODS.map((value) => ({ value, label: t(`methods.${value}`) }))}
        />
        <TextInput
          size="lg"
          label={t('pay.amount')}
          inputMode="decimal"
          autoComplete="off"
          leftSection={symbol}
          value={amountText}
          onChange={(event) => {
            setAmountText(event.currentTarget.value);
            setFailure(null);
          }}
          error={amountError ?? serverFields.amount}
          styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
        />
        {!(amount.ok && amount.value === balance) && (
          <Group justify="space-between" wrap="nowrap" gap="xs" mt={-6}>
            <Text size="sm" c="dimmed">
              {amount.ok && amount.value < balance ? t('pay.amountHint') : null}
            </Text>
            <Button
              size="lg"
              variant="default"
              style={{ flexShrink: 0 }}
              onClick={() => {
                setAmountText(minorToTypedAmount(balance, digits));
                setFailure(null);
              }}
            >
              {t('pay.useBalance')}
            </Button>
          </Group>
        )}
        <TextInput
          size="lg"
          label={t('pay.tip')}
          description={t('pay.tipHint')}
          inputMode="decimal"
          autoComplete="off"
          leftSection={symbol}
          value={tipText}
          onChange={(event) => {
            setTipText(event.currentTarget.value);
            setFailure(null);
          }}
          error={tipError ?? serverFields.tipAmount}
          styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
        />
        {isCash && !drawerOpen ? (
          <DrawerNeeded onOpenDrawer={onOpenDrawer} />
        ) : isCash ? (
          <>
            <TextInput
              size="lg"
              label={t('pay.tendered')}
              inputMode="decimal"
              autoComplete="off"
              leftSection={symbol}
              value={tenderedText}
              onChange={(event) => {
                setTenderedText(event.currentTarget.value);
                setFailure(null);
              }}
              error={tenderedError ?? serverFields.tendered}
              styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
            />
            {due !== null && (
              <SimpleGrid cols={2} spacing="xs" role="group" aria-label={t('pay.quickTender')}>
                {cashQuickAmounts(due, digits).map((value, index) => (
                  <Button
                    key={value}
                    size="lg"
                    px={4}
                    variant="default"
                    onClick={() => {
                      setTenderedText(minorToTypedAmount(value, digits));
                      setFailure(null);
                    }}
                  >
                    {index === 0 ? t('pay.exact') : money(value)}
                  </Button>
                ))}
              </SimpleGrid>
            )}
            <Stack
              gap={0}
              px="sm"
              py={4}
              bg={short !== null ? 'red.0' : 'teal.0'}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              aria-live="polite"
              data-testid="change"
            >
              <Text fw={600} size="lg">
                {short !== null ? t('pay.shortLabel') : t('pay.change')}
              </Text>
              <Text
                fw={700}
                fz={short !== null ? 36 : 48}
                lh={1.2}
                ta="right"
                className={short !== null ? undefined : 'cashier-amount'}
                c={short !== null ? 'red.9' : 'teal.9'}
                data-testid={short !== null ? 'short' : 'change-amount'}
              >
                {short !== null ? t('pay.short', { amount: money(short) }) : change === null ? '—' : money(change)}
              </Text>
            </Stack>
          </>
        ) : (
          <TextInput
            size="lg"
            label={t(method === 'card' ? 'pay.referenceCard' : 'pay.referenceEwallet')}
            autoComplete="off"
            maxLength={120}
            error={serverFields.reference}
            value={reference}
            onChange={(event) => setReference(event.currentTarget.value)}
          />
        )}
        {failure !== null && (
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(failure)}
          </Alert>
        )}
        {!(isCash && !drawerOpen) && (
          <Button
            type="submit"
            size="xl"
            px="sm"
            fz="lg"
            fullWidth
            loading={busy}
            disabled={busy}
            className="cashier-button-wrap"
            data-testid="take-payment"
          >
            {submitLabel}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
