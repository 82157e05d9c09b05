import { Alert, Button, Container, Group, Loader, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { availableActions, type Board, type TransactionView } from '@spaflow/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest, errorMessage } from '../../api/http';
import { useShop } from '../../api/shop';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLiveTicket, type TicketRef } from '../ticket/live-ticket';
import { TicketCode, TicketItems, TicketPlace } from '../ticket/TicketDetails';
import classes from './phone.module.css';

/** Where a redeemed ticket lives on this phone: the address no longer holds the (used) code. */
export const MY_TICKET = 'mine';
const STORAGE_KEY = 'spaflow.phone';

function storedTicket(): TicketRef | null {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<TicketRef> | null;
    return saved && Number.isInteger(saved.id) && typeof saved.token === 'string'
      ? { id: saved.id!, token: saved.token }
      : null;
  } catch {
    return null;
  }
}

function storeTicket(ticket: TicketRef): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(ticket));
  } catch {
    // private mode: the ticket shows until the page is closed
  }
}

type Redeemed = { transaction: TransactionView; customerToken: string };

/** One redeem per code per page, however often React mounts the screen (a code works only once). */
const redeeming = new Map<string, Promise<Redeemed>>();
function redeem(handoffCode: string): Promise<Redeemed> {
  let pending = redeeming.get(handoffCode);
  if (!pending) {
    pending = apiRequest<Redeemed>('POST', '/api/handoff/redeem', { body: { handoffCode } });
    redeeming.set(handoffCode, pending);
  }
  return pending;
}

/**
 * The ticket on the customer's phone: `/t/<code>` redeems the kiosk's one-time code for a customer token of
 * its own (kept in this phone's storage, never in the address), then the address becomes `/t/mine` and the
 * ticket follows live, through reloads. Only here (or by staff) can the ticket be cancelled.
 */
export function PhoneTicketScreen() {
  const { t } = useTranslation('phone');
  const shop = useShop();
  const navigate = useNavigate();
  // The last part of /t/<code>, as the page opened (read from the location: this screen knows nothing of the
  // route tree). A code typed on this page is redeemed the same way.
  const opened =
    useRouterState({ select: (state) => state.location.pathname })
      .split('/')
      .pop() ?? MY_TICKET;
  const [handoffCode, setHandoffCode] = useState<string | null>(() =>
    opened === MY_TICKET ? null : decodeURIComponent(opened),
  );
  const [ticket, setTicket] = useState<TicketRef | null>(storedTicket);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (handoffCode === null) return;
    let current = true;
    redeem(handoffCode).then(
      ({ transaction, customerToken }) => {
        const redeemed = { id: transaction.id, token: customerToken };
        storeTicket(redeemed);
        if (!current) return;
        setTicket(redeemed);
        setHandoffCode(null);
        void navigate({ to: '/t/$handoffCode', params: { handoffCode: MY_TICKET }, replace: true });
      },
      (error: unknown) => {
        if (!current) return;
        const code = error instanceof ApiError ? error.code : 'other';
        setFailure(
          t(
            `failed.${['handoff_used', 'handoff_expired', 'not_found'].includes(code) ? code : 'other'}` as 'failed.other',
          ),
        );
      },
    );
    return () => {
      current = false;
    };
  }, [handoffCode, navigate, t]);

  const redeemingNow = handoffCode !== null && failure === null;
  return (
    <Container size={560} py="md" px="md" component="main">
      <Group justify="space-between" mb="md" wrap="wrap">
        <Text fw={700} c="teal.9" size="lg">
          {shop.name}
        </Text>
        <LanguageSwitch classNames={{ label: classes.languageLabel }} />
      </Group>
      {redeemingNow ? (
        <Group gap="md" py="xl" justify="center">
          <Loader />
          <Text size="lg">{t('redeeming')}</Text>
        </Group>
      ) : (
        <>
          {failure && (
            <Alert color="red" variant="outline" mb="md" role="alert" title={t('typeTitle')}>
              <Text size="lg">{failure}</Text>
            </Alert>
          )}
          {ticket && !failure ? (
            <PhoneTicket ticket={ticket} />
          ) : (
            <TypeCode
              onCode={(typed) => {
                setFailure(null);
                setHandoffCode(typed);
              }}
            />
          )}
        </>
      )}
    </Container>
  );
}

