/**
 * The error boundary every island sits in: while nothing fails it renders the island untouched;
 * once a render fails it shows a plain message (no identifiers, no stack) with a way to try
 * again, in place of the island only. (Error boundaries act in the browser; here the two render
 * states are rendered to HTML, and the e2e specs load every island page.)
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { IslandErrorBoundary, withErrorBoundary } from './error-boundary.tsx';

describe('IslandErrorBoundary', () => {
  it('renders the island itself while nothing fails', () => {
    const Island = withErrorBoundary(({ label }: { label: string }) => createElement('p', null, label), 'The quiz');
    expect(renderToStaticMarkup(createElement(Island, { label: 'Question 1' }))).toBe('<p>Question 1</p>');
  });

  it('after an error: an alert in words naming the part, saying the page and saved progress are fine, and Try again', () => {
    expect(IslandErrorBoundary.getDerivedStateFromError()).toEqual({ failed: true });
    const boundary = new IslandErrorBoundary({ what: 'The wire view', children: createElement('p', null, 'frames') });
    boundary.state = { failed: true };
    const html = renderToStaticMarkup(createElement('div', null, boundary.render()));
    expect(html).toContain('role="alert"');
    expect(html).toContain('The wire view stopped working');
    expect(html).toContain('The rest of the page still works');
    expect(html).toContain('saved progress is kept');
    expect(html).toMatch(/<button type="button"[^>]*>Try again<\/button>/);
    expect(html).not.toContain('frames');
  });
});
