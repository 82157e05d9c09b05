import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { availableActions, type CartItemInput, type RoomView, type TransactionView } from '@spaflow/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import { therapistApi } from './api';
import { ConfirmModal } from './ConfirmModal';
import { Countdown } from './Countdown';
import { ItemsEditor } from './ItemsEditor';
import { notifyDone, type Action } from './useAction';

/** What a therapist may do to the customer they hold, from the shared lifecycle table. */
const HOLDER = ['therapist', 'assigned_therapist'] as const;

type Props = {
  token: string;
  current: TransactionView | null;
  lastFinished: TransactionView | null;
  rooms: readonly RoomView[];
  queueLength: number;
  onBreak: boolean;
  roomChoice: number | null;
  onRoomChoice: (roomId: number | null) => void;
  action: Action;
  onClaimNext: () => void;
  onChanged: (transaction: TransactionView) => void;
  onFinished: (transaction: TransactionView) => void;
  onDismissFinished: () => void;
  onMarkReady: (roomId: number, name: string) => void;
};

/** "My customer": the one in hand and its next step, or the way to the next one. */
export function CurrentPanel(props: Props) {
  return props.current ? <HeldCustomer {...props} current={props.current} /> : <NextCustomer {...props} />;
}

function HeldCustomer({ token, current, action, onChanged, onFinished }: Props & { current: TransactionView }) {
  const { t } = useTranslation('therapist');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState<'release' | 'no_show' | 'finish' | null>(null);
  const actions = availableActions(current.status, HOLDER);
  const code = current.code ?? String(current.id);
  const room = current.room?.name ?? '—';
  const busy = action.busy !== null;

  const step = (key: 'start' | 'finish' | 'release') =>
    action.run(key, async () => {
      const { transaction } = await therapistApi.step(token, current.id, key);
      if (key === 'finish') onFinished(transaction);
      else onChanged(transaction);
      if (key === 'release') notifyDone(t('done.released', { code }));
    });

  /** In the first half of the booked time a Finish is more likely a slip than the end: ask first. */
  const finish = () => {
    const startedAt = current.serviceStartAt ? Date.parse(current.serviceStartAt) : Date.now();
    const halfway = startedAt + (current.totalDurationMinutes * 60_000) / 2;
    if (Date.now() < halfway) setConfirming('finish');
    else void step('finish');
  };

  const recall = () =>
    action.run('recall', async () => {
      onChanged((await therapistApi.recall(token, current.id)).transaction);
      notifyDone(t('done.recalled', { code, room }));
    });

  const noShow = () =>
    action.run('no_show', async () => {
      onChanged((await therapistApi.noShow(token, current.id)).transaction);
      notifyDone(t('done.noShow', { code }));
    });

  const saveItems = (items: CartItemInput[], key: string) =>
    void action.run(key, async () => {
      onChanged((await therapistApi.replaceItems(token, current.id, items)).transaction);
    });

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={t('tabs.current')}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} ff="monospace" data-testid="current-ticket">
              {t('current.ticket', { code })}
            </Title>
            <Group gap="xs">
              <Badge size="lg" color={current.status === 'in_service' ? 'teal' : 'blue'} data-testid="current-status">
                {tc(`status.${current.status}`)}
              </Badge>
              {current.priority && (
                <Badge size="lg" color="grape" variant="filled">
                  {t('current.priority')}
                  {current.priorityReason ? ` · ${t(`priorityReason.${current.priorityReason}`)}` : ''}
                </Badge>
              )}
            </Group>
          </Stack>
          <Paper withBorder p="sm" radius="md" ta="center" miw={110}>
            <Text size="sm" c="dimmed">
              {t('current.room')}
            </Text>
            <Text fz={32} fw={800} lh={1.1} data-testid="current-room">
              {current.room?.name ?? t('current.noRoom')}
            </Text>
          </Paper>
        </Group>

        <SimpleGrid cols={3}>
          <Info label={t('current.duration')} value={t('items.minutes', { count: current.totalDurationMinutes })} />
          <Info label={t('current.total')} value={format.money(current.totalAmount)} />
          <Info
            label={current.serviceStartAt ? t('current.started') : t('current.claimed')}
            value={format.time(current.serviceStartAt ?? current.therapistConfirmedAt)}
          />
        </SimpleGrid>

        {current.status === 'in_service' && current.serviceStartAt && (
          <Countdown startAt={current.serviceStartAt} minutes={current.totalDurationMinutes} />
        )}
        {current.status === 'therapist_confirmed' && (
          <Alert color="blue" variant="light">
            {t('current.waitingToStart', { room })}
          </Alert>
        )}

        {/* Exactly one primary action per state: its label says what comes next. */}
        {actions.includes('service_start') && (
          <Button
            size="xl"
            onClick={() => void step('start')}
            loading={action.busy === 'start'}
            disabled={busy && action.busy !== 'start'}
          >
            {t('actions.start')}
          </Button>
        )}
        {actions.includes('service_finish') && (
          <Button
            size="xl"
            onClick={finish}
            loading={action.busy === 'finish'}
            disabled={busy && action.busy !== 'finish'}
          >
            {t('actions.finish')}
          </Button>
        )}
        <Divider />
        <ItemsEditor
          transaction={current}
          editable={actions.includes('items_changed')}
          action={action}
          onSave={saveItems}
        />
        {(actions.includes('recall') || actions.includes('release') || actions.includes('cancel')) && (
          <Group gap="sm">
            {actions.includes('recall') && (
              <Button
                size="lg"
                variant="default"
                onClick={() => void recall()}
                loading={action.busy === 'recall'}
                disabled={busy && action.busy !== 'recall'}
              >
                {t('actions.recall')}
              </Button>
            )}
            {actions.includes('release') && (
              <Button size="lg" variant="default" onClick={() => setConfirming('release')} disabled={busy}>
                {t('actions.release')}
              </Button>
            )}
            {actions.includes('cancel') && (
              <Button size="lg" variant="default" c="red.9" onClick={() => setConfirming('no_show')} disabled={busy}>
                {t('actions.noShow')}
              </Button>
            )}
          </Group>
        )}
      </Stack>

      <ConfirmModal
        opened={confirming === 'finish'}
        title={t('confirm.finishTitle', { code })}
        body={t('confirm.finishBody', { minutes: current.totalDurationMinutes })}
        yes={t('confirm.finishYes')}
        no={t('confirm.finishNo')}
        color="blue"
        loading={action.busy === 'finish'}
        onClose={() => setConfirming(null)}
        onConfirm={() => void step('finish').then(() => setConfirming(null))}
      />
      <ConfirmModal
        opened={confirming === 'release'}
        title={t('confirm.releaseTitle', { code })}
        body={t('confirm.releaseBody', { room })}
        yes={t('confirm.releaseYes')}
        no={t('confirm.keep')}
        color="blue"
        loading={action.busy === 'release'}
        onClose={() => setConfirming(null)}
        onConfirm={() => void step('release').then(() => setConfirming(null))}
      />
      <ConfirmModal
        opened={confirming === 'no_show'}
        title={t('confirm.noShowTitle', { code })}
        body={t('confirm.noShowBody')}
        yes={t('confirm.noShowYes')}
        no={t('confirm.keep')}
        loading={action.busy === 'no_show'}
        onClose={() => setConfirming(null)}
        onConfirm={() => void noShow().then(() => setConfirming(null))}
      />
    </Paper>
  );
}

