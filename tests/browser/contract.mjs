// The contract test: real responses of every operation of the OpenAPI document, successes and
// errors, checked against the document the service serves (statuses, media types, required
// headers, JSON bodies with Ajv). Started by run.sh, which runs the three services (see
// contract/cases.mjs); needs no browser.
//
// Environment: COHESIO_URL, ADMIN_URL, DOWN_URL (the services), CORPUS (default: the
// repository's corpus/), CONTRACT_SHOW (failures printed in full, default 40). Ends with
// "contract: N requests, M failed, T s".
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { operations, problems } from './contract/check.mjs';
import { adminCases, downCases, mainCases, methodCases, parameterCases } from './contract/cases.mjs';
import { pointer, validators } from './contract/schemas.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVICES = { main: process.env.COHESIO_URL, admin: process.env.ADMIN_URL, down: process.env.DOWN_URL };
const CORPUS = process.env.CORPUS || path.join(here, '..', '..', 'corpus');
// Statuses documented but not provoked: a 500 is a bug; the admin API's rebuild state needs no
// index, so its 503 is only the in-flight limit's (busy), which would take a flood to reach.
const NOT_PROVOKED = { '*': ['500'], 'GET /api/v1/reindex': ['503'], 'POST /api/v1/reindex': ['503'] };

if (Object.values(SERVICES).some((url) => !url)) {
  console.error('contract.mjs: set COHESIO_URL, ADMIN_URL and DOWN_URL (tests/browser/run.sh does)');
  process.exit(2);
}

// A request written by hand on a socket: fetch() always sends a Content-Length or chunks the
// body, and the 411 cases need neither.
function rawRequest(base, { method, url, headers = {} }) {
  const { hostname, port } = new URL(base);
  const lines = [`${method} ${url} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    const chunks = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const responseHeaders = new Headers();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        responseHeaders.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers: responseHeaders, body: text.slice(split + 4) });
    });
  });
}

async function send(testCase, extraHeaders = {}) {
  const base = SERVICES[testCase.service];
  const headers = { ...(testCase.headers || {}), ...extraHeaders };
  if (testCase.raw) return rawRequest(base, { ...testCase, headers });
  const body = testCase.body === undefined || testCase.body === null ? (['POST', 'PUT'].includes(testCase.method) ? '' : undefined) : testCase.body;
  const response = await fetch(base + testCase.url, { method: testCase.method, headers, body, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const started = Date.now();
// The document as served (compiled into the binary), not as the source tree has it.
const document = JSON.parse(await (await fetch(`${SERVICES.main}/api/v1/openapi.json`)).text());
const schemas = validators(document);
const all = operations(document);
const byKey = new Map(all.map((op) => [op.key, op]));

const files = (await readdir(path.join(CORPUS, 'practices'))).filter((name) => name.endsWith('.json')).sort();
const records = await Promise.all(files.map(async (name) => ({ id: name.slice(0, -5), text: await readFile(path.join(CORPUS, 'practices', name), 'utf8') })));
const ids = records.map((record) => record.id);

const cases = [
  ...parameterCases(document, all),
  ...mainCases(ids),
  ...methodCases(all),
  ...adminCases(records),
  ...downCases(document, all, records[0]),
];

let requests = 0;
const failures = [];
const seen = new Map(all.map((op) => [op.key, new Set()]));  // operation -> statuses answered
const revalidated = new Set();

function report(testCase, answer, found) {
  if (found.length === 0) return;
  const label = `${testCase.service} ${testCase.method} ${testCase.url.slice(0, 120)}${testCase.note ? ` (${testCase.note})` : ''}`;
  failures.push(`${label}: HTTP ${answer.status}\n         ${found.join('\n         ')}\n         body: ${answer.body.slice(0, 300)}`);
}

// One case: the request, then the document's checks and the case's own.
async function run(testCase) {
  let answer = await send(testCase);
  requests += 1;
  // A rebuild runs in the background: ask again until it has finished (at most a minute).
  for (let tries = 0; testCase.waitFor && answer.status === 200 && !testCase.waitFor(JSON.parse(answer.body)) && tries < 240; tries++) {
    await new Promise((r) => setTimeout(r, 250));
    answer = await send(testCase);
    requests += 1;
  }
  const operation = testCase.op && byKey.get(testCase.op);
  if (testCase.op && !operation) throw new Error(`case for an operation the document lacks: ${testCase.op}`);
  const fallback = testCase.fallback ? pointer(document, testCase.fallback) : null;
  const found = problems(document, schemas, operation && operation.operation, answer, fallback);
  const expected = [].concat(testCase.expect);
  if (!expected.includes(answer.status)) found.unshift(`expected HTTP ${expected.join(' or ')}`);
  if (testCase.allow && answer.headers.get('allow') !== testCase.allow) found.push(`Allow: ${answer.headers.get('allow')}, expected ${testCase.allow}`);
  if (testCase.then && found.length === 0 && answer.status < 300) {
    const wrong = testCase.then(answer, JSON.parse(answer.body));
    if (wrong) found.push(wrong);
  }
  report(testCase, answer, found);
  if (operation) seen.get(testCase.op).add(String(answer.status));
  // The first answer with an ETag of each GET, asked again with it: a 304 without a body.
  const tag = answer.headers.get('etag');
  if (operation && tag && answer.status === 200 && testCase.method === 'GET' && !revalidated.has(testCase.op)) {
    revalidated.add(testCase.op);
    const again = await send(testCase, { 'If-None-Match': tag });
    requests += 1;
    const more = problems(document, schemas, operation.operation, again);
    if (again.status !== 304) more.unshift('expected HTTP 304 for If-None-Match with the ETag just given');
    report({ ...testCase, note: 'If-None-Match' }, again, more);
    seen.get(testCase.op).add(String(again.status));
  }
}

// The main service's cases a few at a time (they only read); the others in order.
const parallel = cases.filter((c) => c.service === 'main');
const ordered = cases.filter((c) => c.service !== 'main');
for (let i = 0; i < parallel.length; i += 4) await Promise.all(parallel.slice(i, i + 4).map(run));
for (const testCase of ordered) await run(testCase);

// The document itself: every operation named and answerable in error, every documented
// status of every operation met at least once.
const operationIds = new Set();
for (const { key, operation } of all) {
  if (!operation.operationId) failures.push(`${key}: no operationId`);
  else if (operationIds.has(operation.operationId)) failures.push(`${key}: operationId ${operation.operationId} used twice`);
  operationIds.add(operation.operationId);
  const exempt = [...NOT_PROVOKED['*'], ...(NOT_PROVOKED[key] || [])];
  const missing = Object.keys(operation.responses).filter((status) => !exempt.includes(status) && !seen.get(key).has(status));
  if (missing.length > 0) failures.push(`${key}: documented ${missing.join(', ')} never answered by the test's requests`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const shown = Number(process.env.CONTRACT_SHOW || 40);
for (const failure of failures.slice(0, shown)) console.log(`FAILED ${failure}`);
if (failures.length > shown) console.log(`... and ${failures.length - shown} more`);
console.log(`contract: ${requests} requests over ${all.length} operations, ${failures.length} failed, ${seconds} s`);
process.exit(failures.length === 0 ? 0 : 1);
