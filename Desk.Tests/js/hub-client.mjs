// Drives the real @microsoft/signalr client against the desk's hub for Desk.Tests.
// Usage: node hub-client.mjs <baseUrl> <username|-> <password|-> <queue[,queue...]|-> [--supervisors]
// With DESK_HUB_COOKIE set (name=value) it connects with that session instead of signing in; with DESK_HUB_PATH
// (/hubs/portal) to that hub instead of /hubs/desk. A queue of - joins none.
// Prints one JSON object per line: ready, start-failed, invoke-failed, and every pushed event.
// Reads JSON lines on stdin, {"invoke":"ViewQuery","args":["SR-1"]}, and prints invoked or invoke-failed for each.
import * as signalR from '@microsoft/signalr';

const [base, username, password, queue, ...flags] = process.argv.slice(2);
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');

let cookie = process.env.DESK_HUB_COOKIE;
if (!cookie && username !== '-') {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-client': 'console' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    print({ event: 'signin-failed', status: response.status });
    process.exit(2);
  }
  cookie = response.headers.get('set-cookie').split(';')[0];
}

const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${base}${process.env.DESK_HUB_PATH ?? '/hubs/desk'}`, { headers: { 'X-Desk-Client': 'console', ...(cookie ? { Cookie: cookie } : {}) } })
  .configureLogging(signalR.LogLevel.None)
  .build();
connection.onclose(() => print({ event: 'closed' }));
for (const name of ['QueryCreated', 'QueryUpdated', 'QueryLeft', 'TimelineAppended', 'SlaBreached', 'DeliveryChanged', 'MomentOfTruth', 'PresenceChanged', 'OutageChanged', 'Resync', 'QueryChanged']) {
  connection.on(name, (payload) => print({ event: name, payload }));
}

try {
  await connection.start();
} catch (e) {
  print({ event: 'start-failed', message: String(e.message ?? e), status: e.statusCode ?? null });
  process.exit(3);
}
try {
  for (const name of queue === '-' ? [] : queue.split(',')) await connection.invoke('JoinQueue', name);
  if (flags.includes('--supervisors')) await connection.invoke('JoinSupervisors');
} catch (e) {
  print({ event: 'invoke-failed', message: String(e.message ?? e) });
}
print({ event: 'ready' });
// Stay connected until the test closes stdin or kills the process.
let pending = '';
process.stdin.on('data', async (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const { invoke, args } = JSON.parse(pending.slice(0, newline));
    pending = pending.slice(newline + 1);
    try {
      await connection.invoke(invoke, ...args);
      print({ event: 'invoked', method: invoke });
    } catch (e) {
      print({ event: 'invoke-failed', method: invoke, message: String(e.message ?? e) });
    }
  }
});
process.stdin.on('end', async () => { await connection.stop(); process.exit(0); });
process.stdin.resume();
