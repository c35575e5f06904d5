//go:build !js

package e2e

import (
	"testing"
)

// poolHelpers, loaded into a tab after pageHelpers: a seeded picture maker, a seeded request maker
// over limen.methods() (every option the API has), and a comparison of two results field by field
// (images by a hash of every byte).
const poolHelpers = `
window.P = {
  rng(seed) { let s = seed >>> 0; return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9 >>> 0) / 4294967296); },
  picture(w, h, seed) {
    const r = P.rng(seed), img = new ImageData(w, h), d = img.data;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let v = 200 - ((x + y) * 60 / (w + h)) + r() * 14;
      if (((x >> 2) + (y >> 3)) % 9 === 0 && r() < 0.7) v -= 110;
      const i = 4 * (y * w + x);
      d[i] = v; d[i + 1] = seed & 1 ? v : r() * 255; d[i + 2] = v; d[i + 3] = 255;
    }
    return img;
  },
  options(m, lib, r, w, h) {
    const pick = (a) => a[Math.floor(r() * a.length)];
    const o = {method: m.id, reference: lib};
    const params = (m.paramsByReference && m.paramsByReference[lib]) || m.params;
    for (const p of params) {
      if (r() < 0.3) continue;
      let hi = p.max;
      if (p.odd || p.name === 'radius') hi = Math.min(hi, p.name === 'radius' ? 12 : 61);
      if (p.name === 'classes') hi = Math.min(hi, 4);
      if (p.name === 'distance') hi = Math.min(hi, 40);
      let v = p.min + r() * (hi - p.min);
      if (p.integer) v = Math.round(v);
      if (p.odd && v % 2 === 0) v = v + 1 <= p.max ? v + 1 : v - 1;
      o[p.name] = v;
    }
    o.type = pick(limen.types);
    if (r() < 0.5) o.maxval = Math.floor(r() * 256);
    if (r() < 0.3) o.dark = true;
    if (r() < 0.2) o.ignoreZero = true;
    if (r() < 0.2) o.ignoreMax = true;
    if (r() < 0.3) o.noise = {mean: Math.round(r() * 10 - 5), sigma: Math.round(r() * 25), seed: Math.floor(r() * 1e9)};
    if (r() < 0.3) o.blur = r() < 0.5 ? {ksize: 1 + 2 * Math.floor(r() * 5)} : {sigma: 0.5 + r() * 2};
    if (r() < 0.25) o.resize = r() < 0.5 ? {scale: pick([0.5, 0.7, 1.3])} : {width: Math.round(w * 0.8), height: Math.round(h * 1.1)};
    if (r() < 0.3) o.criterion = false;
    if (r() < 0.2) o.image = false;
    if (r() < 0.4) o.surface = true;
    if (r() < 0.4) o.overlay = true;
    if (r() < 0.3) o.levels = true;
    return o;
  },
  mask(w, h, r, asImage) {
    const m = new Uint8Array(w * h);
    for (let i = 0; i < m.length; i++) m[i] = r() < 0.6 ? 255 : 0;
    if (!asImage) return m;
    const img = new ImageData(w, h);
    for (let i = 0; i < m.length; i++) { img.data[4 * i] = m[i]; img.data[4 * i + 3] = 255; }
    return img;
  },
  hashAll(d) { let h = 2166136261 >>> 0; for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619) >>> 0; return h; },
  flat(r) {
    const o = {};
    for (const k of Object.keys(r)) {
      if (k === 'ms') continue;
      const v = r[k];
      o[k] = v && v.data ? {w: v.width, h: v.height, hash: P.hashAll(v.data)}
        : ArrayBuffer.isView(v) ? {type: v.constructor.name, n: v.length, hash: P.hashAll(v)} : v;
    }
    return JSON.stringify(o);
  },
  // same compares pool.threshold with limen.threshold on one request; '' when equal.
  async same(pool, img, o, into) {
    let want, got;
    try { want = P.flat(limen.threshold(img, Object.assign({}, o, into ? {into: into()} : {}))); } catch (e) { want = 'error ' + e.message; }
    try { got = P.flat(await pool.threshold(img, Object.assign({}, o, into ? {into: into()} : {}))); } catch (e) { got = 'error ' + e.message; }
    return got === want ? '' : JSON.stringify(o).slice(0, 300) + '\n  pool:  ' + got.slice(0, 400) + '\n  limen: ' + want.slice(0, 400);
  },
};
true`

func poolTab(t *testing.T) *tab {
	tb := apiTab(t)
	eval[bool](tb, poolHelpers)
	return tb
}

