/**
 * The bridge's live feed as a lab page reads it (docs/real-tools.md "The traffic, live"): where
 * it is, and a light guard for its two events — `bridge` (which lab is served) and `exchange`
 * (one request in the course's trace words). No zod on a lab page: anything that does not have
 * the expected shape is ignored rather than shown half-read.
 */
import { LAYERS, STEP_SOURCES, VERDICTS } from '../../machines/model.ts';
import type { TraceRow } from '../widgets/kit/trace.ts';

/**
 * Where the bridge streams its traffic (`npm run plc -- serve`, its default --live-port): on this
 * computer only. ASSUMPTION: a learner who moved the feed with --live-port follows it with curl;
 * the page only looks at the default port.
 */
export const LIVE_FEED_PORT = 9601;
export const LIVE_FEED_URL = `http://127.0.0.1:${LIVE_FEED_PORT}/events`;

/** The bridge's first event: the lab it serves. */
export interface LiveHello {
  lab: { id: string; title: string; seed: number | null };
}

/**
 * What the page shows of one request the bridge saw: the part of the feed's `exchange` event
 * (src/server/bridge/exchange-lines.server.ts, ExchangeView) a learner reads.
 */
export interface LiveExchange {
  /** "FINS/UDP", "EtherNet/IP (TCP)". */
  service: string;
  /** The plant node the sender's loopback address stands for. */
  from: { name: string; ip: string };
  /** "PROGRAM AREA CLEAR", "List Identity". */
  asked: string;
  /** The course's one-line outcome. */
  summary: string;
  /** The trace rows, as the course's trace panel shows them (empty without a walk). */
  steps: TraceRow[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    (values as readonly unknown[]).includes(value);
const isLayer = oneOf(LAYERS);
const isSource = oneOf(STEP_SOURCES);
const isVerdict = oneOf(VERDICTS);

function isRow(value: unknown): value is TraceRow {
  if (!isRecord(value)) return false;
  return (
    typeof value.step === 'number' &&
    isLayer(value.layer) &&
    isSource(value.source) &&
    isVerdict(value.verdict) &&
    [value.layerLabel, value.title, value.verdictLabel, value.reason, value.section].every(isString) &&
    (value.href === null || isString(value.href)) &&
    (value.endCode === null || isString(value.endCode))
  );
}

/** The `bridge` event's data, or null when it is not one. */
export function parseHello(data: string): LiveHello | null {
  const value = parseJson(data);
  if (!isRecord(value) || !isRecord(value.lab)) return null;
  const { id, title, seed } = value.lab;
  if (!isString(id) || !isString(title) || !(seed === null || typeof seed === 'number')) return null;
  return { lab: { id, title, seed } };
}

/** An `exchange` event's data, or null when it is not one. */
export function parseExchange(data: string): LiveExchange | null {
  const value = parseJson(data);
  if (!isRecord(value) || !isRecord(value.from) || !Array.isArray(value.steps)) return null;
  const { name, ip } = value.from;
  if (![value.service, value.asked, value.summary, name, ip].every(isString) || !value.steps.every(isRow)) return null;
  return {
    service: value.service as string,
    from: { name: name as string, ip: ip as string },
    asked: value.asked as string,
    summary: value.summary as string,
    steps: value.steps,
  };
}

/** How many requests, in words: "1 request", "3 requests" (plural rules of the page's language). */
export function requestCount(n: number): string {
  return `${n} ${new Intl.PluralRules('en').select(n) === 'one' ? 'request' : 'requests'}`;
}

/** At most this many requests stay on the page; older ones scroll off the list. */
export const LIVE_KEEP = 20;
