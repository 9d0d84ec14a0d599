// pushback scorecard as an MCP App (SEP-1865, protocol 2026-01-26). The
// view speaks the MCP Apps message protocol with its host itself: JSON-RPC
// 2.0 over postMessage (ui/initialize, then ui/notifications/initialized;
// the host sends tool-input and tool-result notifications; the view asks
// the host for tools/call and resources/read). It renders the tool's
// structuredContent with the same scorecard the studio page uses, and it
// reaches nothing but its host (its CSP forbids any connection).
(function () {
  'use strict';

  var SC = window.pushbackScorecard;
  var el = SC.el;
  var PROTOCOL_VERSION = '2026-01-26';
  var host = window.parent;
  var app = document.getElementById('app');

  var state = {
    hostCaps: {},
    tool: '',         // the tool whose result this view shows
    input: null,      // its arguments (ui/notifications/tool-input)
    result: null,     // its result (ui/notifications/tool-result)
    rewrite: null,    // a rewrite asked for from this view
    busy: '',
    error: '',
    guide: new SC.Guide(),
  };

  // ---- JSON-RPC over postMessage ----

  var nextID = 1;
  var pending = {};

  function send(msg) { host.postMessage(msg, '*'); }

  function request(method, params) {
    var id = nextID++;
    send({ jsonrpc: '2.0', id: id, method: method, params: params || {} });
    return new Promise(function (resolve, reject) { pending[id] = { resolve: resolve, reject: reject }; });
  }

  function notify(method, params) { send({ jsonrpc: '2.0', method: method, params: params || {} }); }

  function log(level, data) { notify('notifications/message', { level: level, logger: 'pushback-scorecard', data: data }); }

  window.addEventListener('message', function (e) {
    if (e.source !== host) return; // only the host speaks to this view
    var m = e.data;
    if (!m || m.jsonrpc !== '2.0') return;
    if (m.method === undefined && m.id !== undefined) {
      var p = pending[m.id];
      if (!p) return;
      delete pending[m.id];
      if (m.error) p.reject(new Error(m.error.message || ('error ' + m.error.code)));
      else p.resolve(m.result);
      return;
    }
    switch (m.method) {
      case 'ui/notifications/tool-input':
        state.input = (m.params && m.params.arguments) || {};
        render();
        break;
      case 'ui/notifications/tool-input-partial':
        break; // the complete arguments follow
      case 'ui/notifications/tool-result':
        state.result = m.params || {};
        state.rewrite = null;
        render();
        enrich();
        break;
      case 'ui/notifications/tool-cancelled':
        state.error = 'The check was cancelled' + (m.params && m.params.reason ? ': ' + m.params.reason : '.');
        render();
        break;
      case 'ui/notifications/host-context-changed':
        applyContext(m.params || {});
        break;
      case 'ui/resource-teardown':
      case 'ping':
        send({ jsonrpc: '2.0', id: m.id, result: {} });
        break;
      default:
        if (m.id !== undefined) send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'Method not found: ' + m.method } });
    }
  });

  // ---- the host's context: theme, styles, the tool ----

  function applyContext(ctx) {
    var root = document.documentElement;
    if (ctx.theme === 'light' || ctx.theme === 'dark') root.dataset.theme = ctx.theme;
    var vars = ctx.styles && ctx.styles.variables;
    if (vars) Object.keys(vars).forEach(function (k) { if (vars[k] && k.indexOf('--') === 0) root.style.setProperty(k, vars[k]); });
    var tool = ctx.toolInfo && ctx.toolInfo.tool;
    if (tool) {
      state.tool = tool.name || state.tool;
      var level = tool.inputSchema && tool.inputSchema.properties && tool.inputSchema.properties.level;
      var levels = ((level && level.enum) || []).filter(function (l) { return l !== 'auto'; });
      state.guide = new SC.Guide({ steps: state.guide.steps, antiPatterns: state.guide.antiPatterns, levels: levels });
    }
  }

  // loadGuide asks the host for the formula's steps and the anti-patterns'
  // names, when it can read the server's resources; without them parts and
  // findings are named from their ids.
  async function loadGuide() {
    if (!state.hostCaps.serverResources) return;
    try {
      var read = async function (uri) {
        var r = await request('resources/read', { uri: uri });
        return JSON.parse(r.contents[0].text);
      };
      var formula = await read('pushback://formula.json');
      var aps = await read('pushback://anti-patterns.json');
      state.guide = new SC.Guide({
        steps: (formula.steps || []).map(function (s) { return { id: s.id, name: s.name }; }),
        antiPatterns: aps.map(function (a) { return { id: a.id, name: a.name }; }),
        levels: state.guide.levels,
      });
      render();
    } catch (e) {
      log('info', 'guide not read: ' + e.message);
    }
  }

  // ---- what the view shows ----

  function structured(r) {
    if (!r) return null;
    if (r.structuredContent) return r.structuredContent;
    try { return JSON.parse((r.content || [])[0].text); } catch (e) { return null; }
  }

  function isRewrite(sc) { return sc && typeof sc.text === 'string' && sc.check; }

  function title(text) {
    return el('h1', { 'class': 'app-title' }, [el('span', { 'class': 'logo', 'aria-hidden': 'true' }), text]);
  }

  function render() {
    var draft = state.input && typeof state.input.draft === 'string' ? state.input.draft : undefined;
    var kids = [];
    if (state.error) kids.push(el('p', { 'class': 'error', role: 'alert', text: state.error }));
    var sc = structured(state.result);
    if (state.result && state.result.isError) {
      kids.unshift(title('pushback'));
      kids.push(el('p', { 'class': 'error', text: ((state.result.content || [])[0] || {}).text || 'The tool failed.' }));
    } else if (state.rewrite || isRewrite(sc)) {
      var rw = state.rewrite || sc;
      kids.unshift(title('pushback rewrite'));
      kids.push(SC.rewriteResult(rw, draft || '', state.guide, { heading: 'h2' }));
      kids.push(el('h2', { text: 'The rewrite' }), el('p', { 'class': 'rewritten', text: rw.text }));
      if (state.rewrite) {
        var back = el('button', { type: 'button', text: 'Back to the check' });
        back.addEventListener('click', function () { state.rewrite = null; render(); });
        kids.push(el('div', { 'class': 'app-actions' }, [back]));
      }
    } else if (sc && typeof sc.score === 'number') {
      kids.unshift(title('pushback check'));
      kids.push(SC.report(sc, state.guide, { draft: draft, idPrefix: 'app', heading: 'h2' }));
      var actions = el('div', { 'class': 'app-actions' });
      if (state.hostCaps.serverTools && draft) {
        var b = el('button', { type: 'button', 'class': 'primary', id: 'app-rewrite', text: state.busy === 'rewrite' ? 'Rewriting…' : 'Rewrite it', disabled: state.busy === 'rewrite' });
        b.addEventListener('click', rewrite);
        actions.appendChild(b);
      }
      if (actions.childElementCount) kids.push(actions);
    } else {
      kids.unshift(title('pushback'));
      kids.push(el('p', { 'class': 'muted', text: draft ? 'Checking your draft…' : 'Waiting for the check…' }));
      if (draft) kids.push(el('p', { 'class': 'marked', text: draft }));
    }
    var focused = document.activeElement && document.activeElement.id;
    app.replaceChildren.apply(app, kids);
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    app.dataset.view = state.rewrite || isRewrite(sc) ? 'rewrite' : (sc ? 'check' : 'waiting');
    app.dataset.guide = state.guide.antiPatterns.length ? 'read' : 'none';
  }

  // enrich asks the host to run check_draft again in full when the result
  // it was given is the compact one (no formula parts, no reasons): the
  // verdict is the same, the view gains the parts' highlights and the why.
  async function enrich() {
    var sc = structured(state.result);
    if (!state.hostCaps.serverTools || !sc || typeof sc.score !== 'number' || sc.components || !state.input || !state.input.draft) return;
    try {
      var r = await request('tools/call', { name: 'check_draft', arguments: Object.assign({}, state.input, { verbose: true }) });
      if (!r.isError && r.structuredContent && typeof r.structuredContent.score === 'number') {
        state.result = r;
        render();
      }
    } catch (e) {
      log('info', 'full check not available: ' + e.message);
    }
  }

  // rewrite asks the host to call rewrite_draft on the draft this check
  // judged, with the same context.
  async function rewrite() {
    var a = { draft: state.input.draft, verbose: true };
    ['situation', 'audience', 'stakes', 'level'].forEach(function (k) { if (state.input[k]) a[k] = state.input[k]; });
    state.busy = 'rewrite';
    state.error = '';
    render();
    try {
      var r = await request('tools/call', { name: 'rewrite_draft', arguments: a });
      if (r.isError) throw new Error(((r.content || [])[0] || {}).text || 'rewrite_draft failed');
      state.rewrite = structured(r);
      say(state.rewrite.pass ? 'Rewrite ready: it passes the check.' : 'Rewrite ready, but it does not pass the check yet.');
    } catch (e) {
      state.error = 'The rewrite did not come back: ' + e.message;
    }
    state.busy = '';
    render();
  }

  function say(text) { document.getElementById('announce').textContent = text; }

  // ---- size: the host sizes the frame to the view ----

  var last = '';
  function reportSize() {
    var w = Math.ceil(document.documentElement.scrollWidth);
    var h = Math.ceil(document.documentElement.scrollHeight);
    var key = w + 'x' + h;
    if (key === last) return;
    last = key;
    notify('ui/notifications/size-changed', { width: w, height: h });
  }
  if (window.ResizeObserver) new ResizeObserver(function () { window.requestAnimationFrame(reportSize); }).observe(document.documentElement);

  // ---- start ----

  request('ui/initialize', {
    appInfo: { name: 'pushback-scorecard', version: '1' },
    appCapabilities: { availableDisplayModes: ['inline'] },
    protocolVersion: PROTOCOL_VERSION,
  }).then(function (res) {
    state.hostCaps = (res && res.hostCapabilities) || {};
    applyContext((res && res.hostContext) || {});
    notify('ui/notifications/initialized', {});
    render();
    reportSize();
    loadGuide();
  }, function (e) {
    state.error = 'The host did not accept this view: ' + e.message;
    render();
  });
})();
