// What the ensure-* scripts need to know about the machine before installing a Debian package.
import { existsSync, readFileSync } from 'node:fs';

/** Whether this is a Debian (or Debian-based) system, where apt can install the tools. */
export function isDebian() {
  if (existsSync('/etc/debian_version')) return true;
  try {
    return /debian/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** Whether this process runs as root, so it may run apt-get itself. */
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
