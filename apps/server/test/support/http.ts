export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

/** A real HTTP client for the app under test: JSON in, JSON out, bearer token when given. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json') && text !== '') parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = any>(path: string, body?: unknown, token?: string) {
    return this.request<T>('POST', path, { body, token });
  }

  /** Signs in each user (demo password) and answers their tokens by username. */
  async loginAll(usernames: readonly string[]): Promise<Record<string, string>> {
    const tokens: Record<string, string> = {};
    for (const username of usernames) tokens[username] = await this.login(username);
    return tokens;
  }

  async login(username: string, password = 'password123'): Promise<string> {
    const response = await this.post<{ token: string }>('/api/auth/login', { username, password });
    if (response.status !== 200)
      throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token;
  }
}
