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
  const MAX_BAND_PIXELS = 4 << 20;   // a band's output pixels: bounds a worker's memory, whatever the picture
  // Pixels travel in blocks of BLOCK bytes (see wasm/pool.go): the page copies a band into blocks
  // it keeps from call to call and transfers them; the worker answers in the same blocks. A fresh
  // buffer costs more than the copy on some machines (every page of it is faulted in), a reused
  // one only the copy.
  const BLOCK = 4 << 20;
  const IN_FLIGHT = 2;   // bands a worker holds at once: one computed while the next is copied in
  // The main thread copies a block at a time and lets the page run whenever it has worked for
  // BUDGET ms: no task is long, and an idle machine yields rarely (a yield can cost a loaded
  // machine several ms).
  // A copy goes CHUNK bytes at a time between two looks at the clock: a fresh ImageData (the result,
  // when the caller gives no into) is faulted in page by page as it is first written, which on a
  // virtual machine made a 4 MB copy a 30 ms task.
  const BUDGET = 8, CHUNK = 1 << 20;
  let since = 0;
  const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  async function breathe() {
    if (performance.now() - since > BUDGET) { await tick(); since = performance.now(); }
  }
  // fill copies src[a..b] into blocks, from the first block's byte 0.
  async function fill(blocks, src, a, b) {
    for (let at = a; at < b;) {
      await breathe();
      const i = Math.floor((at - a) / BLOCK), o = (at - a) % BLOCK, k = Math.min(CHUNK, BLOCK - o, b - at);
      new Uint8Array(blocks[i], o, k).set(src.subarray(at, at + k));
      at += k;
    }
  }
  // drain copies n bytes of the blocks' stream from byte off into dst from byte at.
  async function drain(blocks, off, n, dst, at) {
    while (n > 0) {
      const i = Math.floor(off / BLOCK), o = off % BLOCK, k = Math.min(BLOCK - o, n, CHUNK);
      await breathe();
      dst.set(new Uint8Array(blocks[i], o, k), at);
      off += k; at += k; n -= k;
    }
  }
  const err = (m) => new Error('limen: ' + m);
  let nextSlot = 1, lastPlan = {};

  // workerURL is the script a pool worker runs: this file (its worker half runs under the name
  // 'limen-pool'). The one place that says where a worker comes from.
  function workerURL() {
    return self.__limenPoolURL;
  }

  self.__limenPool = async function (o) {
    o = o || {};
    const cores = Math.min(8, Math.max(1, self.navigator && navigator.hardwareConcurrency || 1));
    const n = o.workers === undefined ? cores : o.workers;
    if (!Number.isInteger(n) || n < 1 || n > 64) throw err('workers must be a whole number from 1 to 64, not ' + String(n));
    // bandPixels: the largest band, in output pixels (the memory a worker needs grows with it).
    const band = o.bandPixels === undefined ? MAX_BAND_PIXELS : o.bandPixels;
    if (!Number.isInteger(band) || band < 1) throw err('bandPixels must be a whole number ≥ 1, not ' + String(band));
    const workers = [];
    for (let i = 0; i < n; i++) workers.push(start(new Worker(workerURL(), { name: 'limen-pool' })));
    try { await Promise.all(workers.map((w) => w.ready)); } catch (e) { workers.forEach((w) => w.w.terminate()); throw e; }
    let dead = false;
    // The blocks not in use. At most as many are kept as the pool has had in use at once (high),
    // so memory stays where the largest request took it; an idle pool lets them go after a while.
    const blocks = { spare: [], out: 0, high: 0, timer: 0 };
    blocks.take = (bytes) => {
      const k = Math.max(1, Math.ceil(bytes / BLOCK)), l = [];
      while (l.length < k) l.push(blocks.spare.pop() || new ArrayBuffer(BLOCK));
      blocks.out += k;
      blocks.high = Math.max(blocks.high, blocks.out);
      return l;
    };
    blocks.give = (l, taken) => {
      blocks.out -= taken;
      for (const b of l) if (b.byteLength === BLOCK && blocks.spare.length + blocks.out < blocks.high) blocks.spare.push(b);
    };
    blocks.idle = () => {
      clearTimeout(blocks.timer);
      blocks.timer = setTimeout(() => { blocks.spare.length = 0; blocks.high = blocks.out; }, 10000);
    };
    return {
      size: n,
      threshold: (img, opts) => dead ? Promise.reject(err('this pool was terminated'))
        : run(workers, band, blocks, img, opts || {}).finally(blocks.idle),
      // limen.stats() of every worker, in order.
      stats: () => Promise.all(workers.map((w) => w.call({ op: 'stats' }))),
      // The page's port (__limenPagePort), not part of the API: _keep(i, key, img) has worker i
      // keep a loaded copy of a picture under key (sent a block at a time), and _call(i, message)
      // runs an operation there ({op: 'tryall' | 'rank' | 'document', key, …}).
      _keep: (i, key, img) => keep(workers[i % n], blocks, key, img),
      _call: (i, msg, transfer) => workers[i % n].call(msg, transfer),
      terminate() {
        dead = true;
        clearTimeout(blocks.timer);
        blocks.spare.length = 0;
        for (const w of workers) { w.w.terminate(); w.fail(err('this pool was terminated')); }
      },
    };
  };

  // The page's compute port (web/limen.js's __limenComputePort; wasm/worker.go): a page's apps post
  // it the messages they would post one worker, marked with their slot, and get the same answers,
  // one request at a time and in order, as from one worker. {kind: 'load', image} keeps an app's
  // picture here; 'threshold' (of that picture) and 'frame' (a camera frame) go through
  // pool.threshold, so every worker works on a large picture; what needs a whole loaded picture
  // ('tryall', 'rank', 'document') runs in the pool's first worker, which keeps the app's
  // picture (sent to it once a picture, when first needed). emit(message) gives an answer.
  self.__limenPagePort = (pool, emit) => {
    const apps = new Map();   // slot → {image, gen, kept}: the picture, its number, the number the worker keeps
    const kept = async (slot, a) => {
      if (a.kept !== a.gen) { await pool._keep(0, slot, a.image); a.kept = a.gen; }
    };
    const serve = async (m) => {
      const slot = m.slot || 0;
      if (!apps.has(slot)) apps.set(slot, { image: null, gen: 0, kept: -1 });
      const a = apps.get(slot), call = (msg) => pool._call(0, Object.assign({ key: slot }, msg));
      // An answer is drawn in a task of its own, not after the last rows copied in the same task:
      // drawing a large result takes a task's worth of time by itself.
      const reply = async (o) => { await tick(); emit(Object.assign({ slot }, typeof m.id === 'number' ? { id: m.id } : {}, o)); };
      try {
        switch (m.kind) {
          case 'load':
            a.image = m.image; a.gen++;
            return reply({ kind: 'loaded', width: m.image.width, height: m.image.height });
          case 'threshold': return reply({ kind: 'result', result: await pool.threshold(a.image, m.opts) });
          case 'frame': return reply({ kind: 'frame', result: await pool.threshold(m.image, m.opts) });
          case 'tryall':
            await kept(slot, a);
            return reply({ kind: 'tryall', results: await call({ op: 'tryall', opts: m.opts, methods: m.methods }) });
          case 'rank':
            await kept(slot, a);
            return reply({ kind: 'rank', result: await call({ op: 'rank', opts: m.opts, truth: m.truth, evalOpts: m.evalOpts }) });
          case 'document':   // a generated page: made and kept by the worker, shown here with its truth
            try {
              const d = await call({ op: 'document', opts: m.opts });
              a.image = d.image; a.kept = ++a.gen;
              return reply({ kind: 'document', image: d.image, truth: d.truth });
            } catch (x) { return reply({ kind: 'document', error: x.message }); }
          default: throw new Error('unknown request ' + m.kind);
        }
      } catch (x) { return reply({ kind: 'error', message: x.message }); }
    };
    let chain = Promise.resolve();
    return (m) => { chain = chain.then(() => serve(m)).catch(() => {}); };
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
      if (m.error !== undefined) k.rej(Object.assign(new Error(m.error), { blocks: m.blocks })); else k.res(m.result);
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

  // keep sends a picture to worker w to be kept under key.
  async function keep(w, blocks, key, img) {
    checkImage(img);
    const l = blocks.take(img.data.length), taken = l.length;
    let back = [];
    try {
      await fill(l, img.data, 0, img.data.length);
      back = l;
      back = (await w.call({ op: 'keep', key, width: img.width, height: img.height, blocks: l }, l)).blocks;
    } catch (e) { back = e.blocks || []; throw e; } finally { blocks.give(back, taken); }
  }

  // run is pool.threshold. Bands go out in order, each worker holding at most IN_FLIGHT; each
  // answer is copied into place as it comes. A method that needs the whole picture is one band.
  async function run(workers, maxBand, blocks, img, opts) {
    const t0 = performance.now();
    since = t0;
    checkImage(img);
    const W = img.width, H = img.height, n = workers.length;
    // The plan (and the options' checks) from this thread's module when it runs: a round trip less.
    // The same request (a picture's size and options, no mask) has the same plan: the last is kept.
    const planOpts = Object.assign(plain(opts), { mask: opts.mask }), here = self.limen;
    const key = opts.mask == null ? JSON.stringify([W, H, n, maxBand, planOpts]) : null;
    let plan = key !== null && lastPlan.key === key ? lastPlan.plan : null;
    if (!plan) {
      plan = here && here._plan ? here._plan(W, H, planOpts, n, maxBand)
        : await workers[0].call({ op: 'plan', width: W, height: H, options: planOpts, workers: n, maxPixels: maxBand });
      lastPlan = { key, plan };
    }
    checkInto(opts.into, plan.width, plan.height);
    const ow = plan.width, oh = plan.height, o = plain(opts), b = plan.bands, k = b.length / 4;
    const rowBytes = 4 * ow;
    let out = null, surface = null, overlay = null, gray = null, levels = null;
    const slots = [], queues = workers.map(() => []);
    // send gives band i to its worker once that worker has room: f(worker) makes the call.
    // (Its Promise comes back in an array: awaiting send waits for room, not for the answer.)
    const send = async (i, f) => {
      const q = queues[i % n];
      if (q.length >= IN_FLIGHT) await q.shift().catch(() => {});
      const p = f(workers[i % n]);
      q.push(p);
      return [p];
    };
    const answers = [];
    let res;
    if (k === 1 && !plan.local) return one(workers[0], blocks, img, opts, o, plan, t0);
    try {
      for (let i = 0; i < k; i++) {
        const y0 = b[4 * i], y1 = b[4 * i + 1], a = 4 * W * b[4 * i + 2], z = 4 * W * b[4 * i + 3];
        const slot = plan.local ? 0 : nextSlot++;
        if (!plan.local) slots.push(slot);
        answers.push(...await send(i, async (w) => {
          const l = blocks.take(z - a), taken = l.length;
          let r;
          try {
            await fill(l, img.data, a, z);
            r = await w.call({ op: 'band', slot, blocks: l, width: W, height: H, y0, y1, options: Object.assign({}, o, { mask: maskRows(opts.mask, ow, y0, y1) }) }, l);
          } catch (e) { blocks.give(e.blocks || [], taken); throw e; }
          const bl = r.blocks;
          try {
            // levels: the gray rows the method saw, and a local method's level map (wasm/pool.go).
            if (r.gray !== undefined) { gray = gray || new Uint8Array(ow * oh); await drain(bl, r.gray, ow * (y1 - y0), gray, ow * y0); }
            if (r.levels !== undefined) {
              levels = levels || new Int16Array(ow * oh);
              await drain(bl, r.levels, 2 * ow * (y1 - y0), new Uint8Array(levels.buffer), 2 * ow * y0);
            }
            if (plan.local) {
              const at = rowBytes * y0, nb = rowBytes * (y1 - y0);
              out = out || opts.into || new ImageData(ow, oh);
              await drain(bl, r.image, nb, out.data, at);
              if (r.surface !== undefined) { surface = surface || new ImageData(ow, oh); await drain(bl, r.surface, nb, surface.data, at); }
              if (r.overlay !== undefined) { overlay = overlay || new ImageData(ow, oh); await drain(bl, r.overlay, nb, overlay.data, at); }
            }
          } finally { blocks.give(bl, taken); delete r.blocks; }
          return r;
        }));
      }
      const parts = await Promise.all(answers);
      const hist = new Array(256).fill(0);
      for (const r of parts) for (let v = 0; v < 256; v++) hist[v] += r.histogram[v];
      if (plan.local) {
        res = parts[0];
        res.image = out;
        if (surface) res.surface = surface; else delete res.surface;
        if (overlay) res.overlay = overlay; else delete res.overlay;
        if (levels) res.levels = levels;
      } else {
        res = await workers[0].call({ op: 'level', histogram: hist, options: o });
        if (opts.image !== false) {
          out = opts.into || new ImageData(ow, oh);
          const level = res.level, levels = Array.isArray(res.level) ? res.level : null, done = [];
          queues.forEach((q) => { q.length = 0; });
          for (let i = 0; i < k; i++) {
            const slot = slots[i], y0 = b[4 * i], y1 = b[4 * i + 1];
            done.push(...await send(i, async (w) => {
              const l = blocks.take(rowBytes * (y1 - y0)), taken = l.length;
              let bl = l;
              try {
                bl = await w.call({ op: 'apply', slot, options: o, level: levels ? levels[0] : level, levels, blocks: l }, l);
                slots[i] = 0;
                await drain(bl, 0, rowBytes * (y1 - y0), out.data, rowBytes * y0);
              } catch (e) { bl = e.blocks || []; throw e; } finally { blocks.give(bl, taken); }
            }));
          }
          await Promise.all(done);
          res.image = out;
        }
      }
      res.histogram = hist;
      if (gray) res.gray = gray;
      if (levels) res.levels = levels;
    } finally {
      slots.forEach((slot, i) => { if (slot) workers[i % n].call({ op: 'release', slot }).catch(() => {}); });
    }
    res.width = ow; res.height = oh;
    res.ms = performance.now() - t0;
    return res;
  }

  // one is run for a global method's single band: one message (the band counted, its level
  // found and applied) instead of three.
  async function one(w, blocks, img, opts, o, plan, t0) {
    const ow = plan.width, oh = plan.height, b = plan.bands, a = 4 * img.width * b[2], z = 4 * img.width * b[3];
    const l = blocks.take(Math.max(z - a, 4 * ow * oh)), taken = l.length;
    let back = [], res;
    try {
      await fill(l, img.data, a, z);
      back = l;
      res = await w.call({ op: 'global1', slot: nextSlot++, blocks: l, width: img.width, height: img.height, y0: 0, y1: oh,
        options: Object.assign({}, o, { mask: opts.mask }) }, l);
      back = res.blocks;
      delete res.blocks;
      if (res.image !== null) {
        const out = opts.into || new ImageData(ow, oh);
        await drain(back, 0, 4 * ow * oh, out.data, 0);
        res.image = out;
      }
    } catch (e) { back = e.blocks || []; throw e; } finally { blocks.give(back, taken); }
    res.width = ow; res.height = oh;
    res.ms = performance.now() - t0;
    return res;
  }

  // The worker: limen's module, driven by messages. Blocks come back to the page with the answer,
  // or with the error.
  function worker() {
    importScripts('wasm_exec.js', 'limen.js');
    // key → {handle, thumb, truth, evalOpts}: the page's pictures kept for what works on a whole
    // loaded picture (try-all, Rank all, a generated page and its ranking), one key an app.
    const kept = new Map();
    const keepLoaded = (limen, key, img, more) => {
      const old = kept.get(key);
      if (old) old.handle.release();
      kept.set(key, Object.assign({ handle: limen.load(img), thumb: img.width * img.height > 256 * 256 ? shrink(img, 256) : img }, more));
    };
    const keptAt = (key, what) => {
      const k = kept.get(key);
      if (!k) throw new Error(what + ': no picture kept under ' + key);
      return k;
    };
    const message = (x) => String(x && x.message || x);
    // fromBlocks copies n bytes of the blocks' stream from byte off into a new Uint8Array.
    const fromBlocks = (blocks, off, n) => {
      const out = new Uint8Array(n), B = blocks[0].byteLength;
      for (let at = 0; at < n;) {
        const i = Math.floor((off + at) / B), o = (off + at) % B, k = Math.min(B - o, n - at);
        out.set(new Uint8Array(blocks[i], o, k), at);
        at += k;
      }
      return out;
    };
    const shrink = (img, size) => {
      const s = Math.min(1, size / Math.max(img.width, img.height));
      const w = Math.max(1, Math.round(img.width * s)), h = Math.max(1, Math.round(img.height * s));
      const c = new OffscreenCanvas(img.width, img.height);
      c.getContext('2d').putImageData(img, 0, 0);
      const d = new OffscreenCanvas(w, h), g = d.getContext('2d');
      g.drawImage(c, 0, 0, w, h);
      return g.getImageData(0, 0, w, h);
    };
    const ops = {
      global1(limen, m) {
        const h = limen._band(m.slot, m.blocks, m.width, m.height, m.y0, m.y1, m.options);
        // The gray rows (levels: true) leave the blocks before the picture takes their place.
        const gray = h.gray === undefined ? null : fromBlocks(m.blocks, h.gray, h.width * (m.y1 - m.y0));
        let r;
        try { r = limen._level(h.histogram, m.options); } catch (e) { limen._release(m.slot); throw e; }
        r.blocks = m.blocks;
        if (m.options.image === false) {
          limen._release(m.slot);
          r.image = null;
        } else {
          const levels = Array.isArray(r.level) ? r.level : null;
          limen._apply(m.slot, m.options, levels ? levels[0] : r.level, levels, m.blocks);
          r.image = 0;
        }
        if (gray) r.gray = gray;
        return r;
      },
      keep(limen, m) {
        const data = new Uint8ClampedArray(4 * m.width * m.height);
        for (let i = 0, at = 0; at < data.length; i++, at += m.blocks[0].byteLength) {
          data.set(new Uint8Array(m.blocks[i], 0, Math.min(m.blocks[i].byteLength, data.length - at)), at);
        }
        keepLoaded(limen, m.key, new ImageData(data, m.width, m.height));
        return { blocks: m.blocks };
      },
      // Every listed method's level on the kept picture, its thumbnail drawn at that level (in Go:
      // wasm/tryall_worker.go).
      tryall(limen, m) {
        return __limenTryAll(keptAt(m.key, 'try-all').handle.id, keptAt(m.key).thumb, m.opts, m.methods);
      },
      // One method of the lab's "Rank all" scored against the ground truth, which comes with the
      // run's first method (wasm/labrank.go). Its failure is its row's, never the page's error.
      rank(limen, m) {
        const k = keptAt(m.key, 'rank');
        if (m.truth) { k.truth = m.truth; k.evalOpts = m.evalOpts; }
        try {
          const r = k.handle.threshold(m.opts);
          return { scores: limen.evaluate(r.image, k.truth, k.evalOpts), ms: r.ms };
        } catch (x) { return { error: message(x) }; }
      },
      // A degraded page (limen.document: lesson.wasm, wasm/docgen.go), kept under key to be
      // thresholded and ranked when key is given; its picture goes to the page.
      document(limen, m) {
        const d = limen.document(m.opts);
        if (m.key !== undefined) keepLoaded(limen, m.key, d.image, { truth: d.truth });
        return d;
      },
    };
    // What an answer hands over rather than copies: the pictures it made (a kept page's truth stays).
    const transfers = (m, r) => {
      if (Array.isArray(r)) return r.filter((x) => x.image).map((x) => x.image.data.buffer);
      const t = [];
      if (r && r.gray instanceof Uint8Array) t.push(r.gray.buffer);
      if (m.op === 'document') {
        t.push(r.image.data.buffer);
        if (m.key === undefined) t.push(r.truth.data.buffer);
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
          case 'band': r = limen._band(m.slot, m.blocks, m.width, m.height, m.y0, m.y1, m.options); break;
          case 'level': r = limen._level(m.histogram, m.options); break;
          case 'apply': r = limen._apply(m.slot, m.options, m.level, m.levels, m.blocks); break;
          case 'release': r = limen._release(m.slot); break;
          case 'stats': r = limen.stats(); break;
          case 'global1': r = ops.global1(limen, m); break;
          case 'keep': r = ops.keep(limen, m); break;
          case 'tryall': case 'rank': case 'document': r = ops[m.op](limen, m); break;
          default: throw new Error('unknown pool operation ' + m.op);
        }
        postMessage({ id: m.id, result: r }, (m.blocks || []).concat(transfers(m, r)));
      } catch (x) {
        postMessage({ id: m.id, error: message(x), blocks: m.blocks }, m.blocks || []);
      }
    };
  }
})();
