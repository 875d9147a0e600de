// A small client of the graphql-transport-ws protocol (the protocol of the graphql-ws library,
// https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md), in plain JavaScript.
//
// One WebSocket carries every subscription. It opens on the first subscribe, sends
// `connection_init` with the connection parameters (here `{"Authorization": "Bearer …"}`),
// waits for `connection_ack`, then sends each `subscribe`. It answers the server's `ping`,
// pings the server itself and drops a socket that stops answering. A socket that closes
// for any reason but a fatal one (bad token, bad request) is opened again after an
// exponential backoff with jitter, and its subscriptions are sent again.

export const PROTOCOL = "graphql-transport-ws";

/** Close codes after which opening the socket again cannot help (graphql-ws's `CloseCode`). */
export const FATAL_CLOSE_CODES = new Set([
  4400, // bad request: a message the server could not read
  4401, // unauthorized: a bad token in the upgrade request
  4403, // forbidden: the token in `connection_init` was refused
  4406, // the server does not speak graphql-transport-ws
  4409, // a subscriber with this id already exists
  4429, // too many `connection_init`
]);

/** Close codes this client uses when it gives up on a socket (then it reconnects). */
const ACK_TIMEOUT = 4408;
const PONG_TIMEOUT = 4000;

/**
 * @typedef {object} Sink
 * @property {(payload: {data?: unknown, errors?: unknown[]}) => void} [next]  a `next` message
 * @property {(error: {errors?: unknown[], closeCode?: number, reason?: string}) => void} [error]
 *   an `error` message (GraphQL errors) or a fatal close (`closeCode`); the subscription is over
 * @property {() => void} [complete]  the server ended the subscription
 */

export class GraphQLWsClient {
  #url;
  #connectionParams;
  #onState;
  #options;
  /** @type {WebSocket | null} */
  #socket = null;
  #acknowledged = false;
  #everAcknowledged = false;
  #attempt = 0;
  #disposed = false;
  #nextId = 1;
  /** @type {Map<string, {payload: object, sink: Sink}>} */
  #subscriptions = new Map();
  #timers = { retry: 0, ack: 0, ping: 0, pong: 0 };

