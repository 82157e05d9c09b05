import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { DISCOUNT_NOTE_MAX, type PaymentResult, type PaymentView, type TransactionView } from '@spaflow/domain';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { useSingleMutation } from '../../api/mutation';
import { useFormat } from '../../api/shop';
import { applyDiscount, listDiscountTypes, removeDiscount, voidPayment } from './api';

const CLOSE_LABEL = 'actions.close' as const;

/**
 * The ticket's discounts: each with its note and what it takes off, removable before the first payment,
 * and "Add discount" (a type, and the note the type asks for, e.g. a senior citizen's ID number).
 */
export function Discounts({
  transaction,
  token,
  editable,
  onChanged,
}: {
  transaction: TransactionView;
  token: string;
  /** Before the first payment only: afterwards the server refuses (payment_started). */
  editable: boolean;
  onChanged: (transaction: TransactionView) => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const { money } = useFormat();
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useSingleMutation({
    mutationFn: (discountId: number) => removeDiscount(token, transaction.id, discountId),
    onSuccess: onChanged,
  });
  return (
    <Stack gap={6}>
      {transaction.discounts.map((discount) => (
        <Group key={discount.id} justify="space-between" wrap="nowrap" data-testid="discount-line">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={500}>{t('discount.line', { name: discount.name })}</Text>
            {discount.note && (
              <Text size="sm" c="dimmed">
                {t('discount.noteShown', { note: discount.note })}
              </Text>
            )}
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Text className="cashier-amount">{money(-discount.amount)}</Text>
            {editable && (
              <Button
                variant="default"
                size="lg"
                px="sm"
                loading={remove.isPending}
                onClick={() => remove.mutate(discount.id)}
                aria-label={t('discount.removeNamed', { name: discount.name })}
              >
                {t('discount.remove')}
              </Button>
            )}
          </Group>
        </Group>
      ))}
      {remove.isError && (
        <Alert color="red" role="alert" title={tc('errorTitle')}>
          {errorMessage(remove.error)}
        </Alert>
      )}
      {editable && (
        <Button variant="default" size="lg" onClick={open} className="cashier-button-wrap" data-testid="add-discount">
          {t('discount.add')}
        </Button>
      )}
      <Modal
        opened={opened}
        onClose={close}
        title={t('discount.title')}
        centered
        closeButtonProps={{ size: 48, 'aria-label': tc(CLOSE_LABEL) }}
      >
        {opened && (
          <DiscountForm
            transaction={transaction}
            token={token}
            onApplied={(changed) => {
              close();
              onChanged(changed);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function DiscountForm({
  transaction,
  token,
  onApplied,
}: {
  transaction: TransactionView;
  token: string;
  onApplied: (transaction: TransactionView) => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const { money } = useFormat();
  const types = useQuery({ queryKey: ['cashier', 'discount-types', token], queryFn: () => listDiscountTypes(token) });
  const applied = new Set(transaction.discounts.map((discount) => discount.name));
  const available = (types.data ?? []).filter((type) => !applied.has(type.name));
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const type = available.find((candidate) => String(candidate.id) === chosen);
  const noteMissing = type?.requiresNote === true && note.trim() === '';
  const apply = useSingleMutation({
    mutationFn: () =>
      applyDiscount(token, transaction.id, {
        discountTypeId: type!.id,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: onApplied,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (type && !noteMissing) apply.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {types.isError && (
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(types.error)}
          </Alert>
        )}
        {types.isSuccess && available.length === 0 ? (
          <Text>{t('discount.none')}</Text>
        ) : (
          <Radio.Group
            label={t('discount.type')}
            value={chosen}
            onChange={setChosen}
            error={submitted && !type ? t('discount.pickType') : null}
          >
            <Stack gap="xs" mt="xs">
              {available.map((candidate) => (
                <Radio.Card key={candidate.id} value={String(candidate.id)} p="md" radius="md" mih={52}>
                  <Group wrap="nowrap" justify="space-between">
                    <Group wrap="nowrap" gap="sm">
                      <Radio.Indicator />
                      <Text fw={600}>{candidate.name}</Text>
                    </Group>
                    <Text className="cashier-amount">
                      {candidate.kind === 'percent'
                        ? t('discount.percent', { value: candidate.value })
                        : money(candidate.value)}
                    </Text>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        )}
        {type?.requiresNote && (
          <TextInput
            size="lg"
            label={t('discount.note')}
            description={t('discount.noteHint')}
            maxLength={DISCOUNT_NOTE_MAX}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={submitted && noteMissing ? t('discount.noteRequired') : null}
            required
          />
        )}
        {apply.isError && (
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(apply.error)}
          </Alert>
        )}
        <Button type="submit" size="xl" loading={apply.isPending} data-testid="apply-discount">
          {t('discount.apply')}
        </Button>
      </Stack>
    </form>
  );
}

/** Voids one payment of the ticket being paid, with a reason, after a confirmation. */
export function VoidPaymentButton({
  payment,
  token,
  onVoided,
}: {
  payment: PaymentView;
  token: string;
  onVoided: (result: PaymentResult) => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const { money } = useFormat();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const mutation = useSingleMutation({
    mutationFn: () => voidPayment(token, payment.id, reason.trim()),
    onSuccess: (result) => {
      close();
      onVoided(result);
    },
  });
  const description = t('void.what', { method: t(`methods.${payment.method}`), amount: money(payment.amount) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (reason.trim()) mutation.mutate();
  };
  return (
    <>
      <Button
        variant="default"
        size="lg"
        px="sm"
        onClick={() => {
          mutation.reset();
          setSubmitted(false);
          open();
        }}
        aria-label={t('void.buttonNamed', { payment: description })}
      >
        {t('void.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('void.title', { payment: description })}
        centered
        closeButtonProps={{ size: 48, 'aria-label': tc(CLOSE_LABEL) }}
      >
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text>{t('void.body')}</Text>
            <Textarea
              size="lg"
              label={t('void.reason')}
              maxLength={500}
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={submitted && !reason.trim() ? t('void.reasonRequired') : null}
              required
              data-autofocus
            />
            {mutation.isError && (
              <Alert color="red" role="alert" title={tc('errorTitle')}>
                {errorMessage(mutation.error)}
              </Alert>
            )}
            <Button
              type="submit"
              size="xl"
              color="red.9"
              loading={mutation.isPending}
              className="cashier-button-wrap"
              data-testid="confirm-void"
            >
              {t('void.confirm')}
            </Button>
            <Button variant="default" size="lg" onClick={close} disabled={mutation.isPending}>
              {tc('actions.cancel')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
