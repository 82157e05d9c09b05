import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Colours chosen for contrast (WCAG 2.2 AA, 4.5:1 for text): Mantine's default teal filled button is
 * 2.55:1 with white text and its dimmed grey 3.3:1; the darkest teal (5.0:1) and grey 7 (8.2:1) pass.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
});

export const cssVariablesResolver: CSSVariablesResolver = (mantine) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': mantine.colors.gray[7],
    '--mantine-color-placeholder': mantine.colors.gray[7],
    // A hovered primary button darkens instead of lightening (teal 8 would be 3.95:1).
    '--mantine-color-teal-filled-hover': '#066649',
    // Error words and red text: red 9 (5.4:1) instead of red 6 (3.3:1).
    '--mantine-color-error': mantine.colors.red[9],
    '--mantine-color-red-text': mantine.colors.red[9],
  },
  dark: {},
});
