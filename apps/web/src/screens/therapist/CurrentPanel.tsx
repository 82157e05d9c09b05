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
  const [confirming, setConfirming] = useState<'release' | 'no_show' | null>(null);
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

        <Group grow>
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
              color="indigo"
              onClick={() => void step('finish')}
              loading={action.busy === 'finish'}
              disabled={busy && action.busy !== 'finish'}
            >
              {t('actions.finish')}
            </Button>
          )}
        </Group>
        <Divider />
        <ItemsEditor
          transaction={current}
          editable={actions.includes('items_changed')}
          action={action}
          onSave={saveItems}
        />
        {(actions.includes('release') || actions.includes('cancel')) && (
          <Group grow>
            {actions.includes('release') && (
              <Button size="lg" variant="default" onClick={() => setConfirming('release')} disabled={busy}>
                {t('actions.release')}
              </Button>
            )}
            {actions.includes('cancel') && (
              <Button size="lg" variant="light" color="red" onClick={() => setConfirming('no_show')} disabled={busy}>
                {t('actions.noShow')}
              </Button>
            )}
          </Group>
        )}
      </Stack>

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
  const busy = action.busy !== null;

  return (
    <Stack gap="md">
      {lastFinished && (
        <Alert
          color="indigo"
          variant="light"
          title={t('finished.title', { code: lastFinished.code ?? '' })}
          withCloseButton
          closeButtonLabel={t('finished.dismiss')}
          onClose={onDismissFinished}
          data-testid="finished-card"
        >
          {leftRoom && leftRoom.status === 'cleaning' ? (
            <Stack gap="sm">
              <Text>{t('finished.body', { room: leftRoom.name })}</Text>
              <Button
                size="lg"
                color="teal"
                onClick={() => onMarkReady(leftRoom.id, leftRoom.name)}
                loading={action.busy === `ready-${leftRoom.id}`}
                disabled={busy && action.busy !== `ready-${leftRoom.id}`}
              >
                {t('actions.markReady', { room: leftRoom.name })}
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
            <Alert color="orange" variant="light">
              {t('breaks.onBreakNotice')}
            </Alert>
          )}
          <Stack gap={6}>
            <Text fw={600} id="room-choice-label">
              {t('claim.roomLabel')}
            </Text>
            {freeRooms.length === 0 ? (
              <Alert color="yellow" variant="light">
                {t('claim.noFreeRoom')}
              </Alert>
            ) : (
              <SegmentedControl
                aria-labelledby="room-choice-label"
                size="lg"
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
          <Button
            size="xl"
            onClick={onClaimNext}
            loading={action.busy === 'claim-next'}
            disabled={onBreak || queueLength === 0 || (busy && action.busy !== 'claim-next')}
          >
            {queueLength === 0 ? t('claim.nextEmpty') : t('claim.next')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