function Info({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Stack>
  );
}

function NextCustomer({
  lastFinished,
  rooms,
  queueLength,
  onBreak,
  roomChoice,
  onRoomChoice,
  action,
  onClaimNext,
  onDismissFinished,
  onMarkReady,
}: Props) {
  const { t } = useTranslation('therapist');
  const freeRooms = rooms.filter((room) => room.status === 'available');
  const leftRoom = lastFinished?.room ? rooms.find((room) => room.id === lastFinished.room!.id) : undefined;
  const roomToReady = leftRoom?.status === 'cleaning' ? leftRoom : undefined;
  const busy = action.busy !== null;
  // Why the claim is off, said next to it (and to screen readers through aria-describedby).
  const claimBlocked = onBreak ? 'onBreak' : queueLength === 0 ? 'empty' : freeRooms.length === 0 ? 'noRoom' : null;

  return (
    <Stack gap="md">
      {lastFinished && (
        <Alert
          color="indigo"
          variant="light"
          title={t('finished.title', { code: lastFinished.code ?? '' })}
          withCloseButton
          closeButtonLabel={t('finished.dismiss')}
          styles={{ closeButton: { width: 48, height: 48, minWidth: 48, minHeight: 48 } }}
          onClose={onDismissFinished}
          data-testid="finished-card"
        >
          {roomToReady ? (
            <Stack gap="sm">
              <Text>{t('finished.body', { room: roomToReady.name })}</Text>
              <Button
                size="xl"
                onClick={() => onMarkReady(roomToReady.id, roomToReady.name)}
                loading={action.busy === `ready-${roomToReady.id}`}
                disabled={busy && action.busy !== `ready-${roomToReady.id}`}
              >
                {t('actions.markReady', { room: roomToReady.name })}
              </Button>
            </Stack>
          ) : (
            <Text>{t('finished.roomReady', { room: leftRoom?.name ?? lastFinished.room?.name ?? '—' })}</Text>
          )}
        </Alert>
      )}

      <Paper withBorder p="lg" radius="md" component="section" aria-label={t('tabs.current')}>
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={3}>{t('current.none')}</Title>
            <Text c="dimmed">{t('current.noneHint')}</Text>
          </Stack>
          {onBreak && (
            <Alert color="orange" variant="light" id="claim-reason-onBreak">
              {t('breaks.onBreakNotice')}
            </Alert>
          )}
          <Stack gap={6}>
            <Text fw={600} id="room-choice-label">
              {t('claim.roomLabel')}
            </Text>
            {freeRooms.length === 0 ? (
              <Alert color="yellow" variant="light" id="claim-reason-noRoom">
                {t('claim.noFreeRoom')}
              </Alert>
            ) : (
              <SegmentedControl
                aria-labelledby="room-choice-label"
                size="lg"
                styles={{ label: { minHeight: 48, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
                fullWidth
                value={roomChoice === null ? 'auto' : String(roomChoice)}
                onChange={(value) => onRoomChoice(value === 'auto' ? null : Number(value))}
                data={[
                  { value: 'auto', label: t('claim.anyRoom') },
                  ...freeRooms.map((room) => ({ value: String(room.id), label: room.name })),
                ]}
              />
            )}
          </Stack>
          {claimBlocked === 'empty' && (
            <Text id="claim-reason-empty" c="dimmed">
              {t('claim.emptyReason')}
            </Text>
          )}
          {/* The primary action, unless a room waits to be marked ready first. */}
          <Button
            size="xl"
            variant={roomToReady ? 'default' : 'filled'}
            onClick={onClaimNext}
            loading={action.busy === 'claim-next'}
            disabled={claimBlocked !== null || (busy && action.busy !== 'claim-next')}
            aria-describedby={claimBlocked ? `claim-reason-${claimBlocked}` : undefined}
          >
            {queueLength === 0 ? t('claim.nextEmpty') : t('claim.next', { count: queueLength })}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
