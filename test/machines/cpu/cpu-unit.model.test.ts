/**
 * Model-based test of the CPU Unit machine: `xstate/graph` finds a shortest path to every
 * abstract state (mode × DIP switches × card × overwrite prohibition); each path is replayed on
 * a real actor, then every event is tried from its end. Invariants about the Auxiliary Area are
 * checked at every snapshot, and the states and transitions reached are counted against the
 * machine's definition.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createActor, type AnyTransitionDefinition, type InspectionEvent } from 'xstate';
import { createTestModel, getShortestPaths, getStateNodes } from 'xstate/graph';
import { decodeTimestamp } from '../../../machines/cpu/bcd.ts';
import { AUX, lotNumberWords, readWords } from '../../../machines/cpu/cpu-hardware.ts';
import {
  cpuUnitMachine,
  isControlRunning,
  type CpuUnitEvent,
  type CpuUnitInput,
  type CpuUnitSnapshot,
} from '../../../machines/cpu/cpu-unit.machine.ts';
import { cpuInput, PROGRAM } from '../cpu-fixtures.ts';

const bad = (event: object) => event as CpuUnitEvent;

/** Every event type, with valid and invalid data so both branches of each guard are taken. */
const EVENTS: CpuUnitEvent[] = [
  { type: 'mode.set', mode: 'PROGRAM' },
  { type: 'mode.set', mode: 'MONITOR' },
  { type: 'mode.set', mode: 'RUN' },
  bad({ type: 'mode.set', mode: 'STOP' }),
  { type: 'program.transferred', program: { ...PROGRAM, lotGuard: '080620' } },
  bad({ type: 'program.transferred', program: { tasks: 'none', lotGuard: null } }),
  { type: 'program.tasksEdited', tasks: [{ id: 1, name: 'Conveyor', code: 'NOP' }] },
  { type: 'program.tasksEdited', tasks: [] },
  { type: 'parameters.written', settings: { startupMode: 'RUN' } },
  { type: 'parameters.written', settings: {} },
  { type: 'memory.written', area: 'D', address: 100, values: [1] },
  { type: 'memory.written', area: 'A', address: 90, values: [0] },
  { type: 'memory.cleared' },
  { type: 'clock.set', at: '2026-06-30T12:00:00' },
  { type: 'clock.set', at: '2026-06-31T12:00:00' },
  { type: 'clock.advanced', seconds: 3600 },
  { type: 'clock.advanced', seconds: -1 },
  { type: 'power.on' },
  { type: 'card.inserted', contents: { program: PROGRAM, memory: { D: { 0: 5 } } } },
  bad({ type: 'card.inserted', contents: null }),
  { type: 'card.removed' },
  { type: 'dip.set', writeProtect: true },
  { type: 'dip.set', writeProtect: false },
  { type: 'dip.set', memoryCardAutoLoad: true },
  { type: 'dip.set' },
  { type: 'protection.configured', umPassword: 'Pr0tect!', prohibitOverwrite: true },
  { type: 'protection.configured', umPassword: 'no good' },
  { type: 'protection.passwordSet' },
  { type: 'finsProtection.set', enabled: true, excludedNodes: [2] },
  { type: 'finsProtection.set', enabled: true, excludedNodes: [2, 2] },
  { type: 'plcName.set', name: 'LINE1' },
  bad({ type: 'plcName.set', name: 42 }),
  { type: 'lotNumber.set', lotNumber: '111111' },
  { type: 'error.occurred', code: 0x80f1, message: 'Program error' },
  { type: 'error.occurred', code: -1, message: 'x' },
];

/** Inputs whose union reaches every branch: each start mode, a CJ (PLC names) and a CS (refused). */
const SCENARIOS: { label: string; input: CpuUnitInput }[] = [
  { label: 'CJ2H starting in PROGRAM', input: cpuInput() },
  { label: 'CJ2M-EIP starting in RUN', input: cpuInput({ model: 'CJ2M-EIP', settings: { mode: 'RUN' } }) },
  { label: 'CS1G/H starting in MONITOR', input: cpuInput({ model: 'CS1G/H', settings: { mode: 'MONITOR' } }) },
];

/** The abstraction the traversal explores: what decides which branch an event takes. */
function serializeState(s: CpuUnitSnapshot): string {
  const c = s.context;
  return JSON.stringify([s.value, c.dip.writeProtect, c.dip.memoryCardAutoLoad, c.card !== null, c.protection.effective.prohibitOverwrite]);
}

// ─── What the machine defines ───

