/**
 * The versions' effective windows drawn to scale on one axis of years, with today marked: gaps
 * and overlaps between windows show as they are. An open end runs to a year past the last date.
 */
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from './model';

const DAY = 86_400_000;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export function WindowBars(props: {
  readonly versions: readonly VersionSummary[];
  readonly shown: string;
  readonly today: string;
}) {
  const { t } = useTranslation();
  if (props.versions.length === 0) return null;
  const starts = props.versions.map((v) => time(v.from));
  const ends = props.versions.map((v) => (v.to ? time(v.to) + DAY : NaN));
  const start = Math.min(...starts, time(props.today));
  const lastKnown = Math.max(...starts, ...ends.filter((e) => !Number.isNaN(e)), time(props.today));
  const end = lastKnown + 365 * DAY;
  const pct = (ms: number) => ((ms - start) / (end - start)) * 100;
  const firstYear = new Date(start).getUTCFullYear();
  const lastYear = new Date(end).getUTCFullYear();
  const years: number[] = [];
  for (let y = firstYear + 1; y <= lastYear; y++) years.push(y);
  return (
    <div className="rc-windows" aria-hidden="true" data-testid="window-bars">
      {props.versions.map((v, i) => {
        const from = starts[i]!;
        const to = Number.isNaN(ends[i]!) ? end : ends[i]!;
        return (
          <div key={v.id} className="rc-windows-row">
            <span className="rc-windows-label">{v.id}</span>
            <div className="rc-windows-track">
              <div
                className={`rc-windows-bar${v.id === props.shown ? ' rc-windows-shown' : ''}${v.to ? '' : ' rc-windows-open'}`}
                style={{ left: `${pct(from)}%`, width: `${Math.max(pct(to) - pct(from), 0.5)}%` }}
              />
            </div>
          </div>
        );
      })}
      <div className="rc-windows-row">
        <span className="rc-windows-label" />
        <div className="rc-windows-axis">
          {years.map((y) => (
            <span
              key={y}
              className="rc-windows-year"
              style={{ left: `${pct(Date.UTC(y, 0, 1))}%` }}
            >
              {y}
            </span>
          ))}
          <span
            className="rc-windows-today"
            style={{ left: `${pct(time(props.today))}%` }}
            title={t('policy.versions.inForce')}
          />
        </div>
      </div>
    </div>
  );
}
