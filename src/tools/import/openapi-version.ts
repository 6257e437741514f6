import { ROOT_LOCATION } from './problems.ts';

/** The OpenAPI versions the importer reads. */
export type OpenApiVersion = '2.0' | '3.0' | '3.1';

/** The version of a document, or an error saying why it cannot be imported and where. */
export type VersionOutcome =
  | { ok: true; version: OpenApiVersion; declared: string }
  | { ok: false; message: string; location: string };

const SUPPORTED = 'only Swagger 2.0 and OpenAPI 3.0 and 3.1 documents can be imported';

/** Reads `swagger` / `openapi` (and Swagger 1.x's `swaggerVersion`) from the document's root. */
export function detectVersion(root: Record<string, unknown>): VersionOutcome {
  const { openapi, swagger, swaggerVersion } = root;
  if (openapi !== undefined) {
    if (typeof openapi !== 'string') {
      return {
        ok: false,
        message: `"openapi" must be a string such as "3.0.3", not ${JSON.stringify(openapi)} (quote it in YAML)`,
        location: 'openapi',
      };
    }
    if (/^3\.0\.\d+(-.+)?$/.test(openapi)) return { ok: true, version: '3.0', declared: openapi };
    if (/^3\.1\.\d+(-.+)?$/.test(openapi)) return { ok: true, version: '3.1', declared: openapi };
    return {
      ok: false,
      message: `unsupported OpenAPI version "${openapi}": ${SUPPORTED}`,
      location: 'openapi',
    };
  }
  if (swagger !== undefined) {
    if (swagger === '2.0') return { ok: true, version: '2.0', declared: '2.0' };
    return {
      ok: false,
      message: `unsupported Swagger version ${JSON.stringify(swagger)}: ${SUPPORTED}`,
      location: 'swagger',
    };
  }
  if (swaggerVersion !== undefined) {
    return {
      ok: false,
      message: `unsupported Swagger version ${JSON.stringify(swaggerVersion)}: ${SUPPORTED}`,
      location: 'swaggerVersion',
    };
  }
  return {
    ok: false,
    message: `no version: an OpenAPI document starts with "openapi: 3.x.y" or "swagger: '2.0'"; ${SUPPORTED}`,
    location: ROOT_LOCATION,
  };
}
