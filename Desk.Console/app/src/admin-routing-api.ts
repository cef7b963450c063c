// The routing section's calls (Desk.Api/Routing/RoutingApi.cs): the agents as the router sees them, their languages
// and load limit, the queues they work, and which queues are restricted.
import { send } from './api';
import type { components } from './api-types';
import type { Wire } from './contract';

type Schemas = components['schemas'];

export type AgentRouting = Wire<Schemas['AgentRouting']>;
export type AgentQueues = Wire<Schemas['AgentQueuesView']>;
export type QueueSetting = Wire<Schemas['QueueSetting']>;

const agent = (username: string) => `/api/admin/agents/${encodeURIComponent(username)}`;
const restriction = (queue: string) => `/api/admin/queues/${encodeURIComponent(queue)}/restriction`;

export const routing = {
  agents: () => send<AgentRouting[]>('GET', '/api/routing/agents'),
  setRouting: (username: string, languages: string[], maxLoad: number) =>
    send<unknown>('PUT', `${agent(username)}/routing`, { languages, maxLoad }),
  /** null: the queues configuration gives the agent. */
  setQueues: (username: string, queues: string[] | null) => send<AgentQueues>('PUT', `${agent(username)}/queues`, { queues }),
  queues: () => send<QueueSetting[]>('GET', '/api/admin/queues'),
  /** Admins only; `null` gives the queue back to configuration. */
  restrict: (queue: string, restricted: boolean | null) =>
    restricted === null ? send<QueueSetting>('DELETE', restriction(queue)) : send<QueueSetting>('PUT', restriction(queue), { restricted }),
};
