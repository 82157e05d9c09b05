/** The kiosk screen's words. */
export const kiosk = {
  title: 'Kiosk',
};
