/**
 * `npm run bench`: runs every benchmark section, prints its tables and writes bench/RESULTS.md.
 * A section is a module whose default export is a BenchSection (see section.ts); to add one,
 * add its file to SECTIONS.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchSection, BenchTable } from './section.ts';

const SECTIONS = ['./site.ts', './simulator.ts', './lab.ts', './served.ts', './bridge.ts', './lighthouse.ts', './alive.ts'];

function markdown(table: BenchTable): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    ...(table.caption ? [table.caption, ''] : []),
    line(table.headers),
    line(table.headers.map(() => '---')),
    ...table.rows.map(line),
  ].join('\n');
}

const started = new Date();
const out: string[] = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC — Node ${process.version}, ` +
    `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM.`,
];
const failures: string[] = [];

for (const path of SECTIONS) {
  const section = (await import(path)).default as BenchSection;
  console.log(`\n== ${section.title}`);
  const result = await section.run();
  out.push('', `## ${section.title}`);
  for (const table of result.tables) {
    const text = markdown(table);
    console.log(`\n${text}`);
    out.push('', text);
  }
  if (result.notes?.length) out.push('', ...result.notes.map((n) => `- ${n}`));
  for (const failure of result.failures ?? []) {
    failures.push(`${section.title}: ${failure}`);
  }
}

if (failures.length) out.push('', '## Over budget', '', ...failures.map((f) => `- ${f}`));
writeFileSync(new URL('./RESULTS.md', import.meta.url), `${out.join('\n')}\n`);
console.log('\nWrote bench/RESULTS.md');
if (failures.length) {
  console.error(`\nOver budget:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
}