const allNodes = [cpuUnitMachine.root, ...getStateNodes(cpuUnitMachine.root)];
const definedStates = getStateNodes(cpuUnitMachine.root).map((n) => n.id);
const definedTransitions: AnyTransitionDefinition[] = allNodes.flatMap((n) => [...[...n.transitions.values()].flat(), ...(n.always ?? [])]);
const reachedStates = new Set<string>();
const reachedTransitions = new Set<AnyTransitionDefinition>();

function record(event: InspectionEvent): void {
  if (event.type === '@xstate.microstep') {
    for (const t of event._transitions) {
      reachedTransitions.add(t);
      reachedStates.add(t.source.id);
    }
  }
  if (event.type === '@xstate.snapshot') {
    for (const node of (event.snapshot as CpuUnitSnapshot)._nodes) reachedStates.add(node.id);
  }
}

// ─── Invariants at every snapshot ───

function checkInvariants(s: CpuUnitSnapshot, input: CpuUnitInput): void {
  const c = s.context;
  expect(['PROGRAM', 'MONITOR', 'RUN']).toContain(s.value);
  // A351–A354 always show the clock; A90–A97 are always valid BCD timestamps (§2-5-5)
  expect(decodeTimestamp(readWords(c.memory, 'A', AUX.clock, 4))).toBe(c.clock);
  expect(() => decodeTimestamp(readWords(c.memory, 'A', AUX.programOverwriteTime, 4))).not.toThrow();
  expect(() => decodeTimestamp(readWords(c.memory, 'A', AUX.parameterOverwriteTime, 4))).not.toThrow();
  // §2-5-4: the lot number never changes
  expect(c.lotNumber).toBe(input.lotNumber);
  for (const [address, word] of Object.entries(lotNumberWords(c.model, c.lotNumber))) {
    expect(c.memory.A[Number(address)]).toBe(word);
  }
  // A99 mirrors the protection in effect
  const p = c.protection.effective;
  const um = p.umPassword !== null;
  const task = Object.keys(p.taskPasswords).length > 0;
  expect(c.memory.A[AUX.protectionFlags]).toBe((um ? 1 : 0) | (task ? 2 : 0) | (p.prohibitOverwrite && (um || task) ? 4 : 0));
  // §2-5-4: control runs only while executing a program that may run on this unit
  if (isControlRunning(s)) {
    expect(s.value).not.toBe('PROGRAM');
    expect([null, c.lotNumber]).toContain(c.program.lotGuard);
  }
  expect(c.lastError === null || c.lastError.length > 0).toBe(true);
}

describe('CPU Unit model-based coverage', () => {
  for (const { label, input } of SCENARIOS) {
    const model = createTestModel(cpuUnitMachine, { events: EVENTS, serializeState, input });
    const paths = model.getShortestPaths({ allowDuplicatePaths: true });

    it(`${label}: the graph reaches every mode`, () => {
      const plain = getShortestPaths(cpuUnitMachine, { events: EVENTS, serializeState, input });
      expect(new Set(plain.map((p) => p.state.value))).toEqual(new Set(['PROGRAM', 'MONITOR', 'RUN']));
    });

    for (const path of paths) {
      it(`${label}: ${serializeState(path.state)} after ${path.steps.length - 1} events, then every event`, async () => {
        const actor = createActor(cpuUnitMachine, { input, inspect: record }).start();
        const matchesModel = (expected: CpuUnitSnapshot) => {
          expect(serializeState(actor.getSnapshot())).toBe(serializeState(expected));
          checkInvariants(actor.getSnapshot(), input);
        };
        await path.test({
          states: { PROGRAM: matchesModel, MONITOR: matchesModel, RUN: matchesModel },
          events: Object.fromEntries(EVENTS.map((e) => [e.type, (step: { event: CpuUnitEvent }) => actor.send(step.event)])),
        });
        const reached = actor.getPersistedSnapshot();
        actor.stop();

        for (const event of EVENTS) {
          const probe = createActor(cpuUnitMachine, { input, snapshot: reached, inspect: record }).start();
          probe.send(event);
          checkInvariants(probe.getSnapshot(), input);
          probe.stop();
        }
      });
    }
  }

  afterAll(() => {
    const statesReached = definedStates.filter((id) => reachedStates.has(id));
    const missed = definedTransitions.filter((t) => !reachedTransitions.has(t));
    console.log(
      `CPU Unit model coverage: states ${statesReached.length}/${definedStates.length}, transitions ${definedTransitions.length - missed.length}/${definedTransitions.length}`,
    );
    expect(missed.map((t) => `${t.source.id} ${t.eventType} → ${t.target?.map((n) => n.id).join(',') ?? '(self)'}`)).toEqual([]);
    expect(statesReached).toEqual(definedStates);
  });
});
