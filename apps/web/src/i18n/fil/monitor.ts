import type { monitor as en } from '../en/monitor';
import type { Messages } from '../messages';

/** Mga salita ng monitor. */
export const monitor: Messages<typeof en> = {
  title: 'Monitor ng floor',
  loading: 'Nilo-load ang floor…',
  chime: 'Tunog para sa bagong customer',
  more: '+{{count}} pa',
  columns: {
    waiting: 'Naghihintay',
    serving: 'Sineserbisyuhan',
    awaitingPayment: 'Naghihintay magbayad',
    paying: 'Nagbabayad',
  },
  empty: {
    waiting: 'Walang naghihintay',
    serving: 'Walang sineserbisyuhan',
    awaitingPayment: 'Walang naghihintay magbayad',
    paying: 'Walang nagbabayad',
    rooms: 'Wala pang kuwarto',
    therapists: 'Walang therapist sa floor',
    cashiers: 'Walang cashier sa floor',
    servedByTherapist: 'Wala pang napagsilbihan ngayong araw',
  },
  legend: {
    waiting: 'Ticket · tantiyang hintay · tagal nang naghihintay',
  },
  ticket: {
    priority: 'Priority',
    estimate: 'tantiya {{time}}',
    estimateNow: 'tantiya: ngayon',
    noEstimate: 'tantiya —',
    gettingReady: 'Naghahanda',
    left: '{{time}} pa',
    overdue: 'lampas {{time}}',
    paid: '{{amount}} bayad',
    since: 'nang {{time}}',
    counter: 'Counter {{counter}}',
    noRoom: 'Walang kuwarto',
    room: 'Kuwarto {{room}}',
  },
  kpi: {
    waitingCount: 'Naghihintay ngayon',
    longestWait: 'Pinakamatagal na hintay',
    estimatedWait: 'Hintay ng bagong customer',
    avgWait: 'Karaniwang hintay ngayon',
    avgService: 'Karaniwang serbisyo ngayon',
    servedToday: 'Napagsilbihan ngayon',
    revenueToday: 'Kita ngayong araw',
    noWait: 'Walang hintay',
    noTherapist: 'Walang naka-duty',
    none: '—',
  },
  rooms: {
    title: 'Mga kuwarto',
    status: {
      available: 'Bakante',
      reserved: 'Nakareserba',
      occupied: 'May tao',
      cleaning: 'Nililinis',
      out_of_service: 'Sira / sarado',
    },
  },
  staff: {
    therapists: 'Mga therapist',
    cashiers: 'Mga cashier',
    status: {
      available: 'Bakante',
      on_break: 'Naka-break',
      serving: 'Nagseserbisyo',
    },
    servingWhom: 'Sineserbisyuhan: {{code}}',
    room: 'Kuwarto {{room}}',
  },
  charts: {
    revenueByMethod: 'Kita ayon sa paraan ng bayad',
    servedByTherapist: 'Napagsilbihan ng bawat therapist',
    methods: {
      cash: 'Cash',
      card: 'Card',
      ewallet: 'E-wallet',
    },
    unknownTherapist: 'Therapist #{{id}}',
  },
};
