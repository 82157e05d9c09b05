import type { common as en } from '../en/common';
import type { Messages } from '../messages';

/** Mga salitang gamit ng bawat screen. */
export const common: Messages<typeof en> = {
  appName: 'SpaFlow',
  stations: {
    kiosk: 'Kiosk',
    therapist: 'Therapist',
    cashier: 'Cashier',
    monitor: 'Monitor ng floor',
    admin: 'Admin',
  },
  stationHints: {
    kiosk: 'Pumipili ang customer ng serbisyo at kumukuha ng ticket',
    therapist: 'Kunin ang susunod na customer, pumili ng kuwarto, simulan ang serbisyo',
    cashier: 'Kunin ang susunod na magbabayad at tanggapin ang bayad',
    monitor: 'Ang buong floor, live',
    admin: 'Menu, staff, kuwarto, ulat at audit trail',
  },
  home: {
    title: 'Magbukas ng station',
    subtitle: 'Kusang nag-a-update ang bawat screen. Magbukas ng kahit ilan, sa kahit ilang device.',
  },
  signIn: {
    title: 'Pag-sign in sa {{station}}',
    username: 'Username',
    password: 'Password',
    submit: 'Mag-sign in',
    signOut: 'Mag-sign out',
    signedInAs: 'Naka-sign in bilang {{name}}',
  },
  connection: {
    live: 'Live',
    reconnecting: 'Kumokonekta muli',
    offline: 'Nawala ang koneksyon. Kumokonekta muli… Kusang hahabol ang screen; walang mawawala sa ginawa mo.',
    loading: 'Naglo-load…',
  },
  status: {
    selecting: 'Pumipili ng serbisyo',
    pending_therapist: 'Naghihintay ng therapist',
    therapist_confirmed: 'May therapist na',
    in_service: 'Sineserbisyuhan',
    finished: 'Tapos na',
    awaiting_payment: 'Naghihintay magbayad',
    paying: 'Nagbabayad',
    paid: 'Bayad na',
    cancelled: 'Kinansela',
  },
  actions: {
    retry: 'Subukan muli',
    cancel: 'Kanselahin',
    close: 'Isara',
    save: 'I-save',
    back: 'Bumalik',
  },
  duration: {
    minutes: '{{minutes}} min',
    hoursMinutes: '{{hours}} oras {{minutes}} min',
  },
  language: {
    choose: 'Wika',
    names: { en: 'English', fil: 'Filipino' },
  },
  notFound: {
    title: 'Walang ganitong pahina',
    body: 'Walang screen sa address na ito. Suriin ang address, o magbukas ng station mula sa listahan.',
    home: 'Magbukas ng station',
  },
  errorTitle: 'Hindi iyon natuloy',
};
