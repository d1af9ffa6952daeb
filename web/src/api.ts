/** Calls to this server's API, with the bearer token when one is given; problems come back as a list. */

export interface Problem {
  code: string;
  path: string;
  message: string;
  file: string;
  line?: number;
}

export class ApiProblems extends Error {
  constructor(
    readonly status: number,
    readonly problems: Problem[],
  ) {
    super(`${status}: ${problems.map((p) => p.code).join(', ')}`);
  }
}

function headers(): Record<string, string> {
  const token = (document.getElementById('token') as HTMLInputElement | null)?.value.trim();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function fail(res: Response): Promise<never> {
  let problems: Problem[] = [];
  try {
    problems = ((await res.json()) as { problems?: Problem[] }).problems ?? [];
  } catch {
    problems = [{ code: 'HTTP_' + res.status, path: '', file: '(server)', message: res.statusText }];
  }
  throw new ApiProblems(res.status, problems);
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: headers() });
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

export async function getBlob(url: string): Promise<Blob> {
  const res = await fetch(url, { headers: headers() });
  if (!res.ok) return fail(res);
  return res.blob();
}

/** POSTs a multipart form; the answer as a Blob with its headers. */
export async function postForm(url: string, form: FormData): Promise<{ blob: Blob; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body: form, headers: headers() });
  if (!res.ok) return fail(res);
  return { blob: await res.blob(), headers: res.headers };
}

/** Saves a Blob as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
