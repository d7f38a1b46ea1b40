// The world as SVG, drawn in the browser from Natural Earth's country shapes (world-atlas, 1:110m)
// with d3-geo: no tile server, nothing fetched but the figures. A country with posts is a link
// (keyboard: Tab, Enter) named with its figures; its shade and a circle that grows with the number
// say the same, so colour is never the only cue, and the table under the map has every figure.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import { useT } from '../i18n/i18n.js';
import type { Measure, PlaceFigures } from './types.js';
import { bins, EMPTY, shadeOf } from './shades.js';

const WIDTH = 960;
const HEIGHT = 500;

interface Shape {
  code: string | null;
  d: string;
  centroid: [number, number];
}

// Computed once per visit: the projected outline of every country.
let shapes: Shape[] | null = null;
function worldShapes(): Shape[] {
  if (shapes) return shapes;
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: 'Sphere' });
  const path = geoPath(projection);
  const collection = feature(topology, topology.objects.countries);
  shapes = collection.features
    .filter((f) => f.properties?.name !== 'Antarctica')
    .map((f) => {
      // Natural Earth gives ISO 3166-1 numeric codes; Kosovo has none (XK is user-assigned).
      const code = f.id !== undefined ? (countries.numericToAlpha2(String(f.id)) ?? null) : f.properties?.name === 'Kosovo' ? 'XK' : null;
      const centroid = path.centroid(f);
      return { code, d: path(f) ?? '', centroid: [Number.isFinite(centroid[0]) ? centroid[0] : 0, Number.isFinite(centroid[1]) ? centroid[1] : 0] as [number, number] };
    });
  return shapes;
}

/** The codes the map can draw (the table carries the others). */
export function drawnCountries(): Set<string> {
  return new Set(worldShapes().flatMap((s) => (s.code ? [s.code] : [])));
}

export function WorldMap({ figures, measure, names, selected, highlight, hrefOf, onSelect }: {
  figures: PlaceFigures[];
  measure: Measure;
  names: Map<string, string>;
  selected: string | null;
  /** Countries of a chosen region, outlined. */
  highlight: Set<string> | null;
  hrefOf: (code: string) => string;
  onSelect: (code: string) => void;
}) {
  const t = useT();
  const [pointed, setPointed] = useState<string | null>(null);
  const all = useMemo(worldShapes, []);
  const byCode = useMemo(() => new Map(figures.map((f) => [f.code, f])), [figures]);
  const max = Math.max(0, ...figures.map((f) => f[measure]));
  const bounds = bins(max);
  const valueOf = (code: string | null) => (code ? (byCode.get(code)?.[measure] ?? 0) : 0);
  const labelOf = (code: string) => {
    const f = byCode.get(code);
    const name = names.get(code) ?? code;
    return measure === 'posts'
      ? t('map.countryFigure', { name, count: f?.posts ?? 0, projects: f?.projects ?? 0 })
      : t('map.countryFigureProjects', { name, count: f?.projects ?? 0, posts: f?.posts ?? 0 });
  };
  const active = all.filter((s) => s.code && valueOf(s.code) > 0).sort((a, b) => a.centroid[0] - b.centroid[0]);
  const quiet = all.filter((s) => !active.includes(s));
  const legend = bounds.map((upper, i) => {
    const from = i === 0 ? 1 : bounds[i - 1]! + 1;
    return { shade: shadeOf(upper, bounds), text: from === upper ? t('map.legend.single', { from }) : t('map.legend.range', { from, to: upper }) };
  });

  return (
    <figure className="world-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('map.mapLabel')} className="world-map__svg">
        <g aria-hidden="true">
          {quiet.map((s, i) => (
            <path key={`q${i}`} d={s.d} fill={EMPTY} className={highlight?.has(s.code ?? '') ? 'world-map__country world-map__country--region' : 'world-map__country'} />
          ))}
        </g>
        {active.map((s) => {
          const code = s.code!;
          const value = valueOf(code);
          const label = labelOf(code);
          const classes = ['world-map__country', 'world-map__country--active', highlight?.has(code) ? 'world-map__country--region' : '', selected === code ? 'world-map__country--selected' : ''].filter(Boolean).join(' ');
          return (
            <a
              key={code}
              href={hrefOf(code)}
              aria-label={label}
              aria-current={selected === code ? 'true' : undefined}
              onClick={(event) => {
                event.preventDefault();
                onSelect(code);
              }}
              onFocus={() => setPointed(code)}
              onBlur={() => setPointed(null)}
              onMouseEnter={() => setPointed(code)}
              onMouseLeave={() => setPointed(null)}
            >
              <path d={s.d} fill={shadeOf(value, bounds)} className={classes} />
              <circle cx={s.centroid[0]} cy={s.centroid[1]} r={3 + 12 * Math.sqrt(value / Math.max(1, max))} className="world-map__circle" />
            </a>
          );
        })}
      </svg>
      <figcaption>
        <p className="world-map__pointed" aria-hidden="true">
          {pointed ? labelOf(pointed) : t('map.hoverHint')}
        </p>
        {legend.length > 0 && (
          <div className="world-map__legend">
            <span className="world-map__legend-title">{t('map.legend')}:</span>
            <ul>
              <li>
                <span className="world-map__swatch" style={{ background: EMPTY }} /> {t('map.legend.none')}
              </li>
              {legend.map((l) => (
                <li key={l.text}>
                  <span className="world-map__swatch" style={{ background: l.shade }} /> {l.text}
                </li>
              ))}
            </ul>
            <p className="world-map__legend-note">{t(measure === 'projects' ? 'map.legend.circleProjects' : 'map.legend.circle')}</p>
          </div>
        )}
      </figcaption>
    </figure>
  );
}
