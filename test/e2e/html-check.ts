/**
 * The Nu HTML Checker (npm's vnu-jar, run on Debian's Java, which scripts/ensure-tools.mjs
 * installs) as the browser tests use it: the errors it finds in a file or a folder of pages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const ROOT = new URL('../../', import.meta.url).pathname;
const JAVA = process.env.JAVA_PATH || '/usr/bin/java';
const VNU = `${ROOT}node_modules/vnu-jar/build/dist/vnu.jar`;

/** One message of the checker's JSON report. */
interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/** The checker's errors over a page or a folder of pages, as "page:line: message" lines. */
export function htmlErrors(path: string): string[] {
  let report: string;
  try {
    // The checker exits 1 when it finds errors; its JSON report is on stderr either way.
    execFileSync(JAVA, ['-jar', VNU, '--errors-only', '--skip-non-html', '--format', 'json', path], { stdio: 'pipe', timeout: 300_000 });
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

/** One page as the server sent it. */
export interface SentPage {
  url: string;
  text: string;
}

/**
 * Starts keeping every page (document, 200) `page` is sent; `all()` resolves with them so far. A
 * page the browser left before its body could be read (a script moving on at once) is skipped:
 * callers name the pages they need to have seen.
 */
export function keepSentPages(page: Page): { all(): Promise<SentPage[]> } {
  const sent: Promise<SentPage | null>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'document') return;
    sent.push(
      request.response().then(async (response) => (response?.status() === 200 ? { url: response.url(), text: await response.text() } : null)).catch(() => null),
    );
  });
  return { all: async () => (await Promise.all(sent)).filter((p): p is SentPage => p !== null) };
}

/** The checker's errors over `pages`, written as files into `folder` (a test's output folder). */
export function sentPageErrors(pages: readonly SentPage[], folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  for (const [i, { url, text }] of pages.entries()) writeFileSync(join(folder, `${i}-${new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-')}.html`), text);
  return htmlErrors(folder);
}
