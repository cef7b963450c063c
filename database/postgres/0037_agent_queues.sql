-- Which queues an agent works, set in the desk by a supervisor or admin (PUT /api/admin/agents/{username}/queues).
-- Null: QueueAccess:Agents in configuration decides, else every queue that is not restricted. Comma-separated codes;
-- an empty string is an agent who works no queue.
alter table agent_profiles add column queues text null;
