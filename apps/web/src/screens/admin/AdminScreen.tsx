import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSession } from '../../auth/session';
import { StaffGate } from '../../components/StaffGate';
import { StationLayout } from '../../components/StationLayout';
import { AuditTab } from './AuditTab';
import { DayTab } from './DayTab';
import { DiscountsTab } from './DiscountsTab';
import { useLiveAdmin } from './live';
import { MenuTab } from './MenuTab';
import { ReportsTab } from './ReportsTab';
import { RoomsTab } from './RoomsTab';
import { StaffTab } from './StaffTab';

const TABS = ['menu', 'staff', 'rooms', 'discounts', 'day', 'reports', 'audit'] as const;
type Tab = (typeof TABS)[number];

/**
 * The admin console: the menu, staff, rooms, reports and a transaction's audit trail. Its lists come from the
 * admin API (TanStack Query), refetched after every change made here and whenever the floor reports a change.
 */
export function AdminScreen() {
  return <StaffGate station="admin">{(session, signOut) => <Console session={session} signOut={signOut} />}</StaffGate>;
}

function Console({ session, signOut }: { session: StaffSession; signOut: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [tab, setTab] = useState<Tab>('menu');
  const connected = useLiveAdmin(session.token);
  return (
    <StationLayout
      title={t('title')}
      person={session.user.displayName}
      connected={connected}
      onSignOut={() => void signOut()}
    >
      <Tabs value={tab} onChange={(value) => value && setTab(value as Tab)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value} fz="md">
              {t(`tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="menu">
          <MenuTab token={session.token} />
        </Tabs.Panel>
        <Tabs.Panel value="staff">
          <StaffTab token={session.token} selfId={session.user.id} />
        </Tabs.Panel>
        <Tabs.Panel value="rooms">
          <RoomsTab token={session.token} />
        </Tabs.Panel>
        <Tabs.Panel value="discounts">
          <DiscountsTab token={session.token} />
        </Tabs.Panel>
        <Tabs.Panel value="day">
          <DayTab token={session.token} />
        </Tabs.Panel>
        <Tabs.Panel value="reports">
          <ReportsTab token={session.token} />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditTab token={session.token} />
        </Tabs.Panel>
      </Tabs>
    </StationLayout>
  );
}
