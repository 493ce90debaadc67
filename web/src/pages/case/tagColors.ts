/**
 * Solid tag colours with white text at WCAG AA contrast (≥ 4.5:1). Ant Design's preset light tags
 * (green, gold, warning, error…) put mid-tone text on a pale ground and fall below it.
 */
export const TAG = {
  success: '#237804',
  warning: '#ad4e00',
  danger: '#a8071a',
  info: '#0958d9',
  accent: '#531dab',
} as const;
