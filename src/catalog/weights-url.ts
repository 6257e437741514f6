/** Why a weights URL cannot be used, or undefined when it can (http or https, absolute). */
export function weightsUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; give the address of the converted model folder, e.g. https://huggingface.co/<you>/<repo>.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `"${url}" is not an http(s) address; WebLLM downloads weights over HTTP.`;
  return undefined;
}
