import { describe, expect, it } from 'vitest';
import { toHex } from '../../../machines/wire/fins.ts';
import type { Request } from '../../../machines/model.ts';
import { createRack } from '../../../machines/request-path/rack.ts';
import { wireExchange } from '../../../machines/wire/wire.ts';
import { ENGINEERING_PC, HMI, PLANT_NODES, ROGUE_LAPTOP, USB_LAPTOP } from './nodes.ts';
import { CHANGED_PROGRAM, OPERATION_PRESETS, requestFrom } from './requests.ts';
import { SCENARIO_LOT, scenarioRack } from './scenarios.ts';
import { labelledExchange, SCENARIO_DESTINATION } from './wire-view.ts';

const field = (fields: { field: string; hex: string }[] | undefined, name: string) => fields?.find((f) => f.field === name);

describe('labelledExchange', () => {
  it('shows the FINS command frame before anything is sent, with the sender as source node', () => {
    const request = requestFrom(PLANT_NODES, HMI.id, OPERATION_PRESETS.readD100.operation, 'fins-udp');
    const ex = labelledExchange(request, null);
    expect(ex.kind).toBe('fins');
    expect(ex.response).toBeNull();
    expect(ex.request?.hex.startsWith('80 00 02 00 01 00 00 14 00 01 01 01')).toBe(true);
    expect(field(ex.request?.fields, 'SA1')?.hex).toBe('14');
  });

  it('§2-2-1 a dropped packet has a request frame and no response', () => {
    const rack = createRack(scenarioRack({ filter: { enabled: true, rules: [] } }));
    const request = requestFrom(PLANT_NODES, ROGUE_LAPTOP.id, OPERATION_PRESETS.readD100.operation, 'fins-udp');
    const ex = labelledExchange(request, rack.send(request));
    expect(ex.request).not.toBeNull();
    expect(ex.response).toBeNull();
    expect(ex.note).toMatch(/No response/);
    rack.stop();
  });

  it('§2-3-2 and §2-5-4 refusals without a FINS answer say why instead of calling them drops', () => {
    const named = createRack(scenarioRack());
    const other: Request = { ...requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.uploadProgram.operation, 'fins-udp'), projectPlcName: 'OTHER_LINE' };
    const offline = labelledExchange(other, named.send(other));
    expect(offline.response).toBeNull();
    expect(offline.note).toBe('No FINS response: the Support Software declines to go online, so no command is sent to the CPU Unit.');
    named.stop();

    const config = scenarioRack({ mode: 'PROGRAM' });
    config.cpu.lotNumber = '091105';
    const second = createRack(config);
    const copy = requestFrom(PLANT_NODES, ENGINEERING_PC.id, { kind: 'program.write', program: { ...CHANGED_PROGRAM, lotGuard: SCENARIO_LOT } }, 'fins-udp');
    // §2-5-4: the download is accepted (0000)
    expect(field(labelledExchange(copy, second.send(copy)).response?.fields, 'end code (MRES SRES)')?.hex).toBe('00 00');
    const run = requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.runCpu.operation, 'fins-udp');
    const idle = labelledExchange(run, second.send(run));
    expect(idle.response).toBeNull();
    expect(idle.note).toMatch(/^No FINS response: the program's own guard keeps its control logic idle/);
    expect(idle.note).not.toMatch(/dropped/);
    second.stop();
  });

  it('an allowed CLOCK READ shows its data: the bytes come from machines/wire/wire.ts', () => {
    const rack = createRack(scenarioRack());
    const request = requestFrom(PLANT_NODES, HMI.id, OPERATION_PRESETS.readClock.operation, 'fins-udp');
    const outcome = rack.send(request);
    const ex = labelledExchange(request, outcome);
    expect(ex.response?.hex).toBe(toHex(wireExchange(request, outcome, SCENARIO_DESTINATION, 1)?.response ?? new Uint8Array()));
    expect(field(ex.response?.fields, 'day of week')).toBeDefined();
    expect(ex.note).toMatch(/followed by the data the command returns/);
    rack.stop();
  });

  it('§2-5-3 a refusal carries the end code the request path chose, same SID and command', () => {
    const config = scenarioRack();
    config.cpu.settings.finsWriteProtection = { enabled: true, excludedNodes: [] };
    const rack = createRack(config);
    const request = requestFrom(PLANT_NODES, HMI.id, OPERATION_PRESETS.writeD100.operation, 'fins-udp');
    const ex = labelledExchange(request, rack.send(request), undefined, 7);
    expect(field(ex.response?.fields, 'end code (MRES SRES)')?.hex).toBe('21 01');
    expect(field(ex.response?.fields, 'SID')?.hex).toBe('07');
    expect(field(ex.response?.fields, 'command code (MRC SRC)')?.hex).toBe('01 02');
    rack.stop();
  });

  it('an allowed MEMORY AREA READ over FINS/TCP answers with the words read, wrapped for TCP', () => {
    const rack = createRack(scenarioRack());
    rack.send(requestFrom(PLANT_NODES, HMI.id, { kind: 'memory.write', area: 'D', address: 100, values: [0x1234, 0x0042] }, 'fins-udp'));
    const request = requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.readD100.operation, 'fins-tcp');
    const ex = labelledExchange(request, rack.send(request));
    expect(ex.request?.fields[0]?.field).toBe('FINS/TCP magic');
    expect(ex.response?.hex.endsWith('00 00 12 34 00 42')).toBe(true);
    rack.stop();
  });

  it('§2-1-1 Secure Comm and the USB cable show no FINS bytes, and say why', () => {
    const secure = labelledExchange(requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.readD100.operation, 'secure-comm'), null);
    expect(secure).toMatchObject({ kind: 'other', request: null, response: null });
    expect(secure.note).toMatch(/encrypts/);
    const usb = labelledExchange(requestFrom(PLANT_NODES, USB_LAPTOP.id, OPERATION_PRESETS.readD100.operation), null);
    expect(usb.note).toMatch(/USB/);
  });
});
