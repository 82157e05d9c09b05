import { Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { RoomStatus, RoomView } from '@spaflow/domain';
import { useTranslation } from 'react-i18next';
import type { Action } from './useAction';

export const ROOM_COLORS: Record<RoomStatus, string> = {
  available: 'teal',
  reserved: 'blue',
  occupied: 'red',
  cleaning: 'yellow',
  out_of_service: 'gray',
};

/** Every room's state, live; a room being cleaned can be marked ready from here. */
export function RoomsStrip({
  rooms,
  action,
  onMarkReady,
}: {
  rooms: readonly RoomView[];
  action: Action;
  onMarkReady: (roomId: number, name: string) => void;
}) {
  const { t } = useTranslation('therapist');
  return (
    <section aria-label={t('rooms.title')}>
      <Group gap="sm" wrap="nowrap" align="stretch">
        <Title order={4} style={{ alignSelf: 'center' }} miw={64}>
          {t('rooms.title')}
        </Title>
        {rooms.length === 0 && <Text c="dimmed">{t('rooms.none')}</Text>}
        <SimpleGrid cols={Math.max(1, Math.min(rooms.length, 6))} spacing="sm" style={{ flex: 1 }}>
          {rooms.map((room) => (
            <Paper
              key={room.id}
              withBorder
              p="xs"
              radius="md"
              data-testid={`room-${room.name}`}
              style={{ borderLeft: `6px solid var(--mantine-color-${ROOM_COLORS[room.status]}-filled)` }}
            >
              <Group justify="space-between" gap={4} wrap="wrap" mih={50}>
                <Text fw={700} size="lg">
                  {room.name}
                </Text>
                {/* The word says the state (the border's colour only repeats it), and wraps in a narrow column. */}
                <Text size="sm" fw={600}>
                  {t(`rooms.status.${room.status}`)}
                </Text>
                {room.status === 'cleaning' && (
                  <Button
                    size="lg"
                    px="sm"
                    variant="default"
                    aria-label={t('actions.markReady', { room: room.name })}
                    loading={action.busy === `ready-${room.id}`}
                    disabled={action.busy !== null && action.busy !== `ready-${room.id}`}
                    onClick={() => onMarkReady(room.id, room.name)}
                  >
                    {t('actions.ready')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </SimpleGrid>
      </Group>
    </section>
  );
}
