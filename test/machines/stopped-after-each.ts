/**
 * Racks run actors; a test that leaves one running leaks it into the next. `stoppedAfterEach`
 * wraps a rack builder so that every rack it builds is stopped after the test that built it.
 */
import { afterEach } from 'vitest';
import type { Rack } from '../../machines/request-path/rack.ts';

/** `build`, with every rack it returns stopped after each test (call it at a file's top level). */
export function stoppedAfterEach<A extends unknown[]>(build: (...args: A) => Rack): (...args: A) => Rack {
  const racks: Rack[] = [];
  afterEach(() => {
    for (const r of racks.splice(0)) r.stop();
  });
  return (...args: A) => {
    const r = build(...args);
    racks.push(r);
    return r;
  };
}
