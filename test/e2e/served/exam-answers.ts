/**
 * The exam bank as the served browser tests read it (never the pages: they show only stems and
 * options), and a well-prepared candidate who answers every question of the short exam with its key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { parse } from 'yaml';
import type { BankItemLike } from '../../server/exam-flow/bank-secrets.ts';

/** A bank item, as much of it as the tests read. */
export interface BankItem extends BankItemLike {
  stem: string;
  options?: { id: string; text: string; key?: boolean }[];
  steps?: { id: string; text: string }[];
  prompts?: { id: string; text: string; match: string }[];
  choices?: { id: string; text: string }[];
}

const EXAMS = join(import.meta.dirname, '../../../content/exams');
/** Every item of content/exams. */
export const BANK: BankItem[] = readdirSync(EXAMS)
  .filter((f) => f.endsWith('.yaml') && f !== 'blueprints.yaml')
  .flatMap((f) => (parse(readFileSync(join(EXAMS, f), 'utf8')) as { items: BankItem[] }).items);

/** Answers every question on the attempt page with the bank's key, found by the stem shown. */
export async function answerEverything(page: Page): Promise<number> {
  const questions = page.locator('fieldset.exam-question');
  // Counted once the attempt page shows: straight after "Start the exam" the browser may still be
  // on the page before, where a count of 0 answered nothing and the exam was handed in empty.
  await expect(questions.first()).toBeVisible();
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const stem = (await question.locator('.stem').textContent())?.trim();
    const item = BANK.find((b) => b.stem.trim() === stem);
    if (!item) throw new Error(`no bank item has the stem shown: ${stem}`);
    if (item.type === 'single' || item.type === 'multiple') {
      for (const option of item.options ?? []) if (option.key) await question.getByLabel(option.text, { exact: true }).check();
    } else if (item.type === 'ordering') {
      for (const [index, step] of (item.steps ?? []).entries()) {
        await question.getByRole('listitem').filter({ hasText: step.text }).getByRole('combobox').selectOption(String(index + 1));
      }
    } else if (item.type === 'matching') {
      for (const prompt of item.prompts ?? []) {
        const choice = item.choices?.find((c) => c.id === prompt.match)?.text ?? '';
        await question.getByRole('listitem').filter({ hasText: prompt.text }).getByRole('combobox').selectOption({ label: choice });
      }
    } else {
      throw new Error(`the short exam should draw no ${item.type} items`);
    }
  }
  return count;
}

