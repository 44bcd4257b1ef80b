'use strict';
// Every wait in the e2e tests: on polled state, with a deadline and a message that says what did not happen.

/**
 * Resolves with the first value of `probe()` that is not undefined; rejects after `timeout` ms with `what` and the
 * last thing `describe()` said about the state (e.g. the diagnostics seen so far).
 * @template T
 * @param {string} what what is awaited, as in "… did not appear within N ms"
 * @param {() => T | undefined | Promise<T | undefined>} probe
 * @param {{ timeout?: number, interval?: number, describe?: () => string }} [options]
 * @returns {Promise<T>}
 */
async function waitFor(what, probe, { timeout = 10_000, interval = 50, describe } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const state = describe ? `; last seen: ${describe()}` : '';
      throw new Error(`${what} did not happen within ${timeout} ms${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * Rejects after `timeout` ms with a message naming `what`, unless `promise` settles first.
 * @template T
 * @param {string} what
 * @param {Promise<T>} promise
 * @param {number} timeout
 * @returns {Promise<T>}
 */
async function within(what, promise, timeout) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${timeout} ms`)), timeout);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

module.exports = { waitFor, within };
