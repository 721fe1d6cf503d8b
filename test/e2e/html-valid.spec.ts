/**
 * Every built page is valid HTML: the Nu HTML Checker (html-check.ts) reports no error over the
 * static build (dist/) and over the prerendered pages of the served build (dist-served/client/),
 * both made by `npm run test:e2e`. Pages the served course renders on request are checked where
 * their specs open them (served/: staff-accounts, instructor-class, exam-flow, class-labs).
 */
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { htmlErrors, ROOT } from './html-check.ts';

for (const build of ['dist', 'dist-served/client']) {
  test(`the Nu HTML Checker finds no error on any page of ${build}/`, () => {
    expect(existsSync(`${ROOT}${build}`), `${build}/ is not built: npm run test:e2e builds both builds before the browser tests`).toBe(true);
    // A whole build takes the checker a few seconds; on a busy machine, much longer.
    test.setTimeout(300_000);
    expect(htmlErrors(`${ROOT}${build}`)).toEqual([]);
  });
}
