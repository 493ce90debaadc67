/** The follow-up visits screen's shapes, as the server declares them (src/api/visits.ts). */
export type { DrawAnswer, VisitDraw, VisitItem, VisitsView } from '../../../../src/api/index.js';
