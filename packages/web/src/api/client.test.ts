import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "./client.ts";

/** Answers each request with the next canned response and records what was asked. */
function server(...responses: Response[]) {
  const requests: { url: string; method: string; headers: Headers; body: string | undefined }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    requests.push({
      url,
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: init.body as string | undefined,
    });
    const response = responses.shift();
    if (!response) throw new TypeError("Failed to fetch");
    return response;
  }) as typeof fetch;
  return { requests, fetchImpl };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const error = (status: number, code: string) => json(status, { error: { code, message: `${code} happened` } });

describe("createApiClient", () => {
  it("sends the admin token and JSON, under the API's root", async () => {
    const { requests, fetchImpl } = server(json(201, { machineId: "m 1", token: "fdm_x" }));
    const api = createApiClient("http://api.test/", "fda_secret", fetchImpl);
    await expect(api.register("m 1", "Hall A")).resolves.toEqual({ machineId: "m 1", token: "fdm_x" });
    expect(requests[0]).toMatchObject({
      url: "http://api.test/machines",
      method: "POST",
      body: '{"machineId":"m 1","label":"Hall A"}',
    });
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer fda_secret");
  });

  it("turns error bodies into ApiError with the contract's code", async () => {
    const { fetchImpl } = server(error(401, "unauthorized"), new Response("<html>bad gateway</html>", { status: 502 }));
    const api = createApiClient("http://api.test", "wrong", fetchImpl);
    await expect(api.checkToken()).rejects.toMatchObject({
      status: 401,
      code: "unauthorized",
      message: "unauthorized happened",
    });
    await expect(api.getMachine("m")).rejects.toMatchObject({ status: 502, code: "http_error" });
  });

  it("says the API cannot be reached when fetch itself fails (down, or CORS refused)", async () => {
    const api = createApiClient("http://api.test", "t", server().fetchImpl);
    await expect(api.listMachines(null)).rejects.toThrow(/Cannot reach the API at http:\/\/api.test/);
  });

  it("reads a §6 route that the API lacks (404 not_found) as null, but not a missing machine", async () => {
    const { requests, fetchImpl } = server(
      error(404, "not_found"),
      error(404, "not_found"),
      error(404, "machine_not_found"),
    );
    const api = createApiClient("http://api.test", "t", fetchImpl);
    await expect(api.fleet()).resolves.toBeNull();
    await expect(api.downloads("a/b", null)).resolves.toBeNull();
    await expect(api.downloads("gone", null)).rejects.toBeInstanceOf(ApiError);
    expect(requests[1]!.url).toBe("http://api.test/machines/a%2Fb/downloads?limit=50");
  });

  it("passes the list cursor encoded", async () => {
    const { requests, fetchImpl } = server(json(200, { machines: [], nextCursor: null }));
    await createApiClient("http://api.test", "t", fetchImpl).listMachines("a+b/c=");
    expect(requests[0]!.url).toBe("http://api.test/machines?limit=100&cursor=a%2Bb%2Fc%3D");
  });
});
