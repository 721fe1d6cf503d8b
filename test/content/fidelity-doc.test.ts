import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * docs/fidelity.md is the map from guideline sections to what the course teaches. A section a
 * lesson, quiz item or lab cites but the map does not list is a claim nobody has checked.
 */
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const fidelity = read('docs/fidelity.md');

/** Sections cited by lesson frontmatter, quiz items and lab learning objectives, with where. */
function citedSections(): Map<string, string[]> {
  const cited = new Map<string, string[]>();
  const add = (section: string, where: string) => cited.set(section, [...(cited.get(section) ?? []), where]);
  for (const file of readdirSync(new URL('content/lessons/', root)).filter((f) => f.endsWith('.mdx'))) {
    const front = read(`content/lessons/${file}`).match(/^sections:\s*\[(.*)\]$/m)?.[1] ?? '';
    for (const m of front.matchAll(/"(§[^"]+)"/g)) add(m[1] as string, `lesson ${file}`);
  }
  for (const file of readdirSync(new URL('content/quizzes/', root)).filter((f) => f.endsWith('.yaml'))) {
    const quiz = parse(read(`content/quizzes/${file}`)) as { items: { id: string; section: string }[] };
    for (const item of quiz.items) add(item.section, `quiz ${file} ${item.id}`);
  }
  for (const file of readdirSync(new URL('content/labs/', root)).filter((f) => f.endsWith('.yaml'))) {
    const lab = parse(read(`content/labs/${file}`)) as { learningObjectives: { sections: string[] }[] };
    for (const objective of lab.learningObjectives) for (const s of objective.sections) add(s, `lab ${file}`);
  }
  return cited;
}

/** Whether fidelity.md has a heading for the section ("§2" as a whole is "## Section 2"). */
function hasEntry(section: string): boolean {
  const whole = section.match(/^§(\d+|A)$/);
  if (whole) return new RegExp(`^## (Section ${whole[1]}\\b|Appendix)`, 'm').test(fidelity);
  const escaped = section.replace(/[-]/g, '\\-');
  return new RegExp(`^### .*${escaped}(?![-\\d])`, 'm').test(fidelity);
}

describe('docs/fidelity.md', () => {
  it('has an entry for every guideline section the lessons, quizzes and labs cite', () => {
    const missing = [...citedSections()]
      .filter(([section]) => !hasEntry(section))
      .map(([section, where]) => `${section} (cited by ${where.join(', ')}): add a "### ${section} …" entry`);
    expect(missing).toEqual([]);
  });

  it('is linked from the README and from docs/simulator.md', () => {
    expect(read('README.md')).toContain('fidelity.md');
    expect(read('docs/simulator.md')).toContain('(fidelity.md)');
  });
});
