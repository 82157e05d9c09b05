import type { phone as en } from '../en/phone';
import type { Messages } from '../messages';

/** Ang ticket sa sariling phone ng customer (`/t/<code>`). */
export const phone: Messages<typeof en> = {
  title: 'Ang ticket mo',
  redeeming: 'Binubuksan ang ticket mo…',
  live: 'Live',
  reconnecting: 'Kumokonekta muli…',
  typeTitle: 'Buksan ang ticket mo',
  typeHint: 'I-type ang 8 character na nasa kiosk.',
  typeLabel: 'Code mula sa kiosk',
  typeSubmit: 'Buksan ang ticket ko',
  failed: {
    handoff_used:
      'Nagamit na ang code na ito. Buksan ang ticket sa phone na unang nag-scan nito, o magtanong sa front desk.',
    handoff_expired: 'Expired na ang code na ito (10 minuto lang ito gumagana). Magtanong po sa front desk.',
    not_found: 'Walang ticket na may ganitong code. Suriin ang mga character at subukan muli.',
    other: 'Hindi mabuksan ang ticket mo.',
  },
  gone: 'Hindi na maipakita ang ticket na ito. Magtanong po sa front desk.',
  message: {
    selecting: 'Hindi pa kumpirmado ang napili mo.',
    pending_therapist: 'Maupo muna po. Tatawagin namin ang numero mo.',
    therapist_confirmed: 'Ikaw na: pumunta po sa kuwarto {{room}}. Si {{therapist}} ang mag-aasikaso sa iyo.',
    in_service: 'Sineserbisyuhan ni {{therapist}} sa kuwarto {{room}}. Mag-enjoy po.',
    finished: 'Tapos na ang serbisyo mo. Pumunta po sa cashier.',
    awaiting_payment: 'Tapos na ang serbisyo mo. Pumunta po sa cashier.',
    paying: 'Pumunta po sa cashier: handa na si {{cashier}} para sa iyo.',
    payingAtCounter: 'Pumunta po sa counter {{counter}}: handa na si {{cashier}} para sa iyo.',
    paid: 'Bayad na. Salamat sa pagbisita, balik po kayo!',
    cancelled: 'Kinansela ang ticket na ito.',
  },
  someone: 'Isang therapist',
  aRoom: 'ninyo',
  aCashier: 'ang aming cashier',
  cancel: 'Kanselahin ang ticket ko',
  cancelTitle: 'Kanselahin ang ticket na ito?',
  cancelText: 'Aalis ka sa pila. Hindi na ito maibabalik.',
  cancelConfirm: 'Oo, kanselahin ang ticket ko',
  keep: 'Hindi, itago ang ticket ko',
};
