/**
 * The part of omron-fins@0.5.0 (a FINS client from npm, plain JavaScript) the bridge's tests use.
 * Shapes from its lib/fins_client.js: callbacks get (error, sequence), the reply in `response`.
 */
declare module 'omron-fins' {
  import type { EventEmitter } from 'node:events';

  /** The options the tests pass: transport, reply timeout (ms), header fields. */
  export interface FinsClientOptions {
    protocol?: 'udp' | 'tcp';
    timeout?: number;
    SA1?: number;
    DA1?: number;
  }

  /** A reply as the client decodes it: end code as four hex digits ("2101"), values for reads. */
  export interface FinsResponse {
    endCode: string;
    endCodeDescription: string;
    values?: number[];
  }

  /** One command's sequence: the decoded reply, once it came. */
  export interface FinsSequence {
    response?: FinsResponse;
  }

  type Callback = (error: Error | null, sequence: FinsSequence) => void;

  /** The client: emits 'open' once connected, 'error' and 'close'. */
  export interface FinsClientInstance extends EventEmitter {
    read(address: string, count: number, callback: Callback): number | null;
    write(address: string, data: number | number[], callback: Callback): number | null;
    stop(callback: Callback): number | null;
    disconnect(): void;
  }

  export function FinsClient(port: number, host: string, options?: FinsClientOptions): FinsClientInstance;
}
