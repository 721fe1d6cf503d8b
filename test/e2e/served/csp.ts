/** What the served browser tests share about the Content-Security-Policy. */
import type { Page } from '@playwright/test';

/** Collects the page's Content-Security-Policy violations as the browser reports them (the list fills as they happen). */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}