/** The 8 characters from the kiosk, typed by hand (a phone without a camera, or a QR that would not scan). */
function TypeCode({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation('phone');
  const [typed, setTyped] = useState('');
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onCode(code);
      }}
    >
      <Stack>
        <Title order={1}>{t('typeTitle')}</Title>
        <Text size="lg">{t('typeHint')}</Text>
        <TextInput
          size="lg"
          label={t('typeLabel')}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          autoCapitalize="characters"
          autoComplete="off"
          maxLength={12}
        />
        <Button type="submit" size="lg" disabled={code.length !== 8}>
          {t('typeSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

function PhoneTicket({ ticket }: { ticket: TicketRef }) {
  const { t } = useTranslation('phone');
  const { t: tc } = useTranslation();
  const { transaction, connected, unavailable, remember } = useLiveTicket(ticket);
  const heading = useRef<HTMLHeadingElement>(null);
  const [cancelOpen, cancelModal] = useDisclosure(false);
  const cancelling = useRef(false);
  const cancel = useMutation({
    mutationFn: (id: number) =>
      apiRequest<{ transaction: TransactionView }>('POST', `/api/transactions/${id}/cancel`, {
        token: ticket.token,
        body: { reason: 'customer_request' },
      }),
    onSuccess: ({ transaction: cancelled }) => {
      remember(cancelled);
      cancelModal.close();
    },
    onSettled: () => {
      cancelling.current = false;
    },
  });
  useEffect(() => heading.current?.focus(), []);
  // The counter a cashier calls to is on the public board (the ticket itself knows the cashier, not the counter).
  const paying = transaction?.status === 'paying';
  const counter = useQuery({
    queryKey: ['call-out', transaction?.id, transaction?.version],
    queryFn: () => apiRequest<Board>('GET', '/api/board'),
    enabled: paying,
    select: (board) =>
      board.calling.find((call) => call.code === transaction?.code && call.destination.kind === 'counter')?.destination
        .name || null,
  });

  if (unavailable) return <Alert color="gray">{t('gone')}</Alert>;
  if (!transaction) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }
  const names = {
    therapist: transaction.therapist?.displayName ?? t('someone'),
    room: transaction.room?.name ?? t('aRoom'),
    cashier: transaction.cashier?.displayName ?? t('aCashier'),
  };
  const mayCancel = availableActions(transaction.status, ['owner']).includes('cancel');

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {t('title')}
        </Title>
        <Text size="lg" fw={600} data-testid="connection">
          {connected ? `● ${t('live')}` : `○ ${t('reconnecting')}`}
        </Text>
      </Group>
      <TicketCode transaction={transaction} />
      <Alert
        color={transaction.status === 'cancelled' ? 'gray' : 'teal'}
        variant="outline"
        role="status"
        aria-live="polite"
        data-testid="ticket-status"
      >
        <Text fz={24} fw={700}>
          {tc(`status.${transaction.status}`)}
        </Text>
        <Text fz={20} mt={4}>
          {paying && counter.data
            ? t('message.payingAtCounter', { ...names, counter: counter.data })
            : t(`message.${transaction.status}`, names)}
        </Text>
      </Alert>
      <TicketPlace transaction={transaction} />
      <TicketItems transaction={transaction} />
      {mayCancel && (
        <Button variant="outline" color="red" size="lg" onClick={cancelModal.open}>
          {t('cancel')}
        </Button>
      )}
      <Modal
        opened={cancelOpen}
        onClose={cancelModal.close}
        title={t('cancelTitle')}
        centered
        closeButtonProps={{ 'aria-label': tc('actions.close'), size: 'xl' }}
      >
        <Stack>
          <Text size="lg">{t('cancelText')}</Text>
          {cancel.isError && (
            <Alert color="red" role="alert">
              {errorMessage(cancel.error)}
            </Alert>
          )}
          <Group grow>
            <Button size="lg" variant="default" onClick={cancelModal.close} disabled={cancel.isPending}>
              {t('keep')}
            </Button>
            <Button
              size="lg"
              color="red"
              loading={cancel.isPending}
              onClick={() => {
                // A double tap sends one request: the second finds this one still in flight.
                if (cancelling.current) return;
                cancelling.current = true;
                cancel.mutate(transaction.id);
              }}
            >
              {t('cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
