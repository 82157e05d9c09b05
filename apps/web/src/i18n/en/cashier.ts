/** The cashier screen's words. */
export const cashier = {
  title: 'Cashier',
};
