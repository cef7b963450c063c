// Web Chat over a local Direct Line for Desk.Tests: offline-directline (Direct Line for the browser, Bot Connector for
// the desk) and a page that renders botframework-webchat from node_modules, all on one express app at 127.0.0.1.
// Usage: DESK_BOT_KEY=<api key with the bot scope> node webchat/server.mjs <desk base URL>
// Prints `listening <port>` when ready; exits when the test closes stdin or kills it.
// The page: /?user=<id>&name=<display name>&locale=<locale>.
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import directLine from 'offline-directline';

const desk = (process.argv[2] ?? '').replace(/\/+$/, '');
const key = process.env.DESK_BOT_KEY;
if (!desk || !key) {
  console.error('usage: DESK_BOT_KEY=<key> node webchat/server.mjs <desk base URL>');
  process.exit(2);
}
// offline-directline fetches the bot without a catch: a refused call must not end the server.
process.on('unhandledRejection', (e) => console.error('unhandled rejection:', e?.message ?? e));

const webchatDist = path.join(path.dirname(createRequire(import.meta.url).resolve('botframework-webchat')), '..', 'dist');
const app = express();

// offline-directline posts activities here; the desk wants its bot key, which a Direct Line channel never sends.
app.post('/bot', express.json({ limit: '1mb' }), async (req, res) => {
  try {
    const answer = await fetch(`${desk}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(req.body),
    });
    const body = await answer.text();
    if (!answer.ok) console.error(`desk answered ${answer.status} to a ${req.body?.type}: ${body}`);
    res.status(answer.status).type(answer.headers.get('content-type') ?? 'text/plain').send(body);
  } catch (e) {
    console.error('desk unreachable:', e.message);
    res.status(502).send();
  }
});

app.get('/webchat.js', (req, res) => res.sendFile(path.join(webchatDist, 'webchat.js')));

app.get('/', (req, res) => res.type('html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Desk Web Chat</title>
<style>html, body, #webchat { height: 100%; margin: 0 }</style></head>
<body>
<div id="webchat" role="main"></div>
<script src="/webchat.js"></script>
<script>
  const query = new URLSearchParams(location.search);
  // Kept on window so a test can read the conversation id Direct Line was given.
  window.directLine = window.WebChat.createDirectLine({
    domain: location.origin + '/directline', webSocket: false, token: 'x', pollingInterval: 250,
  });
  window.WebChat.renderWebChat({
    directLine: window.directLine,
    userID: query.get('user') || 'u-webchat',
    username: query.get('name') || 'Web Chat user',
    locale: query.get('locale') || 'en-US',
  }, document.getElementById('webchat'));
</script>
</body>
</html>`));

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  // Its client routes carry their own /directline prefix; the desk replies to {origin}/v3/conversations/...
  app.use(directLine.getRouter(origin, `${origin}/bot`));
  console.log(`listening ${port}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
