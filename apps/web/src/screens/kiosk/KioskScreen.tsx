import {
  Alert,
  Box,
  Button,
  Card,
  Center,
  Container,
  Drawer,
  Grid,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useIdle, useMediaQuery } from '@mantine/hooks';
import {
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  type Catalog,
  type PriorityReason,
  type TransactionView,
} from '@spaflow/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogQuery } from '../../api/catalog';
import { ApiError, apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { Cart } from './Cart';
import { Catalogue } from './Catalogue';
import classes from './kiosk.module.css';
import { Review } from './Review';
import { EMPTY, useKioskState, type CartLine, type Draft, type KioskState } from './storage';
import { Ticket } from './Ticket';

/** With no touch for this long, a kiosk holding someone's selection asks whether they are still there. */
const IDLE_MS = 3 * 60 * 1000;
const IDLE_COUNTDOWN_SECONDS = 30;

type Created = { transaction: TransactionView; customerToken: string };

/** Cancels a selection left on the server (best effort: the server's sweeper expires it otherwise). */
function dropDraft(draft: Draft | null): void {
  if (!draft) return;
  void apiRequest('POST', `/api/transactions/${draft.id}/cancel`, {
    token: draft.token,
    body: { reason: 'customer_request' },
  }).catch(() => undefined);
}

/**
 * The customer kiosk (no sign-in): menu → selection → review (priced by the server) → ticket, then the
 * ticket's live status until "Done". Everything is kept in localStorage so a reload loses nothing.
 */
export function KioskScreen() {
  const { t } = useTranslation('kiosk');
  const shop = useShop();
  const [state, update] = useKioskState();

  return (
    <div className={classes.page}>
      <Container size="xl" py="lg" px={{ base: 'md', sm: 'xl' }}>
        {!state.ticket && (
          <Group justify="space-between" align="flex-end" mb="lg" className={classes.noPrint}>
            <div>
              <Text c="teal.8" fw={600} size="lg">
                {shop.name}
              </Text>
              <Title order={1} fz={40} fw={600}>
                {t('welcome')}
              </Title>
            </div>
            <Text c="dimmed" size="lg" maw={460} ta="right" visibleFrom="sm">
              {t('welcomeHint')}
            </Text>
          </Group>
        )}
        {state.ticket ? (
          <Ticket
            key={state.ticket.id}
            ticket={state.ticket}
            onDone={() => {
              update(() => EMPTY);
              window.scrollTo({ top: 0 });
            }}
          />
        ) : (
          <Ordering state={state} update={update} />
        )}
      </Container>
    </div>
  );
}

function Ordering({
  state,
  update,
}: {
  state: KioskState;
  update: (change: (state: KioskState) => KioskState) => void;
}) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const catalog = useQuery(catalogQuery);
  const [reviewed, setReviewed] = useState<TransactionView | null>(null);
  /** Problems the server found, by classification (so they stay on their line when others are removed). */
  const [lineErrors, setLineErrors] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [drawerOpen, drawer] = useDisclosure(false);
  const [startOverOpen, startOverModal] = useDisclosure(false);
  const { cart, priority, draft } = state;

  const review = useMutation({
    mutationFn: async (sent: readonly CartLine[]): Promise<{ draft: Draft; transaction: TransactionView }> => {
      const items = sent.map((line) => ({
        classificationId: line.classificationId,
        serviceId: line.serviceId,
        quantity: line.quantity,
      }));
      let current = draft;
      if (current && current.priority !== priority) {
        // Priority is set when a selection starts: a changed one starts a new selection.
        dropDraft(current);
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
        body: priority ? { items, priority } : { items },
      });
      return {
        draft: { id: created.transaction.id, token: created.customerToken, priority },
        transaction: created.transaction,
      };
    },
    onMutate: () => {
      setError(null);
      setLineErrors({});
    },
    onSuccess: (result) => {
      update((current) => ({ ...current, draft: result.draft }));
      setReviewed(result.transaction);
      drawer.close();
      window.scrollTo({ top: 0 });
    },
    onError: (failure, sent) => {
      const byLine: Record<number, string> = {};
      if (failure instanceof ApiError) {
        for (const issue of failure.issues) {
          const match = /^body\.items\.(\d+)\./.exec(issue.path);
          const line = match ? sent[Number(match[1])] : undefined;
          if (line) byLine[line.classificationId] = issue.message;
        }
      }
      if (Object.keys(byLine).length > 0) {
        setLineErrors(byLine);
        setError(t('cart.problemsTitle'));
        if (!wide) drawer.open();
      } else {
        setError(errorMessage(failure));
      }
    },
  });

  const confirm = useMutation({
    mutationFn: (selection: Draft) =>
      apiRequest<{ transaction: TransactionView }>('POST', `/api/transactions/${selection.id}/confirm`, {
        token: selection.token,
      }),
    onMutate: () => setError(null),
    onSuccess: ({ transaction }, selection) => {
      update(() => ({ ...EMPTY, ticket: { id: transaction.id, token: selection.token } }));
      window.scrollTo({ top: 0 });
    },
    onError: (failure) => {
      if (failure instanceof ApiError && [401, 403, 404, 409].includes(failure.status)) {
        // The selection expired (or was cancelled) meanwhile: the cart is still here, review it again.
        update((current) => ({ ...current, draft: null }));
        setReviewed(null);
        setError(t('review.expired'));
      } else {
        setError(errorMessage(failure));
      }
    },
  });

  const changeCart = (change: (cart: CartLine[]) => CartLine[]) => {
    setError(null);
    update((current) => ({ ...current, cart: change(current.cart) }));
  };

  const add = (
    service: Catalog['categories'][number]['services'][number],
    classification: Catalog['categories'][number]['services'][number]['classifications'][number],
  ) => {
    const existing = cart.find((line) => line.classificationId === classification.id);
    if (existing && existing.quantity >= MAX_LINE_QUANTITY) {
      setError(t('cart.limitQuantity', { count: MAX_LINE_QUANTITY }));
      return;
    }
    if (!existing && cart.length >= MAX_CART_LINES) {
      setError(t('cart.limitLines', { count: MAX_CART_LINES }));
      return;
    }
    changeCart((lines) =>
      existing
        ? lines.map((line) =>
            line.classificationId === classification.id ? { ...line, quantity: line.quantity + 1 } : line,
          )
        : [
            ...lines,
            {
              classificationId: classification.id,
              serviceId: service.id,
              serviceName: service.name,
              classificationName: classification.name,
              durationMinutes: classification.durationMinutes,
              price: classification.price,
              quantity: 1,
            },
          ],
    );
  };

  const startOver = () => {
    dropDraft(draft);
    update(() => EMPTY);
    setReviewed(null);
    setLineErrors({});
    setError(null);
    startOverModal.close();
    drawer.close();
  };

  const idle = useIdle(IDLE_MS, { initialState: false });
  const holdsSomething = cart.length > 0 || draft !== null;

  const cartPanel = (
    <Cart
      listMaxHeight={wide ? 'max(180px, calc(100vh - 600px))' : undefined}
      cart={cart}
      priority={priority}
      lineErrors={Object.fromEntries(
        cart.flatMap((line, index) =>
          lineErrors[line.classificationId] ? [[index, lineErrors[line.classificationId]!]] : [],
        ),
      )}
      error={reviewed ? null : error}
      reviewing={review.isPending}
      onQuantity={(index, quantity) =>
        changeCart((lines) => lines.map((line, at) => (at === index ? { ...line, quantity } : line)))
      }
      onRemove={(index) => changeCart((lines) => lines.filter((_, at) => at !== index))}
      onPriority={(value: PriorityReason | null) => update((current) => ({ ...current, priority: value }))}
      onReview={() => review.mutate(cart)}
      onStartOver={startOverModal.open}
    />
  );

  let body;
  if (reviewed) {
    body = (
      <Review
        transaction={reviewed}
        priority={priority}
        confirming={confirm.isPending}
        error={error}
        onConfirm={() => draft && confirm.mutate(draft)}
        onBack={() => {
          setReviewed(null);
          setError(null);
        }}
      />
    );
  } else if (catalog.isPending) {
    body = (
      <Center py={80}>
        <Loader size="lg" />
      </Center>
    );
  } else if (catalog.isError) {
    body = (
      <Alert color="red" title={t('catalogue.loadFailed')}>
        <Stack align="flex-start">
          <Text>{errorMessage(catalog.error)}</Text>
          <Button onClick={() => void catalog.refetch()} loading={catalog.isFetching}>
            {tc('actions.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  } else if (wide) {
    body = (
      <Grid gap="xl">
        <Grid.Col span={8}>
          <Catalogue catalog={catalog.data} cart={cart} onAdd={add} />
        </Grid.Col>
        <Grid.Col span={4}>
          <Card withBorder radius="lg" padding="lg" shadow="sm" pos="sticky" top={16}>
            {cartPanel}
          </Card>
        </Grid.Col>
      </Grid>
    );
  } else {
    const count = cart.reduce((sum, line) => sum + line.quantity, 0);
    const total = cart.reduce((sum, line) => sum + line.price * line.quantity, 0);
    body = (
      <>
        <Box pb={140}>
          <Catalogue catalog={catalog.data} cart={cart} onAdd={add} />
        </Box>
        <Box className={classes.cartBar} px={{ base: 'md', sm: 'xl' }} py="md">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600} size="lg">
                {count > 0 ? t('cart.items', { count }) : t('cart.title')}
              </Text>
              <Text c="dimmed">{count > 0 ? format.money(total) : t('cart.empty')}</Text>
            </div>
            <Group gap="sm" wrap="nowrap">
              <Button size="lg" radius="xl" variant="default" onClick={drawer.open}>
                {t('cart.show')}
              </Button>
              <Button
                size="lg"
                radius="xl"
                disabled={cart.length === 0}
                loading={review.isPending}
                onClick={() => review.mutate(cart)}
              >
                {t('cart.review')}
              </Button>
            </Group>
          </Group>
        </Box>
        <Drawer
          opened={drawerOpen}
          onClose={drawer.close}
          position="bottom"
          size="75%"
          radius="lg"
          title={null}
          withCloseButton
          closeButtonProps={{ size: 'xl', 'aria-label': tc('actions.close') }}
        >
          {cartPanel}
        </Drawer>
      </>
    );
  }

  return (
    <>
      {body}
      <Modal
        opened={startOverOpen}
        onClose={startOverModal.close}
        title={t('cart.startOverTitle')}
        centered
        radius="lg"
      >
        <Stack>
          <Text size="lg">{t('cart.startOverText')}</Text>
          <Group grow>
            <Button size="lg" variant="default" onClick={startOverModal.close}>
              {t('cart.keep')}
            </Button>
            <Button size="lg" color="red" onClick={startOver}>
              {t('cart.startOverConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {idle && holdsSomething && <IdleModal onTimeout={startOver} />}
    </>
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
    <Modal opened onClose={() => undefined} withCloseButton={false} title={t('idle.title')} centered radius="lg">
      <Stack>
        <Text size="lg">{t('idle.text', { count: Math.max(left, 0) })}</Text>
        <Button size="xl" radius="xl">
          {t('idle.stay')}
        </Button>
      </Stack>
    </Modal>
  );
}
