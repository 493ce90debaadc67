/**
 * The implementation evaluation's screens' shapes, as the server declares them
 * (src/api/evaluation.ts; the jurisdictions and units to invite from src/api/results.ts).
 */
export type {
  CampaignList,
  CampaignView,
  CreateCampaignBody,
  InstrumentSummary,
  IssueTokensAnswer,
  ResultFilterOptions,
  SurveyAnswerBody,
  SurveyForm,
} from '../../../../src/api/index.js';
