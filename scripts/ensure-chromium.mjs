// Finds the Chromium the browser tests drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium.
// On a fresh Debian machine running as root it installs the Debian package; it never downloads
// a browser build of its own (no network beyond the npm and Debian registries).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const DEBIAN_BINARY = '/usr/bin/chromium';
const wanted = process.env.CHROMIUM_PATH || DEBIAN_BINARY;

function works(path) {
  try {
    execFileSync(path, ['--version'], { stdio: 'pipe', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

if (existsSync(wanted) && works(wanted)) process.exit(0);

const isDebian = existsSync('/etc/debian_version') || /debian/i.test(readFileSync('/etc/os-release', 'utf8'));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${wanted} does not run; point it at a working Chromium or unset it to use ${DEBIAN_BINARY}.`);
  process.exit(1);
}
if (!isDebian || !isRoot) {
  console.error(
    `Chromium not found at ${DEBIAN_BINARY}: install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH to a Chromium binary.`,
  );
  process.exit(1);
}
console.log('Chromium not found: installing the Debian package (apt-get install -y chromium)…');
execFileSync('apt-get', ['update'], { stdio: 'inherit' });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (!works(DEBIAN_BINARY)) {
  console.error('apt-get installed chromium but /usr/bin/chromium still does not run; see the output above.');
  process.exit(1);
}
