/** The admin screen's words. */
export const admin = {
  title: 'Admin',
};
