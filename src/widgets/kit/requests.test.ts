import { describe, expect, it } from 'vitest';
import { ALL_PRESETS, buildRequest, OPERATION_PRESETS, protocolOptions, protocolsFor } from './requests.ts';
import { ENGINEERING_PC, nodeById, nodeLabel, PLANT_NODES, ROGUE_LAPTOP, USB_LAPTOP } from './nodes.ts';

const creds = { user: 'omar', password: 'Panel-Shift7' };

describe('request presets', () => {
  it('every preset can travel over at least one protocol', () => {
    for (const p of ALL_PRESETS) expect(protocolsFor(p.operation.kind).length, p.id).toBeGreaterThan(0);
  });

  it('preset ids are unique', () => {
    expect(new Set(ALL_PRESETS.map((p) => p.id)).size).toBe(ALL_PRESETS.length);
  });

  it('§2-2-2 labels name the FINS port 9600 and the tag data link port', () => {
    const labels = protocolOptions(['fins-udp', 'cip-io']).map((o) => o.label);
    expect(labels[0]).toContain('9600');
    expect(labels[1]).toContain('2222');
  });
});

describe('buildRequest', () => {
  it('builds a FINS request from the rogue laptop with its own address', () => {
    const built = buildRequest({ nodeId: ROGUE_LAPTOP.id, presetId: 'read-d100', protocol: 'fins-udp' }, PLANT_NODES, ALL_PRESETS);
    expect(built.ok && built.request.from).toEqual(ROGUE_LAPTOP.origin);
    expect(built.ok && built.request.protocol).toBe('fins-udp');
  });

  it('§2-3-1 sends credentials only over Secure Comm', () => {
    const fins = buildRequest({ nodeId: ENGINEERING_PC.id, presetId: 'read-d100', protocol: 'fins-tcp', credentials: creds }, PLANT_NODES, ALL_PRESETS);
    expect(fins.ok && fins.request.credentials).toBeUndefined();
    const secure = buildRequest({ nodeId: ENGINEERING_PC.id, presetId: 'read-d100', protocol: 'secure-comm', credentials: creds }, PLANT_NODES, ALL_PRESETS);
    expect(secure.ok && secure.request.credentials).toEqual(creds);
  });

  it('a local port sends no network protocol; asking for Secure Comm there is passed on (§2-1-1 c)', () => {
    const plain = buildRequest({ nodeId: USB_LAPTOP.id, presetId: 'read-d100', protocol: 'fins-udp' }, PLANT_NODES, ALL_PRESETS);
    expect(plain.ok && plain.request.protocol).toBeUndefined();
    const secure = buildRequest({ nodeId: USB_LAPTOP.id, presetId: 'read-d100', protocol: 'secure-comm', credentials: creds }, PLANT_NODES, ALL_PRESETS);
    expect(secure.ok && secure.request).toMatchObject({ protocol: 'secure-comm', credentials: creds });
  });

  it('refuses a protocol that cannot carry the operation, naming the field and the fix', () => {
    const built = buildRequest({ nodeId: ENGINEERING_PC.id, presetId: OPERATION_PRESETS.tagData.id, protocol: 'fins-udp' }, PLANT_NODES, ALL_PRESETS);
    expect(built).toEqual({ ok: false, error: expect.stringMatching(/^Protocol: .*tag data link/) });
  });

  it('refuses unknown senders and operations by name', () => {
    expect(buildRequest({ nodeId: 'nobody', presetId: 'read-d100' }, PLANT_NODES, ALL_PRESETS)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Sender: no node "nobody"/),
    });
    expect(buildRequest({ nodeId: ENGINEERING_PC.id, presetId: 'x' }, PLANT_NODES, ALL_PRESETS)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Operation: /),
    });
  });

  it('nodes read as a menu shows them, and unknown ids throw with the known ones', () => {
    expect(nodeLabel(ROGUE_LAPTOP)).toBe('Rogue laptop (192.168.250.77)');
    expect(nodeLabel(USB_LAPTOP)).toBe('Laptop on the USB port (USB)');
    expect(() => nodeById(PLANT_NODES, 'x')).toThrow(/engineering-pc/);
  });
});
