// One response against the OpenAPI document: its status is one the operation documents, its
// Content-Type one of that response's media types, its required headers present and its
// documented ones valid, its JSON body valid against the schema, and an error's code the one
// its status stands for.
import { resolve } from './schemas.mjs';

// The error code each status stands for (api.cpp, admission in server.cpp; the document's
// info.description and response descriptions say the same).
const ERROR_CODES = {
  400: ['invalid_parameter'],
  401: ['unauthorized'],
  404: ['not_found'],
  405: ['method_not_allowed'],
  409: ['conflict'],
  411: ['length_required'],
  413: ['payload_too_large'],
  429: ['rate_limited'],
  500: ['internal'],
  503: ['unavailable', 'index_version', 'busy'],
};

const essence = (contentType) => (contentType || '').split(';')[0].trim().toLowerCase();

// Every operation of the document: { key: 'GET /api/v1/search', method, path, operation }.
export function operations(document) {
  const found = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']) {
      if (item[method]) found.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation: item[method] });
    }
  }
  return found;
}

// The documented headers of `response` in `answer`: each required one present, and every one
// present valid against its schema (a number's text read as a number). x-required-for (ours):
// required with these media types only, as OpenAPI 3.0 ties a header to a response and not to
// one of its media types (Content-Disposition for format=csv).
function headerProblems(document, schemas, response, answer, type) {
  const found = [];
  for (const [name, header] of Object.entries(response.headers || {})) {
    const resolved = resolve(document, header);
    const value = answer.headers.get(name);
    if (value === null) {
      if (resolved.required || (resolved['x-required-for'] || []).includes(type)) found.push(`header ${name} is missing`);
      continue;
    }
    const schema = resolved.schema;
    if (!schema) continue;
    const typed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
    const validate = schemas.compile(schema);
    if (!validate(typed)) found.push(`header ${name}: ${value}: ${schemas.errorsText(validate.errors)}`);
  }
  return found;
}

// The problems with `answer` ({status, headers: Headers, body: string}) as a response to the
// operation `operation`, or as the documented `fallback` response (e.g. the 405 a path without
// that method answers); [] when it keeps the contract.
export function problems(document, schemas, operation, answer, fallback = null) {
  const found = [];
  const documented = fallback ? fallback : operation && operation.responses[String(answer.status)];
  if (!documented) {
    const listed = operation ? Object.keys(operation.responses).join(', ') : 'none';
    return [`status ${answer.status} is not documented (documented: ${listed})`];
  }
  const response = resolve(document, documented);
  const type = essence(answer.headers.get('content-type'));
  found.push(...headerProblems(document, schemas, response, answer, type));
  const content = response.content || {};
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    if (answer.body.length > 0) found.push(`a body (${type}) where the document describes none`);
    return found;
  }
  if (!mediaTypes.includes(type)) {
    return [...found, `Content-Type ${type || '(none)'} is not documented (documented: ${mediaTypes.join(', ')})`];
  }
  const schema = content[type].schema;
  if (!schema) return [...found, `no schema for ${type}`];
  let value = answer.body;
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      value = JSON.parse(answer.body);
    } catch (error) {
      return [...found, `the body is not JSON: ${error.message}`];
    }
  }
  const validate = schemas.compile(schema);
  if (!validate(value)) found.push(`body: ${schemas.errorsText(validate.errors)}`);
  if (answer.status >= 400 && value && value.error) {
    const codes = ERROR_CODES[answer.status] || [];
    if (!codes.includes(value.error.code)) found.push(`error code ${value.error.code} for status ${answer.status} (expected ${codes.join(' or ')})`);
  }
  return found;
}
