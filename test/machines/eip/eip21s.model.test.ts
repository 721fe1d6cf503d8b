/**
 * Model-based test of the EIP21S machine: xstate/graph walks every reachable state with a
 * fixed set of sample events, and every path is replayed on a real actor whose observable
 * behaviour is checked in every state. Coverage of states and of guarded transitions is
 * measured from the machine definition and printed.
 */
import { type AnyStateNode, createActor, transition } from 'xstate';
import { createTestModel, getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { type Eip21sContext, type Eip21sEvent, type Eip21sSnapshot, eip21sMachine, eipView, outOfBoxSettings } from '../../../machines/eip/eip21s.machine.ts';
import type { UserAccount } from '../../../machines/model.ts';

const ADA: UserAccount = { name: 'ada', role: 'administrator', password: 'Adm1n-pass' };
const OLLY: UserAccount = { name: 'olly', role: 'operator', password: 'Op3rator-pass' };
const AT = '2026-03-01T08:30:00';
const RULE = { ip: '192.168.250.2', mask: '255.255.255.255' };

/** Valid and invalid samples of every event, enough to take each guarded branch somewhere. */
const EVENTS: Eip21sEvent[] = [
  { type: 'users.added', user: ADA },
  { type: 'users.added', user: OLLY },
  { type: 'users.added', user: { name: 'weak', role: 'operator', password: 'short' } },
  { type: 'users.removed', name: 'ada' },
  { type: 'users.removed', name: 'olly' },
  { type: 'users.removed', name: 'ghost' },
  { type: 'users.roleChanged', name: 'ada', role: 'operator' },
  { type: 'users.roleChanged', name: 'olly', role: 'administrator' },
  { type: 'users.roleChanged', name: 'ghost', role: 'observer' },
  { type: 'users.passwordChanged', name: 'ada', password: ADA.password },
  { type: 'users.passwordChanged', name: 'ada', password: 'weak' },
  { type: 'auth.attempted', ip: '192.168.250.2', user: 'ada', password: ADA.password, at: AT },
  { type: 'auth.attempted', ip: '192.168.250.77', user: 'ada', password: 'guess', at: AT },
  { type: 'session.closed', ip: '192.168.250.2' },
  { type: 'filter.ruleAdded', rule: RULE },
  { type: 'filter.ruleAdded', rule: { ip: '192.168.250.2', mask: '255.0.255.0' } },
  { type: 'filter.ruleRemoved', rule: RULE },
  { type: 'filter.enabled' },
  { type: 'filter.disabled' },
  { type: 'ports.set', port: 'cipMessageServer', use: false },
  { type: 'ports.set', port: 'telnet' as 'snmp', use: false },
  { type: 'snmp.communitySet', community: 'plant-ro' },
  { type: 'snmp.communitySet', community: '' },
  { type: 'ftp.loginSet', login: { user: 'CONFIDENTIAL', password: 'Mx7-rq2k' } },
  { type: 'ftp.loginSet', login: { user: 'CONFIDENTIAL', password: 'far too long for FTP' } },
  { type: 'log.recorded', entry: { at: AT, ip: '192.168.250.2', user: 'ada', operation: 'memory.read', result: 'success' } },
  { type: 'log.recorded', entry: { at: 'soon', ip: '192.168.250.2', user: 'ada', operation: 'memory.read', result: 'success' } },
  { type: 'clock.autoAdjustSet', enabled: true, server: '192.168.250.123' },
  { type: 'clock.autoAdjustSet', enabled: true, server: 'ntp' },
  { type: 'clock.sntpReplied', serverTime: AT },
  { type: 'unit.restarted', outOfBox: true },
  { type: 'unit.restarted', outOfBox: false },
];

const INPUT = { model: 'CS1W-EIP21S', settings: outOfBoxSettings(1) } as const;

const startActor = () => createActor(eip21sMachine, { input: INPUT }).start();

/**
 * What decides the unit's next move: state, users and roles, rule count, sessions, whether
 * clock adjustment is on. Log contents, ports and error texts are left out so the graph stays
 * small; no guard reads them.
 */
function abstractKey(s: Eip21sSnapshot): string {
  const c: Eip21sContext = s.context;
  return JSON.stringify([s.value, c.users.map((u) => `${u.name}:${u.role}`), c.filter.rules.length, Object.keys(c.sessions), c.clock.enabled]);
}

/** Every event-driven transition of the definition, one per guarded branch. */
function allTransitions(node: AnyStateNode, out = new Map<unknown, string>()): Map<unknown, string> {
  for (const [eventType, defs] of node.transitions) {
    defs.forEach((def, i) => {
      out.set(def, `${node.id} ${eventType}[${i}]${def.guard ? ` if ${String((def.guard as { type?: string }).type ?? def.guard)}` : ''}`);
    });
  }
  for (const child of Object.values(node.states)) allTransitions(child, out);
  return out;
}

/** Every leaf state of every region. */
function allLeafStates(node: AnyStateNode): string[] {
  const children = Object.values(node.states);
  if (children.length === 0) return [node.id];
  return children.flatMap((c) => allLeafStates(c));
}

/** What a learner could observe in each state, checked on the real actor after every step. */
function checkInvariants(snapshot: Eip21sSnapshot): void {
  const view = eipView(snapshot);
  const admins = view.users.filter((u) => u.role === 'administrator').length;
  if (snapshot.matches({ userAuth: 'noUsers' })) {
    expect(view.users).toEqual([]);
    expect(view.secureCommAvailable).toBe(false);
  }
  if (snapshot.matches({ userAuth: 'administered' })) expect(admins).toBeGreaterThan(0);
  if (snapshot.matches({ userAuth: 'noAdministrator' })) expect(admins).toBe(0);
  expect(snapshot.matches({ filter: 'used' })).toBe(view.filter.enabled);
  for (const [ip, session] of Object.entries(view.sessions)) {
    expect(view.users.find((u) => u.name === session.user)?.role, `session from ${ip}`).toBe(session.role);
  }
}

describe('EIP21S machine model', () => {
  it('§2-3-1 §2-2-1 shortest paths reach every state of both regions', () => {
    const paths = getShortestPaths(eip21sMachine, { input: INPUT, events: EVENTS, serializeState: abstractKey });
    const reached = new Set(
      paths.flatMap((p) => Object.entries(p.state.value as Record<string, string>).map(([region, leaf]) => `eip21s.${region}.${leaf}`)),
    );
    const leaves = allLeafStates(eip21sMachine.root).filter((id) => !id.endsWith('.booting'));
    const missing = leaves.filter((id) => !reached.has(id));
    console.log(`EIP21S states reached: ${leaves.length - missing.length}/${leaves.length} (${paths.length} abstract states)`);
    expect(missing).toEqual([]);
    // Every combination of the two regions occurs.
    const combos = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    expect(combos.size).toBe(3 * 2);
  });

  it('§2-3-1 §2-2-1 §4-1-2 every path replays on a real actor and every guarded transition is taken', async () => {
    const model = createTestModel(eip21sMachine, { input: INPUT, events: EVENTS, serializeState: abstractKey });
    const statePaths = model.getShortestPaths({ allowDuplicatePaths: true });
    const definitions = allTransitions(eip21sMachine.root);
    const taken = new Set<unknown>();
    const restartTargets = new Set<string>();

    /** Sends an event to the real actor, noting which transition definitions it takes. */
    const sendTracked = (actor: ReturnType<typeof startActor>, event: Eip21sEvent) => {
      for (const def of eip21sMachine.getTransitionData(actor.getSnapshot(), event)) taken.add(def);
      actor.send(event);
      if (event.type === 'unit.restarted') restartTargets.add(JSON.stringify(actor.getSnapshot().value));
    };
    /** The real actor is where the model says it is, with the same observable context. */
    const expectSame = (real: Eip21sSnapshot, expected: Eip21sSnapshot) => {
      expect(real.value).toEqual(expected.value);
      expect(abstractKey(real)).toBe(abstractKey(expected));
      checkInvariants(real);
    };

    // 1. One path to every abstract state, checked after every step.
    for (const path of statePaths) {
      const actor = startActor();
      await path.test({
        states: { '*': (expected) => expectSame(actor.getSnapshot(), expected) },
        events: Object.fromEntries(
          [...new Set(EVENTS.map((e) => e.type))].map((type) => [type, (step: { event: Eip21sEvent }) => sendTracked(actor, step.event)]),
        ),
      });
      actor.stop();
    }

    // 2. Every sample event from every state: replay the ones that take a transition not yet taken.
    let extensions = 0;
    for (const path of statePaths) {
      for (const event of EVENTS) {
        const defs = eip21sMachine.getTransitionData(path.state, event);
        const [expected] = transition(eip21sMachine, path.state, event);
        // A restart also takes an eventless branch of each booting state: count where it lands.
        const newLanding = event.type === 'unit.restarted' && !restartTargets.has(JSON.stringify(expected.value));
        if (defs.every((d) => taken.has(d)) && !newLanding) continue;
        extensions++;
        const actor = startActor();
        for (const step of path.steps) sendTracked(actor, step.event);
        sendTracked(actor, event);
        expectSame(actor.getSnapshot(), expected);
        actor.stop();
      }
    }

    const missing = [...definitions].filter(([def]) => !taken.has(def)).map(([, label]) => label);
    console.log(`EIP21S transitions covered: ${definitions.size - missing.length}/${definitions.size} (${statePaths.length} state paths + ${extensions} one-event extensions)`);
    expect(missing).toEqual([]);

    // The booting states' eventless branches: a restart lands in each user-auth state and each filter state.
    const landed = [...restartTargets].map((v) => JSON.parse(v) as { userAuth: string; filter: string });
    const branches = new Set(landed.map((v) => v.userAuth)).size + new Set(landed.map((v) => v.filter)).size;
    console.log(`EIP21S eventless (booting) branches covered: ${branches}/5`);
    expect(new Set(landed.map((v) => v.userAuth))).toEqual(new Set(['noUsers', 'administered', 'noAdministrator']));
    expect(new Set(landed.map((v) => v.filter))).toEqual(new Set(['notUsed', 'used']));
  });
});
