import { Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { useLiveTicket } from '../ticket/live-ticket';
import { TicketCode, TicketItems, TicketPlace } from '../ticket/TicketDetails';
import classes from './kiosk.module.css';
import { StepHeading } from './Steps';
import { TICKET_SHOWN_MS, type ShownTicket } from './storage';

type Handoff = { handoffCode: string; expiresAt: string };

/** Seconds until the ticket leaves the screen, counted from when it was first shown (a reload does not add time). */
function useSecondsLeft(shownAt: number, onZero: () => void): number {
  const left = () => Math.max(0, Math.ceil((shownAt + TICKET_SHOWN_MS - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
  });
  useEffect(() => {
    if (seconds <= 0) onZero();
  }, [seconds, onZero]);
  return seconds;
}

/**
 * The confirmed ticket on the kiosk: code, treatments, total, place and wait, the hand-off to the customer's
 * phone (a QR of `<origin>/t/<code>` and the code to type) and Print. It returns to the start after 45 seconds
 * or "Done", and offers no cancel: after this only the customer's phone (or staff) can cancel.
 */
export function KioskTicket({ ticket, onDone }: { ticket: ShownTicket; onDone: () => void }) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const shop = useShop();
  const { transaction } = useLiveTicket(ticket);
  const seconds = useSecondsLeft(ticket.shownAt, onDone);
  const handoff = useQuery({
    queryKey: ['handoff', ticket.id],
    queryFn: () => apiRequest<Handoff>('POST', `/api/transactions/${ticket.id}/handoff`, { token: ticket.token }),
    staleTime: Infinity,
    retry: 1,
  });
  const address = `${window.location.origin}/t/`;

  return (
    <div className={classes.ticket}>
      <StepHeading className={classes.srOnlyFocusable}>{t('ticket.title')}</StepHeading>
      {transaction ? (
        <div className={classes.ticketGrid}>
          <section className={classes.ticketColumn}>
            <div className={classes.printOnly}>
              <p className={classes.strongText}>{shop.name}</p>
              <p>{shop.address}</p>
            </div>
            <TicketCode transaction={transaction} />
            <p className={classes.ticketStatus} role="status" data-testid="ticket-status">
              {tc(`status.${transaction.status}`)}
            </p>
            <TicketPlace transaction={transaction} />
          </section>
          <section className={classes.ticketColumn} aria-label={t('ticket.items')}>
            <TicketItems transaction={transaction} />
          </section>
          <section className={classes.handoff} aria-labelledby="handoff-title">
            <h2 id="handoff-title" className={classes.subtitle}>
              {t('ticket.phone')}
            </h2>
            {handoff.data ? (
              <>
                <div className={classes.qr} data-testid="handoff-qr">
                  <QRCodeSVG
                    value={`${address}${handoff.data.handoffCode}`}
                    size={168}
                    marginSize={4}
                    title={t('ticket.phone')}
                  />
                </div>
                <div className={classes.handoffText}>
                  <p className={classes.muted}>{t('ticket.phoneHint', { address })}</p>
                  <p className={classes.handoffCode} data-testid="handoff-code">
                    {handoff.data.handoffCode}
                  </p>
                  <p className={classes.muted}>{t('ticket.phoneExpires')}</p>
                </div>
              </>
            ) : handoff.isError ? (
              <p className={classes.muted}>{t('ticket.phoneFailed')}</p>
            ) : (
              <Loader size="lg" />
            )}
          </section>
          <p className={`${classes.printOnly} ${classes.muted}`}>
            {t('ticket.printedAt', { time: format.dateTime(new Date().toISOString()) })}
          </p>
        </div>
      ) : (
        <div className={classes.pricing}>
          <Loader size="lg" />
          <span>{t('ticket.loading')}</span>
        </div>
      )}
      <div className={`${classes.ticketActions} ${classes.noPrint}`}>
        <p className={classes.muted}>{t('ticket.returning', { count: seconds })}</p>
        <button type="button" className={classes.secondary} disabled={!transaction} onClick={() => window.print()}>
          {t('ticket.print')}
        </button>
        <button type="button" className={classes.primary} onClick={onDone}>
          {t('ticket.done')}
        </button>
      </div>
    </div>
  );
}
