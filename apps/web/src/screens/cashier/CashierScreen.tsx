import './cashier.css';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { PaymentResult, TransactionView } from '@spaflow/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { useSingleMutation } from '../../api/mutation';
import type { StaffSession } from '../../auth/session';
import { StaffGate } from '../../components/StaffGate';
import { StationLayout } from '../../components/StationLayout';
import { useFloor } from '../../realtime/useFloor';
import { CASHIER_FEED, claimNext } from './api';
import { CashDrawer, useCashDrawer } from './CashDrawer';
import { CurrentCustomer } from './CurrentCustomer';
import { HistoryDrawer } from './HistoryDrawer';
import { QueuePanel } from './QueuePanel';
import { ReceiptPanel } from './ReceiptPanel';

export function CashierScreen() {
  return (
    <StaffGate station="cashier">
      {(session, signOut) => <CashierStation session={session} signOut={signOut} />}
    </StaffGate>
  );
}

/** Payment queue order: first finished, first to pay (the server's order too). */
function byQueueOrder(a: TransactionView, b: TransactionView): number {
  const finishedA = a.serviceFinishAt ?? a.createdAt;
  const finishedB = b.serviceFinishAt ?? b.createdAt;
  return finishedA === finishedB ? a.id - b.id : finishedA < finishedB ? -1 : 1;
}

function CashierStation({ session, signOut }: { session: StaffSession; signOut: () => Promise<void> }) {
  const { t } = useTranslation('cashier');
  const { t: tc } = useTranslation();
  const { token, user } = session;
  const floor = useFloor(token, CASHIER_FEED);
  const [historyOpened, history] = useDisclosure(false);
  const [drawerOpened, drawerModal] = useDisclosure(false);
  const drawer = useCashDrawer(token);
  const drawerOpen = drawer.data !== null && drawer.data !== undefined;
  const queryClient = useQueryClient();

  const { remember } = floor;
  const transactions = useMemo(
    () => new Map(floor.transactions.map((transaction) => [transaction.id, transaction])),
    [floor.transactions],
  );

  const queue = useMemo(
    () =>
      [...transactions.values()].filter((transaction) => transaction.status === 'awaiting_payment').sort(byQueueOrder),
    [transactions],
  );
  const mine = [...transactions.values()].find(
    (transaction) => transaction.status === 'paying' && transaction.cashier?.id === user.id,
  );

  /**
   * The customer this station is working on: the one it holds, and after the last payment the same one, paid,
   * whose receipt stays on screen until "Next customer". It follows the socket too, so a payment whose answer
   * was lost on the way still ends on its receipt.
   */
  const [focusId, setFocusId] = useState<number | null>(null);
  if (mine && mine.id !== focusId) setFocusId(mine.id);
  const focused = focusId === null ? undefined : transactions.get(focusId);
  const receiptFor = !mine && focused?.status === 'paid' && focused.cashier?.id === user.id ? focused : undefined;

  const claim = useSingleMutation({
    mutationFn: () => claimNext(token),
    onSuccess: (claimed) => {
      setFocusId(claimed?.id ?? null);
      if (claimed) remember(claimed);
      else notifications.show({ color: 'gray', autoClose: 3000, message: t('claim.nobody') });
    },
    onError: (error) => notifications.show({ color: 'red', title: tc('errorTitle'), message: errorMessage(error) }),
  });

  const onPaid = (result: PaymentResult) => {
    remember(result.transaction);
    // The drawer's running figures moved with a cash payment.
    if (result.payment.method === 'cash') void queryClient.invalidateQueries({ queryKey: ['cashier', 'drawer'] });
  };

  return (
    <StationLayout
      title={t('title')}
      person={user.displayName}
      connected={floor.connected}
      onSignOut={() => void signOut()}
      actions={
        <Button variant="default" size="lg" px="sm" onClick={history.open}>
          {t('history.button')}
        </Button>
      }
    >
      <div className="cashier-station">
        <div className="cashier-queue-column">
          <Button
            variant="default"
            size="lg"
            fullWidth
            mb="md"
            className="cashier-button-wrap"
            onClick={drawerModal.open}
            data-testid="drawer-button"
          >
            {drawer.isPending ? t('drawer.button') : drawerOpen ? t('drawer.buttonOpen') : t('drawer.buttonClosed')}
          </Button>

          <QueuePanel
            queue={queue}
            holding={mine !== undefined}
            primary={!mine && !receiptFor}
            claiming={claim.isPending}
            onClaimNext={() => claim.mutate()}
          />
        </div>
        <div className="cashier-work">
          {receiptFor ? (
            <ReceiptPanel transactionId={receiptFor.id} token={token} onDone={() => setFocusId(null)} />
          ) : mine ? (
            <CurrentCustomer
              transaction={mine}
              token={token}
              onPaid={onPaid}
              onChanged={remember}
              drawerOpen={drawerOpen}
              onOpenDrawer={drawerModal.open}
            />
          ) : (
            <Paper withBorder p="xl">
              <Stack gap="xs" align="center" ta="center" py="xl">
                <Title order={2}>{t('idle.title')}</Title>
                <Text c="dimmed" size="lg">
                  {queue.length > 0 ? t('idle.next') : t('idle.nobody')}
                </Text>
              </Stack>
            </Paper>
          )}
        </div>
      </div>
      <HistoryDrawer opened={historyOpened} onClose={history.close} token={token} />
      <CashDrawer opened={drawerOpened} onClose={drawerModal.close} token={token} drawer={drawer.data} />
    </StationLayout>
  );
}
