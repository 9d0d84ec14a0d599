// A minimal MCP Apps host for pushback's browser test: it embeds the ui://
// resource in a sandboxed iframe under the CSP SEP-1865 prescribes for a
// view that declares no domains, and speaks the host side of the bridge
// (ui/initialize, tool-input and tool-result after initialized, tools/call
// and resources/read proxied to the MCP server through the test's Go
// client, size-changed). Go exposes hostSetup, hostCall and hostRead.
(async function () {
  'use strict';
  var cfg = await hostSetup({});
  var frame = document.getElementById('view');
  var log = window.hostLog = [];
  document.getElementById('tool').textContent = cfg.tool.name;
  var send = function (m) { frame.contentWindow.postMessage(m, '*'); };
  window.addEventListener('message', async function (e) {
    if (e.source !== frame.contentWindow) return;
    var m = e.data;
    if (!m || m.jsonrpc !== '2.0') return;
    log.push(m.method === 'tools/call' ? 'tools/call ' + m.params.name : (m.method || 'response'));
    switch (m.method) {
      case 'ui/initialize':
        send({ jsonrpc: '2.0', id: m.id, result: {
          protocolVersion: '2026-01-26',
          hostInfo: { name: 'pushback-test-host', version: '1' },
          hostCapabilities: { serverTools: {}, serverResources: {}, logging: {} },
          hostContext: { theme: cfg.theme, displayMode: 'inline', availableDisplayModes: ['inline'], platform: 'web',
            toolInfo: { tool: cfg.tool }, containerDimensions: { maxHeight: 6000 } },
        } });
        return;
      case 'ui/notifications/initialized':
        send({ jsonrpc: '2.0', method: 'ui/notifications/tool-input', params: { arguments: cfg.input } });
        send({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: cfg.result });
        return;
      case 'ui/notifications/size-changed':
        frame.style.height = m.params.height + 'px';
        return;
      case 'tools/call':
      case 'resources/read':
        try {
          var r = m.method === 'tools/call' ? await hostCall(m.params) : await hostRead(m.params);
          send({ jsonrpc: '2.0', id: m.id, result: r });
        } catch (err) {
          send({ jsonrpc: '2.0', id: m.id, error: { code: -32000, message: String(err && err.message || err) } });
        }
        return;
      case 'notifications/message':
        return;
    }
    if (m.id !== undefined && m.method) send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'not supported by this host' } });
  });
  var csp = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' data:; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'self'";
  frame.srcdoc = cfg.html.replace('<head>', '<head><meta http-equiv="Content-Security-Policy" content="' + csp + '">');
})();
