/** The accountability matters screen's shapes, as the server declares them (src/api/matters.ts). */
export type { MatterList, MatterListItem } from '../../../../src/api/index.js';
