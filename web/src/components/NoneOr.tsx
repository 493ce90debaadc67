/**
 * A fact's input with, where the pack lets the fact be answered “none” (无同类错误), that answer
 * beside it. Put it as the Form.Item's child around the typed input: checked, the field's value
 * is 'none' and the input is hidden; unchecked, the input is back and the value empty (unknown).
 * Shared by the application's questions, the policy browser's scenario form and the case's
 * facts card. Derived facts are never asked: `askable` drops them from a list of facts.
 */
import { Checkbox, Space } from 'antd';
import { cloneElement, type ReactElement } from 'react';
import { pick, type Lang } from '../i18n';
import type { I18nText } from '../types';

/** The answer “none” as the engine takes it (src/policy/model.ts NONE). */
export const NONE = 'none';

export function NoneOr(props: {
  /** The fact's words for “none”; null when it cannot be answered so. */
  readonly none: I18nText | null | undefined;
  readonly lang: Lang;
  readonly testId?: string;
  readonly value?: unknown;
  readonly onChange?: (v: unknown) => void;
  readonly children: ReactElement<{ value?: unknown; onChange?: (v: unknown) => void }>;
}) {
  const { none, value, onChange, children } = props;
  const input = cloneElement(children, { value, onChange });
  if (!none) return input;
  const isNone = value === NONE;
  return (
    <Space wrap>
      {isNone ? null : input}
      <Checkbox
        checked={isNone}
        data-testid={props.testId ? `${props.testId}-none` : undefined}
        onChange={(e) => onChange?.(e.target.checked ? NONE : undefined)}
      >
        {pick(none, props.lang)}
      </Checkbox>
    </Space>
  );
}

/** The facts a user may be asked: all but those the engine computes. */
export function askable<F extends { readonly derived?: I18nText | null }>(
  facts: readonly F[],
): F[] {
  return facts.filter((f) => !f.derived);
}
