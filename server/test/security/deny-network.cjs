'use strict';
// Preload for `node --require <this file>`: every way Node code opens a network socket or resolves a name is
// replaced by a function that appends `<api> thread=<threadId>` to $IACSEC_DENY_NETWORK_LOG and throws, so a
// test can prove that a process reached none of them. Worker threads inherit the parent's execArgv by default,
// so this file runs again in each worker; $IACSEC_DENY_NETWORK_LOADED, when set, gets `loaded thread=<id>` per
// thread, which lets a test prove the guard reached its workers.
//
// Untouched on purpose: stdio and IPC pipes. Node wraps an inherited pipe or an IPC channel in a net.Socket
// built around an existing handle, never through connect() or listen(), so they keep working under the guard.

const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const DENIED = 'ERR_IACSEC_NETWORK_DENIED';

function record(file, line) {
  if (file !== undefined && file !== '') fs.appendFileSync(file, `${line}\n`);
}

function denied(api) {
  return function deniedNetworkAccess() {
    record(process.env.IACSEC_DENY_NETWORK_LOG, `${api} thread=${threadId}`);
    const error = new Error(`${api} is denied: this process may not use the network`);
    error.code = DENIED;
    throw error;
  };
}

function deny(owner, ownerName, names) {
  for (const name of names) {
    if (typeof owner[name] !== 'function') continue;
    Object.defineProperty(owner, name, {
      value: denied(`${ownerName}.${name}`),
      writable: true,
      configurable: true,
      enumerable: Object.getOwnPropertyDescriptor(owner, name)?.enumerable ?? false,
    });
  }
}

/** The name-resolving functions of a dns module or Resolver: every `lookup*`, `resolve*` and `reverse`. */
function resolvers(owner) {
  const names = new Set();
  for (let object = owner; object !== null && object !== Object.prototype; object = Object.getPrototypeOf(object)) {
    for (const name of Object.getOwnPropertyNames(object)) {
      if (/^(lookup|resolve|reverse)/.test(name)) names.add(name);
    }
  }
  return [...names];
}

const net = require('node:net');
deny(net, 'net', ['connect', 'createConnection']);
deny(net.Socket.prototype, 'net.Socket.prototype', ['connect']);
deny(net.Server.prototype, 'net.Server.prototype', ['listen']);

const tls = require('node:tls');
deny(tls, 'tls', ['connect']);

for (const [name, module] of [
  ['http', require('node:http')],
  ['https', require('node:https')],
]) {
  deny(module, name, ['request', 'get']);
  deny(module.Agent.prototype, `${name}.Agent.prototype`, ['createConnection']);
}

deny(require('node:http2'), 'http2', ['connect']);

const dgram = require('node:dgram');
deny(dgram, 'dgram', ['createSocket']);
deny(dgram.Socket.prototype, 'dgram.Socket.prototype', ['bind', 'connect', 'send']);

const dns = require('node:dns');
deny(dns, 'dns', resolvers(dns));
deny(dns.Resolver.prototype, 'dns.Resolver.prototype', resolvers(dns.Resolver.prototype));
deny(dns.promises, 'dns.promises', resolvers(dns.promises));
deny(dns.promises.Resolver.prototype, 'dns.promises.Resolver.prototype', resolvers(dns.promises.Resolver.prototype));

// fetch is undici underneath, which does not use net's exports; WebSocket and EventSource exist only in some
// Node versions or behind flags.
deny(globalThis, 'globalThis', ['fetch', 'WebSocket', 'EventSource']);

// ES modules that import node:net and the others see the replacements too.
require('node:module').syncBuiltinESMExports();

record(process.env.IACSEC_DENY_NETWORK_LOADED, `loaded thread=${threadId}`);
