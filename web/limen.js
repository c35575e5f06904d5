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
  // Two builds of one module (see build.sh): limen.wasm, the API and the tool page; lesson.wasm, the
  // API, the lesson's widgets and the degraded-page generator, for a page that says
  // <html data-module="lesson">. Each page, and the workers it starts, run exactly one (a worker
  // learns its page's module from its URL's ?module=, or the single file's __limenModule);
  // `limen` is the same in both (limen.document, in lesson.wasm, is asked of a lesson worker here).
  const module = self.document ? (document.documentElement.dataset.module || 'limen')
    : (self.__limenModule || new URL(self.location.href).searchParams.get('module') || 'limen');
  async function wasmBytes() {
    const name = module;
    if (self.__limenWasm) return self.__limenWasm(name);       // the single-file build embeds them
    const resp = await fetch(new URL(name + '.wasm', here));
    if (!resp.ok) throw new Error(name + '.wasm: HTTP ' + resp.status);
    return resp.arrayBuffer();
  }
  // Until the module runs, `limen` is a stand-in whose calls wait for it and return Promises (the
  // API allows "a result, or a Promise of one"); the module then puts the real one in its place,
  // whose calls return results directly.
  const later = (name) => (...args) => self.limenReady.then((l) => l[name](...args));
  // The site's files, from the one place that knows where they are: next to this script on the
  // site; inside the page in the single file (dist/limen.html, opened from disk, where nothing can
  // be fetched), whose build put each file in a <script data-file="NAME"> (see wasm/cmd/dist).
  const single = !!self.__limenSingleFile;
  const inlined = (name) => {
    const el = self.document && document.querySelector('script[data-file="' + name + '"]');
    if (!el) throw new Error('limen: this single file does not carry ' + name);
    return el.textContent;
  };
  // __limenWorkerURL(name) is the URL to start a worker running the site's script `name` (which
  // loads wasm_exec.js and limen.js with importScripts). In the single file, a blob: URL of one
  // script: the module's bytes (the build's #limen-wasm script), wasm_exec.js, limen.js and `name`,
  // since a blob worker can import nothing by a relative name: there importScripts of a file
  // already in the blob does nothing.
  const workerURLs = new Map();
  self.__limenWorkerURL = (name, mod = module) => {
    if (!single) return new URL(name + (mod === 'limen' ? '' : '?module=' + mod), here).href;
    const key = mod + '/' + name;
    if (!workerURLs.has(key)) {
      const shim = 'self.importScripts = ((imp) => (...names) => { const rest = names.filter((n) => n !== "wasm_exec.js" && n !== "limen.js"); if (rest.length) imp(...rest); })(self.importScripts);\n';
      const wasm = [document.getElementById('limen-wasm').textContent];
      if (mod !== 'limen') wasm.push(document.getElementById('limen-wasm-' + mod).textContent, 'self.__limenModule = ' + JSON.stringify(mod) + ';');
      const parts = [...wasm, shim, inlined('wasm_exec.js'), inlined('limen.js'), inlined(name)];
      workerURLs.set(key, URL.createObjectURL(new Blob(parts.map((p) => p + '\n;\n'), { type: 'text/javascript' })));
    }
    return workerURLs.get(key);
  };
  // limen.document in a module without the generator: a pool worker running lesson.wasm makes the
  // page (web/pool.js's 'document' operation), started on first use and kept.
  let docWorker = null, docCalls = 0;
  const documentElsewhere = (opts) => {
    if (!docWorker) docWorker = new Worker(self.__limenWorkerURL('pool.js', 'lesson'), { name: 'limen-pool' });
    const id = 'document-' + (++docCalls);
    return new Promise((res, rej) => {
      const on = (e) => {
        if (e.data.id !== id) return;
        docWorker.removeEventListener('message', on);
        if (e.data.error !== undefined) rej(new Error(e.data.error));
        else res(e.data.result);
      };
      docWorker.addEventListener('message', on);
      docWorker.postMessage({ op: 'document', id, opts });
    });
  };
  // __limenComputePort: the page's compute port, to which wasm/worker.go posts its apps' requests
  // as to one worker; web/pool.js's __limenPagePort serves them through limen.pool, loaded here on
  // first use. It is made at once, as a worker was: where the browser starts no worker, its
  // constructor throws (a worker started and stopped there and then), and the page computes on its
  // own thread instead.
  self.__limenComputePort = class extends EventTarget {
    constructor() {
      super();
      new Worker(self.__limenWorkerURL('pool.js'), { name: 'limen-probe' }).terminate();
      // A page may ask for fewer workers than the machine's cores (<html data-pool-workers>): an
      // embed, a small picture of which course notes may hold several.
      const n = Number(self.document.documentElement.dataset.poolWorkers) || undefined;
      this.serve = pool({ workers: n && Math.min(n, navigator.hardwareConcurrency || 1) }).then((p) => self.__limenPagePort(p, (data) => this.dispatchEvent(new MessageEvent('message', { data }))));
      this.serve.catch((e) => this.dispatchEvent(Object.assign(new Event('error'), { message: e.message })));
    }
    postMessage(m) { this.serve.then((serve) => serve(m), () => {}); }
  };
  // __limenScript(name) runs the site's script `name` in this page (or worker) once; a Promise.
  // The single file's policy allows each inlined file's text by its hash, so it runs as an inline
  // script.
  const scripts = new Map();
  self.__limenScript = (name) => {
    if (!scripts.has(name)) {
      scripts.set(name, new Promise((res, rej) => {
        if (!self.document) return single ? rej(new Error('limen: ' + name + ' cannot load in a worker of the single file')) : res(importScripts(new URL(name, here).href));
        const s = document.createElement('script');
        if (single) s.textContent = inlined(name);
        else {
          s.src = new URL(name, here).href;
          s.onload = res;
          s.onerror = () => rej(new Error('limen: could not load ' + s.src));
        }
        document.head.appendChild(s);
        if (single) res();
      }));
    }
    return scripts.get(name);
  };
  // __limenStraightPixels(bitmap) is an ImageBitmap's RGBA pixels (one made with premultiplyAlpha
  // 'none') with their straight colour, as the file has them and OpenCV reads them, read through
  // WebGL; null where WebGL cannot. A 2D canvas stores colour premultiplied: its getImageData
  // rounds the colour of translucent pixels and blackens transparent ones. For the page's
  // transparent pictures (wasm/alpha.go).
  self.__limenStraightPixels = (bmp) => {
    const w = bmp.width, h = bmp.height;
    const gl = self.OffscreenCanvas && new OffscreenCanvas(w, h).getContext('webgl2', { premultipliedAlpha: false });
    if (!gl) return null;
    const lose = gl.getExtension('WEBGL_lose_context');
    try {
      const max = gl.getParameter(gl.MAX_TEXTURE_SIZE);
      if (w > max || h > max) return null;
      const tex = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
      gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, w, h, 0, gl.RGBA, gl.UNSIGNED_BYTE, bmp);
      gl.bindFramebuffer(gl.FRAMEBUFFER, gl.createFramebuffer());
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
      const px = new Uint8Array(4 * w * h);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      return gl.getError() === gl.NO_ERROR ? px : null;
    } catch (e) {
      return null;
    } finally {
      if (lose) lose.loseContext();   // the texture's memory goes now, not when collected
    }
  };
  // Copies between the module's memory (at address ptr) and a caller's bytes (a typed array or an
  // ArrayBuffer, from byte at), n bytes, one call a band, and an Array of n float64 numbers at ptr
  // (NaN and infinities as null when nulls is set): see wasm/jscopy.go. The memory's buffer is
  // read at each call, since it changes when the memory grows.
  const bytes = (b) => b instanceof ArrayBuffer ? new Uint8Array(b) : b;
  const mem = (ptr, n) => new Uint8Array(self.__limenMemory.buffer, ptr, n);
  self.__limenCopyIn = (src, at, n, ptr) => { mem(ptr, n).set(bytes(src).subarray(at, at + n)); };
  self.__limenCopyOut = (dst, at, n, ptr) => { bytes(dst).set(mem(ptr, n), at); };
  self.__limenNumbers = (ptr, n, nulls) => {
    const a = Array.from(new Float64Array(self.__limenMemory.buffer, ptr, n));
    return nulls ? a.map((v) => Number.isFinite(v) ? v : null) : a;
  };
  // limen.pool({workers}): web/pool.js, loaded on first use.
  const pool = async (o) => {
    if (!self.__limenPool) {
      self.__limenPoolURL = self.__limenWorkerURL('pool.js');
      await self.__limenScript('pool.js');
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
    if (!self.limen.document) self.limen.document = documentElsewhere;
    return self.limen;
  })();
  self.limenReady.catch((e) => {
    const el = self.document && document.getElementById('error');
    if (el) { el.textContent = 'limen could not start: ' + e.message; el.hidden = false; }
  });
})();
