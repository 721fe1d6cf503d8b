/**
 * The vocabulary is written once (machines/model.ts): every value of each domain list is one a
 * lab file may use, and each enum of the lab schema holds exactly the domain's values — so a
 * value the machines know can never be refused by the content schema (as `blockedBy: [command]`
 * once was), nor can a lab name a value the machines do not know.
 */
import { describe, expect, it } from 'vitest';
import { CPU_MODEL_IDS, COMM_UNIT_IDS } from '../../machines/catalog/catalog.ts';
import { LEARNER_ACTIONS } from '../../machines/grading/lab.ts';
import { REQUEST_PATH } from '../../machines/request-path/request-path.ts';
import {
  ANSWER_FORMATS,
  ANSWER_PARTS,
  DIFFICULTIES,
  FINS_NODE_RANGE,
  FUNCTION_IDS,
  INTENTS,
  LOCAL_PORTS,
  MEMORY_AREAS,
  NETWORK_PROTOCOLS,
  OPERATING_MODES,
  PORT_KEYS,
  REPLY_TRANSPORTS,
  REQUEST_LAYERS,
  ROLES,
  STEP_SOURCES,
  UNIT_RULE_SOURCES,
} from '../../machines/model.ts';
import {
  answer,
  answerFormat,
  cpuSettings,
  difficulty,
  eipSettings,
  functionId,
  intent,
  labStep,
  localPort,
  memoryArea,
  networkProtocol,
  operatingMode,
  replyTransport,
  role,
  settingValueSchema,
  stepSource,
} from '../../src/schemas/lab.ts';

/** A graded step from a network node, with whatever the case changes. */
function step(extra: Record<string, unknown>): Record<string, unknown> {
  return { id: 'probe', label: 'A probe of the unit', from: 'Rogue laptop', protocol: 'fins-udp', operation: { kind: 'controller.read' }, intent: 'hostile', ...extra };
}

const eip = (extra: Record<string, unknown>) => ({ ip: '192.168.250.1', finsNode: 1, ...extra });
const cpu = (extra: Record<string, unknown>) => ({ program: { tasks: [], lotGuard: null }, ...extra });

describe('each enum of the lab schema holds exactly the domain values', () => {
  it.each([
    ['security functions', functionId, FUNCTION_IDS],
    ['trace step sources', stepSource, STEP_SOURCES],
    ['roles', role, ROLES],
    ['memory areas', memoryArea, MEMORY_AREAS],
    ['operating modes', operatingMode, OPERATING_MODES],
    ['local ports', localPort, LOCAL_PORTS],
    ['network protocols', networkProtocol, NETWORK_PROTOCOLS],
    ['reply transports', replyTransport, REPLY_TRANSPORTS],
    ['intents', intent, INTENTS],
    ['difficulties', difficulty, DIFFICULTIES],
    ['answer formats', answerFormat, ANSWER_FORMATS],
  ] as const)('%s', (_what, schema, domain) => {
    expect([...schema.options].sort()).toEqual([...domain].sort());
    for (const value of domain) expect(schema.safeParse(value).success, value).toBe(true);
    expect(schema.safeParse('no-such-value').success).toBe(false);
  });
});

describe('every domain value is accepted where a lab file uses it', () => {
  it.each(STEP_SOURCES)('a step may expect a refusal at %s', (source) => {
    const parsed = labStep.safeParse(step({ expect: { blockedBy: [source] } }));
    expect(parsed.error?.issues, source).toBeUndefined();
  });

  it.each(NETWORK_PROTOCOLS)('a step may arrive by %s', (protocol) => {
    expect(labStep.safeParse(step({ protocol })).success).toBe(true);
  });

  it.each(REPLY_TRANSPORTS)('a step may be a %s reply', (replyTo) => {
    expect(labStep.safeParse(step({ replyTo })).success).toBe(true);
  });

  it.each(INTENTS)('a step may be %s', (value) => {
    expect(labStep.safeParse(step({ intent: value })).success).toBe(true);
  });

  it.each(MEMORY_AREAS)('a step may read the %s area', (area) => {
    expect(labStep.safeParse(step({ operation: { kind: 'memory.read', area, address: 0, count: 1 } })).success).toBe(true);
  });

  it.each(OPERATING_MODES)('a step may switch to %s and a CPU may start in it', (mode) => {
    expect(labStep.safeParse(step({ operation: { kind: 'mode.set', mode } })).success).toBe(true);
    expect(cpuSettings.safeParse(cpu({ mode })).success).toBe(true);
  });

  it.each(ROLES)('a user may be registered as %s', (value) => {
    expect(eipSettings.safeParse(eip({ users: [{ name: 'someone', role: value, password: 'Str0ng!pass' }] })).success).toBe(true);
  });

  it('the ports table has exactly the domain ports, each Use by default', () => {
    const parsed = eipSettings.parse(eip({}));
    expect(Object.keys(parsed.ports).sort()).toEqual([...PORT_KEYS].sort());
    expect(Object.values(parsed.ports).every((v) => v === true)).toBe(true);
  });

  it('FINS node numbers: the range ends are accepted, one beyond is refused', () => {
    const { min, max } = FINS_NODE_RANGE;
    for (const node of [min, max]) expect(eipSettings.safeParse(eip({ finsNode: node })).success, String(node)).toBe(true);
    for (const node of [min - 1, max + 1]) expect(eipSettings.safeParse(eip({ finsNode: node })).success, String(node)).toBe(false);
    const excluded = (nodes: number[]) => cpuSettings.safeParse(cpu({ finsWriteProtection: { enabled: true, excludedNodes: nodes } })).success;
    expect(excluded([min, max])).toBe(true);
    expect(excluded([max + 1])).toBe(false);
  });

  it.each(CPU_MODEL_IDS)('the learner may choose the %s CPU Unit', (model) => {
    expect(settingValueSchema('hardware.cpu')?.safeParse(model).success).toBe(true);
  });

  it.each(COMM_UNIT_IDS)('the learner may fit the %s', (unit) => {
    expect(settingValueSchema('hardware.unit')?.safeParse(unit).success).toBe(true);
  });

  it('an answer has exactly the parts the browser reads', () => {
    expect(Object.keys(answer.shape).sort()).toEqual([...ANSWER_PARTS].sort());
  });

  it.each(LEARNER_ACTIONS)('an answer may take the action %s', (action) => {
    expect(answer.safeParse({ actions: [action] }).success).toBe(true);
  });
});

describe('the request path speaks the vocabulary', () => {
  it("every one of the unit's own rules is a stop of the path, and every stop sits in a request layer", () => {
    const sources = REQUEST_PATH.map((stop) => stop.source);
    for (const rule of UNIT_RULE_SOURCES) expect(sources, rule).toContain(rule);
    for (const stop of REQUEST_PATH) expect(REQUEST_LAYERS, stop.source).toContain(stop.layer);
  });
});
