// pushback studio: a small MCP client over streamable HTTP, enough for the
// page to call the server that served it exactly as an assistant does
// (initialize, tools/list, tools/call, resources/read). Answers come as JSON
// or as server-sent events (progress notifications before the result).
(function (global) {
  'use strict';

  var PROTOCOL_VERSION = '2025-11-25';

  // MCPError says what went wrong: kind is 'auth' (the server wants its
  // token), 'session' (the session expired), 'http', 'rpc' (a JSON-RPC
  // error), 'tool' (the tool answered with isError) or 'network'.
  class MCPError extends Error {
    constructor(message, kind, status) {
      super(message);
      this.kind = kind;
      this.status = status || 0;
    }
  }

  class Client {
    // endpoint: the MCP URL (e.g. '/mcp'); opts.token: bearer token, if the
    // server needs one; opts.capabilities: what to advertise in initialize.
    constructor(endpoint, opts) {
      opts = opts || {};
      this.endpoint = endpoint;
      this.token = opts.token || '';
      this.capabilities = opts.capabilities || {};
      this.clientInfo = opts.clientInfo || { name: 'pushback-studio', version: '1' };
      this.session = '';
      this.protocol = '';
      this.server = null;
      this.nextID = 1;
      this.ready = null;
    }

    headers() {
      var h = { 'Content-Type': 'application/json', 'Accept': 'application/json, text/event-stream' };
      if (this.session) h['Mcp-Session-Id'] = this.session;
      if (this.protocol) h['MCP-Protocol-Version'] = this.protocol;
      if (this.token) h['Authorization'] = 'Bearer ' + this.token;
      return h;
    }

    // post sends one JSON-RPC message and, for a request, returns its
    // answer; other messages on an event stream go to onMessage.
    async post(msg, signal, onMessage) {
      var res;
      try {
        res = await fetch(this.endpoint, {
          method: 'POST', headers: this.headers(), body: JSON.stringify(msg),
          signal: signal, credentials: 'omit', cache: 'no-store',
        });
      } catch (e) {
        if (e && e.name === 'AbortError') throw e;
        throw new MCPError('The pushback server cannot be reached: is it still running?', 'network');
      }
      if (res.status === 401) {
        throw new MCPError('This server needs its access token.', 'auth', 401);
      }
      if (res.status === 404 && this.session && msg.method !== 'initialize') {
        throw new MCPError('The session expired.', 'session', 404);
      }
      if (!res.ok) {
        var text = '';
        try { text = (await res.text()).trim(); } catch (e) { /* keep the status */ }
        throw new MCPError(text || ('HTTP ' + res.status), 'http', res.status);
      }
      var sid = res.headers.get('Mcp-Session-Id');
      if (sid) this.session = sid;
      if (msg.id === undefined) return null;
      var type = res.headers.get('Content-Type') || '';
      if (type.indexOf('text/event-stream') === 0) return readEvents(res, msg.id, onMessage);
      return pick(await res.json(), msg.id, onMessage);
    }

    async connect() {
      this.session = '';
      this.protocol = '';
      var answer = await this.post({
        jsonrpc: '2.0', id: this.nextID++, method: 'initialize',
        params: { protocolVersion: PROTOCOL_VERSION, capabilities: this.capabilities, clientInfo: this.clientInfo },
      });
      if (answer.error) throw new MCPError(answer.error.message, 'rpc');
      this.server = answer.result;
      this.protocol = answer.result.protocolVersion || PROTOCOL_VERSION;
      await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
      return answer.result;
    }

    ensure() {
      if (!this.ready) {
        var self = this;
        this.ready = this.connect().catch(function (e) { self.ready = null; throw e; });
      }
      return this.ready;
    }

    // request sends method with params and returns the result; an expired
    // session is reopened once. opts.onProgress receives progress
    // notifications; opts.signal cancels.
    async request(method, params, opts) {
      opts = opts || {};
      await this.ensure();
      try {
        return await this.once(method, params, opts);
      } catch (e) {
        if (e.kind !== 'session') throw e;
        this.ready = null;
        await this.ensure();
        return this.once(method, params, opts);
      }
    }

    async once(method, params, opts) {
      var id = this.nextID++;
      params = Object.assign({}, params || {});
      if (opts.onProgress) params._meta = { progressToken: 'p' + id };
      var self = this;
      var onAbort = function () {
        self.post({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'cancelled in the studio' } }).catch(function () {});
      };
      if (opts.signal) opts.signal.addEventListener('abort', onAbort, { once: true });
      try {
        var answer = await this.post({ jsonrpc: '2.0', id: id, method: method, params: params }, opts.signal, function (m) {
          if (m.method === 'notifications/progress' && opts.onProgress) opts.onProgress(m.params || {});
        });
        if (answer.error) throw new MCPError(answer.error.message || 'error ' + answer.error.code, 'rpc');
        return answer.result;
      } finally {
        if (opts.signal) opts.signal.removeEventListener('abort', onAbort);
      }
    }

    // callTool returns a tool's structuredContent; a tool error (isError)
    // is thrown with the tool's own message, which says what to fix.
    async callTool(name, args, opts) {
      var result = await this.request('tools/call', { name: name, arguments: args }, opts);
      if (result.isError) throw new MCPError(textOf(result) || (name + ' failed'), 'tool');
      if (result.structuredContent !== undefined) return result.structuredContent;
      return JSON.parse(textOf(result));
    }

    async listTools() {
      var tools = [];
      var cursor;
      do {
        var page = await this.request('tools/list', cursor ? { cursor: cursor } : {});
        tools = tools.concat(page.tools || []);
        cursor = page.nextCursor;
      } while (cursor);
      return tools;
    }

    async readJSON(uri) {
      var result = await this.request('resources/read', { uri: uri });
      var c = (result.contents || [])[0];
      if (!c || typeof c.text !== 'string') throw new MCPError(uri + ' has no text', 'rpc');
      return JSON.parse(c.text);
    }
  }

  function textOf(result) {
    return (result.content || []).filter(function (c) { return c.type === 'text'; }).map(function (c) { return c.text; }).join('\n');
  }

  function pick(body, id, onMessage) {
    var list = Array.isArray(body) ? body : [body];
    var found = null;
    list.forEach(function (m) {
      if (m && m.id === id && (m.result !== undefined || m.error !== undefined)) found = m;
      else if (m && onMessage) onMessage(m);
    });
    if (!found) throw new MCPError('The server answered something else than the request.', 'rpc');
    return found;
  }

  // readEvents reads a server-sent event stream until the answer to id.
  async function readEvents(res, id, onMessage) {
    var reader = res.body.getReader();
    var decoder = new TextDecoder();
    var buf = '';
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) break;
      buf += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
      var cut;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        var event = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        var data = event.split('\n').filter(function (l) { return l.indexOf('data:') === 0; })
          .map(function (l) { return l.slice(5).replace(/^ /, ''); }).join('\n');
        if (!data) continue;
        var m;
        try { m = JSON.parse(data); } catch (e) { continue; }
        if (m.id === id && (m.result !== undefined || m.error !== undefined)) {
          reader.cancel().catch(function () {});
          return m;
        }
        if (onMessage) onMessage(m);
      }
    }
    throw new MCPError('The server closed the stream before answering.', 'rpc');
  }

  global.pushbackMCP = { Client: Client, MCPError: MCPError, PROTOCOL_VERSION: PROTOCOL_VERSION };
})(window);
