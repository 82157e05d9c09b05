import { Badge, Box, Button, Grid, Tabs } from '@mantine/core';
import { businessDateOf, type TransactionView } from '@spaflow/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { useShop } from '../../api/shop';
import type { StaffSession } from '../../auth/session';
import { StaffGate } from '../../components/StaffGate';
import { StationLayout } from '../../components/StationLayout';
import { useFloor } from '../../realtime/useFloor';
import { isHeld, queueOrder, therapistApi, therapistFeed } from './api';
import { CurrentPanel } from './CurrentPanel';
import { HistoryPanel } from './HistoryPanel';
import { QueuePanel } from './QueuePanel';
import { RoomsStrip } from './RoomsStrip';
import { notifyDone, useAction } from './useAction';

/** The therapist's tablet: the customer in hand, the live queue, the rooms, breaks and today's history. */
export function TherapistScreen() {
  return (
    <StaffGate station="therapist">
      {(session, signOut) => <TherapistStation session={session} signOut={signOut} />}
    </StaffGate>
  );
}

type DutyStatus = 'available' | 'on_break';

function TherapistStation({ session, signOut }: { session: StaffSession; signOut: () => Promise<void> }) {
  const { t } = useTranslation('therapist');
  const shop = useShop();
  const queryClient = useQueryClient();
  const floor = useFloor(session.token, therapistFeed);
  const { reload } = floor;
  const action = useAction();
  const me = session.user.id;

  const { transactions, remember } = floor;

  const current = transactions.find((item) => isHeld(item.status) && item.therapist?.id === me) ?? null;
  const queue = useMemo(
    () => transactions.filter((item) => item.status === 'pending_therapist').sort(queueOrder),
    [transactions],
  );
  const rooms = useMemo(
    () => [...floor.rooms].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })),
    [floor.rooms],
  );

  // Break status: the newest change heard live (staff_updated), else what the server said on load.
  const statusKey = useMemo(() => ['therapist', 'status', me], [me]);
  const loadedStatus = useQuery({
    queryKey: statusKey,
    queryFn: async () => (await therapistApi.status(session.token)).status,
  }).data;
  const heardStatus = floor.staff.find((member) => member.id === me)?.status;
  const status: DutyStatus = heardStatus
    ? heardStatus === 'on_break'
      ? 'on_break'
      : 'available'
    : (loadedStatus ?? 'available');
  const saveStatus = useCallback(
    (next: DutyStatus) => queryClient.setQueryData(statusKey, next),
    [queryClient, statusKey],
  );

  const [pickedRoom, setRoomChoice] = useState<number | null>(null);
  // A picked room that stopped being free falls back to "any free room".
  const roomChoice = rooms.some((room) => room.id === pickedRoom && room.status === 'available') ? pickedRoom : null;
  const [lastFinished, setLastFinished] = useState<TransactionView | null>(null);
  const [tab, setTab] = useState<string | null>('current');

  /** After any change of this therapist's own work, the history is stale. */
  const refreshHistory = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ['therapist', 'history', me] }),
    [queryClient, me],
  );

  /** A refused claim: someone was faster, no room, or on a break. Say it (useAction did) and catch up. */
  const onClaimError = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return;
      if (error.code === 'therapist_on_break') saveStatus('on_break');
      if (error.code === 'already_claimed') notifyDone(t('claim.taken'));
      if (error.code === 'no_room_available') setRoomChoice(null);
      void reload();
    },
    [saveStatus, reload, t],
  );

  const claimed = (transaction: TransactionView) => {
    remember(transaction);
    setLastFinished(null);
    setTab('current');
    setRoomChoice(null);
    notifyDone(t('claim.claimed', { code: transaction.code ?? '', room: transaction.room?.name ?? '—' }));
    refreshHistory();
  };

  const claimNext = () =>
    action.run(
      'claim-next',
      async () => {
        const result = await therapistApi.claimNext(session.token, roomChoice);
        if (result.transaction) claimed(result.transaction);
        else notifyDone(t('claim.queueEmpty'));
      },
      onClaimError,
    );

  const claimOne = (id: number) =>
    action.run(
      `claim-${id}`,
      async () => claimed((await therapistApi.claim(session.token, id, roomChoice)).transaction),
      onClaimError,
    );

  const toggleBreak = () =>
    action.run('break', async () => {
      const next: DutyStatus = status === 'on_break' ? 'available' : 'on_break';
      const result = await therapistApi.setStatus(session.token, next);
      saveStatus(result.status);
    });

  const markReady = (roomId: number, name: string) =>
    action.run(`ready-${roomId}`, async () => {
      await therapistApi.roomReady(session.token, roomId);
      notifyDone(t('done.roomReady', { room: name }));
    });

  const today = businessDateOf(Date.now(), shop.timeZone);
  const onBreak = status === 'on_break';

  return (
    <StationLayout
      title={t('title')}
      person={session.user.displayName}
      connected={floor.connected}
      onSignOut={() => void signOut()}
      actions={
        <>
          {onBreak && (
            <Badge color="orange" size="lg" variant="filled" style={{ flexShrink: 0 }}>
              {t('breaks.onBreak')}
            </Badge>
          )}
          <Button
            size="lg"
            variant="default"
            style={{ flexShrink: 0 }}
            onClick={() => void toggleBreak()}
            loading={action.busy === 'break'}
            disabled={action.busy !== null && action.busy !== 'break'}
          >
            {onBreak ? t('breaks.end') : t('breaks.start')}
          </Button>
        </>
      }
    >
      <RoomsStrip rooms={rooms} action={action} onMarkReady={(id, name) => void markReady(id, name)} />
      <Grid gap="md" mt="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="current" fz="md" mih={48}>
                {t('tabs.current')}
              </Tabs.Tab>
              <Tabs.Tab value="history" fz="md" mih={48}>
                {t('tabs.history')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="current">
              <CurrentPanel
                token={session.token}
                current={current}
                lastFinished={lastFinished}
                rooms={rooms}
                queueLength={queue.length}
                onBreak={onBreak}
                roomChoice={roomChoice}
                onRoomChoice={setRoomChoice}
                action={action}
                onClaimNext={() => void claimNext()}
                onChanged={(transaction) => {
                  remember(transaction);
                  refreshHistory();
                }}
                onFinished={(transaction) => {
                  remember(transaction);
                  setLastFinished(transaction);
                  refreshHistory();
                }}
                onDismissFinished={() => setLastFinished(null)}
                onMarkReady={(id, name) => void markReady(id, name)}
              />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryPanel token={session.token} userId={me} today={today} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Box>
            <QueuePanel
              queue={queue}
              canClaim={!current && !onBreak && rooms.some((room) => room.status === 'available')}
              action={action}
              onClaim={(id) => void claimOne(id)}
              loading={!floor.ready}
            />
          </Box>
        </Grid.Col>
      </Grid>
    </StationLayout>
  );
}
