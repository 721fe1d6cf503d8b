// Makes sure the system tools the tests drive are there: Chromium for the browser tests,
// tshark (Wireshark's command-line dissector) for the FINS-on-the-wire tests, nmap (with its
// omron-info and enip-info scripts) for the bridge's scanner test, a Java runtime for the Nu HTML
// Checker (npm's vnu-jar) that the browser tests run over the built pages.
//   node scripts/ensure-tools.mjs chromium tshark nmap java   (no names = every tool)
// Each tool is found at its environment override or its Debian path. When one is missing, on a
// Debian machine running as root, it installs the Debian package non-interactively; it never
// downloads a build of its own (no network beyond the npm and Debian registries). Elsewhere it
// exits 1 with the command that installs it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isDebian, isRoot } from './debian-host.mjs';

/** What each tool is: its override variable, Debian binary, the packages that bring it, how to ask its version. */
const TOOLS = {
  chromium: {
    env: 'CHROMIUM_PATH',
    binary: '/usr/bin/chromium',
    packages: ['chromium', 'fonts-dejavu-core'],
    versionArgs: ['--version'],
  },
  tshark: {
    env: 'TSHARK_PATH',
    binary: '/usr/bin/tshark',
    packages: ['tshark'],
    versionArgs: ['--version'],
  },
  nmap: {
    env: 'NMAP_PATH',
    binary: '/usr/bin/nmap',
    packages: ['nmap'],
    versionArgs: ['--version'],
  },
  java: {
    env: 'JAVA_PATH',
    binary: '/usr/bin/java',
    packages: ['default-jre-headless'],
    versionArgs: ['-version'],
  },
};

function works(path, args) {
  try {
    execFileSync(path, args, { stdio: 'pipe', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}


const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in TOOLS));
if (unknown.length > 0) {
  console.error(`ensure-tools: unknown tool ${unknown.join(', ')}; choose from ${Object.keys(TOOLS).join(', ')}.`);
  process.exit(1);
}

const missing = [];
for (const name of names.length > 0 ? names : Object.keys(TOOLS)) {
  const tool = TOOLS[name];
  const override = process.env[tool.env];
  const wanted = override || tool.binary;
  if (existsSync(wanted) && works(wanted, tool.versionArgs)) continue;
  if (override) {
    console.error(`${tool.env}=${wanted} does not run; point it at a working ${name} or unset it to use ${tool.binary}.`);
    process.exit(1);
  }
  missing.push(name);
}
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((name) => TOOLS[name].packages);
if (!isDebian() || !isRoot) {
  const hints = missing.map((name) => `${TOOLS[name].env} to a ${name} binary`).join(', or ');
  console.error(
    `${missing.join(' and ')} not found: install with "sudo apt-get install -y ${packages.join(' ')}" (Debian/Ubuntu), or set ${hints}.`,
  );
  process.exit(1);
}

console.log(`${missing.join(' and ')} not found: installing the Debian packages (apt-get install -y ${packages.join(' ')})…`);
// wireshark-common asks (debconf) whether non-root users may capture; noninteractive takes the
// default (no), which is all a test that only reads a file needs.
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
for (const name of missing) {
  const tool = TOOLS[name];
  if (!works(tool.binary, tool.versionArgs)) {
    console.error(`apt-get installed ${name} but ${tool.binary} still does not run; see the output above.`);
    process.exit(1);
  }
}
