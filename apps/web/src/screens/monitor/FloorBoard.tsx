import { Progress } from '@mantine/core';
import type { RoomView, StaffView, TransactionStatus, TransactionView } from '@spaflow/domain';
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import type { Floor } from '../../realtime/useFloor';
import classes from './monitor.module.css';
import type { LatestSnapshot } from './snapshot';
import { formatClock, useNow } from '../../time';

type Lookup = {
  transactions: ReadonlyMap<number, TransactionView>;
  rooms: ReadonlyMap<number, RoomView>;
  staff: ReadonlyMap<number, StaffView>;
};

const inStatus = (transactions: readonly TransactionView[], statuses: readonly TransactionStatus[]) =>
  transactions.filter((transaction) => statuses.includes(transaction.status));

const at = (iso: string | null) => (iso === null ? Infinity : Date.parse(iso));
const byTime = (pick: (transaction: TransactionView) => string | null) => (a: TransactionView, b: TransactionView) =>
  at(pick(a)) - at(pick(b)) || a.id - b.id;

/** The whole floor: KPIs on top, the four queues, then rooms, staff and the day's charts. */
export function FloorBoard({ floor, latest }: { floor: Floor; latest: LatestSnapshot }) {
  const now = useNow();
  const serverNow = now + latest.serverOffsetMs;
  const lookup: Lookup = {
    transactions: new Map(floor.transactions.map((transaction) => [transaction.id, transaction])),
    rooms: new Map(floor.rooms.map((room) => [room.id, room])),
    staff: new Map(floor.staff.map((member) => [member.id, member])),
  };
  // Queue order as the server keeps it: priority first, then by confirm time.
  const waiting = inStatus(floor.transactions, ['pending_therapist']).sort(
    (a, b) => Number(b.priority) - Number(a.priority) || byTime((t) => t.selectionConfirmedAt)(a, b),
  );
  const serving = inStatus(floor.transactions, ['therapist_confirmed', 'in_service']).sort(
    byTime((t) => t.therapistConfirmedAt),
  );
  const awaiting = inStatus(floor.transactions, ['finished', 'awaiting_payment']).sort(
    byTime((t) => t.serviceFinishAt),
  );
  const paying = inStatus(floor.transactions, ['paying']).sort(byTime((t) => t.cashierClaimedAt));

  return (
    <div className={classes.board}>
      <Kpis latest={latest} now={now} />
      <div className={classes.main}>
        <WaitingColumn tickets={waiting} serverNow={serverNow} />
        <ServingColumn tickets={serving} serverNow={serverNow} />
        <AwaitingColumn tickets={awaiting} serverNow={serverNow} />
        <PayingColumn tickets={paying} lookup={lookup} />
        <div className={classes.side}>
          <RoomsPanel rooms={floor.rooms} lookup={lookup} />
          <StaffPanel staff={floor.staff} lookup={lookup} />
          <Charts latest={latest} lookup={lookup} />
        </div>
      </div>
    </div>
  );
}

function Kpis({ latest, now }: { latest: LatestSnapshot; now: number }) {
  const { t } = useTranslation('monitor');
  const format = useFormat();
  const { stats } = latest.snapshot;
  const duration = (seconds: number | null) => (seconds === null ? t('kpi.none') : format.minutes(seconds));
  // The server's longest wait, ticking on from when it was measured.
  const longest =
    stats.waitingCount > 0
      ? formatClock((stats.longestWaitSeconds * 1000 + Math.max(0, now - latest.receivedAt)) / 1000)
      : '0:00';
  return (
    <div className={classes.kpis}>
      <Kpi label={t('kpi.waitingCount')} value={String(stats.waitingCount)} />
      <Kpi label={t('kpi.longestWait')} value={longest} />
      <Kpi
        label={t('kpi.estimatedWait')}
        value={
          stats.estimatedWaitSeconds === null
            ? t('kpi.noTherapist')
            : stats.estimatedWaitSeconds === 0
              ? t('kpi.noWait')
              : format.minutes(stats.estimatedWaitSeconds)
        }
      />
      <Kpi label={t('kpi.avgWait')} value={duration(stats.avgWaitSecondsToday)} />
      <Kpi label={t('kpi.avgService')} value={duration(stats.avgServiceSecondsToday)} />
      <Kpi label={t('kpi.servedToday')} value={String(stats.servedToday)} />
      <Kpi label={t('kpi.revenueToday')} value={format.money(stats.revenueToday.total)} />
    </div>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div className={classes.kpi} role="group" aria-labelledby={id}>
      <div className={classes.kpiLabel} id={id}>
        {label}
      </div>
      <div className={classes.kpiValue} title={value}>
        {value}
      </div>
    </div>
  );
}

