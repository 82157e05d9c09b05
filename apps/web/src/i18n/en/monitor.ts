/** The monitor screen's words. */
export const monitor = {
  title: 'Monitor',
};
