// `npm run contract`: takes a fresh snapshot of the desk's OpenAPI document (by running the snapshot test in its
// writing mode: it starts the desk as every other test does), then regenerates app/src/api-types.ts from it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const tests = fileURLToPath(new URL('../../Desk.Tests', import.meta.url));

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: here, env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('dotnet', ['test', tests, '--filter', 'FullyQualifiedName~ConsoleContractTests.OpenApiSnapshot'],
  { ...process.env, DESK_WRITE_CONTRACT: '1' });
if (!existsSync(`${here}/node_modules`)) run('npm', ['ci', '--no-audit', '--no-fund']);
run('node', ['generate.mjs']);
