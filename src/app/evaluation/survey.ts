/**
 * The answering page's read (public, no sign-in): for a token that opens a campaign today, the
 * campaign's title and closing day and the instrument's questions in both languages — the
 * introduction, the scale's labels, the Likert items in order, the background questions with their
 * options and the open questions. Nothing else: not the factor an item measures, not whether it is
 * reversed, not the jurisdiction or the units invited.
 */
import type { Text } from '../../evaluation/model.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { itemsOf, loadInstrument } from './instruments.js';
import { campaignOfToken } from './token-check.js';

export interface SurveyForm {
  readonly title: string;
  readonly closesOn: string;
  readonly instrument: {
    readonly title: Text;
    readonly introduction: Text;
    readonly scale: {
      readonly min: number;
      readonly max: number;
      readonly labels: readonly Text[];
    };
    readonly items: readonly { readonly id: string; readonly text: Text }[];
    readonly demographics: readonly {
      readonly id: string;
      readonly label: Text;
      readonly options: readonly { readonly value: string; readonly label: Text }[];
    }[];
    readonly openQuestions: readonly { readonly id: string; readonly text: Text }[];
  };
}

const text = (t: Text): Text => ({ zh: t.zh, en: t.en });

export async function surveyForm(ctx: AppContext, shownToken: string): Promise<SurveyForm> {
  const c = await campaignOfToken(ctx.store.db, shownToken, todayOf(ctx));
  const { body } = await loadInstrument(ctx.store.db, c.instrumentId);
  return {
    title: c.title,
    closesOn: c.closesOn,
    instrument: {
      title: text(body.title),
      introduction: text(body.introduction),
      scale: { min: body.scale.min, max: body.scale.max, labels: body.scale.labels.map(text) },
      items: itemsOf(body).map((i) => ({ id: i.id, text: text(i.text) })),
      demographics: body.demographics.map((d) => ({
        id: d.id,
        label: text(d.label),
        options: d.options.map((o) => ({ value: o.value, label: text(o.label) })),
      })),
      openQuestions: body.openQuestions.map((q) => ({ id: q.id, text: text(q.text) })),
    },
  };
}
