import { createTheme } from '@mantine/core';

/**
 * The Accord theme: a sober blue, shades dark enough for WCAG AA text contrast on white
 * (primaryShade 8 for filled buttons and links), and a focus ring on keyboard focus only.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  other: { headerHeight: 60 },
});