// TestPoolMatchesThreshold: limen.pool with 2 and 3 workers gives exactly limen.threshold's result
// (every field, every pixel of image, surface and overlay) for every method of the registry, as
// every library computes it, with seeded random options: parameters, type, maxval, dark, ignore,
// noise, blur, resize, mask (Uint8Array and ImageData), criterion, image false, surface, overlay,
// levels (gray and the level map, the page's inspector), into; on a picture large enough to be split, with small bands (several a worker) and the default
// ones. Errors are the same errors.
func TestPoolMatchesThreshold(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := poolTab(t)
	type outcome struct {
		Checked, Split int
		Diffs          []string
	}
	got := eval[outcome](tb, `(async () => {
		const methods = limen.methods(), diffs = [];
		let checked = 0, split = 0;
		for (const [workers, bandPixels, seed] of [[2, 40000, 1], [3, 0, 2]]) {
			const pool = await limen.pool({workers, bandPixels: bandPixels || undefined});
			if (pool.size !== workers) diffs.push('pool.size ' + pool.size);
			const r = P.rng(seed);
			for (const [w, h] of [[420, 300], [97, 700]]) {
				const img = P.picture(w, h, seed + w);
				for (const m of methods) for (const lib of m.references) {
					const o = P.options(m, lib, r, w, h);
					const ow = o.resize ? (o.resize.scale ? Math.max(1, Math.round(o.resize.scale * w)) : o.resize.width) : w;
					const oh = o.resize ? (o.resize.scale ? Math.max(1, Math.round(o.resize.scale * h)) : o.resize.height) : h;
					if (r() < 0.2) o.mask = P.mask(ow, oh, r, r() < 0.5);
					const into = r() < 0.2 ? () => new ImageData(ow, oh) : null;
					const d = await P.same(pool, img, o, into);
					if (d) diffs.push(d);
					checked++;
				}
			}
			// Errors: the same message.
			for (const o of [{method: 'nonesuch'}, {method: 'sauvola', window: 4}, {method: 'otsu', mask: new Uint8Array(3)},
			                 {method: 'otsu', into: new ImageData(2, 2)}, {method: 'otsu', blur: {ksize: 2}}]) {
				const d = await P.same(pool, P.picture(30, 20, 1), o);
				if (d) diffs.push(d);
				checked++;
			}
			const bad = await T.error(() => pool.threshold({width: 3}));
			if (!bad.includes('ImageData')) diffs.push('a bad picture: ' + bad);
			pool.terminate();
			if (!(await T.error(() => pool.threshold(P.picture(4, 4, 1), {}))).includes('terminated')) diffs.push('a terminated pool still answers');
			split++;
		}
		return {checked, split, diffs};
	})()`)
	for _, d := range got.Diffs {
		t.Error(d)
	}
	if got.Checked < 100 || got.Split != 2 {
		t.Fatalf("checked %d requests on %d pools", got.Checked, got.Split)
	}
	t.Logf("%d requests on pools of 2 and 3 workers, identical to limen.threshold", got.Checked)
}

// TestPool50MP: a 50 MP picture goes through a 2-worker pool twice in a row (a local and a global
// method), giving the same pixels both times and the rows a crop gives limen.threshold; and the
// workers' memory after 50 calls is where it was after one (limen.stats() of each worker).
func TestPool50MP(t *testing.T) {
	tb := poolTab(t)
	type outcome struct {
		Runs   []string
		After1 []map[string]float64
		After  []map[string]float64
		Errors []string
	}
	got := eval[outcome](tb, `(async () => {
		const errors = [], runs = [];
		const pool = await limen.pool({workers: 2});
		const W = 7072, H = 7072;            // 50,013,184 pixels
		const img = new ImageData(W, H), px = new Uint32Array(img.data.buffer);
		for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
			const v = (((x >> 3) + (y >> 4)) % 11 === 0 ? 40 : 190) + ((x * 7 + y * 13) & 15);
			px[y * W + x] = 0xff000000 | v * 0x010101;
		}
		for (const o of [{method: 'sauvola', window: 25}, {method: 'otsu'}]) {
			let first = null;
			for (let i = 0; i < 2; i++) {
				const t0 = performance.now();
				const r = await pool.threshold(img, o);
				const hash = P.hashAll(r.image.data), total = r.histogram.reduce((a, b) => a + b, 0);
				runs.push(o.method + ' run ' + (i + 1) + ': ' + r.width + '×' + r.height + ' level ' + r.level + ' in ' + Math.round(performance.now() - t0) + ' ms');
				if (r.width !== W || r.height !== H || total !== W * H) errors.push(o.method + ': size ' + r.width + '×' + r.height + ', histogram total ' + total);
				if (first !== null && hash !== first) errors.push(o.method + ': the second run differs');
				first = hash;
				// The first 300 rows, as limen.threshold gives them from a crop with the window's halo.
				const crop = new ImageData(img.data.slice(0, 4 * W * 320), W, 320);
				const want = limen.threshold(crop, Object.assign({}, o, o.method === 'otsu' ? {method: 'manual', level: r.level} : {}));
				if (P.hashAll(want.image.data.subarray(0, 4 * W * 300)) !== P.hashAll(r.image.data.subarray(0, 4 * W * 300))) errors.push(o.method + ': the first rows differ from limen.threshold');
			}
		}
		// Memory: one 4 MP call, then 49 more.
		const small = new ImageData(img.data.slice(0, 4 * 2000 * 2000), 2000, 2000);
		await pool.threshold(small, {method: 'sauvola', window: 25});
		const after1 = await pool.stats();
		for (let i = 0; i < 49; i++) await pool.threshold(small, {method: i % 2 ? 'sauvola' : 'otsu', window: 25});
		const after = await pool.stats();
		pool.terminate();
		return {runs, after1, after, errors};
	})()`)
	for _, e := range got.Errors {
		t.Error(e)
	}
	for _, r := range got.Runs {
		t.Log(r)
	}
	if len(got.Runs) != 4 {
		t.Fatalf("%d runs", len(got.Runs))
	}
	for i := range got.After {
		a1, a := got.After1[i]["memoryBytes"], got.After[i]["memoryBytes"]
		t.Logf("worker %d: memory after 1 call %.0f bytes, after 50 %.0f (heap %.0f, %.0f)", i, a1, a, got.After1[i]["heapBytes"], got.After[i]["heapBytes"])
		// Go's wasm memory grows a 64 KiB page at a time, and its allocator may settle on a page
		// or two more while the heap's spans are reused; a leak of what one call holds (the band's
		// pixels, megabytes) would grow it by that much each call. So: no more than 1 MiB.
		if a > a1+1<<20 {
			t.Errorf("worker %d: memory grew from %.0f to %.0f bytes over 49 calls", i, a1, a)
		}
	}
}
