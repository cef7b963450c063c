// The routing section's calls (Desk.Api/Routing/RoutingApi.cs): the agents as the router sees them, their languages
// and load limit, and the queues they work.
import { send } from './api';
import type { components } from './api-types';
import type { Wire } from './contract';

type Schemas = components['schemas'];

export type AgentRouting = Wire<Schemas['AgentRouting']>;
export type AgentQueues = Wire<Schemas['AgentQueuesView']>;

const agent = (username: string) => `/api/admin/agents/${encodeURIComponent(username)}`;

export const routing = {
  agents: () => send<AgentRouting[]>('GET', '/api/routing/agents'),
  setRouting: (username: string, languages: string[], maxLoad: number) =>
    send<unknown>('PUT', `${agent(username)}/routing`, { languages, maxLoad }),
  /** null: the queues configuration gives the agent. */
  setQueues: (username: string, queues: string[] | null) => send<AgentQueues>('PUT', `${agent(username)}/queues`, { queues }),
};
