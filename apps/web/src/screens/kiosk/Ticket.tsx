import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { availableActions, type TransactionStatus, type TransactionView } from '@spaflow/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { useFloor, type FloorFeed } from '../../realtime/useFloor';
import classes from './kiosk.module.css';
import { ItemsTable } from './Review';
import type { TicketRef } from './storage';

/** Which transaction each customer token is for (a token answers for exactly one). */
const ticketIds = new Map<string, number>();

async function loadTicket(ref: TicketRef): Promise<TransactionView> {
  const { transaction } = await apiRequest<{ transaction: TransactionView }>('GET', `/api/transactions/${ref.id}`, {
    token: ref.token,
  });
  return transaction;
}

/** A customer's own ticket: the socket sends every step of it, and nothing else. */
const ticketFeed: FloorFeed = {
  loadSnapshot: async (token) => {
    const id = ticketIds.get(token);
    if (id === undefined) throw new Error('unknown ticket');
    return { seq: 0, transactions: [await loadTicket({ id, token })] };
  },
  hearsEveryStep: true,
};

const STEP_OF: Record<TransactionStatus, number> = {
  selecting: 0,
  pending_therapist: 0,
  therapist_confirmed: 1,
  in_service: 2,
  finished: 3,
  awaiting_payment: 3,
  paying: 3,
  paid: 5,
  cancelled: 0,
};

