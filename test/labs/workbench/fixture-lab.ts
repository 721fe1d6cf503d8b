/**
 * A small lab for the workbench helpers' tests, written here so the tests do not change when the
 * course's labs are edited: a CJ2M with an EIP21S, an HMI that must keep reading, a rogue laptop
 * (a per-learner variable) that must be kept out, a night-time download in the history, one
 * question and two hints.
 */
import type { Lab } from '../../../machines/grading/lab.ts';
import { parseLabSource } from '../../../src/server/lab-files.server.ts';

const SOURCE = `
title: Fixture lab for the workbench tests
briefing: |
  A CJ2M with a CJ1W-EIP21S. A rogue laptop at \${rogueIp} must be kept out while the HMI
  keeps reading. This lab exists only for the unit tests of the workbench helpers.
learningObjectives:
  - text: Keep the rogue laptop out with the IP packet filter
    sections: ["§2-2-1"]
difficulty: introductory
minutes: 10
functions: [ip-filter, dip-switch]
variables:
  rogueIp: { ip: { prefix: 192.168.250, from: 100, to: 199 }, default: 192.168.250.150 }
rack:
  cpu:
    model: CJ2M
    lotNumber: "260117"
    clock: "2026-03-02T08:00:00Z"
    settings:
      mode: RUN
      program:
        tasks:
          - { id: 0, name: Main, code: "LD Start; OUT Motor" }
  unit:
    model: CJ1W-EIP21S
    settings:
      ip: 192.168.250.1
      finsNode: 1
      users:
        - { name: plant-admin, role: administrator, password: "Adm1n#Line4" }
programs:
  night:
    tasks:
      - { id: 0, name: Main, code: "LD P_On; OUT Motor" }
network:
  - { name: HMI, description: Operator panel at the line, ip: 192.168.250.20, finsNode: 20 }
  - { name: Rogue laptop, description: Unknown laptop in the cabinet, ip: "\${rogueIp}", finsNode: "\${rogueIp.host}" }
  - { name: Your laptop, description: Your laptop on the USB port, port: usb }
workstation: Your laptop
editable: [eip.filter, cpu.dipWriteProtect]
actions: [program.transfer]
history:
  - { id: night-stop, label: Someone stops the CPU at night, from: HMI, protocol: fins-udp, operation: { kind: mode.set, mode: PROGRAM }, intent: hostile, wait: 3600 }
  - { id: night-download, label: Someone downloads a program at night, from: HMI, protocol: fins-udp, operation: { kind: program.write, program: night }, intent: hostile, wait: 60 }
  - { id: night-run, label: Someone restarts the CPU, from: HMI, protocol: fins-udp, operation: { kind: mode.set, mode: RUN }, intent: hostile, wait: 60 }
traffic:
  - { id: hmi-reads, label: The HMI reads D100, from: HMI, protocol: fins-udp, operation: { kind: memory.read, area: D, address: 100, count: 1 }, intent: legitimate, expect: allowed }
  - { id: rogue-reads, label: The rogue laptop reads D100, from: Rogue laptop, protocol: fins-udp, operation: { kind: memory.read, area: D, address: 100, count: 1 }, intent: hostile, expect: { blockedBy: [ip-filter] } }
objectives:
  - { id: rogue-blocked, title: The rogue laptop is kept out, kind: traffic, steps: [rogue-reads], functions: [ip-filter], points: 3 }
  - { id: hmi-works, title: The HMI still reads, kind: traffic, steps: [hmi-reads], functions: [ip-filter], points: 2 }
  - id: which-function
    title: You know which function stops the laptop
    kind: question
    functions: [ip-filter]
    prompt: Which function turns the rogue laptop away?
    format: choice
    options:
      - { id: filter, text: The IP packet filter }
      - { id: dip, text: The DIP switch }
    expected: filter
    points: 1
requirements:
  - { text: The rogue laptop is kept out, objectives: [rogue-blocked] }
  - { text: The HMI keeps reading, objectives: [hmi-works] }
hints:
  - { id: nudge, text: Look at the IP packet filter settings first., cost: 1 }
  - { id: walkthrough, text: Add a rule for the HMI with a host mask and use the filter., cost: 2 }
`;

/** The fixture lab, parsed and validated like a course lab (throws with the problems when invalid). */
export function fixtureLab(): Lab {
  const result = parseLabSource(SOURCE, 'fixture-lab.yaml', 'fixture-lab');
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line} ${p.field}: ${p.message}`).join('\n'));
  return result.lab;
}

/** The answer that meets every objective of the fixture lab. */
export const FIXTURE_SOLUTION = {
  settings: {
    'eip.filter.enabled': true,
    'eip.filter.rules': [{ ip: '192.168.250.20', mask: '255.255.255.255' }],
  },
  answers: { 'which-function': 'filter' },
};
