// Request validation with the OpenAPI document's own dialect (JSON Schema 2020-12, Ajv's 2020 build).
// Bodies are taken as sent (no type coercion: "80" is not a port, unknown fields are errors); query
// strings and path parameters are text on the wire, so those are coerced to the declared types.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

// ajv-formats is CommonJS with a default export; under NodeNext its default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

function makeAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    strict: true,
    strictRequired: false,
    strictTypes: false,
  });
  addFormats(ajv);
  return ajv;
}

type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/** Compiles on the first request the validator sees, not at start: Ajv code generation for every
 * operation is about 0.15 s of `serve`'s start on this machine, and a route nobody calls never pays.
 * Fastify reads a failed call's errors from the function's own `errors`, as Ajv sets them. */
function compiledOnFirstUse(compile: () => Validate): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= compile();
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  };
  return validate;
}

/** eager: compile at route registration (tests that every schema of the document compiles). */
export function validatorCompiler(eager = false): FastifySchemaCompiler<unknown> {
  const body = makeAjv(false);
  const text = makeAjv(true);
  return ({ schema, httpPart }) => {
    const compile = () => (httpPart === 'body' ? body : text).compile(schema as object) as Validate;
    return eager ? compile() : compiledOnFirstUse(compile);
  };
}
