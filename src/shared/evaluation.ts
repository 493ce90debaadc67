/**
 * Survey campaigns of the implementation evaluation (issue 12): their states and the reporting
 * thresholds, defined once for the server, the API's shapes and the web app.
 */

import type { Role } from './roles.js';

/** Who may adapt an instrument (copy it into a new version): checked by the server, offered by the web. */
export const INSTRUMENT_ADAPTERS: readonly Role[] = ['policy_admin', 'org_liaison'];

/** A campaign is drafted, opened for answers, then closed (never reopened). */
export const CAMPAIGN_STATES = ['draft', 'open', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** No result for a group smaller than k; k may only be raised above this floor. */
export const MIN_THRESHOLD_K = 5;
/** Free-text answers are shown only for groups at least this large (never below k). */
export const DEFAULT_FREE_TEXT_THRESHOLD = 10;

/** The most cadres one campaign may invite (and so the most tokens it may issue). */
export const MAX_INVITED = 1_000_000;

/**
 * A survey token as typed from paper: 26 characters of Crockford's base32 (digits and capitals
 * without I, L, O and U), 128 random bits; hyphens and spaces between groups are ignored.
 */
export const TOKEN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TOKEN_LENGTH = 26;
