import { isJsonObject, type JsonObject, type JsonValue } from '../../agent/json.ts';
import type { HttpBinding, HttpParameter } from '../tool.ts';
import { joinServerPath } from './servers.ts';

/** A request with the arguments placed, before credentials are added. */
export interface PreparedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Cookie name/value pairs; sent as a `Cookie` header outside browsers only. */
  cookies: [string, string][];
  body?: string | FormData;
}

/** The request, or why the arguments cannot make one. */
export type PrepareResult = { ok: true; request: PreparedRequest } | { ok: false; error: string };

/** The text of a scalar argument; arrays and objects as JSON. */
export function argumentText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Query pairs of one argument: arrays repeat the name (OpenAPI's form/explode default). */
function queryPairs(name: string, value: JsonValue): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((item) => item !== null)
    .map((item) => `${encodeURIComponent(name)}=${encodeURIComponent(argumentText(item))}`);
}

/** True for media types whose body is JSON (`application/json`, `application/*+json`). */
export function isJsonMediaType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/** The encoded body for its media type; a parameter with an empty API name is the whole body. */
function encodeBody(
  parameters: readonly HttpParameter[],
  args: JsonObject,
  contentType: string,
): string | FormData {
  const whole = parameters.length === 1 && parameters[0]?.name === '' ? parameters[0] : undefined;
  let value: JsonValue;
  if (whole !== undefined) value = args[whole.argument] ?? null;
  else {
    const object: JsonObject = {};
    for (const parameter of parameters) {
      const argument = args[parameter.argument];
      if (argument !== undefined) object[parameter.name] = argument;
    }
    value = object;
  }
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded' && isJsonObject(value))
    return Object.entries(value)
      .flatMap(([name, item]) => queryPairs(name, item))
      .join('&');
  if (type === 'multipart/form-data' && isJsonObject(value)) {
    const form = new FormData();
    for (const [name, item] of Object.entries(value)) form.append(name, argumentText(item));
    return form;
  }
  if (typeof value === 'string' && !isJsonMediaType(contentType)) return value;
  return JSON.stringify(value);
}

/** Places the arguments per the binding (path, query, header, cookie, body) on the given server. */
export function buildRequest(http: HttpBinding, args: JsonObject, server: URL): PrepareResult {
  const method = http.method.toUpperCase();
  const headers = new Headers();
  const cookies: [string, string][] = [];
  const query: string[] = [];
  const bodyParameters: HttpParameter[] = [];
  let path = http.path;
  for (const parameter of http.parameters) {
    const value = args[parameter.argument];
    if (parameter.in === 'body') {
      bodyParameters.push(parameter);
      continue;
    }
    if (value === undefined || value === null) {
      if (parameter.required)
        return { ok: false, error: `missing required argument "${parameter.argument}"` };
      continue;
    }
    if (parameter.in === 'path') {
      const items = Array.isArray(value) ? value : [value];
      const text = items.map((item) => encodeURIComponent(argumentText(item))).join(',');
      // "." and ".." are dot segments even when percent-encoded: they would climb out of the path.
      if (text === '' || text === '.' || text === '..')
        return { ok: false, error: `${parameter.argument}: "${text}" is not a valid path value` };
      path = path.split(`{${parameter.name}}`).join(text);
    } else if (parameter.in === 'query') query.push(...queryPairs(parameter.name, value));
    else if (parameter.in === 'header') {
      const text = Array.isArray(value) ? value.map(argumentText).join(',') : argumentText(value);
      try {
        headers.set(parameter.name, text);
      } catch {
        return { ok: false, error: `${parameter.argument}: cannot be sent as the header ${parameter.name}` };
      }
    } else cookies.push([parameter.name, argumentText(value)]);
  }
  const unfilled = /\{([^}]+)\}/.exec(path);
  if (unfilled !== null) return { ok: false, error: `missing path parameter "${unfilled[1]}"` };
  let url: URL;
  try {
    url = new URL(joinServerPath(server, path));
  } catch {
    return { ok: false, error: `cannot make a URL of ${path}` };
  }
  if (query.length > 0)
    url.search = url.search === '' ? query.join('&') : `${url.search.slice(1)}&${query.join('&')}`;
  const request: PreparedRequest = { method, url, headers, cookies };
  if (bodyParameters.length > 0 && method !== 'GET' && method !== 'HEAD') {
    const contentType = http.bodyContentType ?? 'application/json';
    request.body = encodeBody(bodyParameters, args, contentType);
    // FormData sets its own multipart content type, boundary included.
    if (typeof request.body === 'string') headers.set('content-type', contentType);
  }
  return { ok: true, request };
}
