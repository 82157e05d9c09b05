import type { board as en } from '../en/board';
import type { Messages } from '../messages';

/** Mga salita ng pampublikong call board (ang TV sa waiting area). */
export const board: Messages<typeof en> = {
  title: 'Sineserbisyuhan ngayon',
  calling: 'Tinatawag ngayon',
  nobodyCalled: 'Hintayin po ang numero ninyo',
  room: 'Kuwarto {{name}}',
  counter: 'Counter {{name}}',
  roomNoName: 'Pumunta sa kuwarto ninyo',
  counterNoName: 'Pumunta sa cashier',
  recentlyCalled: 'Kakatawag lang',
  noneYet: 'Wala pa',
  waiting: 'Naghihintay',
  nobodyWaits: 'Walang naghihintay',
  estimatedWait: 'Hintay para sa bagong bisita',
  waitMinutes_one: 'Mga {{count}} minuto',
  waitMinutes_other: 'Mga {{count}} minuto',
  noEstimate: 'Magtanong po sa front desk',
  soundOff: 'Walang tunog: pindutin para buksan (staff)',
  soundOn: 'May tunog',
  speechOff: 'Walang boses ang tawag',
  speechOn: 'May boses ang tawag',
  live: 'Live',
  reconnecting: 'Kumokonekta muli…',
  announce: 'Numero {{code}}, {{destination}}',
  speech: 'Numero {{code}}, pumunta po sa {{destination}}.',
};
