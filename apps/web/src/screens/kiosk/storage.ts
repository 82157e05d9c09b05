import { MAX_CART_LINES, MAX_LINE_QUANTITY, PRIORITY_REASONS, type PriorityReason } from '@spaflow/domain';
import { useCallback, useState } from 'react';

/**
 * What the kiosk keeps in localStorage, so a reload (or a tablet that restarts) loses nothing: the cart
 * being built, the selection already sent to the server (so it is updated, not duplicated), and the ticket
 * being shown until the customer taps "Done".
 */
export type CartLine = {
  classificationId: number;
  serviceId: number;
  serviceName: string;
  classificationName: string;
  durationMinutes: number;
  /** The menu price when it was picked; the server's answer is what counts. */
  price: number;
  quantity: number;
};

/** A transaction created on the server for this cart, still `selecting`. */
export type Draft = { id: number; token: string; priority: PriorityReason | null };
/** A customer's ticket: its id and the customer token that reads it. */
export type TicketRef = { id: number; token: string };
/** The confirmed ticket this kiosk is showing, since when (it leaves the screen after a while, reload or not). */
export type ShownTicket = TicketRef & { shownAt: number };

/** One decision per step: attract → category → service → tier → review → the ticket. */
export const STEPS = ['attract', 'category', 'service', 'tier', 'review'] as const;
export type Step = (typeof STEPS)[number];

export type KioskState = {
  step: Step;
  categoryId: number | null;
  serviceId: number | null;
  cart: CartLine[];
  priority: PriorityReason | null;
  draft: Draft | null;
  ticket: ShownTicket | null;
};

export const STORAGE_KEY = 'spaflow.kiosk';
export const EMPTY: KioskState = {
  step: 'attract',
  categoryId: null,
  serviceId: null,
  cart: [],
  priority: null,
  draft: null,
  ticket: null,
};
/** How long a confirmed ticket stays on the kiosk's screen before it returns to the start. */
export const TICKET_SHOWN_MS = 45_000;

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isRef = (value: unknown): value is TicketRef =>
  typeof value === 'object' &&
  value !== null &&
  isInt((value as TicketRef).id) &&
  typeof (value as TicketRef).token === 'string';
const isPriority = (value: unknown): value is PriorityReason =>
  typeof value === 'string' && (PRIORITY_REASONS as readonly string[]).includes(value);

function isLine(value: unknown): value is CartLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as CartLine;
  return (
    isInt(line.classificationId) &&
    isInt(line.serviceId) &&
    typeof line.serviceName === 'string' &&
    typeof line.classificationName === 'string' &&
    isInt(line.durationMinutes) &&
    isInt(line.price) &&
    isInt(line.quantity) &&
    line.quantity >= 1 &&
    line.quantity <= MAX_LINE_QUANTITY
  );
}

/** Reads the saved state; anything unreadable (an older version, a hand edit) is simply dropped. */
export function loadState(): KioskState {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return EMPTY;
    const saved = raw as Partial<Record<keyof KioskState, unknown>>;
    const draft = saved.draft;
    const ticket = saved.ticket;
    return {
      step:
        typeof saved.step === 'string' && (STEPS as readonly string[]).includes(saved.step)
          ? (saved.step as Step)
          : 'attract',
      categoryId: isInt(saved.categoryId) ? saved.categoryId : null,
      serviceId: isInt(saved.serviceId) ? saved.serviceId : null,
      cart: Array.isArray(saved.cart) ? saved.cart.filter(isLine).slice(0, MAX_CART_LINES) : [],
      priority: isPriority(saved.priority) ? saved.priority : null,
      draft:
        isRef(draft) && (isPriority((draft as Draft).priority) || (draft as Draft).priority === null)
          ? { id: draft.id, token: draft.token, priority: (draft as Draft).priority }
          : null,
      ticket:
        isRef(ticket) &&
        isInt((ticket as ShownTicket).shownAt) &&
        (ticket as ShownTicket).shownAt + TICKET_SHOWN_MS > Date.now()
          ? { id: ticket.id, token: ticket.token, shownAt: (ticket as ShownTicket).shownAt }
          : null,
    };
  } catch {
    return EMPTY;
  }
}

function saveState(state: KioskState): void {
  try {
    if (state === EMPTY) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Private mode or a full disk: the kiosk still works, it just does not survive a reload.
  }
}

/** The kiosk's state, saved on every change. */
export function useKioskState(): [KioskState, (update: (state: KioskState) => KioskState) => void] {
  const [state, setState] = useState<KioskState>(loadState);
  const update = useCallback((change: (state: KioskState) => KioskState) => {
    setState((current) => {
      const next = change(current);
      saveState(next);
      return next;
    });
  }, []);
  return [state, update];
}
