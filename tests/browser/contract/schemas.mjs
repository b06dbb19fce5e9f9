// The OpenAPI document's schemas as JSON Schema, checked by Ajv.
//
// OpenAPI 3.0 schemas are a dialect of JSON Schema: `nullable` instead of a "null" type,
// `example`, `xml`, `discriminator` and other keywords Ajv does not know, and $refs into the
// document (#/components/schemas/X). toJsonSchema() converts one schema; validators() compiles
// them once, all components together, in Ajv's strict mode so that a misspelt keyword in the
// document fails the test instead of being ignored.
//
// The published contract lets us add response fields (clients ignore fields they do not know),
// so the document leaves most objects open. The test is stricter than the contract: an object
// with `properties` and no `additionalProperties` is closed here, so a field the service sends
// but the document does not describe fails the test (the document must then be extended).
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

// OpenAPI 3.0 keywords that JSON Schema (draft-07) has not, or has with another meaning.
const OPENAPI_ONLY = ['nullable', 'example', 'xml', 'externalDocs', 'discriminator', 'deprecated'];
const COMPONENTS_ID = 'cohesio-openapi-components';

// The value at a local JSON pointer (#/a/b~1c) of the document.
export function pointer(document, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  return ref.slice(2).split('/').reduce((node, part) => {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node == null || !(key in node)) throw new Error(`unresolved $ref ${ref}`);
    return node[key];
  }, document);
}

// Follows $refs until an object without one (parameters, responses, headers).
export function resolve(document, node) {
  let seen = 0;
  while (node && node.$ref) {
    node = pointer(document, node.$ref);
    if (++seen > 20) throw new Error('$ref cycle');
  }
  return node;
}

// allOf of object schemas merged into one object schema, so that closing it (below) sees every
// property of every part; draft-07 would check additionalProperties part by part.
function mergedAllOf(document, schema) {
  const merged = { type: 'object', properties: {}, required: [] };
  for (const part of schema.allOf) {
    const flat = resolve(document, part.allOf ? mergedAllOf(document, part) : part);
    if (flat.type !== 'object') throw new Error('allOf: only object schemas can be merged');
    Object.assign(merged.properties, flat.properties || {});
    merged.required.push(...(flat.required || []));
    if (flat.additionalProperties !== undefined) merged.additionalProperties = flat.additionalProperties;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key !== 'allOf') merged[key] = value;
  }
  merged.required = [...new Set(merged.required)];
  if (merged.required.length === 0) delete merged.required;
  return merged;
}

export function toJsonSchema(document, schema, { closed = true } = {}) {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(document, item, { closed }));
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema.$ref) {
    const prefix = '#/components/schemas/';
    if (!schema.$ref.startsWith(prefix)) throw new Error(`schema $ref outside components: ${schema.$ref}`);
    pointer(document, schema.$ref);  // fails now on a dangling $ref
    return { $ref: `${COMPONENTS_ID}#/definitions/${schema.$ref.slice(prefix.length)}` };
  }
  if (schema.allOf && schema.allOf.every((part) => resolve(document, part).type === 'object' || resolve(document, part).allOf)) {
    schema = mergedAllOf(document, schema);
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.includes(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(document, sub, { closed })]));
    } else if (['items', 'additionalProperties', 'not'].includes(key) && typeof value === 'object') {
      out[key] = toJsonSchema(document, value, { closed });
    } else if (['allOf', 'anyOf', 'oneOf'].includes(key)) {
      out[key] = value.map((sub) => toJsonSchema(document, sub, { closed }));
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable === true) {
    if (out.type) out.type = [out.type, 'null'];
    if (out.enum) out.enum = [...out.enum, null];
  }
  if (closed && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

// An Ajv instance holding every component schema, and a compile(schema) for the rest.
export function validators(document, options = {}) {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  const definitions = Object.fromEntries(
    Object.entries(document.components?.schemas || {}).map(([name, schema]) => [name, toJsonSchema(document, schema, options)]));
  ajv.addSchema({ $id: COMPONENTS_ID, definitions });
  const cache = new Map();
  return {
    // A validate(value) function for an OpenAPI schema of the document (cached by identity).
    compile(schema) {
      if (!cache.has(schema)) cache.set(schema, ajv.compile(toJsonSchema(document, schema, options)));
      return cache.get(schema);
    },
    // Ajv's messages, with the field a closed object did not expect named.
    errorsText: (errors) => errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`).join('; '),
  };
}
