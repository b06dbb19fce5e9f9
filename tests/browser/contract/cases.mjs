// The requests of the contract test, each naming the operation it exercises, the service that
// answers it and the status it must get:
//   main  — the service of the browser tests (no admin token);
//   admin — an admin token, on scratch copies of the index and the corpus (it writes both);
//   down  — an empty index directory (503 everywhere the engine is needed), a rate limit of
//           1 request/s per client with 127.0.0.1 a trusted proxy, so X-Forwarded-For chooses
//           the client, and an admin token.
// Besides hand-written cases, every query parameter's documented constraints are tried from
// the document itself (enum values, bounds, booleans, maxLength, required): if the service
// accepts what the document forbids, or refuses what it allows, the test fails.
import { resolve } from './schemas.mjs';

export const TOKEN = 'contract-test-admin-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const NEW_ID = 'zz-contract-test-practice';

const query = (params) => {
  const search = new URLSearchParams();
  for (const [name, value] of params) search.append(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

// What a case needs of each operation to succeed: path parameters, query, body.
function baseRequest(key) {
  const bases = {
    'GET /api/v1/search': { params: [['q', 'logement']] },
    'GET /api/v1/practices/{id}/similar': { id: 'am-national-food-bank', params: [] },
    'POST /api/v1/similar': { params: [], headers: JSON_TYPE, body: JSON.stringify({ text: 'a municipality wants to house refugee families' }) },
    'GET /api/v1/suggest': { params: [['q', 'banq']] },
  };
  return bases[key] || { params: [] };
}

const urlOf = (path, id, params) => path.replace('{id}', encodeURIComponent(id || 'am-national-food-bank')) + query(params);

// The query parameters of an operation, $refs resolved.
function queryParameters(document, operation) {
  return (operation.parameters || []).map((p) => resolve(document, p)).filter((p) => p.in === 'query');
}

// Valid and invalid values of one parameter, from its documented schema.
function valuesOf(parameter) {
  const schema = parameter.schema || {};
  const item = schema.type === 'array' ? schema.items || {} : schema;
  const good = [];
  const bad = [];
  if (item.enum) {
    good.push(...item.enum.map(String));
    bad.push('not-a-documented-value');
  } else if (item.type === 'integer') {
    if (item.minimum !== undefined) good.push(String(item.minimum)), bad.push(String(item.minimum - 1));
    if (item.maximum !== undefined) good.push(String(item.maximum)), bad.push(String(item.maximum + 1));
    bad.push('seven', '2.5');
  } else if (item.type === 'boolean') {
    good.push('true', 'false', '1', '0');
    bad.push('maybe');
  } else if (item.type === 'string' && item.maxLength !== undefined) {
    good.push('a'.repeat(item.maxLength));
    bad.push('a'.repeat(item.maxLength + 1));
  }
  return { good, bad, repeatable: schema.type === 'array' };
}

// x-requires (ours): the parameter only means something beside one of these values of another
// parameter (bom with format=csv; all_rows with format=csv or json); with any other, a 400.
// As [[name, [values]]].
function requirements(parameter) {
  return Object.entries(parameter['x-requires'] || {}).map(([name, values]) => [name, [].concat(values)]);
}

// Every way to meet the requirements: one value of each parameter named ([[]] when none).
function ways(requires) {
  return requires.reduce((found, [name, values]) => found.flatMap((way) => values.map((value) => [...way, [name, value]])), [[]]);
}

// Ways to miss them, each [params, note]: another documented value of a named parameter, or
// leaving it out when its default is not one of the values.
function unmet(parameters, requires) {
  const missed = [];
  for (const [name, values] of requires) {
    const schema = (parameters.find((p) => p.name === name) || {}).schema || {};
    if (!values.includes(String(schema.default))) missed.push([[], `no ${name}`]);
    for (const other of (schema.enum || []).map(String).filter((v) => !values.includes(v))) missed.push([[[name, other]], `${name}=${other}`]);
  }
  return missed;
}

// Cases generated from the documented parameters of every operation answered by `main`.
export function parameterCases(document, operations) {
  const cases = [];
  for (const { key, method, path, operation } of operations) {
    if (operation.security) continue;  // the admin operations: their own cases below
    const base = baseRequest(key);
    const request = (params, expect, note) => ({
      service: 'main', op: key, method, url: urlOf(path, base.id, params), headers: base.headers, body: base.body, expect, note,
    });
    const refuses = Boolean(operation.responses['400']);
    cases.push(request(base.params, 200, 'base request'));
    // Unknown parameters are refused where the document says 400, ignored elsewhere.
    cases.push(request([...base.params, ['no_such_parameter', '1']], refuses ? 400 : 200, 'unknown parameter'));
    const parameters = queryParameters(document, operation);
    for (const parameter of parameters) {
      const requires = requirements(parameter);
      const alone = base.params.filter(([name]) => name !== parameter.name && !requires.some(([n]) => n === name));
      for (const [params, note] of unmet(parameters, requires)) {
        cases.push(request([...alone, ...params, [parameter.name, 'true']], 400, `${parameter.name} with ${note}`));
      }
      const { good, bad, repeatable } = valuesOf(parameter);
      for (const met of ways(requires)) {
        const note = met.map(([n, v]) => ` with ${n}=${v}`).join('');
        for (const value of good) cases.push(request([...alone, ...met, [parameter.name, value]], 200, `${parameter.name}=${value.slice(0, 20)}${note}`));
        for (const value of bad) cases.push(request([...alone, ...met, [parameter.name, value]], 400, `${parameter.name}=${value.slice(0, 20)}${note}`));
      }
      const others = [...alone, ...ways(requires)[0]];
      // Two different values: cpp-httplib keeps a repeated name=value pair only once.
      const twice = good.length > 1 ? [good[0], good[1]] : good.length === 1 ? [good[0], 'b'] : [];
      if (twice.length > 0 && !repeatable) {
        cases.push(request([...others, [parameter.name, twice[0]], [parameter.name, twice[1]]], 400, `${parameter.name} twice`));
      }
      if (parameter.required) {
        cases.push(request(others, 400, `${parameter.name} missing, documented as required`));
      } else if (others.length > 0 || parameter.name !== 'q' || key !== 'GET /api/v1/search') {
        cases.push(request(others, 200, `${parameter.name} missing, documented as optional`));
      }
    }
  }
  return cases;
}

// Searches of every kind, and their mistakes; every practice's record; similar practices.
export function mainCases(ids) {
  const search = (params, expect = 200, note = '') => ({ service: 'main', op: 'GET /api/v1/search', method: 'GET', url: `/api/v1/search${query(params)}`, expect, note });
  const cases = [
    ...['banque alimentaire', 'refugies', 'banqe alimentaire', 'integraton', '"congé parental" OR paternité', 'logement article:31',
      'article 31 logement', 'food bank', 'sans-abri', 'logement AND ((', 'zzqxv', 'réfugiés intégration logement emploi jeunes familles municipalité quartier',
      'country:AM'].map((q) => search([['q', q]], 200, q)),
    search([['q', '((( AND']], 400, 'no words and no filter'),
    search([['q', 'banqe alimentaire'], ['as_typed', 'true']]),
    search([['article', '31'], ['sort', 'title']]),
    search([['article', '19'], ['article', '31'], ['article_match', 'all']]),
    search([['country', 'PL'], ['country', 'it']]),
    search([['country', 'AD']], 200, 'a known country no practice has: a warning'),
    search([['domain', 'poverty_crisis'], ['lang', 'en']]),
    search([['category', '3'], ['source', 'coe-report']]),
    search([['q', 'logement'], ['page', '1000']], 200, 'past the last page'),
    search([['q', 'refugies'], ['per_page', '100']]),
    search([['q', 'refugies'], ['format', 'csv']]),
    search([['country', 'AM'], ['format', 'csv'], ['per_page', '100']]),
    search([['q', 'logement'], ['format', 'atom']]),
    search([['article', '27'], ['format', 'atom']]),
    search([], 400, 'neither q nor a filter'),
    search([['q', '']], 400, 'empty q'),
    search([['country', 'ZZ']], 400, 'a country outside the reference data'),
    search([['article', '99']], 400), search([['category', '12']], 400), search([['source', 'nope']], 400),
    search([['q', '\u00e9'], ['country', '\u00ff']], 400),
    { service: 'main', op: 'GET /api/v1/search', method: 'GET', url: '/api/v1/search?q=%FF%FE', expect: 400, note: 'invalid UTF-8' },
  ];
  for (const id of ids) cases.push({ service: 'main', op: 'GET /api/v1/practices/{id}', method: 'GET', url: `/api/v1/practices/${id}`, expect: 200 });
  const practice = (url, expect, note) => ({ service: 'main', op: 'GET /api/v1/practices/{id}', method: 'GET', url, expect, note });
  cases.push(practice('/api/v1/practices/AM-National-Food-Bank', 200, 'any case'),
    practice('/api/v1/practices/no-such-practice', 404), practice('/api/v1/practices/%FF', 400, 'invalid UTF-8'),
    practice('/api/v1/practices/%2e%2e', 404));
  ids.filter((_, i) => i % 5 === 0).forEach((id) => cases.push({ service: 'main', op: 'GET /api/v1/practices/{id}/similar', method: 'GET', url: `/api/v1/practices/${id}/similar?k=4`, expect: 200 }));
  cases.push({ service: 'main', op: 'GET /api/v1/practices/{id}/similar', method: 'GET', url: '/api/v1/practices/no-such-practice/similar', expect: 404 });
  const similar = (headers, body, expect, note, extra = {}) => ({ service: 'main', op: 'POST /api/v1/similar', method: 'POST', url: '/api/v1/similar', headers, body, expect, note, ...extra });
  cases.push(
    similar({ 'Content-Type': 'text/plain' }, 'un foyer pour les familles de réfugiés', 200, 'text/plain'),
    similar(JSON_TYPE, JSON.stringify({ text: '' }), 400, 'empty text'),
    similar(JSON_TYPE, '{"text": 3}', 400, 'text not a string'),
    similar(JSON_TYPE, '{"words": "x"}', 400, 'no text'),
    similar(JSON_TYPE, '{"text": ', 400, 'not JSON'),
    similar(JSON_TYPE, '{"text": "x", "n": 1e999}', 400, 'a number beyond a double'),
    similar({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'text=x', 400, 'a form'),
    similar(JSON_TYPE, JSON.stringify({ text: 'x'.repeat(100 * 1024) }), 413, 'over the body limit'),
    similar(JSON_TYPE, null, 411, 'no Content-Length', { raw: true }),
  );
  const suggest = (q, expect) => ({ service: 'main', op: 'GET /api/v1/suggest', method: 'GET', url: `/api/v1/suggest${q === null ? '' : query([['q', q]])}`, expect, note: String(q) });
  cases.push(suggest('logem', 200), suggest('réfug', 200), suggest('FOOD', 200), suggest('', 200), suggest(null, 200), suggest('\u00e9'.repeat(101), 400));
  return cases;
}

// The admin API on its scratch copies, in order: edits, their mistakes, a rebuild.
export function adminCases(records) {
  const [first] = records;
  const added = JSON.stringify({ ...JSON.parse(first.text), id: NEW_ID });
  const put = (id, headers, body, expect, note, extra = {}) => ({ service: 'admin', op: 'PUT /api/v1/practices/{id}', method: 'PUT', url: `/api/v1/practices/${id}`, headers, body, expect, note, ...extra });
  const del = (id, headers, expect, note) => ({ service: 'admin', op: 'DELETE /api/v1/practices/{id}', method: 'DELETE', url: `/api/v1/practices/${id}`, headers, expect, note });
  const get = (id, expect) => ({ service: 'admin', op: 'GET /api/v1/practices/{id}', method: 'GET', url: `/api/v1/practices/${id}`, expect });
  const status = (wanted) => (answer, body) => (body.status === wanted ? null : `status ${body.status}, not ${wanted}`);
  const reindex = (method, headers, expect, note, extra = {}) => ({ service: 'admin', op: `${method} /api/v1/reindex`, method, url: '/api/v1/reindex', headers, expect, note, ...extra });
  return [
    put(first.id, { ...AUTH, ...JSON_TYPE }, first.text, 200, 'replace', { then: status('replaced') }),
    put(NEW_ID, { ...AUTH, ...JSON_TYPE }, added, 200, 'add', { then: status('added') }),
    get(NEW_ID, 200),
    get(NEW_ID.toUpperCase(), 200),
    put(NEW_ID, { ...AUTH, ...JSON_TYPE }, JSON.stringify({ ...JSON.parse(added), id: 'another-id' }), 400, 'the body\'s id is not the path\'s'),
    put(NEW_ID, { ...AUTH, ...JSON_TYPE }, JSON.stringify({ ...JSON.parse(added), countries: ['ZZ'] }), 400, 'a country outside the reference data'),
    put(NEW_ID, { ...AUTH, ...JSON_TYPE }, JSON.stringify({ id: NEW_ID }), 400, 'fields missing'),
    put(NEW_ID, { ...AUTH, ...JSON_TYPE }, '{"id": ', 400, 'not JSON'),
    put(NEW_ID, { ...AUTH, 'Content-Type': 'text/plain' }, added, 400, 'not application/json'),
    put(`${NEW_ID}?x=1`, { ...AUTH, ...JSON_TYPE }, added, 400, 'unknown parameter'),
    put(NEW_ID, JSON_TYPE, added, 401, 'no token'),
    put(NEW_ID, { Authorization: 'Bearer wrong-token-0123456789abcdef', ...JSON_TYPE }, added, 401, 'wrong token'),
    put(NEW_ID, { Authorization: TOKEN, ...JSON_TYPE }, added, 401, 'not a bearer'),
    put(NEW_ID, { ...AUTH, ...JSON_TYPE }, null, 411, 'no Content-Length', { raw: true }),
    put(NEW_ID, { ...AUTH, ...JSON_TYPE }, JSON.stringify({ id: NEW_ID, text: { description: 'x'.repeat(300 * 1024) } }), 413, 'over the record limit'),
    del(NEW_ID, {}, 401, 'no token'),
    del(`${NEW_ID}?x=1`, AUTH, 400, 'unknown parameter'),
    del(NEW_ID, AUTH, 200, 'delete'),
    del(NEW_ID, AUTH, 404, 'deleted already'),
    get(NEW_ID, 404),
    { service: 'admin', op: 'POST /api/v1/similar', method: 'POST', url: '/api/v1/similar', headers: JSON_TYPE, body: JSON.stringify({ text: 'x'.repeat(100 * 1024) }), expect: 413, note: 'over the body limit, admin API on' },
    reindex('GET', {}, 401, 'no token'),
    reindex('GET', AUTH, 200, 'before any rebuild'),
    reindex('GET', AUTH, 400, 'unknown parameter', { url: '/api/v1/reindex?x=1' }),
    reindex('POST', {}, 401, 'no token'),
    reindex('POST', AUTH, 400, 'unknown parameter', { url: '/api/v1/reindex?x=1', body: '' }),
    reindex('POST', AUTH, 411, 'no Content-Length (curl -X POST without -d)', { raw: true }),
    reindex('POST', AUTH, 413, 'over the body limit', { body: 'x'.repeat(100 * 1024) }),
    reindex('POST', AUTH, 202, 'start', { body: '' }),
    reindex('POST', AUTH, [409, 202], 'while running (202 if it finished already)', { body: '' }),
    reindex('GET', AUTH, 200, 'running or done', { waitFor: (body) => body.running === false }),
  ];
}

// Without an index every engine operation is 503; a second request from the same client
// within the second is 429 except for the probes.
export function downCases(document, operations, record) {
  const cases = [];
  let client = 0;
  for (const { key, method, path, operation } of operations) {
    const base = baseRequest(key);
    // A rebuild would build the missing index: asked without the token, it is refused (401).
    const rebuild = key === 'POST /api/v1/reindex';
    const admin = Boolean(operation.security) && !rebuild;
    const request = {
      service: 'down', op: key, method, url: urlOf(path, base.id, base.params),
      headers: { ...(base.headers || {}), ...(admin ? { ...AUTH, ...JSON_TYPE } : {}) },
      body: key === 'PUT /api/v1/practices/{id}' ? record.text : base.body,
    };
    if (key === 'PUT /api/v1/practices/{id}') request.url = `/api/v1/practices/${record.id}`;
    const engine = Boolean(operation.responses['503']) && key !== 'GET /api/v1/reindex';
    const forwarded = `192.0.2.${++client}`;
    const limited = Boolean(operation.responses['429']);
    cases.push({ ...request, headers: { ...request.headers, 'X-Forwarded-For': forwarded }, expect: rebuild ? 401 : engine ? 503 : 200, note: 'no index' });
    cases.push({ ...request, headers: { ...request.headers, 'X-Forwarded-For': forwarded }, expect: limited ? 429 : engine ? 503 : 200, note: 'the same client again' });
  }
  return cases;
}

// Other methods on each documented path: 405 with the path's methods in Allow (those of the
// admin API only when it is on; HEAD with GET; OPTIONS, the CORS preflight, on /api/ paths);
// paths the document does not have: 404. Without a token the admin operations are answered as
// the document says of them: 405 when the path has other methods, 404 when it has none.
export function methodCases(operations) {
  const cases = [];
  const byPath = new Map();
  for (const { key, method, path, operation } of operations) {
    if (!byPath.has(path)) byPath.set(path, []);
    byPath.get(path).push({ key, method, admin: Boolean(operation.security) });
  }
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];
  for (const [path, methods] of byPath) {
    for (const service of ['main', 'admin']) {
      const served = methods.filter((m) => service === 'admin' || !m.admin).map((m) => m.method);
      if (served.includes('GET')) served.push('HEAD');
      if (path.startsWith('/api/')) served.push('OPTIONS');
      const allow = served.some((m) => m !== 'OPTIONS') ? order.filter((m) => served.includes(m)).join(', ') : '';
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
        if (served.includes(method)) continue;
        const url = urlOf(path, 'am-national-food-bank', []);
        const documented = methods.find((m) => m.method === method);
        const op = documented ? documented.key : null;
        const body = ['POST', 'PUT'].includes(method) ? '' : undefined;
        cases.push(allow
          ? { service, op, fallback: op ? null : '#/components/responses/MethodNotAllowed', method, url, body, expect: 405, allow, note: `Allow: ${allow}` }
          : { service, op, fallback: op ? null : '#/components/responses/NotFound', method, url, body, expect: 404, note: 'no method here' });
      }
    }
  }
  for (const url of ['/api/v1/nope', '/api/v2/search', '/api/v1/practices/x/y', '/nope', '/api/v1/search/']) {
    for (const method of ['GET', 'POST', 'DELETE']) cases.push({ service: 'main', op: null, fallback: '#/components/responses/NotFound', method, url, expect: 404, note: 'no such path' });
  }
  return cases;
}
