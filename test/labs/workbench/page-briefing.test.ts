import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { drawValues, instantiate, splitPlaceholders, substitute, template } from '../../../machines/grading/variants.ts';
import { BriefingView, markedPlaceholders } from '../../../src/labs/Briefing.tsx';
import { allLabs } from '../lab-fixtures.ts';

const idFor = (name: string) => name;
const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');

/** What the island does to the page's marked spans (fillPlaceholders), done on the markup. */
function filled(markup: string, values: Record<string, string | number>): string {
  return markup.replace(/<span data-lab-var="([^"]*)">[^<]*<\/span>/g, (_m, placeholder: string) =>
    escapeHtml(String(substitute(placeholder.replaceAll('&amp;', '&'), values))),
  );
}

describe('splitPlaceholders', () => {
  it('cuts a text at its placeholders and keeps the text between them', () => {
    expect(splitPlaceholders('from ${eng1} to 192.168.${hmiNet}.0 (node ${eng1.host})')).toEqual([
      'from ',
      { placeholder: '${eng1}' },
      ' to 192.168.',
      { placeholder: '${hmiNet}' },
      '.0 (node ',
      { placeholder: '${eng1.host}' },
      ')',
    ]);
    expect(splitPlaceholders('no placeholder')).toEqual(['no placeholder']);
  });
});

describe('the lab page’s static briefing', () => {
  it('shows, once the island fills it for a learner, exactly the briefing of that learner’s variant', async () => {
    const labs = await allLabs();
    let marked = 0;
    for (const lab of labs) {
      const page = renderToStaticMarkup(
        createElement(BriefingView, { lab: template(lab), exam: false, idFor, view: markedPlaceholders(drawValues(lab.variables)) }),
      );
      marked += (page.match(/data-lab-var=/g) ?? []).length;
      // With no script the default variant shows, the placeholders never.
      expect(page.replace(/data-lab-var="[^"]*"/g, ''), lab.id).not.toContain('${');
      expect(filled(page, drawValues(lab.variables)), lab.id).toBe(renderToStaticMarkup(createElement(BriefingView, { lab, exam: false, idFor })));
      for (const seed of [1, 77, 4242]) {
        const variant = instantiate(lab, seed);
        const expected = renderToStaticMarkup(createElement(BriefingView, { lab: variant, exam: false, idFor }));
        expect(filled(page, variant.values), `${lab.id} seed ${seed}`).toBe(expected);
      }
    }
    // The labs do draw values into their briefings: the check above is not vacuous.
    expect(marked).toBeGreaterThan(10);
  });
});
