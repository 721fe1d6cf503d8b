import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/request-path/rack.ts';
import type { PortSettings } from '../../../machines/model.ts';
import { compareRequests } from './compare.ts';
import { scenarioRack } from './scenarios.ts';
import { plantTraffic, SECURE_COMM_ONLY } from './traffic.ts';

describe('plant traffic', () => {
  it('all of it works on the out-of-box unit', () => {
    const rack = createRack(scenarioRack());
    expect(compareRequests(rack.view(), plantTraffic()).map((r) => [r.who, r.summary])).toEqual(
      plantTraffic().map((t) => [t.label, 'gets through']),
    );
    rack.stop();
  });

  it('§2-2-2 example: with every function set to Not use, only Secure Comm remains', () => {
    const rack = createRack(scenarioRack({ ports: SECURE_COMM_ONLY }));
    const rows = compareRequests(rack.view(), plantTraffic());
    expect(rows.filter((r) => r.outcome.allowed).map((r) => r.who)).toEqual(['CX-Programmer reads D100 over Secure Comm']);
    for (const r of rows.filter((x) => !x.outcome.allowed)) expect(r.outcome.blockedBy?.source, r.who).toBe('ports');
    rack.stop();
  });

  it('§2-2-2 the CIP message server switch also stops tag data links', () => {
    const rack = createRack(scenarioRack({ ports: { cipMessageServer: false } satisfies Partial<PortSettings> }));
    const tags = compareRequests(rack.view(), plantTraffic()).find((r) => r.who.includes('tag data link'));
    expect(tags?.outcome.allowed).toBe(false);
    rack.stop();
  });
});
