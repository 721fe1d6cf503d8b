// Makes sure a PostgreSQL is there for the data tests (test/server/db/), which run against
// PGlite always and against PostgreSQL when this script (or TEST_DATABASE_URL) provides one.
//   node scripts/ensure-postgres.mjs
// With TEST_DATABASE_URL set, it only checks that the server answers. Otherwise, on a Debian
// machine running as root, it installs Debian's `postgresql` package when missing, creates a
// cluster of its own ("plc_test", listening on 127.0.0.1 only; the system's other clusters are
// left alone), starts it, creates a login role and database for the tests, and writes the URL
// to the file scripts/test-database-location.mjs names. Elsewhere it says how to provide one
// and exits 0: the PostgreSQL tests then report themselves skipped, with the reason.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TEST_DATABASE_URL_FILE } from './test-database-location.mjs';
import { isDebian, isRoot } from './debian-host.mjs';
import { answers } from './postgres-probe.mjs';

const CLUSTER = 'plc_test';
const ROLE = 'plc_test';
const DATABASE = 'plc_test';



/** The newest PostgreSQL major installed the Debian way, or undefined. */
function installedVersion() {
  if (!existsSync('/usr/bin/pg_lsclusters') || !existsSync('/usr/lib/postgresql')) return undefined;
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`))
    .map(Number)
    .filter(Number.isFinite)
    .sort((a, b) => b - a);
  return versions[0];
}

/** Our cluster as pg_lsclusters lists it: { port, status }, or undefined when it does not exist. */
function ourCluster(version) {
  const lines = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).split('\n');
  for (const line of lines) {
    const [ver, name, port, status] = line.trim().split(/\s+/);
    if (ver === String(version) && name === CLUSTER) return { port: Number(port), status };
  }
  return undefined;
}

/** Runs SQL in our cluster as the postgres superuser (peer authentication over the local socket). */
function asSuperuser(port, query) {
  return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', 'postgres', '-c', query], {
    encoding: 'utf8',
  }).trim();
}

/**
 * Tests drop their databases WITH (FORCE), which ends the sessions still on one — an autovacuum
 * worker's included, which PostgreSQL lets only members of pg_signal_backend end.
 */
function allowEndingSessions(port) {
  asSuperuser(port, `grant pg_signal_backend to ${ROLE}`);
}

function skip(message) {
  console.log(`ensure-postgres: ${message} The PostgreSQL data tests will be skipped (they run on PGlite only).`);
  process.exit(0);
}

const given = process.env.TEST_DATABASE_URL;
if (given) {
  if (await answers(given)) process.exit(0);
  console.error('ensure-postgres: TEST_DATABASE_URL is set but no PostgreSQL answers there; start it, fix the URL, or unset it.');
  process.exit(1);
}

const known = existsSync(TEST_DATABASE_URL_FILE) ? readFileSync(TEST_DATABASE_URL_FILE, 'utf8').trim() : undefined;
if (known && (await answers(known))) {
  // A cluster made before the grant existed gets it too.
  const ready = isDebian() && isRoot && installedVersion() !== undefined ? ourCluster(installedVersion()) : undefined;
  if (ready?.status === 'online') allowEndingSessions(ready.port);
  process.exit(0);
}

if (!isDebian() || !isRoot) {
  skip('no PostgreSQL for the tests: set TEST_DATABASE_URL to a database whose role may CREATE DATABASE, or run this script as root on Debian to set one up.');
}

let version = installedVersion();
if (version === undefined) {
  console.log('ensure-postgres: PostgreSQL not found: installing the Debian package (apt-get install -y postgresql)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  version = installedVersion();
  if (version === undefined) {
    console.error('ensure-postgres: apt-get installed postgresql but no server binary is under /usr/lib/postgresql; see the output above.');
    process.exit(1);
  }
}

let cluster = ourCluster(version);
if (!cluster) {
  console.log(`ensure-postgres: creating PostgreSQL ${version} cluster "${CLUSTER}" on 127.0.0.1…`);
  execFileSync(
    'pg_createcluster',
    ['--quiet', '--start-conf=manual', String(version), CLUSTER, '--', '--auth-local=peer', '--auth-host=scram-sha-256'],
    { stdio: 'inherit' },
  );
  cluster = ourCluster(version);
}
if (!cluster) {
  console.error(`ensure-postgres: pg_createcluster ran but pg_lsclusters does not list ${version}/${CLUSTER}; see the output above.`);
  process.exit(1);
}
if (cluster.status !== 'online') {
  // Loopback only: the test role's password guards nothing worth exposing to the network.
  // Debian's postgresql.conf reads conf.d/ last, so this file wins over its defaults.
  writeFileSync(`/etc/postgresql/${version}/${CLUSTER}/conf.d/loopback-only.conf`, "listen_addresses = '127.0.0.1'\n");
  execFileSync('pg_ctlcluster', [String(version), CLUSTER, 'start'], { stdio: 'inherit' });
}

// The password already on file (so checkouts starting the cluster together agree on it), or a
// new one; it only guards a loopback test role.
const onFile = known ? decodeURIComponent(URL.parse(known)?.password ?? '') : '';
const password = /^[\w-]{16,}$/.test(onFile) ? onFile : randomBytes(18).toString('base64url');
const exists = asSuperuser(cluster.port, `select 1 from pg_roles where rolname = '${ROLE}'`) === '1';
asSuperuser(cluster.port, `${exists ? 'alter' : 'create'} role ${ROLE} with login createdb password '${password}'`);
allowEndingSessions(cluster.port);
if (asSuperuser(cluster.port, `select 1 from pg_database where datname = '${DATABASE}'`) !== '1') {
  asSuperuser(cluster.port, `create database ${DATABASE} owner ${ROLE}`);
}

const url = `postgres://${ROLE}:${password}@127.0.0.1:${cluster.port}/${DATABASE}`;
if (!(await answers(url))) {
  console.error(`ensure-postgres: cluster ${version}/${CLUSTER} is up but the test role cannot connect on 127.0.0.1:${cluster.port}; see /var/log/postgresql/.`);
  process.exit(1);
}
mkdirSync(dirname(TEST_DATABASE_URL_FILE), { recursive: true });
writeFileSync(TEST_DATABASE_URL_FILE, `${url}\n`, { mode: 0o600 });
chmodSync(TEST_DATABASE_URL_FILE, 0o600);
console.log(`ensure-postgres: PostgreSQL ${version} ready for the tests on 127.0.0.1:${cluster.port} (URL in ${TEST_DATABASE_URL_FILE}).`);
