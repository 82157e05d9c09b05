import { Button, Loader, Modal } from '@mantine/core';
import { useIdle } from '@mantine/hooks';
import {
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  type CancelReason,
  type Catalog,
  type PriorityReason,
  type TransactionView,
} from '@spaflow/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogQuery } from '../../api/catalog';
import { ApiError, apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { KioskTicket } from './KioskTicket';
import classes from './kiosk.module.css';
import { CategoryStep, ReviewStep, ServiceStep, StepHeading, TierStep } from './Steps';
import { EMPTY, useKioskState, type CartLine, type Draft, type KioskState, type Step } from './storage';

/** With no touch for this long, a kiosk holding a selection asks whether the customer is still there. */
export const IDLE_MS = 60_000;
/** …and this many seconds later gives the kiosk to the next guest, the selection cancelled as `expired`. */
const IDLE_COUNTDOWN_SECONDS = 20;

type Created = { transaction: TransactionView; customerToken: string };
type Pricing = { lines: readonly CartLine[]; priority: PriorityReason | null };

/** Cancels a selection left on the server (best effort: the server's sweeper expires it otherwise). */
function dropDraft(draft: Draft | null, reason: CancelReason): void {
  if (!draft) return;
  void apiRequest('POST', `/api/transactions/${draft.id}/cancel`, { token: draft.token, body: { reason } }).catch(
    () => undefined,
  );
}

const PREVIOUS: Record<Step, Step> = {
  attract: 'attract',
  category: 'attract',
  service: 'category',
  tier: 'service',
  review: 'tier',
};

/**
 * The customer kiosk (no sign-in), one decision per step: attract → category → service → tier → review
 * (priced by the server) → the ticket, shown for 45 seconds with its hand-off to the customer's phone.
 * Everything is kept in localStorage so a reload loses nothing.
 */
export function KioskScreen() {
  const [state, update] = useKioskState();
  const [lowered, setLowered] = useState(false);
  if (state.ticket) {
    return (
      <Shell lowered={lowered} onLowered={setLowered}>
        <KioskTicket key={state.ticket.id} ticket={state.ticket} onDone={() => update(() => EMPTY)} />
      </Shell>
    );
  }
  if (state.step === 'attract') return <Attract onStart={() => update(() => ({ ...EMPTY, step: 'category' }))} />;
  return <Ordering state={state} update={update} lowered={lowered} onLowered={setLowered} />;
}

/** The screen a kiosk shows between guests: the shop, one big "start", and the language. */
function Attract({ onStart }: { onStart: () => void }) {
  const { t } = useTranslation('kiosk');
  const shop = useShop();
  return (
    <main className={classes.attract}>
      <div className={classes.attractLanguage}>
        <LanguageSwitch classNames={{ root: classes.language, label: classes.languageLabel }} />
      </div>
      <p className={classes.shopName}>{shop.name}</p>
      <StepHeading className={classes.attractTitle}>{t('attract.welcome')}</StepHeading>
      <p className={classes.attractHint}>{t('attract.hint')}</p>
      <button type="button" className={classes.startButton} onClick={onStart}>
        {t('attract.start')}
      </button>
    </main>
  );
}

/** The frame of every step: language and reach mode on top (or below, lowered), the step, Back and Start over. */
function Shell({
  children,
  nav,
  lowered,
  onLowered,
  announcement = '',
}: {
  children: ReactNode;
  nav?: ReactNode;
  lowered: boolean;
  onLowered: (lowered: boolean) => void;
  announcement?: string;
}) {
  const { t } = useTranslation('kiosk');
  const shop = useShop();
  // A double tap is one decision: its second tap (click count 2 and more) must not choose on the step the
  // first one opened. Keyboard activation has a count of 0 and always goes through.
  const ignoreEchoTap = (event: MouseEvent) => {
    if (event.detail > 1) {
      event.stopPropagation();
      event.preventDefault();
    }
  };
  return (
    <div className={`${classes.shell} ${lowered ? classes.lowered : ''}`}>
      <header className={`${classes.top} ${classes.noPrint}`}>
        <span className={classes.shopName}>{shop.name}</span>
        <div className={classes.topControls}>
          <button
            type="button"
            className={classes.navButton}
            aria-pressed={lowered}
            onClick={() => onLowered(!lowered)}
          >
            {lowered ? '✓ ' : ''}
            {t('nav.lower')}
          </button>
          <LanguageSwitch classNames={{ root: classes.language, label: classes.languageLabel }} />
        </div>
      </header>
      <main className={classes.main} onClickCapture={ignoreEchoTap}>
        {children}
      </main>
      {nav && (
        <nav className={`${classes.nav} ${classes.noPrint}`} onClickCapture={ignoreEchoTap}>
          {nav}
        </nav>
      )}
      <div role="status" className={classes.srOnly}>
        {announcement}
      </div>
    </div>
  );
}

function Ordering({
  state,
  update,
  lowered,
  onLowered,
}: {
  state: KioskState;
  update: (change: (state: KioskState) => KioskState) => void;
  lowered: boolean;
  onLowered: (lowered: boolean) => void;
}) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const catalog = useQuery(catalogQuery);
  const [reviewed, setReviewed] = useState<TransactionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const confirming = useRef(false);
  const { cart, priority, draft, step } = state;

  const review = useMutation({
    mutationFn: async ({
      lines,
      priority: wanted,
    }: Pricing): Promise<{ draft: Draft; transaction: TransactionView }> => {
      const items = lines.map((line) => ({ classificationId: line.classificationId, quantity: line.quantity }));
      let current = draft;
      if (current && current.priority !== wanted) {
        // Priority is set when a selection starts: a changed one starts a new selection.
        dropDraft(current, 'customer_request');
        current = null;
      }
      if (current) {
        try {
          const { transaction } = await apiRequest<{ transaction: TransactionView }>(
            'PUT',
            `/api/transactions/${current.id}/items`,
            { token: current.token, body: { items } },
          );
          if (transaction.status === 'selecting') return { draft: current, transaction };
        } catch (failure) {
          // An expired or no longer readable selection is replaced by a new one; a bad cart is the customer's to fix.
          if (!(failure instanceof ApiError) || ![401, 403, 404, 409].includes(failure.status)) throw failure;
        }
      }
      const created = await apiRequest<Created>('POST', '/api/transactions', {
        body: wanted ? { items, priority: wanted } : { items },
      });
      return {
        draft: { id: created.transaction.id, token: created.customerToken, priority: wanted },
        transaction: created.transaction,
      };
    },
    onMutate: () => setError(null),
    onSuccess: (result) => {
      update((current) => ({ ...current, draft: result.draft }));
      setReviewed(result.transaction);
    },
    onError: (failure) => {
      const problem = failure instanceof ApiError ? failure.issues[0]?.message : undefined;
      setError(problem ? `${t('review.problemsTitle')}: ${problem} ${t('review.lineProblem')}` : errorMessage(failure));
    },
  });

  const confirm = useMutation({
    mutationFn: (selection: Draft) =>
      apiRequest<{ transaction: TransactionView }>('POST', `/api/transactions/${selection.id}/confirm`, {
        token: selection.token,
      }),
    onMutate: () => setError(null),
    onSuccess: ({ transaction }, selection) =>
      update(() => ({ ...EMPTY, ticket: { id: transaction.id, token: selection.token, shownAt: Date.now() } })),
    onError: (failure) => {
      if (failure instanceof ApiError && [401, 403, 404, 409].includes(failure.status)) {
        // The selection expired (or was cancelled) meanwhile: the cart is still here, price it again.
        update((current) => ({ ...current, draft: null }));
        setReviewed(null);
        setError(t('review.expired'));
      } else {
        setError(errorMessage(failure));
      }
    },
    onSettled: () => {
      confirming.current = false;
    },
  });

  // A reload on the review step (or a selection that expired) prices the cart again.
  const needsPricing = step === 'review' && reviewed === null && cart.length > 0 && review.isIdle;
  useEffect(() => {
    if (needsPricing) review.mutate({ lines: cart, priority });
  }, [needsPricing, review, cart, priority]);

  const goTo = (next: Step, change: Partial<KioskState> = {}) => {
    setError(null);
    update((current) => ({ ...current, ...change, step: next }));
  };

  const startOver = (reason: CancelReason) => {
    dropDraft(draft, reason);
    update(() => EMPTY);
  };

  const choose = (
    service: Catalog['categories'][number]['services'][number],
    classification: Catalog['categories'][number]['services'][number]['classifications'][number],
  ) => {
    const existing = cart.find((line) => line.classificationId === classification.id);
    if (existing ? existing.quantity >= MAX_LINE_QUANTITY : cart.length >= MAX_CART_LINES) {
      setError(
        existing
          ? t('review.limitQuantity', { count: MAX_LINE_QUANTITY })
          : t('review.limitLines', { count: MAX_CART_LINES }),
      );
      return;
    }
    const lines: CartLine[] = existing
      ? cart.map((line) => (line === existing ? { ...line, quantity: line.quantity + 1 } : line))
      : [
          ...cart,
          {
            classificationId: classification.id,
            serviceId: service.id,
            serviceName: service.name,
            classificationName: classification.name,
            durationMinutes: classification.durationMinutes,
            price: classification.price,
            quantity: 1,
          },
        ];
    const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
    setAnnouncement(t('review.added', { name: `${service.name} ${classification.name}`, total: format.money(total) }));
    goTo('review', { cart: lines });
    setReviewed(null);
    review.mutate({ lines, priority });
  };

  const remove = (classificationId: number, name: string) => {
    const lines = cart.filter((line) => line.classificationId !== classificationId);
    setAnnouncement(t('review.removed', { name }));
    if (lines.length === 0) {
      dropDraft(draft, 'customer_request');
      goTo('category', { cart: [], draft: null });
      return;
    }
    update((current) => ({ ...current, cart: lines }));
    review.mutate({ lines, priority });
  };

  const choosePriority = (wanted: PriorityReason | null) => {
    update((current) => ({ ...current, priority: wanted }));
    review.mutate({ lines: cart, priority: wanted });
  };

  const idle = useIdle(IDLE_MS, { initialState: false });

  const categories = catalog.data?.categories.filter((category) => category.services.length > 0) ?? [];
  const category = categories.find((candidate) => candidate.id === state.categoryId);
  const service = category?.services.find((candidate) => candidate.id === state.serviceId);

  let body: ReactNode;
  if (catalog.isPending) {
    body = <Loader size="xl" m="auto" aria-label={tc('connection.loading')} />;
  } else if (catalog.isError) {
    body = (
      <div className={classes.problem} role="alert">
        <StepHeading>{t('catalogue.loadFailed')}</StepHeading>
        <p>{errorMessage(catalog.error)}</p>
        <button type="button" className={classes.primary} onClick={() => void catalog.refetch()}>
          {tc('actions.retry')}
        </button>
      </div>
    );
  } else if (categories.length === 0) {
    body = <StepHeading>{t('catalogue.empty')}</StepHeading>;
  } else if (step === 'review') {
    body = (
      <ReviewStep
        transaction={review.isPending ? null : reviewed}
        priority={priority}
        busy={review.isPending || confirm.isPending}
        error={error}
        onRemove={remove}
        onPriority={choosePriority}
        onAddAnother={() => goTo('category')}
        onConfirm={() => {
          // A double tap sends one request: the second tap finds this one still in flight.
          if (!draft || confirming.current) return;
          confirming.current = true;
          confirm.mutate(draft);
        }}
      />
    );
  } else if (step === 'tier' && service) {
    body = <TierStep service={service} error={error} onChoose={(tier) => choose(service, tier)} />;
  } else if ((step === 'service' || step === 'tier') && category) {
    body = <ServiceStep category={category} onChoose={(chosen) => goTo('tier', { serviceId: chosen.id })} />;
  } else {
    body = (
      <CategoryStep
        categories={categories}
        onChoose={(chosen) => goTo('service', { categoryId: chosen.id, serviceId: null })}
      />
    );
  }

  return (
    <Shell
      lowered={lowered}
      onLowered={onLowered}
      announcement={announcement}
      nav={
        <>
          <button
            type="button"
            className={classes.navButton}
            disabled={confirm.isPending}
            onClick={() => goTo(step === 'review' && !service ? 'category' : PREVIOUS[step])}
          >
            {t('nav.back')}
          </button>
          <button
            type="button"
            className={classes.navButton}
            disabled={confirm.isPending}
            onClick={() => startOver('customer_request')}
          >
            {t('nav.startOver')}
          </button>
        </>
      }
    >
      {body}
      {idle && !confirm.isPending && <IdleModal onTimeout={() => startOver('expired')} />}
    </Shell>
  );
}

/** "Are you still there?" with a countdown; any touch closes it (the idle timer restarts). */
function IdleModal({ onTimeout }: { onTimeout: () => void }) {
  const { t } = useTranslation('kiosk');
  const [left, setLeft] = useState(IDLE_COUNTDOWN_SECONDS);
  useEffect(() => {
    const timer = setInterval(() => setLeft((seconds) => seconds - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onTimeout();
  }, [left, onTimeout]);
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      title={<span className={classes.modalTitle}>{t('idle.title')}</span>}
      centered
      radius="lg"
      size="lg"
    >
      <p className={classes.modalText}>{t('idle.text', { count: Math.max(left, 0) })}</p>
      <Button className={classes.primary} fullWidth>
        {t('idle.stay')}
      </Button>
    </Modal>
  );
}
