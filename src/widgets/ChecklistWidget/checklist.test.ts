import { describe, expect, it } from 'vitest';
import { checklistSpec, emptyTicks, parseTicks, tickedIn, withTick } from './checklist.ts';

const spec = checklistSpec.parse({
  id: 'one-six',
  title: 'Things to do',
  groups: [
    {
      id: 'network',
      title: 'Network layer',
      entries: [
        { id: 'firewall', text: 'Put a firewall in front', section: '§1-6' },
        { id: 'ftp', text: 'Turn FTP off if not needed', section: '§1-6' },
      ],
    },
  ],
});

describe('checklist ticks', () => {
  it('keeps a tick through a save and a fresh read, without touching other lists', () => {
    const other = withTick(emptyTicks(), 'another-list', 'x', true);
    const saved = JSON.stringify(withTick(other, 'one-six', 'ftp', true));
    const read = parseTicks(saved);
    expect([...tickedIn(read, spec)]).toEqual(['ftp']);
    expect(read.lists['another-list']).toEqual(['x']);
  });

  it('unticks, and ticking twice stores the id once', () => {
    const twice = withTick(withTick(emptyTicks(), 'one-six', 'ftp', true), 'one-six', 'ftp', true);
    expect(twice.lists['one-six']).toEqual(['ftp']);
    expect(withTick(twice, 'one-six', 'ftp', false).lists['one-six']).toEqual([]);
  });

  it('treats damaged or foreign storage as no ticks instead of failing', () => {
    for (const raw of [null, '{not json', '{"version":2,"lists":{}}', '{"version":1,"lists":{"one-six":"ftp"}}']) {
      expect(tickedIn(parseTicks(raw), spec).size).toBe(0);
    }
  });

  it('ignores stored ids the list no longer has', () => {
    const read = parseTicks(JSON.stringify({ version: 1, lists: { 'one-six': ['gone', 'firewall'] } }));
    expect([...tickedIn(read, spec)]).toEqual(['firewall']);
  });

  it('refuses a list with a repeated entry id, naming where', () => {
    const bad = checklistSpec.safeParse({
      id: 'dup',
      title: 'Dup list',
      groups: [
        { id: 'a', title: 'Group A', entries: [{ id: 'x', text: 'Do it once', section: '§1-6' }] },
        { id: 'b', title: 'Group B', entries: [{ id: 'x', text: 'Do it twice', section: '§1-6' }] },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['groups', 1, 'entries', 0, 'id']);
    expect(bad.error?.issues[0]?.message).toMatch(/"x" is used twice/);
  });
});
