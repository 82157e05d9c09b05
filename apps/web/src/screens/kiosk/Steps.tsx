import { Loader } from '@mantine/core';
import { PRIORITY_REASONS, type Catalog, type PriorityReason, type TransactionView } from '@spaflow/domain';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import { TicketItems } from '../ticket/TicketDetails';
import classes from './kiosk.module.css';

type Category = Catalog['categories'][number];
type Service = Category['services'][number];
type Classification = Service['classifications'][number];

/** A step's title; it takes the focus when the step appears, so a screen reader starts there. */
export function StepHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className ?? classes.title}>
      {children}
    </h1>
  );
}

export function CategoryStep({
  categories,
  onChoose,
}: {
  categories: Category[];
  onChoose: (category: Category) => void;
}) {
  const { t } = useTranslation('kiosk');
  return (
    <>
      <StepHeading>{t('category.title')}</StepHeading>
      <div className={classes.choices}>
        {categories.map((category) => (
          <button key={category.id} type="button" className={classes.choice} onClick={() => onChoose(category)}>
            <span className={classes.choiceName}>{category.name}</span>
            <span className={classes.choiceText}>{category.services.map((service) => service.name).join(' · ')}</span>
          </button>
        ))}
      </div>
    </>
  );
}

export function ServiceStep({ category, onChoose }: { category: Category; onChoose: (service: Service) => void }) {
  const { t } = useTranslation('kiosk');
  return (
    <>
      <StepHeading key={category.id}>{t('service.title')}</StepHeading>
      <div className={classes.choices}>
        {category.services.map((service) => (
          <button key={service.id} type="button" className={classes.choice} onClick={() => onChoose(service)}>
            <span className={classes.choiceName}>{service.name}</span>
            {service.description && <span className={classes.choiceText}>{service.description}</span>}
          </button>
        ))}
      </div>
    </>
  );
}

export function TierStep({
  service,
  error,
  onChoose,
}: {
  service: Service;
  error: string | null;
  onChoose: (tier: Classification) => void;
}) {
  const { t } = useTranslation('kiosk');
  const format = useFormat();
  return (
    <>
      <StepHeading key={service.id}>
        {service.name}: {t('tier.title')}
      </StepHeading>
      <div className={classes.choices}>
        {service.classifications.map((tier) => (
          <button key={tier.id} type="button" className={classes.choice} onClick={() => onChoose(tier)}>
            <span className={classes.choiceName}>{tier.name}</span>
            <span className={classes.choicePrice}>{format.money(tier.price)}</span>
          </button>
        ))}
      </div>
      {error && (
        <p className={classes.error} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The selection as the server priced it: the customer confirms these prices, never the menu's. */
export function ReviewStep({
  transaction,
  priority,
  busy,
  error,
  onRemove,
  onPriority,
  onAddAnother,
  onConfirm,
}: {
  transaction: TransactionView | null;
  priority: PriorityReason | null;
  busy: boolean;
  error: string | null;
  onRemove: (classificationId: number, name: string) => void;
  onPriority: (priority: PriorityReason | null) => void;
  onAddAnother: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation('kiosk');
  const format = useFormat();
  return (
    <>
      <StepHeading>{t('review.title')}</StepHeading>
      <div className={classes.review}>
        <div className={classes.reviewItems}>
          {transaction ? (
            <>
              <TicketItems transaction={transaction} onRemove={onRemove} removing={busy} />
              <p className={classes.muted}>
                {t('review.duration')} <span>{format.minutes(transaction.totalDurationMinutes * 60)}</span>
              </p>
            </>
          ) : error ? null : (
            <div className={classes.pricing}>
              <Loader size="lg" />
              <span>{t('review.pricing')}</span>
            </div>
          )}
          {error && (
            <p className={classes.error} role="alert">
              {error}
            </p>
          )}
        </div>
        <div className={classes.reviewActions}>
          <fieldset className={classes.priority}>
            <legend>{t('priority.label')}</legend>
            <div className={classes.priorityChoices}>
              {[null, ...PRIORITY_REASONS].map((reason) => (
                <button
                  key={reason ?? 'none'}
                  type="button"
                  className={classes.toggle}
                  aria-pressed={priority === reason}
                  disabled={busy}
                  onClick={() => onPriority(reason)}
                >
                  {priority === reason ? '✓ ' : ''}
                  {t(`priority.${reason ?? 'none'}`)}
                </button>
              ))}
            </div>
          </fieldset>
          <button type="button" className={classes.secondary} disabled={busy} onClick={onAddAnother}>
            {t('review.addAnother')}
          </button>
          <button
            type="button"
            className={classes.primary}
            disabled={busy || transaction === null}
            aria-busy={busy}
            onClick={onConfirm}
          >
            {t('review.confirm')}
          </button>
        </div>
      </div>
    </>
  );
}
