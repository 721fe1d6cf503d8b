import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import { FTP_GUESSES, ftpLoginRequest, guessFtpPassword } from './ftp-guessing.ts';
import { ROGUE_LAPTOP } from '../kit/nodes.ts';
import { SCENARIO_FTP_LOGIN, type ScenarioOptions, scenarioRack } from '../kit/scenarios.ts';

const racks: Rack[] = [];
function rack(options: ScenarioOptions = {}): Rack {
  const r = createRack(scenarioRack(options));
  racks.push(r);
  return r;
}
afterEach(() => {
  for (const r of racks.splice(0)) r.stop();
});

describe('lesson 7: guessing the FTP password (§1-6, no password lock)', () => {
  it("§1-6 the plant's weak password is found after every earlier guess was refused, and nothing locks", () => {
    const r = rack();
    const result = guessFtpPassword((req) => r.send(req), ROGUE_LAPTOP, SCENARIO_FTP_LOGIN.user);
    const at = FTP_GUESSES.indexOf(SCENARIO_FTP_LOGIN.password);
    expect(at).toBeGreaterThan(0);
    expect(result.found).toBe(SCENARIO_FTP_LOGIN.password);
    expect(result.attempts).toHaveLength(at + 1);
    expect(result.attempts.slice(0, -1).every((a) => a.stoppedAt === 'ftp-login')).toBe(true);
    expect(result.attempts.at(-1)?.outcome.allowed).toBe(true);
  });

  it('§1-6 a password outside the list survives this list, still without a lock', () => {
    const r = rack({ ftpLogin: { user: 'CONFIDENTIAL', password: 'Qz7-k2Lw' } });
    const result = guessFtpPassword((req) => r.send(req), ROGUE_LAPTOP, 'CONFIDENTIAL');
    expect(result.found).toBeNull();
    expect(result.unanswered).toBe(false);
    expect(result.attempts).toHaveLength(FTP_GUESSES.length);
    // The next attempt is answered like the first: the server never locked the login.
    expect(r.send(ftpLoginRequest(ROGUE_LAPTOP, 'CONFIDENTIAL', 'one-more')).blockedBy?.source).toBe('ftp-login');
  });

  it('§2-2-2 with the FTP server set to Not use the attack gets no answer and tries no password', () => {
    const r = rack({ ports: { ftpServer: false } });
    const result = guessFtpPassword((req) => r.send(req), ROGUE_LAPTOP, 'CONFIDENTIAL');
    expect(result.unanswered).toBe(true);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]?.stoppedAt).toBe('ports');
  });

  it('§1-6 the factory login (no password) falls to the first guess', () => {
    const r = rack({ ftpLogin: { user: 'CONFIDENTIAL', password: '' } });
    expect(guessFtpPassword((req) => r.send(req), ROGUE_LAPTOP, 'CONFIDENTIAL').attempts).toHaveLength(1);
  });
});
