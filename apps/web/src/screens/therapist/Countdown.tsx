import { Paper, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import { formatClock, useNow } from '../../time';

/** Time left in the service (start + booked minutes), ticking every second; over time shows in red. */
export function Countdown({ startAt, minutes }: { startAt: string; minutes: number }) {
  const { t } = useTranslation('therapist');
  const format = useFormat();
  const now = useNow(1000);
  const start = Date.parse(startAt);
  const end = start + minutes * 60_000;
  const left = (end - now) / 1000;
  const over = left < 0;
  const done = minutes > 0 ? Math.min(100, Math.max(0, ((now - start) / (minutes * 60_000)) * 100)) : 100;
  return (
    <Paper withBorder p="md" radius="md" bg={over ? 'red.0' : 'teal.0'}>
      <Text size="sm" c="dimmed">
        {t('countdown.label')}
      </Text>
      <Text
        fz={48}
        fw={800}
        lh={1.1}
        ff="monospace"
        c={over ? 'red.8' : 'teal.9'}
        data-testid="countdown"
        role="timer"
        aria-live="off"
      >
        {over ? `+${formatClock(-left)}` : formatClock(Math.ceil(left))}
        <Text span fz="lg" fw={600} ml="sm" c={over ? 'red.8' : 'dimmed'}>
          {over ? t('countdown.over') : t('countdown.left')}
        </Text>
      </Text>
      <Progress value={done} color={over ? 'red' : 'teal'} size="lg" mt="xs" aria-hidden />
      <Text size="sm" c="dimmed" mt={4}>
        {t('countdown.endsAt', { time: format.time(new Date(end).toISOString()) })}
      </Text>
    </Paper>
  );
}
