/** The therapist screen's words. */
export const therapist = {
  title: 'Therapist',
};
