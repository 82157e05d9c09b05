import { waitMinutes, type TransactionView } from '@spaflow/domain';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import classes from './ticket.module.css';

/** The ticket's number, as large as the screen allows and never cut. */
export function TicketCode({ transaction }: { transaction: TransactionView }) {
  const { t } = useTranslation('kiosk');
  return (
    <div className={classes.codeBlock}>
      <div className={classes.label}>{t('ticket.yourNumber')}</div>
      <div
        className={classes.code}
        data-testid="ticket-code"
        style={transaction.status === 'cancelled' ? { textDecoration: 'line-through' } : undefined}
      >
        {transaction.code}
      </div>
      {transaction.priority && <div className={classes.label}>{t('ticket.priority')}</div>}
    </div>
  );
}

/** Place in line and estimated wait, while the ticket waits for a therapist. */
export function TicketPlace({ transaction }: { transaction: TransactionView }) {
  const { t } = useTranslation('kiosk');
  if (transaction.status !== 'pending_therapist') return null;
  return (
    <dl className={classes.facts}>
      <div>
        <dt>{t('ticket.place')}</dt>
        <dd data-testid="queue-position">
          {transaction.queuePosition === 1
            ? t('ticket.placeNext')
            : transaction.queuePosition !== null
              ? t('ticket.placeValue', { count: transaction.queuePosition })
              : '—'}
        </dd>
      </div>
      <div>
        <dt>{t('ticket.wait')}</dt>
        <dd data-testid="estimated-wait">
          {transaction.estimatedWaitSeconds === null
            ? '—'
            : t('ticket.waitValue', { count: waitMinutes(transaction.estimatedWaitSeconds, true) })}
        </dd>
      </div>
    </dl>
  );
}

/** The treatments (service, tier, quantity, line total, as the server priced them) and the total. */
export function TicketItems({
  transaction,
  onRemove,
  removing = false,
}: {
  transaction: TransactionView;
  /** On the kiosk's review step each line can be removed. */
  onRemove?: (classificationId: number, name: string) => void;
  removing?: boolean;
}) {
  const { t } = useTranslation('kiosk');
  const format = useFormat();
  return (
    <div className={classes.items}>
      <ul data-testid="items" aria-label={t('ticket.items')}>
        {transaction.items.map((item) => {
          const name = `${item.serviceName} ${item.classificationName}`;
          return (
            <li key={item.id} aria-label={name}>
              <div className={classes.itemName}>
                <span className={classes.strong}>{item.serviceName}</span>
                <span>
                  {item.classificationName}
                  {item.quantity > 1 ? ` × ${item.quantity}` : ''}
                </span>
              </div>
              <span className={classes.price}>{format.money(item.lineTotal)}</span>
              {onRemove && (
                <button
                  type="button"
                  className={classes.remove}
                  disabled={removing}
                  aria-label={t('review.remove', { name })}
                  onClick={() => onRemove(item.classificationId, name)}
                >
                  {t('review.removeShort')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className={classes.total}>
        <span>{t('ticket.total')}</span>
        <span className={classes.price} data-testid="ticket-total">
          {format.money(transaction.totalAmount)}
        </span>
      </div>
    </div>
  );
}
