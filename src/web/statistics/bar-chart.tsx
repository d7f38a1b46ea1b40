// A small, accessible horizontal bar chart in SVG, drawn at the width it is shown at (so its text
// stays readable at 360 px), with the same figures as a table for those who cannot see it.
// Bars may be stacked (e.g. pledged + gap = sought); each series has a fill and a pattern of its
// own, so the chart does not rely on colour alone.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.js';

export interface Series {
  key: string;
  label: string;
  className: string;
}

export interface Row {
  key: string;
  label: string;
  /** One value per series, in the order of `series`. */
  values: number[];
  /** The total as text (formatted money, a count…), shown at the end of the bar. */
  display: string;
  /** Each value as text, for the table. */
  cells: string[];
}

const ROW = 44;
const BAR = 16;
const LABEL_GAP = 4;

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(320);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setWidth(Math.max(200, Math.floor(el.getBoundingClientRect().width)));
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function BarChart({ title, description, series, rows, headers, empty, testId }: { title: string; description?: ReactNode; series: Series[]; rows: Row[]; headers: string[]; empty: string; testId?: string }) {
  const t = useT();
  const titleId = useId();
  const descId = useId();
  const [ref, width] = useWidth<HTMLDivElement>();
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  // Room at the end of the longest bar for its figure.
  const valueRoom = Math.min(160, Math.max(48, ...rows.map((r) => r.display.length * 9 + 14)));
  // A label longer than the chart is cut short; the table below has it whole.
  const maxChars = Math.max(12, Math.floor(width / 7.4));
  const fit = (label: string) => (label.length <= maxChars ? label : `${label.slice(0, maxChars - 1).trimEnd()}…`);
  const barSpace = Math.max(40, width - valueRoom);
  const height = rows.length * ROW + 4;
  return (
    <figure className="chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption>
        <h3 id={titleId} className="chart__title">
          {title}
        </h3>
        {description && (
          <p id={descId} className="chart__description muted small">
            {description}
          </p>
        )}
      </figcaption>
      {series.length > 1 && (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
                <rect width="14" height="14" className={s.className} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <div ref={ref} className="chart__canvas">
          <svg role="img" aria-labelledby={titleId} aria-describedby={description ? descId : undefined} width={width} height={height} viewBox={`0 0 ${width} ${height}`} focusable="false">
            <title>{t('stats.chartAlt', { title })}</title>
            {rows.map((row, i) => {
              const y = i * ROW;
              let x = 0;
              return (
                <g key={row.key} transform={`translate(0 ${y})`}>
                  <text x="0" y="15" className="chart__label">
                    {fit(row.label)}
                  </text>
                  {row.values.map((v, j) => {
                    const w = (v / max) * barSpace;
                    const rect = <rect key={series[j]!.key} x={x} y={18 + LABEL_GAP} width={Math.max(0, w)} height={BAR} className={series[j]!.className} />;
                    x += w;
                    return rect;
                  })}
                  <text x={x + 6} y={18 + LABEL_GAP + BAR - 3} className="chart__value">
                    {row.display}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
      {rows.length > 0 && (
        <details className="chart__table">
          <summary>{t('stats.showTable', { title })}</summary>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  {row.cells.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
