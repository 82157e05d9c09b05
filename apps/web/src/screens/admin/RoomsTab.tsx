import type { AdminRoomView } from '@spaflow/domain';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, errorMessage } from '../../api/http';
import { adminKeys, useAdminWrite, useRooms } from './api';
import { FormModal, useFormErrors } from './forms';

const STATUS_COLORS: Record<AdminRoomView['status'], string> = {
  available: 'teal',
  reserved: 'blue',
  occupied: 'grape',
  cleaning: 'yellow',
};

/** The rooms: add, rename, take out of service and back. */
export function RoomsTab({ token }: { token: string }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const rooms = useRooms(token);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ room: AdminRoomView | null } | null>(null);
  const service = useAdminWrite<{ outOfService: boolean }, { room: AdminRoomView }>(token, {
    invalidate: [adminKeys.rooms],
    success: (result) =>
      result.room.outOfService
        ? t('rooms.tookOut', { name: result.room.name })
        : t('rooms.putBackDone', { name: result.room.name }),
    notifyError: true,
    errorTitle: tc('errorTitle'),
  });
  const ready = useMutation({
    mutationFn: (room: AdminRoomView) => apiRequest('POST', `/api/rooms/${room.id}/ready`, { token }),
    onSuccess: async (_result, room) => {
      notifications.show({ color: 'teal', message: t('rooms.readyDone', { name: room.name }) });
      await queryClient.invalidateQueries({ queryKey: adminKeys.rooms });
    },
    onError: (error) => notifications.show({ color: 'red', title: tc('errorTitle'), message: errorMessage(error) }),
  });
  const list = [...(rooms.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));

  return (
    <Stack>
      <Group justify="flex-end" maw={900}>
        <Button onClick={() => setDialog({ room: null })}>{t('rooms.add')}</Button>
      </Group>
      {rooms.error && (
        <Alert color="red" role="alert">
          {errorMessage(rooms.error)}
        </Alert>
      )}
      {rooms.isPending && <Loader aria-label={tc('connection.loading')} />}
      {rooms.data && rooms.data.length === 0 && <Text c="dimmed">{t('rooms.empty')}</Text>}
      {list.length > 0 && (
        <Paper withBorder maw={900}>
          <Table striped verticalSpacing="sm" aria-label={t('tabs.rooms')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rooms.name')}</Table.Th>
                <Table.Th>{t('rooms.status')}</Table.Th>
                <Table.Th>{t('rooms.service')}</Table.Th>
                <Table.Th ta="right">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((room) => {
                const path = `/api/admin/rooms/${room.id}`;
                const busy = service.isPending && service.variables?.path === path;
                return (
                  <Table.Tr key={room.id} data-testid={`room-${room.name}`}>
                    <Table.Td>
                      <Text fw={600}>{room.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[room.status]} variant="light">
                        {t(`rooms.statuses.${room.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {room.outOfService ? (
                          <Badge color="red" variant="filled">
                            {t('rooms.outOfService')}
                          </Badge>
                        ) : (
                          <Badge color="teal" variant="outline">
                            {t('rooms.inService')}
                          </Badge>
                        )}
                        {!room.active && (
                          <Badge color="gray" variant="outline">
                            {t('common.inactive')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        {room.status === 'cleaning' && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="teal"
                            aria-label={`${t('rooms.markReady')}: ${room.name}`}
                            loading={ready.isPending && ready.variables?.id === room.id}
                            disabled={ready.isPending && ready.variables?.id !== room.id}
                            onClick={() => ready.mutate(room)}
                          >
                            {t('rooms.markReady')}
                          </Button>
                        )}
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={`${t('rooms.rename')} ${room.name}`}
                          onClick={() => setDialog({ room })}
                        >
                          {t('rooms.rename')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          color={room.outOfService ? 'teal' : 'red'}
                          aria-label={`${room.outOfService ? t('rooms.putBack') : t('rooms.takeOut')}: ${room.name}`}
                          loading={busy}
                          disabled={service.isPending && !busy}
                          onClick={() =>
                            service.mutate({ method: 'PATCH', path, body: { outOfService: !room.outOfService } })
                          }
                        >
                          {room.outOfService ? t('rooms.putBack') : t('rooms.takeOut')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {dialog && <RoomForm token={token} room={dialog.room} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

function RoomForm({ token, room, onClose }: { token: string; room: AdminRoomView | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [name, setName] = useState(room?.name ?? '');
  const errors = useFormErrors();
  const write = useAdminWrite<{ name: string }, { room: AdminRoomView }>(token, {
    invalidate: [adminKeys.rooms],
    success: (result) =>
      room ? t('rooms.renamed', { name: result.room.name }) : t('rooms.created', { name: result.room.name }),
  });
  const submit = () => {
    if (!name.trim()) return errors.setLocal({ name: t('common.required') });
    errors.clear();
    write.mutate(
      room
        ? { method: 'PATCH', path: `/api/admin/rooms/${room.id}`, body: { name: name.trim() } }
        : { method: 'POST', path: '/api/admin/rooms', body: { name: name.trim() } },
      { onSuccess: onClose, onError: (error) => errors.setFromServer(error, ['name']) },
    );
  };
  return (
    <FormModal
      opened
      title={room ? t('rooms.renameTitle', { name: room.name }) : t('rooms.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      saving={write.isPending}
      submitLabel={room ? t('common.save') : t('common.create')}
      general={errors.errors.general}
    >
      <TextInput
        label={t('rooms.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={errors.field('name')}
        required
        data-autofocus
      />
    </FormModal>
  );
}
