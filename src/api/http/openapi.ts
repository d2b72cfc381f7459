// The OpenAPI document is the source of truth: this reads openapi/netreach.yaml once, resolves its
// `$ref`s into plain JSON Schemas, and turns every operation into a Fastify route definition
// (validation and serialisation schemas), so nothing here repeats a schema by hand.
import { readFileSync } from 'node:fs';
import type { FastifySchema, HTTPMethods } from 'fastify';
import { parse } from 'yaml';
import { packagePath } from '../../package-root.ts';

export const OPENAPI_PATH = packagePath('openapi/netreach.yaml');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ApiOperation {
  readonly operationId: string;
  readonly method: HTTPMethods;
  /** Fastify form: `/v1/snapshots/:id`. */
  readonly url: string;
  /** `security: []`: no bearer token needed (health checks). */
  readonly public: boolean;
  readonly schema: FastifySchema;
}

export interface ApiDocument {
  /** The document as written (served at /openapi.json). */
  readonly document: JsonObject;
  readonly operations: readonly ApiOperation[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pointer(doc: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`openapi: only local $refs are supported (${ref})`);
  let node: Json = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) throw new Error(`openapi: dangling $ref ${ref}`);
    node = node[key];
  }
  return node;
}

/** Inlines every `$ref` (siblings such as `default` are kept next to the resolved schema). */
export function deref(node: Json, doc: JsonObject, seen: readonly string[] = []): Json {
  if (Array.isArray(node)) return node.map((n) => deref(n, doc, seen));
  if (!isObject(node)) return node;
  const { $ref, ...rest } = node;
  const out: JsonObject = {};
  if (typeof $ref === 'string') {
    if (seen.includes($ref)) throw new Error(`openapi: recursive $ref ${$ref} cannot be inlined`);
    const target = deref(pointer(doc, $ref), doc, [...seen, $ref]);
    if (isObject(target)) Object.assign(out, target);
  }
  for (const [k, v] of Object.entries(rest)) out[k] = deref(v, doc, seen);
  return out;
}

function parametersSchema(params: JsonObject[], where: 'query' | 'path'): JsonObject | undefined {
  const mine = params.filter((p) => p.in === where);
  if (mine.length === 0) return undefined;
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const p of mine) {
    properties[p.name as string] = (p.schema as JsonObject) ?? {};
    if (p.required === true) required.push(p.name as string);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** One content type: the schema itself; several: Fastify's per-content-type form. */
function contentSchema(content: JsonObject): JsonObject | undefined {
  const entries = Object.entries(content).filter(([, v]) => isObject(v) && isObject(v.schema));
  if (entries.length === 0) return undefined;
  if (entries.length === 1 && entries[0][0] === 'application/json') return (entries[0][1] as JsonObject).schema as JsonObject;
  const byType: JsonObject = {};
  for (const [type, v] of entries) byType[type] = { schema: (v as JsonObject).schema };
  return { content: byType };
}

/** Success and other non-problem answers; problem+json bodies are written by the error handler. */
function responseSchemas(responses: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [status, response] of Object.entries(responses)) {
    if (!isObject(response) || !isObject(response.content)) continue;
    const content = Object.fromEntries(Object.entries(response.content).filter(([type]) => type !== 'application/problem+json'));
    const schema = contentSchema(content);
    if (schema) out[status] = schema;
  }
  return out;
}

function operationOf(doc: JsonObject, path: string, method: string, op: JsonObject): ApiOperation {
  const params = ((op.parameters as Json[] | undefined) ?? []) as JsonObject[];
  const schema: JsonObject = {};
  const querystring = parametersSchema(params, 'query');
  const pathParams = parametersSchema(params, 'path');
  if (querystring) schema.querystring = querystring;
  if (pathParams) schema.params = pathParams;
  const body = isObject(op.requestBody) && isObject(op.requestBody.content) ? contentSchema(op.requestBody.content) : undefined;
  if (body) schema.body = body;
  if (isObject(op.responses)) schema.response = responseSchemas(op.responses);
  const security = op.security ?? doc.security;
  return {
    operationId: String(op.operationId),
    method: method.toUpperCase() as HTTPMethods,
    url: path.replace(/\{([^}]+)\}/g, ':$1'),
    public: Array.isArray(security) && security.length === 0,
    schema: schema as FastifySchema,
  };
}

export function loadApiDocument(path: string = OPENAPI_PATH): ApiDocument {
  const document = parse(readFileSync(path, 'utf8')) as JsonObject;
  const resolved = deref(document, document) as JsonObject;
  const operations: ApiOperation[] = [];
  for (const [url, item] of Object.entries((resolved.paths as JsonObject) ?? {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) operations.push(operationOf(resolved, url, method, op));
    }
  }
  return { document, operations };
}
