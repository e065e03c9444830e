/**
 * A fixture grown to the size of the real page (issue 16, item 5): the saved page as it is,
 * plus what the real site carries and the fixtures trim away, before `</body>`:
 * - markup: a few thousand elements of the site's furniture (lists of cards with links,
 *   buttons, images' alt text, hidden labels), hundreds of KB, outside the parts the
 *   adapters read, and without names or email addresses, so the person on the page stays the same;
 * - script: an inline script of a few hundred KB that the page compiles and runs at load
 *   (object literals built and walked, like a framework's module registry booting), so the
 *   page's own main-thread time is tens of ms as on the real site, not the fixture's few.
 * Deterministic: the same page on every run, and with and without the extension.
 */

const WORDS = [
  'pipeline',
  'quarterly',
  'review',
  'platform',
  'analytics',
  'growth',
  'roadmap',
  'customer',
  'update',
  'insights',
  'operations',
  'strategy',
  'team',
  'launch',
  'market',
  'report',
];

const words = (seed: number, count: number) =>
  Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');

/** One card of page furniture: 12 elements, ~650 bytes. */
function card(i: number): string {
  return `<li class="bench-card artdeco-list__item" data-urn="urn:li:activity:${7_100_000_000 + i}">
  <div class="bench-card__head"><img alt="${words(i, 2)}" width="48" height="48"><span class="t-bold">${words(i, 3)}</span><span class="visually-hidden">${words(i + 1, 3)}</span></div>
  <div class="bench-card__body"><p>${words(i, 24)}</p><a href="/feed/update/urn:li:activity:${7_100_000_000 + i}/" class="bench-card__link">${words(i + 2, 4)}</a></div>
  <div class="bench-card__actions" role="group"><button type="button" aria-pressed="false">${words(i, 1)}</button><button type="button">${words(i + 3, 1)}</button><button type="button">${words(i + 5, 1)}</button></div>
</li>`;
}

/** The booting script: `modules` factories, each an object literal with strings and numbers, run at load. */
function bootScript(modules: number): string {
  const parts: string[] = ['(function(){var registry={};'];
  for (let i = 0; i < modules; i++) {
    parts.push(
      `registry["m${i}"]=function(){var o={id:${i},name:"${words(i, 6)}",tags:["${words(i, 1)}","${words(i + 1, 1)}","${words(i + 2, 1)}"],weights:[${i % 7},${i % 11},${i % 13},${i % 17}]};` +
        `var s=0;for(var k=0;k<o.weights.length;k++){s+=o.weights[k]*(k+1);}o.sum=s;o.label=o.name.split(" ").reverse().join("-");return o;};`,
    );
  }
  parts.push('var out=[];for(var key in registry){out.push(registry[key]());}', 'window.__benchBoot=out.length;})();');
  return parts.join('\n');
}

export interface HeavyPage {
  html: string;
  /** Elements and bytes added, for the figure's detail. */
  addedElements: number;
  markupKB: number;
  scriptKB: number;
}

/** `html` grown by `cards` cards of furniture and a booting script of `modules` modules. */
export function heavyPage(html: string, { cards = 500, modules = 1_500 } = {}): HeavyPage {
  const markup = `<div class="bench-heavy" aria-label="More for you"><ul class="bench-heavy__list">${Array.from({ length: cards }, (_, i) => card(i)).join('\n')}</ul></div>`;
  const script = bootScript(modules);
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new Error('The fixture has no </body>');
  const grown = `${html.slice(0, at)}${markup}\n<script>${script}</script>\n${html.slice(at)}`;
  return {
    html: grown,
    addedElements: cards * 12 + 3,
    markupKB: Math.round(markup.length / 1024),
    scriptKB: Math.round(script.length / 1024),
  };
}
