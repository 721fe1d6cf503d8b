/**
 * The Nu HTML Checker (npm's vnu-jar, run on Debian's Java, which scripts/ensure-tools.mjs
 * installs) as the browser tests use it: the errors it finds in a file or a folder of pages.
 */
import { execFileSync } from 'node:child_process';

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