  /**
   * @param {string} url  `ws://…` or `wss://…`
   * @param {object} [options]
   * @param {object | (() => object)} [options.connectionParams]  the `connection_init` payload
   * @param {(state: string, detail: object) => void} [options.onState]  `connecting`, `connected`
   *   (`{reconnected}`), `reconnecting` (`{delay, code}`), `closed` (`{code, reason}`: fatal) or `idle`
   * @param {number} [options.pingInterval]  ms between the client's pings once connected
   * @param {number} [options.pongTimeout]  ms to wait for a pong before dropping the socket
   * @param {number} [options.ackTimeout]  ms to wait for `connection_ack`
   * @param {number} [options.retryBase]  first backoff, ms (doubled per failed attempt)
   * @param {number} [options.retryMax]  longest backoff, ms
   */
  constructor(url, options = {}) {
    this.#url = url;
    this.#connectionParams = options.connectionParams ?? {};
    this.#onState = options.onState ?? (() => {});
    this.#options = {
      pingInterval: options.pingInterval ?? 20_000,
      pongTimeout: options.pongTimeout ?? 10_000,
      ackTimeout: options.ackTimeout ?? 10_000,
      retryBase: options.retryBase ?? 1_000,
      retryMax: options.retryMax ?? 30_000,
    };
  }

  /**
   * Start an operation (a subscription, or a query answered once) on the shared socket.
   * @param {{query: string, variables?: object, operationName?: string}} payload
   * @param {Sink} sink
   * @returns {() => void} stops it (sends `complete`)
   */
  subscribe(payload, sink) {
    if (this.#disposed) throw new Error("the client is disposed");
    const id = String(this.#nextId++);
    this.#subscriptions.set(id, { payload, sink });
    if (this.#acknowledged) this.#send({ id, type: "subscribe", payload });
    else this.#connect();
    return () => {
      if (this.#subscriptions.delete(id) && this.#acknowledged) this.#send({ id, type: "complete" });
    };
  }

  /** Reconnect now rather than after the backoff (the browser came back online, say). */
  retryNow() {
    if (this.#timers.retry && !this.#disposed) {
      clearTimeout(this.#timers.retry);
      this.#timers.retry = 0;
      this.#connect();
    }
  }

  /** Close the socket for good; no sink hears of it. */
  dispose() {
    this.#disposed = true;
    this.#subscriptions.clear();
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = null;
    if (socket?.readyState === WebSocket.OPEN) socket.close(1000, "Normal Closure");
    // Closing a socket still connecting fails it with a console error: close it once open.
    else if (socket?.readyState === WebSocket.CONNECTING) socket.onopen = () => socket.close(1000, "Normal Closure");
  }

  #connect() {
    if (this.#socket || this.#disposed || this.#timers.retry) return;
    this.#onState("connecting", { attempt: this.#attempt });
    const socket = new WebSocket(this.#url, PROTOCOL);
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      if (socket.protocol !== PROTOCOL) {
        this.#drop(socket, 4406, "Subprotocol not acceptable");
        return;
      }
      const params =
        typeof this.#connectionParams === "function" ? this.#connectionParams() : this.#connectionParams;
      this.#send({ type: "connection_init", payload: params });
      this.#timers.ack = setTimeout(() => this.#drop(socket, ACK_TIMEOUT, "No connection_ack"), this.#options.ackTimeout);
    };
    socket.onmessage = (event) => this.#receive(socket, event.data);
    socket.onclose = (event) => this.#closed(socket, event.code, event.reason);
    // An error is always followed by a close, which decides what happens next.
    socket.onerror = () => {};
  }

  #receive(socket, data) {
    if (socket !== this.#socket) return;
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      this.#drop(socket, 4400, "Invalid message");
      return;
    }
    const subscription = message.id === undefined ? undefined : this.#subscriptions.get(message.id);
    switch (message.type) {
      case "connection_ack": {
        clearTimeout(this.#timers.ack);
        this.#acknowledged = true;
        this.#attempt = 0;
        const reconnected = this.#everAcknowledged;
        this.#everAcknowledged = true;
        for (const [id, { payload }] of this.#subscriptions) this.#send({ id, type: "subscribe", payload });
        this.#schedulePing();
        this.#onState("connected", { reconnected });
        break;
      }
      case "ping":
        this.#send(message.payload === undefined ? { type: "pong" } : { type: "pong", payload: message.payload });
        break;
      case "pong":
        clearTimeout(this.#timers.pong);
        this.#timers.pong = 0;
        this.#schedulePing();
        break;
      case "next":
        subscription?.sink.next?.(message.payload);
        break;
      case "error":
        if (subscription) {
          this.#subscriptions.delete(message.id);
          subscription.sink.error?.({ errors: message.payload });
        }
        break;
      case "complete":
        if (subscription) {
          this.#subscriptions.delete(message.id);
          subscription.sink.complete?.();
        }
        break;
      default:
        this.#drop(socket, 4400, `Unexpected message ${String(message.type).slice(0, 40)}`);
    }
  }

  #schedulePing() {
    clearTimeout(this.#timers.ping);
    const socket = this.#socket;
    this.#timers.ping = setTimeout(() => {
      if (socket !== this.#socket || !this.#acknowledged) return;
      this.#send({ type: "ping" });
      this.#timers.pong = setTimeout(() => this.#drop(socket, PONG_TIMEOUT, "No pong"), this.#options.pongTimeout);
    }, this.#options.pingInterval);
  }

  /** Give up on a socket at once (a dead network may take long to report its close). */
  #drop(socket, code, reason) {
    if (socket.readyState <= WebSocket.OPEN) socket.close(code, reason);
    this.#closed(socket, code, reason);
  }

  #closed(socket, code, reason) {
    if (socket !== this.#socket) return;
    this.#socket = null;
    this.#acknowledged = false;
    this.#clearTimers();
    if (this.#disposed) return;
    if (FATAL_CLOSE_CODES.has(code)) {
      const sinks = [...this.#subscriptions.values()].map(({ sink }) => sink);
      this.#subscriptions.clear();
      this.#onState("closed", { code, reason });
      for (const sink of sinks) sink.error?.({ closeCode: code, reason });
      return;
    }
    if (this.#subscriptions.size === 0) {
      this.#onState("idle", { code });
      return;
    }
    // Exponential backoff with jitter: 0.5–1 s, 1–2 s, 2–4 s … up to retryMax.
    const ceiling = Math.min(this.#options.retryMax, this.#options.retryBase * 2 ** this.#attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.#attempt += 1;
    this.#onState("reconnecting", { delay, code });
    this.#timers.retry = setTimeout(() => {
      this.#timers.retry = 0;
      this.#connect();
    }, delay);
  }

  #send(message) {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #clearTimers() {
    for (const name of Object.keys(this.#timers)) {
      clearTimeout(this.#timers[name]);
      this.#timers[name] = 0;
    }
  }
}
