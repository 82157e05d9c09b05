import { Center, Loader, Switch } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import type { TransactionView } from '@spaflow/domain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSession } from '../../auth/session';
import { StaffGate } from '../../components/StaffGate';
import { StationLayout } from '../../components/StationLayout';
import { useFloor } from '../../realtime/useFloor';
import { FloorBoard } from './FloorBoard';
import { playChime } from './chime';
import { monitorFeed, useFiguresRefresh, useLatestSnapshot } from './snapshot';

/** The read-only live floor for a wall display or a manager's laptop (monitor and admin accounts). */
export function MonitorScreen() {
  return (
    <StaffGate station="monitor">
      {(session, signOut) => <MonitorStation session={session} signOut={signOut} />}
    </StaffGate>
  );
}

function MonitorStation({ session, signOut }: { session: StaffSession; signOut: () => Promise<void> }) {
  const { t } = useTranslation('monitor');
  const floor = useFloor(session.token, monitorFeed);
  useFiguresRefresh(session.token, floor);
  const latest = useLatestSnapshot();
  const [chime, setChime] = useLocalStorage({ key: 'spaflow.monitor.chime', defaultValue: false });
  useArrivalChime(floor.transactions, floor.ready, chime);

  return (
    <StationLayout
      title={t('title')}
      person={session.user.displayName}
      connected={floor.connected}
      onSignOut={() => void signOut()}
      actions={
        <Switch
          label={t('chime')}
          checked={chime}
          onChange={(event) => {
            const on = event.currentTarget.checked;
            setChime(on);
            // A sample now: it also lets the browser play sound later (audio needs a first gesture).
            if (on) playChime();
          }}
        />
      }
    >
      {floor.ready && latest ? (
        <FloorBoard floor={floor} latest={latest} />
      ) : (
        <Center h="60vh">
          <Loader aria-label={t('loading')} />
        </Center>
      )}
    </StationLayout>
  );
}

/** Plays the chime when a ticket the screen has not seen before starts waiting (never for the first load). */
function useArrivalChime(transactions: readonly TransactionView[], ready: boolean, enabled: boolean): void {
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    if (!ready) {
      seen.current = null;
      return;
    }
    const waiting = transactions.filter((transaction) => transaction.status === 'pending_therapist');
    if (seen.current === null) {
      seen.current = new Set(waiting.map((transaction) => transaction.id));
      return;
    }
    let arrived = false;
    for (const transaction of waiting) {
      if (seen.current.has(transaction.id)) continue;
      seen.current.add(transaction.id);
      arrived = true;
    }
    if (arrived && enabled) playChime();
  }, [transactions, ready, enabled]);
}