/** The confirmed ticket, live: code, place in line and wait, who and where, then the cashier. */
export function Ticket({ ticket, onDone }: { ticket: TicketRef; onDone: () => void }) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation();
  ticketIds.set(ticket.token, ticket.id);
  const floor = useFloor(ticket.token, ticketFeed);
  const transaction = floor.transactions.find((candidate) => candidate.id === ticket.id);
  // Tells a ticket that can no longer be read (token expired, wrong kiosk) from one still loading.
  const check = useQuery({
    queryKey: ['kiosk-ticket', ticket.id, ticket.token],
    queryFn: () => loadTicket(ticket),
    retry: (failures, error) => !(error instanceof ApiError && [401, 403, 404].includes(error.status)) && failures < 2,
    enabled: !floor.ready,
  });
  const [doneOpen, done] = useDisclosure(false);

  const finished = transaction?.status === 'paid' || transaction?.status === 'cancelled';

  return (
    <Stack gap="lg" maw={{ base: 760, md: 1160 }} mx="auto" w="100%">
      {transaction ? (
        <TicketCard transaction={transaction} connected={floor.connected} token={ticket.token} />
      ) : check.error instanceof ApiError && [401, 403, 404].includes(check.error.status) ? (
        <Alert color="gray" title={t('ticket.unavailable')}>
          {errorMessage(check.error)}
        </Alert>
      ) : (
        <Center py={80}>
          <Stack align="center">
            <Loader size="lg" />
            <Text c="dimmed">{t('ticket.loading')}</Text>
          </Stack>
        </Center>
      )}
      <Group grow className={classes.noPrint}>
        {transaction && (
          <Button size="xl" radius="xl" variant="default" onClick={() => window.print()}>
            {t('ticket.print')}
          </Button>
        )}
        <Button size="xl" radius="xl" onClick={transaction && !finished ? done.open : onDone}>
          {t('ticket.done')}
        </Button>
      </Group>
      <Modal opened={doneOpen} onClose={done.close} title={t('ticket.doneTitle')} centered size="md" radius="lg">
        <Stack>
          <Text size="lg">{t('ticket.doneText', { code: transaction?.code ?? '' })}</Text>
          <Group grow>
            <Button size="lg" variant="default" onClick={done.close}>
              {tc('actions.back')}
            </Button>
            <Button
              size="lg"
              onClick={() => {
                done.close();
                onDone();
              }}
            >
              {t('ticket.doneConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function TicketCard({
  transaction,
  connected,
  token,
}: {
  transaction: TransactionView;
  connected: boolean;
  token: string;
}) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const shop = useShop();
  const [cancelOpen, cancelModal] = useDisclosure(false);
  const cancel = useMutation({
    mutationFn: () =>
      apiRequest<{ transaction: TransactionView }>('POST', `/api/transactions/${transaction.id}/cancel`, {
        token,
        body: { reason: 'customer_request' },
      }),
    onSuccess: () => cancelModal.close(),
    onError: (error) => notifications.show({ color: 'red', title: tc('errorTitle'), message: errorMessage(error) }),
  });
  const mayCancel = availableActions(transaction.status, ['owner']).includes('cancel');
  const names = {
    therapist: transaction.therapist?.displayName ?? t('ticket.someone'),
    room: transaction.room?.name ?? t('ticket.aRoom'),
    cashier: transaction.cashier?.displayName ?? t('ticket.aCashier'),
  };
  const cancelled = transaction.status === 'cancelled';

  return (
    <Card withBorder radius="lg" padding="xl" shadow="sm" className={classes.ticket}>
      <Stack gap="lg">
        <Group justify="space-between" className={classes.noPrint}>
          <Text fw={600} c="dimmed">
            {shop.name}
          </Text>
          <Badge color={connected ? 'teal' : 'orange'} variant="dot" size="lg" data-testid="connection">
            {connected ? tc('connection.live') : tc('connection.reconnecting')}
          </Badge>
        </Group>
        <div className={classes.printOnly}>
          <Text fw={700} ta="center">
            {shop.name}
          </Text>
          <Text size="sm" ta="center">
            {shop.address}
          </Text>
        </div>

        {!cancelled && (
          <Stepper
            active={STEP_OF[transaction.status]}
            size="xs"
            color="teal"
            allowNextStepsSelect={false}
            className={classes.noPrint}
            aria-label={t('ticket.status')}
          >
            <Stepper.Step label={t('ticket.steps.waiting')} />
            <Stepper.Step label={t('ticket.steps.therapist')} />
            <Stepper.Step label={t('ticket.steps.service')} />
            <Stepper.Step label={t('ticket.steps.cashier')} />
            <Stepper.Step label={t('ticket.steps.paid')} />
          </Stepper>
        )}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing={40} verticalSpacing="lg" className={classes.ticketGrid}>
          <Stack gap="lg">
            <Stack gap={0} align="center">
              <Text size="xl" c="dimmed">
                {t('ticket.yourNumber')}
              </Text>
              <Text className={classes.code} data-testid="ticket-code" td={cancelled ? 'line-through' : undefined}>
                {transaction.code}
              </Text>
              {transaction.priority && (
                <Badge color="grape" size="lg" variant="light" mt="xs">
                  {t('ticket.priority')}
                </Badge>
              )}
            </Stack>

            <Alert
              color={cancelled ? 'gray' : transaction.status === 'paid' ? 'green' : 'teal'}
              variant="light"
              radius="md"
              role="status"
              aria-live="polite"
              data-testid="ticket-status"
            >
              <Text fz={22} fw={700}>
                {tc(`status.${transaction.status}`)}
              </Text>
              <Text size="lg" mt={4}>
                {t(`ticket.message.${transaction.status}`, names)}
              </Text>
            </Alert>

            {transaction.status === 'pending_therapist' && (
              <Group grow align="stretch">
                <Card withBorder radius="md" padding="md">
                  <Text c="dimmed">{t('ticket.position')}</Text>
                  <Text fz={24} fw={700} data-testid="queue-position">
                    {transaction.queuePosition === 1
                      ? t('ticket.positionNext')
                      : transaction.queuePosition !== null
                        ? t('ticket.positionValue', { count: transaction.queuePosition })
                        : '—'}
                  </Text>
                </Card>
                <Card withBorder radius="md" padding="md">
                  <Text c="dimmed">{t('ticket.wait')}</Text>
                  <Text fz={24} fw={700} data-testid="estimated-wait">
                    {transaction.estimatedWaitSeconds === null
                      ? '—'
                      : transaction.estimatedWaitSeconds < 60
                        ? t('ticket.waitSoon')
                        : t('ticket.waitValue', { time: format.minutes(transaction.estimatedWaitSeconds) })}
                  </Text>
                </Card>
              </Group>
            )}

            {transaction.status === 'pending_therapist' && (
              <Text c="dimmed" ta="center">
                {t('ticket.keepIt')}
              </Text>
            )}
          </Stack>
          <Stack gap="lg">
            <div>
              <Title order={3} fw={600} mb="xs">
                {t('ticket.items')}
              </Title>
              <ItemsTable transaction={transaction} />
            </div>
            <Group justify="space-between" align="baseline">
              <Text size="xl">{t('ticket.total')}</Text>
              <Text fz={32} fw={700} data-testid="ticket-total">
                {format.money(transaction.totalAmount)}
              </Text>
            </Group>
            {transaction.amountPaid > 0 && transaction.balance > 0 && (
              <Group justify="space-between">
                <Text>{t('ticket.balance')}</Text>
                <Text fw={700}>{format.money(transaction.balance)}</Text>
              </Group>
            )}
            <Text size="sm" c="dimmed" ta="center" className={classes.printOnly}>
              {t('ticket.printedAt', { time: format.dateTime(new Date().toISOString()) })}
            </Text>
            {mayCancel && (
              <Button
                variant="subtle"
                color="red"
                size="md"
                className={classes.noPrint}
                onClick={cancelModal.open}
                disabled={cancel.isPending}
              >
                {t('ticket.cancel')}
              </Button>
            )}
          </Stack>
        </SimpleGrid>
      </Stack>
      <Modal opened={cancelOpen} onClose={cancelModal.close} title={t('ticket.cancelTitle')} centered radius="lg">
        <Stack>
          <Text size="lg">{t('ticket.cancelText')}</Text>
          <Group grow>
            <Button size="lg" variant="default" onClick={cancelModal.close} disabled={cancel.isPending}>
              {t('ticket.keepTicket')}
            </Button>
            <Button size="lg" color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('ticket.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
