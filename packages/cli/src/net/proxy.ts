/**
 * Proxies from the environment, as curl reads them: HTTPS_PROXY/HTTP_PROXY/ALL_PROXY (either case)
 * and NO_PROXY (proxy-from-env implements curl's matching). The tunnel itself is hpagent's
 * CONNECT agent, loaded only when a proxy applies, so a direct poll pays nothing for it.
 */
import type { Agent } from "node:http";
import { getProxyForUrl } from "proxy-from-env";

const agents = new Map<string, Agent>();

export async function proxyAgentFor(url: URL): Promise<Agent | undefined> {
  const proxy = getProxyForUrl(url.href);
  if (!proxy) return undefined;
  const key = `${url.protocol} ${proxy}`;
  let agent = agents.get(key);
  if (!agent) {
    const { HttpProxyAgent, HttpsProxyAgent } = await import("hpagent");
    const options = { proxy, keepAlive: true };
    agent = url.protocol === "https:" ? new HttpsProxyAgent(options) : new HttpProxyAgent(options);
    agents.set(key, agent);
  }
  return agent;
}
