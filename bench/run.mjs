// Runs benchmarks by name: `npm run bench -- <name> [<name>…] [--flags for them]` runs bench/<name>.mjs
// for each name, one after another, passing the flags after the names on to each. With no name it lists
// the benchmarks (every bench/*.mjs but this file, with the first line of its header comment).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.slice(0, -'.mjs'.length))
  .sort();

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('-'));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);

function summary(name) {
  const first = readFileSync(join(here, `${name}.mjs`), 'utf8').split('\n').find((l) => l.startsWith('//'));
  return first ? first.replace(/^\/\/\s*/, '') : '';
}

if (names.length === 0) {
  console.log('Usage: npm run bench -- <name> [<name>…] [flags]   (runs bench/<name>.mjs; build first: npm run build)\n\nBenchmarks:');
  const width = Math.max(...available.map((n) => n.length));
  for (const name of available) console.log(`  ${name.padEnd(width)}  ${summary(name)}`);
  process.exit(0);
}

const unknown = names.filter((n) => !available.includes(n.replace(/\.mjs$/, '')));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.map((n) => `"${n}"`).join(', ')}. Available: ${available.join(', ')}.`);
  process.exit(2);
}

for (const name of names) {
  const file = join(here, `${name.replace(/\.mjs$/, '')}.mjs`);
  if (names.length > 1) console.log(`\n== ${name} ==\n`);
  const { status, signal } = spawnSync(process.execPath, [file, ...flags], { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`bench/${name}.mjs ${signal ? `was killed by ${signal}` : `exited with code ${status}`}.`);
    process.exit(status ?? 1);
  }
}
