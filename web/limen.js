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
  self.limen = { threshold: later('threshold'), load: later('load'), methods: later('methods'), stats: later('stats'),
    evaluate: later('evaluate') };
  self.limenReady = (async () => {
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(await wasmBytes(), go.importObject);
    self.__limenMemory = instance.exports.mem;
    // The Go instance, for tests that count the JS values the Go runtime holds (go._values).
    self.__limenGo = go;
    go.run(instance);   // main installs `limen` before it blocks, so it is there when run returns
    return self.limen;
  })();
  self.limenReady.catch((e) => {
    const el = self.document && document.getElementById('error');
    if (el) { el.textContent = 'limen could not start: ' + e.message; el.hidden = false; }
  });
})();
