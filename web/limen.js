// limen loader: starts the Go WebAssembly module; `limenReady` resolves to the `limen` API once it
// runs (calls made earlier wait for it). Works in a page (after wasm_exec.js) and in a worker
// (importScripts both).
(() => {
  const here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  // Go functions return an Error value for a bad call; this wrapper throws it (CSP forbids eval,
  // so the wrapper lives here, not in Go).
  self.__limenThrowing = (f) => function (...args) {
    const r = f.apply(this, args);
    if (r instanceof Error) throw r;
    return r;
  };
  async function wasmBytes() {
    if (self.__limenWasm) return self.__limenWasm();           // the single-file build embeds it
    const resp = await fetch(new URL('limen.wasm', here));
    if (!resp.ok) throw new Error('limen.wasm: HTTP ' + resp.status);
    return resp.arrayBuffer();
  }
  // Until the module runs, `limen` is a stand-in whose calls wait for it and return Promises (the
  // API allows "a result, or a Promise of one"); the module then puts the real one in its place,
  // whose calls return results directly.
  const later = (name) => (...args) => self.limenReady.then((l) => l[name](...args));
  // limen.pool({workers}): web/pool.js, loaded on first use. The single file (file://, inline
  // scripts only) cannot start workers from the site: its pool thresholds here, one call at a time.
  const pool = async (o) => {
    if (self.__limenSingleFile) {
      return { size: 0, fallback: 'the single-file build cannot start workers (its page allows only its own inline scripts): this pool runs limen.threshold on the page',
        threshold: async (img, opts) => (await self.limenReady).threshold(img, opts), stats: async () => [], terminate() {} };
    }
    if (!self.__limenPool) {
      self.__limenPoolURL = new URL('pool.js', here).href;
      if (self.document) {
        await new Promise((res, rej) => {
          const s = document.createElement('script');
          s.src = self.__limenPoolURL;
          s.onload = res;
          s.onerror = () => rej(new Error('limen: could not load ' + s.src));
          document.head.appendChild(s);
        });
      } else importScripts(self.__limenPoolURL);
    }
    return self.__limenPool(o);
  };
  self.limen = { threshold: later('threshold'), load: later('load'), methods: later('methods'), stats: later('stats'),
    evaluate: later('evaluate'), document: later('document'), pool };
  self.limenReady = (async () => {
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(await wasmBytes(), go.importObject);
    self.__limenMemory = instance.exports.mem;
    // The Go instance, for tests that count the JS values the Go runtime holds (go._values).
    self.__limenGo = go;
    go.run(instance);   // main installs `limen` before it blocks, so it is there when run returns
    self.limen.pool = pool;
    return self.limen;
  })();
  self.limenReady.catch((e) => {
    const el = self.document && document.getElementById('error');
    if (el) { el.textContent = 'limen could not start: ' + e.message; el.hidden = false; }
  });
})();
