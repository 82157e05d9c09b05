import { Alert, Button, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { DRAWER_NOTE_MAX, fractionDigitsOf, type DrawerView } from '@spaflow/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { useSingleMutation } from '../../api/mutation';
import { useFormat, useShop } from '../../api/shop';
import { closeDrawer, loadDrawer, openDrawer } from './api';
import { currencySymbolOf, parseCashCount } from './money-input';

const DRAWER_KEY = ['cashier', 'drawer'] as const;

/** This cashier's open drawer (null when closed), with its running figures; refetched after each payment. */
export function useCashDrawer(token: string) {
  return useQuery({ queryKey: [...DRAWER_KEY, token], queryFn: () => loadDrawer(token) });
}

/**
 * The cash drawer: open it with the float, or close it with the cash counted and see what it should have
 * held, what was counted and the difference.
 */
export function CashDrawer({
  opened,
  onClose,
  token,
  drawer,
}: {
  opened: boolean;
  onClose: () => void;
  token: string;
  drawer: DrawerView | null | undefined;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const [closed, setClosed] = useState<DrawerView | null>(null);
  const done = () => {
    setClosed(null);
    onClose();
  };
  const title = closed ? t('drawer.closedTitle') : drawer ? t('drawer.title') : t('drawer.openTitle');
  return (
    <Modal
      opened={opened}
      onClose={done}
      title={title}
      centered
      size="md"
      closeButtonProps={{ size: 48, 'aria-label': tc('actions.close') }}
    >
      {closed ? (
        <Stack>
          <DrawerFigures drawer={closed} />
          <Button size="xl" onClick={done}>
            {t('drawer.done')}
          </Button>
        </Stack>
      ) : drawer ? (
        <CloseForm token={token} drawer={drawer} onClosed={setClosed} />
      ) : (
        <OpenForm token={token} onOpened={done} />
      )}
    </Modal>
  );
}

function useCashField() {
  const shop = useShop();
  const digits = fractionDigitsOf(shop.currency, shop.locale);
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const parsed = parseCashCount(text, digits);
  return {
    text,
    setText,
    parsed,
    symbol: currencySymbolOf(shop),
    errorKey: !parsed.ok && (submitted || text.trim() !== '') ? parsed.error : null,
    submit: () => setSubmitted(true),
  };
}

/** An amount of cash counted by hand, in the shop's currency; its error shows once typed or submitted. */
function CashInput({ field, label }: { field: ReturnType<typeof useCashField>; label: string }) {
  const { t } = useTranslation('cashier');
  return (
    <TextInput
      size="lg"
      label={label}
      inputMode="decimal"
      autoComplete="off"
      leftSection={field.symbol}
      value={field.text}
      onChange={(event) => field.setText(event.currentTarget.value)}
      error={field.errorKey ? t(`amountErrors.${field.errorKey}`) : null}
      data-autofocus
    />
  );
}

function OpenForm({ token, onOpened }: { token: string; onOpened: () => void }) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const float = useCashField();
  const mutation = useSingleMutation({
    mutationFn: (openingFloat: number) => openDrawer(token, openingFloat),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: DRAWER_KEY });
      onOpened();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    float.submit();
    if (float.parsed.ok) mutation.mutate(float.parsed.value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('drawer.openBody')}</Text>
        <CashInput field={float} label={t('drawer.openingFloat')} />
        {mutation.isError && (
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <Button type="submit" size="xl" loading={mutation.isPending} data-testid="open-drawer">
          {t('drawer.open')}
        </Button>
      </Stack>
    </form>
  );
}

function CloseForm({
  token,
  drawer,
  onClosed,
}: {
  token: string;
  drawer: DrawerView;
  onClosed: (drawer: DrawerView) => void;
}) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const counted = useCashField();
  const [note, setNote] = useState('');
  const mutation = useSingleMutation({
    mutationFn: (countedCash: number) =>
      closeDrawer(token, { countedCash, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: async (result) => {
      onClosed(result);
      await queryClient.invalidateQueries({ queryKey: DRAWER_KEY });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    counted.submit();
    if (counted.parsed.ok) mutation.mutate(counted.parsed.value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <DrawerFigures drawer={drawer} />
        <CashInput field={counted} label={t('drawer.countedCash')} />
        <Textarea
          size="lg"
          label={t('drawer.note')}
          maxLength={DRAWER_NOTE_MAX}
          autosize
          minRows={1}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {mutation.isError && (
          <Alert color="red" role="alert" title={tc('errorTitle')}>
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <Button type="submit" size="xl" loading={mutation.isPending} data-testid="close-drawer">
          {t('drawer.close')}
        </Button>
      </Stack>
    </form>
  );
}

/** A drawer's figures; once counted, the count and the difference (over or short, in words, not colour alone). */
function DrawerFigures({ drawer }: { drawer: DrawerView }) {
  const { t } = useTranslation('cashier');
  const { money, dateTime } = useFormat();
  const rows: [string, string, string][] = [
    [t('drawer.float'), money(drawer.openingFloat), 'float'],
    [t('drawer.cashSales'), money(drawer.cashSales), 'cash-sales'],
    [t('drawer.cashTips'), money(drawer.cashTips), 'cash-tips'],
    [t('drawer.cashRefunds'), money(drawer.cashRefunds === 0 ? 0 : -drawer.cashRefunds), 'cash-refunds'],
    [t('drawer.expected'), money(drawer.expectedCash), 'expected'],
  ];
  if (drawer.countedCash !== null && drawer.difference !== null) {
    rows.push([t('drawer.counted'), money(drawer.countedCash), 'counted']);
    rows.push([
      t('drawer.difference'),
      drawer.difference === 0
        ? t('drawer.balanced')
        : t(drawer.difference > 0 ? 'drawer.over' : 'drawer.short', { amount: money(Math.abs(drawer.difference)) }),
      'difference',
    ]);
  }
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        {t('drawer.openedAt', { time: dateTime(drawer.openedAt) })}
      </Text>
      <Table verticalSpacing={6} fz="md" aria-label={t('drawer.figures')}>
        <Table.Tbody>
          {rows.map(([label, value, id]) => (
            <Table.Tr key={id}>
              <Table.Th fw={id === 'expected' || id === 'difference' ? 700 : 500}>{label}</Table.Th>
              <Table.Td
                className="cashier-amount"
                fw={id === 'expected' || id === 'difference' ? 700 : 500}
                data-testid={`drawer-${id}`}
              >
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {drawer.note && <Text size="sm">{t('drawer.noteShown', { note: drawer.note })}</Text>}
    </Stack>
  );
}

/** Shown instead of the cash button while the drawer is closed: cash needs an open drawer. */
export function DrawerNeeded({ onOpenDrawer }: { onOpenDrawer: () => void }) {
  const { t } = useTranslation('cashier');
  return (
    <Stack gap="sm" data-testid="drawer-needed">
      <Alert color="yellow" variant="filled" role="status">
        <Text fw={600}>{t('drawer.needed')}</Text>
      </Alert>
      <Button size="xl" onClick={onOpenDrawer} className="cashier-button-wrap">
        {t('drawer.openNow')}
      </Button>
    </Stack>
  );
}