/** The height of the "+N more" line (see .more in the stylesheet). */
const MORE_LINE_EM = 1.8;

/**
 * A queue column that never scrolls: it shows as many rows as fit and says how many more there are.
 * Rows in one column are all the same height, so the first one measures them all.
 */
function Column<T>({
  title,
  color,
  items,
  empty,
  legend,
  children,
}: {
  title: string;
  color: string;
  items: readonly T[];
  empty: string;
  /** What the figures on each row are, for people reading the wall. */
  legend?: string;
  children: (item: T) => ReactNode;
}) {
  const { t } = useTranslation('monitor');
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  // How many rows fit, and how many when the last line says "+N more" instead.
  const [fit, setFit] = useState({ all: Number.POSITIVE_INFINITY, withMore: Number.POSITIVE_INFINITY });
  const hasRows = items.length > 0;

  useLayoutEffect(() => {
    const element = body.current;
    if (!element || !hasRows) return;
    const measure = () => {
      const first = element.firstElementChild;
      if (!(first instanceof HTMLElement) || !first.classList.contains(classes.row!)) return;
      const style = getComputedStyle(element);
      const gap = Number.parseFloat(style.rowGap) || 0;
      const room =
        element.clientHeight - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom) + gap;
      const row = first.offsetHeight + gap;
      const moreLine = MORE_LINE_EM * Number.parseFloat(style.fontSize) + gap;
      const all = Math.max(1, Math.floor(room / row));
      const withMore = Math.max(0, Math.floor((room - moreLine) / row));
      setFit((current) => (current.all === all && current.withMore === withMore ? current : { all, withMore }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasRows]);

  const shown = items.length > fit.all ? items.slice(0, fit.withMore) : items;
  return (
    <section className={classes.column} aria-labelledby={id}>
      <h2 className={classes.columnHead} style={{ background: `var(--mantine-color-${color})` }}>
        <span id={id} className={classes.grow}>
          {title}
        </span>
        <span className={classes.count} aria-label={String(items.length)}>
          {items.length}
        </span>
      </h2>
      {legend && hasRows && <div className={classes.legend}>{legend}</div>}
      <div className={classes.columnBody} ref={body}>
        {hasRows ? shown.map(children) : <div className={classes.empty}>{empty}</div>}
        {shown.length < items.length && (
          <div className={classes.more}>{t('more', { count: items.length - shown.length })}</div>
        )}
      </div>
    </section>
  );
}

function WaitingColumn({ tickets, serverNow }: { tickets: readonly TransactionView[]; serverNow: number }) {
  const { t } = useTranslation('monitor');
  const format = useFormat();
  return (
    <Column
      title={t('columns.waiting')}
      color="blue-8"
      items={tickets}
      empty={t('empty.waiting')}
      legend={t('legend.waiting')}
    >
      {(ticket) => {
        // Kept current by queue_moved whenever the queue moves.
        const estimate = ticket.estimatedWaitSeconds;
        const since = at(ticket.selectionConfirmedAt);
        return (
          <div key={ticket.id} className={classes.row} data-ticket={ticket.code}>
            <div className={classes.line}>
              <span className={classes.code}>{ticket.code}</span>
              {ticket.priority && <span className={classes.priority}>{t('ticket.priority')}</span>}
              <span className={classes.grow} />
              <span className={classes.small}>
                {estimate === null || estimate === undefined
                  ? t('ticket.noEstimate')
                  : estimate < 60
                    ? t('ticket.estimateNow')
                    : t('ticket.estimate', { time: format.minutes(estimate) })}
              </span>
              <span className={classes.clock}>
                {Number.isFinite(since) ? formatClock(Math.max(0, serverNow - since) / 1000) : '—'}
              </span>
            </div>
          </div>
        );
      }}
    </Column>
  );
}

function ServingColumn({ tickets, serverNow }: { tickets: readonly TransactionView[]; serverNow: number }) {
  const { t } = useTranslation('monitor');
  return (
    <Column title={t('columns.serving')} color="teal-8" items={tickets} empty={t('empty.serving')}>
      {(ticket) => {
        const started = ticket.status === 'in_service' ? at(ticket.serviceStartAt) : Number.NaN;
        const remaining = started + ticket.totalDurationMinutes * 60_000 - serverNow;
        const overdue = Number.isFinite(remaining) && remaining < 0;
        const services = ticket.items.map((item) => item.serviceName).join(', ');
        return (
          <div
            key={ticket.id}
            className={`${classes.row} ${overdue ? classes.overdueRow : ''}`}
            data-ticket={ticket.code}
            data-overdue={overdue || undefined}
          >
            <div className={classes.line}>
              <span className={classes.code}>{ticket.code}</span>
              <span className={classes.grow} />
              <span className={`${classes.clock} ${overdue ? classes.overdue : ''}`}>
                {!Number.isFinite(remaining)
                  ? t('ticket.gettingReady')
                  : overdue
                    ? t('ticket.overdue', { time: formatClock(remaining / 1000) })
                    : t('ticket.left', { time: formatClock(remaining / 1000) })}
              </span>
            </div>
            <div className={classes.line}>
              <span className={`${classes.grow} ${classes.detail}`}>
                {ticket.room ? t('ticket.room', { room: ticket.room.name }) : t('ticket.noRoom')} ·{' '}
                {ticket.therapist?.displayName ?? '—'} · {services}
              </span>
            </div>
          </div>
        );
      }}
    </Column>
  );
}

function AwaitingColumn({ tickets, serverNow }: { tickets: readonly TransactionView[]; serverNow: number }) {
  const { t } = useTranslation('monitor');
  const format = useFormat();
  return (
    <Column title={t('columns.awaitingPayment')} color="orange-9" items={tickets} empty={t('empty.awaitingPayment')}>
      {(ticket) => {
        const since = at(ticket.serviceFinishAt);
        return (
          <div key={ticket.id} className={classes.row} data-ticket={ticket.code}>
            <div className={classes.line}>
              <span className={classes.code}>{ticket.code}</span>
              <span className={classes.grow} />
              <span className={classes.clock}>{format.money(ticket.balance)}</span>
            </div>
            <div className={classes.line}>
              <span className={`${classes.grow} ${classes.detail}`}>{ticket.therapist?.displayName ?? '—'}</span>
              <span className={classes.small}>
                {Number.isFinite(since)
                  ? t('ticket.since', { time: formatClock(Math.max(0, serverNow - since) / 1000) })
                  : ''}
              </span>
            </div>
          </div>
        );
      }}
    </Column>
  );
}

function PayingColumn({ tickets, lookup }: { tickets: readonly TransactionView[]; lookup: Lookup }) {
  const { t } = useTranslation('monitor');
  const format = useFormat();
  return (
    <Column title={t('columns.paying')} color="violet-8" items={tickets} empty={t('empty.paying')}>
      {(ticket) => {
        const counter = ticket.cashier ? lookup.staff.get(ticket.cashier.id)?.counter : null;
        return (
          <div key={ticket.id} className={classes.row} data-ticket={ticket.code}>
            <div className={classes.line}>
              <span className={classes.code}>{ticket.code}</span>
              <span className={classes.grow} />
              <span className={classes.clock}>{format.money(ticket.balance)}</span>
            </div>
            <div className={classes.line}>
              <span className={`${classes.grow} ${classes.detail}`}>
                {ticket.cashier?.displayName ?? '—'}
                {counter ? ` · ${t('ticket.counter', { counter })}` : ''}
              </span>
              {ticket.amountPaid > 0 && (
                <span className={classes.small}>{t('ticket.paid', { amount: format.money(ticket.amountPaid) })}</span>
              )}
            </div>
          </div>
        );
      }}
    </Column>
  );
}

function Panel({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className={`${classes.panel} ${className ?? ''}`} aria-labelledby={id}>
      <h2 className={classes.panelTitle} id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true });

function RoomsPanel({ rooms, lookup }: { rooms: readonly RoomView[]; lookup: Lookup }) {
  const { t } = useTranslation('monitor');
  return (
    <Panel title={t('rooms.title')}>
      {rooms.length === 0 ? (
        <div className={classes.empty}>{t('empty.rooms')}</div>
      ) : (
        <div className={classes.rooms}>
          {[...rooms].sort(byName).map((room) => {
            const ticket = room.transactionId === null ? undefined : lookup.transactions.get(room.transactionId);
            return (
              <div key={room.id} className={classes.room} data-status={room.status} data-room={room.name}>
                <div className={classes.roomName}>{room.name}</div>
                <div className={classes.detail}>{t(`rooms.status.${room.status}`)}</div>
                <div className={classes.small}>{ticket?.code ?? '\u00a0'}</div>
              </div>
            );
          })}
        </div>
      )}
    </Panel>
  );
}

const STAFF_COLORS = { available: 'green-7', on_break: 'yellow-6', serving: 'blue-7' } as const;

function StaffPanel({ staff, lookup }: { staff: readonly StaffView[]; lookup: Lookup }) {
  const { t } = useTranslation('monitor');
  const byDisplayName = (a: StaffView, b: StaffView) =>
    a.displayName.localeCompare(b.displayName, undefined, { numeric: true });
  const therapists = staff.filter((member) => member.role === 'therapist').sort(byDisplayName);
  const cashiers = staff.filter((member) => member.role === 'cashier').sort(byDisplayName);

  const person = (member: StaffView, place: string | null, onNameLine: boolean) => {
    const ticket = member.transactionId === null ? undefined : lookup.transactions.get(member.transactionId);
    const doing =
      member.status === 'serving' && ticket?.code
        ? t('staff.servingWhom', { code: ticket.code })
        : t(`staff.status.${member.status}`);
    return (
      <div key={member.id} className={classes.person} data-staff={member.displayName}>
        <div className={classes.line}>
          <span className={classes.dot} style={{ background: `var(--mantine-color-${STAFF_COLORS[member.status]})` }} />
          <span className={`${classes.grow} ${classes.personName}`}>{member.displayName}</span>
          {onNameLine && place && <span className={classes.place}>{place}</span>}
        </div>
        <div className={classes.line}>
          <span className={`${classes.grow} ${classes.detail}`}>
            {doing}
            {!onNameLine && place ? ` · ${place}` : ''}
          </span>
        </div>
      </div>
    );
  };

  return (
    <section className={`${classes.panel} ${classes.staffPanel}`}>
      <StaffList title={t('staff.therapists')} empty={t('empty.therapists')}>
        {therapists.map((member) => {
          const room = member.roomId === null ? undefined : lookup.rooms.get(member.roomId);
          return person(member, room ? t('staff.room', { room: room.name }) : null, false);
        })}
      </StaffList>
      <StaffList title={t('staff.cashiers')} empty={t('empty.cashiers')}>
        {cashiers.map((member) => person(member, member.counter, true))}
      </StaffList>
    </section>
  );
}

function StaffList({ title, empty, children }: { title: string; empty: string; children: ReactNode[] }) {
  const id = useId();
  return (
    <div className={classes.staffList} role="group" aria-labelledby={id}>
      <h2 className={classes.panelTitle} id={id}>
        {title}
      </h2>
      {children.length === 0 ? <div className={classes.empty}>{empty}</div> : children}
    </div>
  );
}

function Bar({ label, value, share, color }: { label: string; value: string; share: number; color: string }) {
  return (
    <div className={classes.bar} role="group" aria-label={label}>
      <div className={classes.barLabel}>
        <span>{label}</span>
        <span className={classes.barValue}>{value}</span>
      </div>
      <Progress value={share} color={color} size="lg" aria-hidden />
    </div>
  );
}

function Charts({ latest, lookup }: { latest: LatestSnapshot; lookup: Lookup }) {
  const { t } = useTranslation('monitor');
  const format = useFormat();
  const { revenueToday, servedByTherapist } = latest.snapshot.stats;
  const methods = ['cash', 'card', 'ewallet'] as const;
  const most = Math.max(1, ...servedByTherapist.map((row) => row.count));
  return (
    <section className={`${classes.panel} ${classes.charts}`}>
      <div role="group" aria-label={t('charts.revenueByMethod')}>
        <h2 className={classes.panelTitle}>{t('charts.revenueByMethod')}</h2>
        {methods.map((method) => (
          <Bar
            key={method}
            label={t(`charts.methods.${method}`)}
            value={format.money(revenueToday[method])}
            share={revenueToday.total > 0 ? (revenueToday[method] / revenueToday.total) * 100 : 0}
            color={{ cash: 'teal', card: 'blue', ewallet: 'grape' }[method]}
          />
        ))}
      </div>
      <div role="group" aria-label={t('charts.servedByTherapist')}>
        <h2 className={classes.panelTitle}>{t('charts.servedByTherapist')}</h2>
        {servedByTherapist.length === 0 ? (
          <div className={classes.empty}>{t('empty.servedByTherapist')}</div>
        ) : (
          [...servedByTherapist]
            .sort((a, b) => b.count - a.count || a.therapistId - b.therapistId)
            .map((row) => (
              <Bar
                key={row.therapistId}
                label={
                  lookup.staff.get(row.therapistId)?.displayName ??
                  t('charts.unknownTherapist', { id: row.therapistId })
                }
                value={String(row.count)}
                share={(row.count / most) * 100}
                color="indigo"
              />
            ))
        )}
      </div>
    </section>
  );
}
