// The page's compute thread: the same limen module, driven by messages, so the page never freezes.
// {kind:'load', image} loads a picture once; {kind:'threshold', id, opts} answers with the result
// (its ImageData buffers transferred, not copied); {kind:'tryall', id, opts, methods, size}
// thresholds a thumbnail with every listed method, each at its level on the whole picture;
// {kind:'document', opts} makes a degraded page (limen.document), loads it and sends it back with
// its truth; {kind:'rank', id, opts[, truth, evalOpts]} scores one method against the ground truth
// (the tool page's Rank all, wasm/labrank.go, and the lesson's ranked table, wasm/lesson_rank.go).
importScripts('wasm_exec.js', 'limen.js');
const slots = new Map();   // slot (one per widget of the page) → {handle, thumb, truth (a generated page's)}

function transfer(r) {
  const t = [];
  for (const k of ['image', 'surface', 'overlay']) if (r[k]) t.push(r[k].data.buffer);
  for (const k of ['gray', 'levels']) if (r[k]) t.push(r[k].buffer);
  return t;
}

function shrink(img, size) {
  const s = Math.min(1, size / Math.max(img.width, img.height));
  const w = Math.max(1, Math.round(img.width * s)), h = Math.max(1, Math.round(img.height * s));
  const c = new OffscreenCanvas(img.width, img.height);
  c.getContext('2d').putImageData(img, 0, 0);
  const d = new OffscreenCanvas(w, h), g = d.getContext('2d');
  g.drawImage(c, 0, 0, w, h);
  return g.getImageData(0, 0, w, h);
}

onmessage = async (e) => {
  const m = e.data;
  const limen = await limenReady;
  const slot = m.slot || 0;
  const s = slots.get(slot) || {};
  const handle = s.handle, thumb = s.thumb;
  try {
    if (m.kind === 'load') {
      if (handle) handle.release();
      const h = limen.load(m.image);
      slots.set(slot, { handle: h, thumb: m.image.width * m.image.height > 256 * 256 ? shrink(m.image, 256) : m.image });
      postMessage({ kind: 'loaded', slot, width: h.width, height: h.height });
    } else if (m.kind === 'threshold') {
      const r = handle.threshold(m.opts);
      postMessage({ kind: 'result', slot, id: m.id, result: r }, transfer(r));
    } else if (m.kind === 'frame') {           // a live camera frame: computed and sent back at once
      const r = limen.threshold(m.image, m.opts);
      postMessage({ kind: 'frame', slot, result: r }, transfer(r));
    } else if (m.kind === 'document') {       // a generated page (wasm/docgen.go): made, loaded, sent back with its truth
      try {
        const d = limen.document(m.opts);
        if (m.only) {                       // limen.document asked of this worker (web/limen.js): the page only
          postMessage({ kind: 'document', slot, result: d }, [d.image.data.buffer, d.truth.data.buffer]);
          return;
        }
        if (handle) handle.release();
        const h = limen.load(d.image);
        slots.set(slot, { handle: h, thumb: shrink(d.image, 256), truth: d.truth });
        postMessage({ kind: 'document', slot, image: d.image, truth: d.truth });
      } catch (err) {
        postMessage({ kind: 'document', slot, error: String(err && err.message || err) });
      }
    } else if (m.kind === 'tryall') {
      // Every method's level on the whole picture, its thumbnail drawn at that level (in Go: wasm/tryall_worker.go).
      const out = __limenTryAll(handle.id, thumb, m.opts, m.methods);
      postMessage({ kind: 'tryall', slot, id: m.id, results: out }, out.filter(r => r.image).map(r => r.image.data.buffer));
    } else if (m.kind === 'rank') {
      // One method of "Rank all" scored against the ground truth, sent with the run's first method
      // (wasm/labrank.go, lesson_rank.go). Its failure is its row's, never the page's error.
      if (m.truth) { s.truth = m.truth; s.evalOpts = m.evalOpts; slots.set(slot, s); }
      let result;
      try {
        const r = handle.threshold(m.opts);
        result = { scores: limen.evaluate(r.image, s.truth, s.evalOpts), ms: r.ms };
      } catch (err) { result = { error: String(err && err.message || err) }; }
      postMessage({ kind: 'rank', slot, id: m.id, result });
    }
  } catch (err) {
    postMessage({ kind: 'error', slot, id: m.id, message: String(err && err.message || err) });
  }
};
