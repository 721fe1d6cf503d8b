import { LESSON_FOR_FUNCTION } from '../../../machines/grading/lab.ts';
import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/request-path/rack.ts';
import { FUNCTION_IDS, type Request } from '../../../machines/model.ts';
import { ENGINEERING_PC, HMI, PLANT_NODES, ROGUE_LAPTOP } from './nodes.ts';
import { OPERATION_PRESETS, requestFrom } from './requests.ts';
import { PLANT_USERS, SCENARIO_LOT, scenarioRack, userWithRole } from './scenarios.ts';
import {
  lessonHrefFor,
  outcomeSummary,
  refusalAnswer,
  SOURCE_TITLES,
  sourceTitle,
  traceRows,
} from './trace.ts';

const filtered = () => createRack(scenarioRack({ filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } }));

describe('trace rows and summary', () => {
  it('§2-2-1 the rogue laptop is summarised as blocked at IP packet filtering with no response', () => {
    const rack = filtered();
    const outcome = rack.send(requestFrom(PLANT_NODES, ROGUE_LAPTOP.id, OPERATION_PRESETS.readD100.operation, 'fins-udp'));
    expect(outcomeSummary(outcome)).toBe(
      'Blocked at IP packet filtering (§2-2-1) — no response: the packet was dropped before it reached the CPU Unit, so the sender only sees a timeout.',
    );
    const rows = traceRows(outcome);
    expect(rows.at(-1)).toMatchObject({ source: 'ip-filter', verdictLabel: 'Blocked', section: '§2-2-1', href: '/lessons/06-ip-packet-filtering/' });
    expect(rows[0]?.title).toBe('Route to the CPU Unit');
    rack.stop();
  });

  it('an allowed request says so and lists every step in order', () => {
    const rack = filtered();
    const outcome = rack.send(requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.readD100.operation, 'fins-udp'));
    expect(outcome.allowed).toBe(true);
    expect(outcomeSummary(outcome)).toMatch(/^Allowed: passed every layer/);
    expect(traceRows(outcome).map((r) => r.step)).toEqual(outcome.trace.map((_, i) => i + 1));
    rack.stop();
  });

  it('§2-5-3 a FINS refusal from the CPU names its end code', () => {
    const config = scenarioRack();
    config.cpu.settings.finsWriteProtection = { enabled: true, excludedNodes: [] };
    const rack = createRack(config);
    const outcome = rack.send(requestFrom(PLANT_NODES, HMI.id, OPERATION_PRESETS.writeD100.operation, 'fins-udp'));
    expect(outcome.allowed).toBe(false);
    expect(outcomeSummary(outcome)).toMatch(/^Blocked at FINS write protection \(§2-5-3\) — refused with end code 0x2101 Area read-only\.$/);
    expect(traceRows(outcome).at(-1)?.endCode).toBe('0x2101 Area read-only');
    rack.stop();
  });

  it('every function has a lesson link and a title; the operating mode has no lesson', () => {
    for (const id of FUNCTION_IDS) {
      expect(lessonHrefFor(id, '/base')).toBe(`/base/lessons/${LESSON_FOR_FUNCTION[id]}/`);
      expect(sourceTitle(id)).toBe(SOURCE_TITLES[id]);
      expect(sourceTitle(id).length).toBeGreaterThan(3);
    }
    expect(lessonHrefFor('operating-mode')).toBeNull();
  });
});

describe('what comes back when a refusal carries no end code', () => {
  const send = (rack: ReturnType<typeof createRack>, request: Request) => {
    const outcome = rack.send(request);
    rack.stop();
    return outcome;
  };

  it('§2-3-2 a PLC-name mismatch: the Support Software declines to go online, it is not a drop', () => {
    const request: Request = { ...requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.uploadProgram.operation, 'fins-udp'), projectPlcName: 'OTHER_LINE' };
    const outcome = send(createRack(scenarioRack()), request);
    expect(outcome.blockedBy?.source).toBe('plc-name');
    expect(outcomeSummary(outcome)).toBe('Blocked at PLC names (§2-3-2) — the Support Software declines to go online, so no command is sent to the CPU Unit.');
    expect(outcomeSummary(outcome)).not.toMatch(/dropped|no response/);
  });

  it('§2-5-4 a copy set to RUN on another unit: the program guard keeps the logic idle (our simplification said)', () => {
    const config = scenarioRack({ mode: 'PROGRAM' });
    config.cpu.lotNumber = '091105';
    config.cpu.settings.program = { ...config.cpu.settings.program, lotGuard: SCENARIO_LOT };
    const outcome = send(createRack(config), requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.runCpu.operation, 'fins-udp'));
    expect(outcome.blockedBy?.source).toBe('lot-number');
    expect(refusalAnswer(outcome)).toMatch(/^the program's own guard keeps its control logic idle on this unit \(simplified: a real CPU enters the mode/);
  });

  it('§2-3-1 a wrong Secure Comm password gets an authentication error, not silence', () => {
    const aiko = userWithRole('administrator');
    const request = requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.readD100.operation, 'secure-comm', { user: aiko.name, password: 'wrong-Pass1' });
    const outcome = send(createRack(scenarioRack()), request);
    expect(outcome.blockedBy?.source).toBe('user-auth');
    expect(refusalAnswer(outcome, request)).toMatch(/Secure Comm authentication error/);
  });

  it('§2-4-1 an observer asking to write gets a Secure Comm error for their authority', () => {
    const olga = userWithRole('observer', PLANT_USERS);
    const request = requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.writeD100.operation, 'secure-comm', { user: olga.name, password: olga.password });
    const outcome = send(createRack(scenarioRack()), request);
    expect(outcome.blockedBy?.source).toBe('operation-authority');
    expect(outcomeSummary(outcome, request)).toMatch(/— the EIP21S turns the operation down with a Secure Comm error/);
  });

  it('§2-5-3 over Secure Comm the CPU end code travels inside the encryption; over CIP there is none', () => {
    const config = scenarioRack();
    config.cpu.settings.finsWriteProtection = { enabled: true, excludedNodes: [] };
    const aiko = userWithRole('administrator');
    const secure = requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.writeD100.operation, 'secure-comm', { user: aiko.name, password: aiko.password });
    const secureOutcome = send(createRack(config), secure);
    expect(refusalAnswer(secureOutcome, secure)).toBe('refused with end code 0x2101 Area read-only, inside the encrypted Secure Comm session');

    const cip = requestFrom(PLANT_NODES, HMI.id, OPERATION_PRESETS.writeD100.operation, 'cip');
    const cipOutcome = send(createRack(config), cip);
    expect(cipOutcome.blockedBy?.source).toBe('fins-write-protection');
    expect(cipOutcome.endCode).toBeUndefined();
    expect(refusalAnswer(cipOutcome, cip)).toBe('refused in a CIP message answer, which carries no FINS end code');
    // without the request, the lost end code still tells it was not a drop
    expect(refusalAnswer(cipOutcome)).toBe("refused in the protocol's own answer, which carries no FINS end code");
  });

  it('an allowed request has no refusal answer', () => {
    const outcome = send(createRack(scenarioRack()), requestFrom(PLANT_NODES, HMI.id, OPERATION_PRESETS.readD100.operation, 'fins-udp'));
    expect(refusalAnswer(outcome)).toBeNull();
  });
});
