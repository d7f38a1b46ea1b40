// The public page as HTML, rendered on the server: fast on a slow line, readable without
// JavaScript, indexable. Every value written into it is escaped.
import { countryName, regionByCode, REGIONS } from '../../shared/taxonomy/index.js';
import { publicMessages as m } from './messages.en.js';
import type { PublicPageData } from './public-data.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`;

function day(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}
function time(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

function programme(data: PublicPageData): string {
  const event = data.event;
  if (!event || event.sessions.length === 0) return `<p>${escape(m.noProgramme)}</p>`;
  const byDay = new Map<string, typeof event.sessions>();
  for (const s of event.sessions) {
    const d = day(s.starts_at, event.time_zone);
    byDay.set(d, [...(byDay.get(d) ?? []), s]);
  }
  const days = [...byDay.entries()].map(
    ([d, sessions]) => `<h3>${escape(d)}</h3><ul class="sessions">${sessions
      .map((s) => `<li><span class="time">${time(s.starts_at, event.time_zone)}–${time(s.ends_at, event.time_zone)}</span> <span class="title">${escape(s.title)}</span>${s.room ? ` <span class="room">${escape(s.room)}</span>` : ''}${s.closed ? ` <span class="closed">(${escape(m.closed)})</span>` : ''}</li>`)
      .join('')}</ul>`,
  );
  return `<p><strong>${escape(event.name)}</strong>, ${escape(event.venue)}</p>${days.join('')}`;
}

function figures(data: PublicPageData): string {
  const total = Object.values(data.byKind).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(m.kinds).map(([code, label]) => `<tr><th scope="row">${escape(label)}</th><td>${data.byKind[code] ?? 0}</td></tr>`).join('');
  const regions = REGIONS.filter((r) => r.parent === null && (data.byRegion[r.code] ?? 0) > 0)
    .map((r) => `<tr><th scope="row">${escape(r.name)}</th><td>${data.byRegion[r.code]}</td></tr>`)
    .join('');
  return `<p>${escape(m.figuresNote)}</p>
<div class="tables">
<table><caption>${escape(m.postsByKind)}</caption><thead><tr><th scope="col">${escape(m.kind)}</th><th scope="col">${escape(m.posts)}</th></tr></thead><tbody>${kinds}</tbody><tfoot><tr><th scope="row">${escape(m.total)}</th><td>${total}</td></tr></tfoot></table>
<table><caption>${escape(m.postsByRegion)}</caption><thead><tr><th scope="col">${escape(m.region)}</th><th scope="col">${escape(m.posts)}</th></tr></thead><tbody>${regions}</tbody></table>
</div>
<p class="figure">${escape(m.cooperative)}: <span class="number" data-figure="cooperative">${data.cooperative}</span></p>`;
}

function featured(data: PublicPageData): string {
  if (data.posts.length === 0) return '';
  const where = (p: PublicPageData['posts'][number]) => [...p.countries.map((c) => countryName(c) ?? c), ...p.regions.map((r) => regionByCode(r)?.name ?? r)].join(', ');
  const items = data.posts.map(
    (p) => `<li><h3>${escape(p.title)}</h3><p class="meta">${escape(m.kinds[p.kind] ?? p.kind)} · ${escape(where(p))} · ${escape(m.by)} ${escape(p.org_name ?? m.aParticipant)}</p><p>${escape(p.summary)}</p></li>`,
  );
  return `<section aria-labelledby="featured"><h2 id="featured">${escape(m.featuredTitle)}</h2><ul class="posts">${items.join('')}</ul></section>`;
}

function organizations(data: PublicPageData): string {
  if (data.organizations.length === 0) return '';
  const items = data.organizations.map((o) => `<li>${o.website ? `<a href="${escape(o.website)}" rel="nofollow noopener">${escape(o.name)}</a>` : escape(o.name)} <span class="meta">(${escape(countryName(o.country.trim()) ?? o.country)})</span></li>`);
  return `<section aria-labelledby="organizations"><h2 id="organizations">${escape(m.organizationsTitle)}</h2><ul>${items.join('')}</ul></section>`;
}

export function renderPublicPage(data: PublicPageData, publicUrl: string): string {
  return `<!doctype html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escape(m.title)}</title>
<meta name="description" content="${escape(m.description)}">
<link rel="canonical" href="${escape(`${publicUrl}/public`)}">
<link rel="stylesheet" href="/public/style.css">
</head>
<body>
<a class="skip" href="#main">${escape(m.skip)}</a>
<header><div class="wrap"><p class="brand">${escape(m.title)}</p><nav aria-label="Forum"><a href="/sign-in">${escape(m.signIn)}</a> <a href="/apply">${escape(m.apply)}</a></nav></div></header>
<main id="main" class="wrap">
<h1>${escape(m.title)}</h1>
<p class="lead">${escape(m.description)}</p>
<section aria-labelledby="what"><h2 id="what">${escape(m.whatTitle)}</h2>${m.what.map((p) => `<p>${escape(p)}</p>`).join('')}<p>${escape(m.tiers)}</p></section>
<section aria-labelledby="how"><h2 id="how">${escape(m.howTitle)}</h2>${list(m.how)}<p><a class="button" href="/apply">${escape(m.apply)}</a></p></section>
<section aria-labelledby="figures"><h2 id="figures">${escape(m.figuresTitle)}</h2>${figures(data)}</section>
${featured(data)}
${organizations(data)}
<section aria-labelledby="programme"><h2 id="programme">${escape(m.programmeTitle)}</h2>${programme(data)}</section>
</main>
<footer><div class="wrap"><p>${escape(m.footer)}</p></div></footer>
</body>
</html>
`;
}

/** The page's own small stylesheet (the strict CSP allows no inline style). */
export const PUBLIC_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}header{background:#0b3d6b;color:#fff}header .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding-block:.75rem}
.brand{margin:0;font-weight:700}header a{color:#fff;margin-inline-start:1rem}h1{font-size:1.75rem;line-height:1.2;margin:1.5rem 0 .5rem}h2{margin-top:2rem;border-bottom:2px solid #d0d7de;padding-bottom:.25rem}
.lead{font-size:1.125rem}a{color:#0b57a4}a:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.button{display:inline-block;background:#0b57a4;color:#fff;padding:.5rem 1rem;border-radius:4px;text-decoration:none;font-weight:600}
.tables{display:flex;flex-wrap:wrap;gap:1.5rem}table{border-collapse:collapse;min-width:16rem}caption{text-align:start;font-weight:700;padding:.25rem 0}
th,td{border-bottom:1px solid #d0d7de;padding:.25rem .5rem;text-align:start}td{text-align:end;font-variant-numeric:tabular-nums}
.figure .number{font-size:1.5rem;font-weight:700;margin-inline-end:.25rem}.meta{color:#4a5561}.posts{list-style:none;padding:0}.posts li{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.posts h3{margin:0 0 .25rem;font-size:1.1rem}.sessions{list-style:none;padding:0}.sessions li{padding:.25rem 0;border-bottom:1px solid #eef1f4}.time{font-variant-numeric:tabular-nums;font-weight:600;margin-inline-end:.5rem}
.room,.closed{color:#4a5561}footer{margin-top:3rem;background:#f3f5f7;padding:1rem 0}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#0b57a4;padding:.5rem;z-index:1}
@media (prefers-color-scheme:dark){body{color:#e6e9ed;background:#14181d}a,.skip:focus{color:#9ccbff}.skip:focus{background:#14181d}.meta,.room,.closed{color:#b0b8c1}h2,th,td,.posts li{border-color:#48525d}.sessions li{border-color:#2b333c}footer{background:#1d232a}.button{color:#fff}}
`;
