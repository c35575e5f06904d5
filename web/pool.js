// limen's worker pool: limen.pool({workers}) → a Promise of a pool whose threshold(imageData,
// options) gives a Promise of exactly what limen.threshold gives, computed by several workers.
// The picture is cut into horizontal bands (the Go side plans them: each band carries the halo its
// method, blur and resize read); a local method's bands are thresholded apart, a global method's
// bands are counted, their histograms added, the level computed once and applied by every band; a
// method that needs the whole picture runs whole in one worker. The main thread only slices rows,
// posts them, and copies the answers into place, a band at a time, so no task of it is long.
// This file is both the page's side (loaded by limen.js on the first limen.pool call) and the
// workers' (started with the name 'limen-pool').
(() => {
  if (self.name === 'limen-pool') return worker();
  const here = self.__limenPoolURL;   // set by limen.js, which loads this file (see __limenWorkerURL)
  const MAX_BAND_PIXELS = 4 << 20;   // a band's output pixels: bounds a worker's memory, whatever the picture
  // The main thread copies pixels a piece at a time and lets the page run whenever it has worked
  // for BUDGET ms: no task is long, and an idle machine yields rarely (a yield can cost a loaded
  // machine several ms).
  const CHUNK = 1 << 19, BUDGET = 8;
  let since = 0;
  const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  async function breathe() {
    if (performance.now() - since > BUDGET) { await tick(); since = performance.now(); }
  }
  // copies of src[a..b]: the caller's pixels stay the caller's.
  async function pieces(src, a, b) {
    const out = [];
    for (let i = a; i < b; i += CHUNK) { await breathe(); out.push(src.slice(i, Math.min(b, i + CHUNK))); }
    return out;
  }
  // place copies src into dst from byte off.
  async function place(dst, src, off) {
    for (let i = 0; i < src.length; i += CHUNK) { await breathe(); dst.set(src.subarray(i, Math.min(src.length, i + CHUNK)), off + i); }
  }
  const err = (m) => new Error('limen: ' + m);
  let nextSlot = 1;

  self.__limenPool = async function (o) {
    o = o || {};
    const cores = Math.min(8, Math.max(1, self.navigator && navigator.hardwareConcurrency || 1));
    const n = o.workers === undefined ? cores : o.workers;
    if (!Number.isInteger(n) || n < 1 || n > 64) throw err('workers must be a whole number from 1 to 64, not ' + String(n));
    // bandPixels: the largest band, in output pixels (the memory a worker needs grows with it).
    const band = o.bandPixels === undefined ? MAX_BAND_PIXELS : o.bandPixels;
    if (!Number.isInteger(band) || band < 1) throw err('bandPixels must be a whole number ≥ 1, not ' + String(band));
    const workers = [];
    for (let i = 0; i < n; i++) workers.push(start(new Worker(here, { name: 'limen-pool' })));
    try { await Promise.all(workers.map((w) => w.ready)); } catch (e) { workers.forEach((w) => w.w.terminate()); throw e; }
    let dead = false;
    return {
      size: n,
      threshold: (img, opts) => dead ? Promise.reject(err('this pool was terminated')) : run(workers, band, img, opts || {}),
      // limen.stats() of every worker, in order.
      stats: () => Promise.all(workers.map((w) => w.call({ op: 'stats' }))),
      terminate() {
        dead = true;
        for (const w of workers) { w.w.terminate(); w.fail(err('this pool was terminated')); }
      },
    };
  };

  // start wraps a worker: call(msg, transfer) → a Promise of its answer.
  function start(w) {
    const waiting = new Map();
    let id = 0, ready;
    const p = { w, pending: 0, ready: new Promise((res, rej) => { ready = { res, rej }; }) };
    w.onmessage = (e) => {
      const m = e.data;
      if (m.ready) return m.error ? ready.rej(new Error(m.error)) : ready.res();
      const k = waiting.get(m.id);
      waiting.delete(m.id);
      p.pending--;
      if (m.error !== undefined) k.rej(new Error(m.error)); else k.res(m.result);
    };
    w.onerror = (e) => { const x = new Error('limen pool worker: ' + (e.message || 'failed')); ready.rej(x); p.fail(x); };
    p.fail = (x) => { for (const k of waiting.values()) k.rej(x); waiting.clear(); };
    p.call = (msg, transfer) => new Promise((res, rej) => {
      msg.id = ++id;
      waiting.set(msg.id, { res, rej });
      p.pending++;
      w.postMessage(msg, transfer || []);
    });
    return p;
  }

  // plain is the options without the two values that stay here: into, and the mask (sent by rows).
  function plain(opts) {
    const o = Object.assign({}, opts);
    delete o.into; delete o.mask;
    return o;
  }

  // maskRows is the mask's rows y0..y1 of an output w pixels wide.
  function maskRows(mask, w, y0, y1) {
    if (mask === undefined || mask === null) return mask;
    if (mask.data && typeof mask.width === 'number') return new ImageData(mask.data.slice(4 * w * y0, 4 * w * y1), w, y1 - y0);
    return mask.slice(w * y0, w * y1);
  }

  function checkImage(img) {
    if (!img || typeof img !== 'object' || typeof img.width !== 'number' || typeof img.height !== 'number' || !img.data ||
        !(img.data instanceof Uint8ClampedArray || img.data instanceof Uint8Array)) {
      throw err('the first argument must be an ImageData (width, height and RGBA data)');
    }
    if (img.data.length !== 4 * img.width * img.height) {
      throw err(`the first argument: ImageData data has ${img.data.length} bytes, want 4×${img.width}×${img.height}`);
    }
  }

  function checkInto(into, w, h) {
    if (into === undefined || into === null) return;
    if (!into.data || into.data.length !== 4 * into.width * into.height) throw err('into must be an ImageData (width, height and RGBA data)');
    if (into.width !== w || into.height !== h) throw err(`into is ${into.width}×${into.height}, the result is ${w}×${h}`);
  }

  async function run(workers, maxBand, img, opts) {
    const t0 = performance.now();
    checkImage(img);
    const W = img.width, H = img.height, n = workers.length;
    const first = workers.reduce((a, b) => (b.pending < a.pending ? b : a));
    // The plan (and the options' checks) from this thread's module when it runs: a round trip less.
    const planOpts = Object.assign(plain(opts), { mask: opts.mask }), here = self.limen;
    const plan = here && here._plan ? here._plan(W, H, planOpts, n, maxBand)
      : await first.call({ op: 'plan', width: W, height: H, options: planOpts, workers: n, maxPixels: maxBand });
    checkInto(opts.into, plan.width, plan.height);
    const ow = plan.width, oh = plan.height, o = plain(opts);
    let res;
    if (plan.whole) {
      // One worker, the whole picture: sent in chunks of rows, so no slice is long.
      const chunks = await pieces(img.data, 0, img.data.length);
      res = await first.call({ op: 'whole', width: W, height: H, chunks, options: Object.assign(o, { mask: opts.mask }) }, chunks.map((c) => c.buffer));
      for (const k of ['image', 'surface', 'overlay']) if (res[k]) res[k] = new ImageData(res[k].data, res[k].width, res[k].height);
      if (opts.into && res.image) { await place(opts.into.data, res.image.data, 0); res.image = opts.into; }
    } else {
      const b = plan.bands, k = b.length / 4;
      const slots = [], answers = [];
      let out = null, surface = null, overlay = null;
      try {
        for (let i = 0; i < k; i++) {
          const y0 = b[4 * i], y1 = b[4 * i + 1], data = await pieces(img.data, 4 * W * b[4 * i + 2], 4 * W * b[4 * i + 3]);
          const slot = nextSlot++;
          slots.push(slot);
          const w = workers[i % n];
          answers.push(w.call({ op: 'band', slot, data, width: W, height: H, y0, y1, options: Object.assign({}, o, { mask: maskRows(opts.mask, ow, y0, y1) }) }, data.map((c) => c.buffer))
            .then(async (r) => {
              if (plan.local) {
                out = out || opts.into || new ImageData(ow, oh);
                if (r.surface) surface = surface || new ImageData(ow, oh);
                if (r.overlay) overlay = overlay || new ImageData(ow, oh);
                await place(out.data, r.image.data, 4 * ow * y0);
                if (r.surface) await place(surface.data, r.surface.data, 4 * ow * y0);
                if (r.overlay) await place(overlay.data, r.overlay.data, 4 * ow * y0);
              }
              return r;
            }));
        }
        const parts = await Promise.all(answers);
        const hist = new Array(256).fill(0);
        for (const r of parts) for (let v = 0; v < 256; v++) hist[v] += r.histogram[v];
        if (plan.local) {
          res = Object.assign({}, parts[0]);
          res.image = out;
          if (surface) res.surface = surface;
          if (overlay) res.overlay = overlay;
        } else {
          res = await first.call({ op: 'level', histogram: hist, options: o });
          if (opts.image !== false) {
            out = opts.into || new ImageData(ow, oh);
            const level = res.level, levels = Array.isArray(res.level) ? res.level : null;
            await Promise.all(slots.map((slot, i) => workers[i % n].call({ op: 'apply', slot, options: o, level: levels ? levels[0] : level, levels })
              .then((part) => place(out.data, part.data, 4 * ow * b[4 * i]))));
            slots.length = 0;
            res.image = out;
          }
        }
        res.histogram = hist;
      } finally {
        slots.forEach((slot, i) => workers[i % n].call({ op: 'release', slot }).catch(() => {}));
      }
      res.width = ow; res.height = oh;
    }
    res.ms = performance.now() - t0;
    return res;
  }

  // The worker: limen's module, driven by messages.
  function worker() {
    importScripts('wasm_exec.js', 'limen.js');
    // An ImageData is copied by postMessage even when its buffer is listed for transfer; a plain
    // {width, height, data} is not: the page wraps it again (unwrap).
    const images = (r) => {
      const t = [];
      for (const k of ['image', 'surface', 'overlay']) {
        if (r && r[k]) { r[k] = { width: r[k].width, height: r[k].height, data: r[k].data }; t.push(r[k].data.buffer); }
      }
      return t;
    };
    limenReady.then(() => postMessage({ ready: true }), (e) => postMessage({ ready: true, error: 'limen could not start in a pool worker: ' + e.message }));
    onmessage = async (e) => {
      const m = e.data;
      const limen = await limenReady;
      try {
        let r;
        switch (m.op) {
          case 'plan': r = limen._plan(m.width, m.height, m.options, m.workers, m.maxPixels); break;
          case 'band': r = limen._band(m.slot, m.data, m.width, m.height, m.y0, m.y1, m.options); break;
          case 'level': r = limen._level(m.histogram, m.options); break;
          case 'apply': r = limen._apply(m.slot, m.options, m.level, m.levels); r = { image: r }; break;
          case 'release': r = limen._release(m.slot); break;
          case 'stats': r = limen.stats(); break;
          case 'whole': {
            const data = new Uint8ClampedArray(4 * m.width * m.height);
            let at = 0;
            for (const c of m.chunks) { data.set(c, at); at += c.length; }
            m.chunks = null;
            r = limen.threshold(new ImageData(data, m.width, m.height), m.options);
            break;
          }
          default: throw new Error('unknown pool operation ' + m.op);
        }
        const t = images(r);
        postMessage({ id: m.id, result: m.op === 'apply' ? r.image : r }, t);
      } catch (x) {
        postMessage({ id: m.id, error: String(x && x.message || x) });
      }
    };
  }
})();
