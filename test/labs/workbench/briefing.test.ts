import { describe, expect, it } from 'vitest';
import { briefingBlocks, inlines } from '../../../src/labs/briefing.ts';

describe('briefing Markdown', () => {
  it('splits paragraphs on blank lines and joins wrapped lines', () => {
    expect(briefingBlocks('One line\nwrapped.\n\nSecond.')).toEqual([
      { kind: 'p', inlines: [{ text: 'One line wrapped.' }] },
      { kind: 'p', inlines: [{ text: 'Second.' }] },
    ]);
  });

  it('reads bullet and numbered lists, with indented continuation lines', () => {
    const blocks = briefingBlocks('- first item\n  continues\n- second\n\n1. **Step** one\n2. two');
    expect(blocks).toEqual([
      { kind: 'ul', items: [[{ text: 'first item continues' }], [{ text: 'second' }]] },
      { kind: 'ol', items: [[{ text: 'Step', strong: true }, { text: ' one' }], [{ text: 'two' }]] },
    ]);
  });

  it('marks bold, italic and code, and keeps markup inside code literal', () => {
    expect(inlines('a **b** *c* `d **e**` f')).toEqual([
      { text: 'a ' },
      { text: 'b', strong: true },
      { text: ' ' },
      { text: 'c', em: true },
      { text: ' ' },
      { text: 'd **e**', code: true },
      { text: ' f' },
    ]);
  });

  it('leaves HTML as text (nothing in a lab file becomes markup)', () => {
    expect(briefingBlocks('<script>alert(1)</script>')).toEqual([{ kind: 'p', inlines: [{ text: '<script>alert(1)</script>' }] }]);
  });
});
