// Injected before the console's own scripts (Playwright init script). Times, in performance.now() milliseconds:
// when the first query row entered #queries, when the hub said connected, and, per bench query ([b123] in its
// subject), when its push arrived on the WebSocket, when its row entered the DOM and the next frame after that.
(() => {
  const probe = (window.__bench = { submitted: null, firstRow: null, connected: null, usable: null, arrived: {}, inDom: {}, painted: {} });
  const tag = /\[b(\d+)\]/g;
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      // Registered before the SignalR client sets onmessage, so it runs first for every frame.
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.includes('"QueryCreated"')) return;
        const now = performance.now();
        for (const match of event.data.matchAll(tag)) probe.arrived[match[1]] ??= now;
      });
    }
  };
  const settled = () => {
    if (probe.usable !== null || probe.firstRow === null || probe.connected === null) return;
    // Usable: the rows are in and the page's next frame came, so it answers input.
    requestAnimationFrame(() => setTimeout(() => { probe.usable ??= performance.now(); }));
  };
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      if (record.type === 'attributes') {
        const target = record.target;
        if (target.id === 'connection' && target.dataset.state === 'connected') probe.connected ??= now;
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeName !== 'TR' || node.parentElement?.id !== 'queries') continue;
        probe.firstRow ??= now;
        const match = /\[b(\d+)\]/.exec(node.textContent ?? '');
        if (match && probe.inDom[match[1]] === undefined) {
          probe.inDom[match[1]] = now;
          requestAnimationFrame(() => { probe.painted[match[1]] = performance.now(); });
        }
      }
    }
    settled();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  document.addEventListener('submit', () => { probe.submitted = performance.now(); }, true);
})();
