/** Words every screen shares. */
export const common = {
  appName: 'SpaFlow',
  stations: {
    kiosk: 'Kiosk',
    therapist: 'Therapist',
    cashier: 'Cashier',
    monitor: 'Floor monitor',
    admin: 'Admin',
  },
  stationHints: {
    kiosk: 'Customers pick services and get a ticket',
    therapist: 'Claim the next customer, take a room, run the service',
    cashier: 'Claim the next customer to pay and take payment',
    monitor: 'The whole floor, live',
    admin: 'Menu, staff, rooms, reports and the audit trail',
  },
  home: {
    title: 'Open a station',
    subtitle: 'Each screen updates itself live. Open as many as you need, on as many devices.',
  },
  signIn: {
    title: '{{station}} sign-in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {{name}}',
  },
  connection: {
    live: 'Live',
    reconnecting: 'Reconnecting',
    offline: 'Connection lost. Reconnecting… The screen catches up by itself; nothing you did is lost.',
    loading: 'Loading…',
  },
  status: {
    selecting: 'Choosing services',
    pending_therapist: 'Waiting for a therapist',
    therapist_confirmed: 'Therapist assigned',
    in_service: 'In service',
    finished: 'Finished',
    awaiting_payment: 'Waiting to pay',
    paying: 'Paying',
    paid: 'Paid',
    cancelled: 'Cancelled',
  },
  actions: {
    retry: 'Try again',
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    back: 'Back',
  },
  duration: {
    minutes: '{{minutes}} min',
    hoursMinutes: '{{hours}} h {{minutes}} min',
  },
  language: {
    choose: 'Language',
    /** Each language named in its own words, so a customer finds theirs whatever is showing. */
    names: { en: 'English', fil: 'Filipino' },
  },
  notFound: {
    title: 'Page not found',
    body: 'There is no screen at this address. Check the address, or open a station from the list.',
    home: 'Open a station',
  },
  errorTitle: 'That did not work',
};
