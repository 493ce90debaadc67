/**
 * Solid tag colours for white text at WCAG AA contrast (≥ 4.5:1): Ant Design's preset light tags
 * (green, gold, blue…) put mid-tone text on a pale ground and fall below it.
 */
export const SOLID = {
  success: '#237804',
  warning: '#ad4e00',
  danger: '#a8071a',
  info: '#0958d9',
  teal: '#006d75',
  brown: '#871400',
  neutral: '#595959',
} as const;
