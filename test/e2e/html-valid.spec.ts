/**
 * Every built page is valid HTML: the Nu HTML Checker (npm's vnu-jar, run on Debian's Java, which
 * scripts/ensure-tools.mjs installs) reports no error over the static build (dist/) and over the
 * prerendered pages of the served build (dist-served/client/), both made by `npm run test:e2e`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const ROOT = new URL('../../', import.meta.url).pathname;
const JAVA = process.env.JAVA_PATH || '/usr/bin/java';
const VNU = `${ROOT}node_modules/vnu-jar/build/dist/vnu.jar`;

/** One message of the checker's JSON report. */
interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/** The checker's errors over a folder of built pages, as "page:line: message" lines. */
function htmlErrors(dir: string): string[] {
  let report: string;
  try {
    // The checker exits 1 when it finds errors; its JSON report is on stderr either way.
    execFileSync(JAVA, ['-jar', VNU, '--errors-only', '--skip-non-html', '--format', 'json', dir], { stdio: 'pipe', timeout: 300_000 });
    return [];
  } catch (error) {
    report = String((error as { stderr?: Buffer }).stderr ?? '');
    if (!report.trim().startsWith('{')) throw error;
  }
  const { messages } = JSON.parse(report) as { messages: VnuMessage[] };
  return messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${(m.url ?? '').replace(`file:${ROOT}`, '')}:${m.lastLine ?? '?'}: ${m.message}`);
}

for (const build of ['dist', 'dist-served/client']) {
  test(`the Nu HTML Checker finds no error on any page of ${build}/`, () => {
    expect(existsSync(`${ROOT}${build}`), `${build}/ is not built: npm run test:e2e builds both builds before the browser tests`).toBe(true);
    // A whole build takes the checker a few seconds; on a busy machine, much longer.
    test.setTimeout(300_000);
    expect(htmlErrors(`${ROOT}${build}`)).toEqual([]);
  });
}
