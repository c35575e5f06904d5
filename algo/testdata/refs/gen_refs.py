#!/usr/bin/python3
"""Goldens for limen's scikit-image 0.19.3 and ImageJ 1.53t references (algo/skimage.go,
algo/skimage_local.go, algo/imagej_ot.go, algo/numpymath.go).

  /usr/bin/python3 gen_refs.py DIR [IJTHRESH]

writes into DIR (fixed seeds: re-running on the same machine reproduces the files):

  skimage_global.txt.gz  one histogram a line: 256 counts, then a tab and the seven levels
                         threshold_{otsu,yen,isodata,li,minimum,mean,triangle}(image) of a uint8
                         image with exactly those counts, as float.hex(); "!Type" where the call
                         raises.
  imagej_ot.txt.gz       one histogram a line: 256 counts, a tab, ImageJ's Otsu and Triangle levels
                         (ij.process.AutoThresholder via the oracle's ijthresh, IJTHRESH).
  numpy_math.txt.gz      "log x y", "logf x y", "exp x y": np.log (float64 and float32) and
                         np.exp (float64) on chosen arguments, as hex bits, on this machine;
                         "kernel B sha256 centre": scipy.ndimage's Gaussian kernel for
                         threshold_local's σ = (B − 1)/6, B = 3..501 (SHA-256 of its float64
                         weights, and its centre weight).
  skimage_local.json.gz  threshold_local(image, B, method, offset=C) > on small random images,
                         the tiny ones included: {"w","h","src" (base64), "B", "method", "C",
                         "want" (base64 of 0/255)}.

Needs Debian's python3-skimage (0.19.3, NumPy 1.24, SciPy 1.10). NumPy's log and exp on x86-64
with AVX-512 are SVML's and its own kernels, not the C library's: the goldens hold what this
machine (AMD EPYC) computes, which numpymath.go reproduces.
"""
import base64
import gzip
import io
import json
import math
import os
import subprocess
import sys

import numpy as np
from skimage.filters import (threshold_isodata, threshold_li, threshold_local,
                             threshold_mean, threshold_minimum, threshold_otsu,
                             threshold_triangle, threshold_yen)

GLOBAL = [('otsu', threshold_otsu), ('yen', threshold_yen), ('isodata', threshold_isodata),
          ('li', None), ('minimum', threshold_minimum), ('mean', threshold_mean),
          ('triangle', threshold_triangle)]


def gz(path):
    """A gzip text file without a time stamp, so that the bytes are reproducible."""
    return io.TextIOWrapper(gzip.GzipFile(path, 'wb', compresslevel=9, mtime=0), encoding='utf-8')


class TooLong(Exception):
    pass


def li(img):
    n = [0]

    def cb(_):
        n[0] += 1
        if n[0] > 10000:
            raise TooLong()
    return threshold_li(img, iter_callback=cb)


def histograms(seed, big):
    """Random and degenerate histograms; big allows counts whose image would not fit in memory
    (for ImageJ, which takes the histogram)."""
    r = np.random.default_rng(seed)
    out = []

    def add(h):
        out.append([int(c) for c in h])

    def counts():
        k = r.integers(5)
        top = [3, 100, 10000, 200000, 20000000 if big else 400000][k]
        return int(r.integers(1, top + 1))

    z = [0] * 256
    # Fixed edge cases.
    add(z)
    for b in (0, 1, 2, 127, 128, 253, 254, 255):
        for c in ((1, 2, 1000, 2**31 - 1) if big else (1, 2, 1000, 30000000)):
            h = z[:]
            h[b] = c
            add(h)
    for c in ((1, 1), (300, 700), (700, 300), (5, 5), (1, 1000000)):
        h = z[:]
        h[0], h[255] = c
        add(h)
    for p in ((0, 1), (1, 2), (0, 2), (127, 128), (254, 255), (1, 254), (50, 200), (100, 101)):
        for c in ((1, 1), (300, 700), (700, 300), (1, 1000000)):
            h = z[:]
            h[p[0]], h[p[1]] = c
            add(h)
    for c in (1, 7, 1000, 100000):
        add([c] * 256)
    h = z[:]
    for i in range(10, 21):
        h[i] = 5
    add(h)
    # More than 2^24 pixels: float32 counts and probabilities round (Yen, IsoData).
    for k in range(12):
        h = [0] * 256
        for _ in range(1 + k % 4):
            h[int(r.integers(256))] += int(r.integers(1, 25000000))
        for i in range(256):
            h[i] += int(r.integers(0, 3000))
        add(h)

    def gauss(h, n, mu, sigma):
        i = np.arange(256)
        z = (i - mu) / sigma
        h += np.round(n * np.exp(-z * z / 2) / (sigma * math.sqrt(2 * math.pi))).astype(np.int64)

    for _ in range(250):
        h = np.zeros(256, np.int64)
        h[r.integers(256)] = counts()
        add(h)

        h = np.zeros(256, np.int64)
        a, b = r.integers(256), r.integers(256)
        h[a] = counts()
        h[b] = h[a] if r.integers(3) == 0 else h[b] + counts()
        add(h)

        h = np.zeros(256, np.int64)
        h[0], h[255] = counts(), counts()
        if r.integers(2) == 0:
            h[1 + r.integers(254)] = 1 + r.integers(3)
        add(h)

        h = np.zeros(256, np.int64)
        for _ in range(3 + r.integers(18)):
            h[r.integers(256)] = counts()
        add(h)

        h = np.zeros(256, np.int64)
        for _ in range(1 + r.integers(8)):
            h[r.integers(256)] = 1 + r.integers(2)
        add(h)

        scale = counts() // 40 + 1
        add(r.integers(0, scale + 1, 256))

        h = np.zeros(256, np.int64)
        for _ in range(1 + r.integers(3)):
            gauss(h, counts() // 10 * (1 + r.integers(20)), r.uniform(-20, 280),
                  1 + r.random() * r.random() * 60)
        if r.integers(2) == 0:
            h += r.integers(0, 3, 256)
        add(h)

        h = r.integers(0, 1 + r.integers(50), 256)
        for _ in range(1 + r.integers(4)):
            h[r.integers(256)] += counts() // 10 * (1 + r.integers(20))
        add(h)

        h = np.zeros(256, np.int64)
        lo = r.integers(256)
        hi = min(255, lo + r.integers(40))
        c = counts()
        for i in range(lo, hi + 1):
            h[i] = c if r.integers(2) == 0 else 1 + r.integers(c)
        if r.integers(2) == 0:
            h = np.maximum(h, h[::-1])
        add(h)

        if big:
            add(5000000 + r.integers(0, 10000000, 256))
    return out


def gen_global(d):
    lines = []
    stats = {}
    for h in histograms(20240701, False):
        img = np.repeat(np.arange(256, dtype=np.uint8), h).reshape(1, -1)
        vals = []
        for name, f in GLOBAL:
            try:
                with np.errstate(all='ignore'):
                    v = li(img) if name == 'li' else f(img)
                v = float(v).hex()
            except TooLong:
                v = '!TooLong'
            except Exception as e:  # noqa: BLE001 -- the exception type is the golden
                v = '!' + type(e).__name__
            if v.startswith('!'):
                stats[name + v] = stats.get(name + v, 0) + 1
            vals.append(v)
        lines.append(' '.join(map(str, h)) + '\t' + ' '.join(vals))
    with gz(os.path.join(d, 'skimage_global.txt.gz')) as f:
        f.write('\n'.join(lines) + '\n')
    print('skimage_global:', len(lines), 'histograms; raised:', stats)


def gen_imagej(d, ij):
    hs = histograms(20240702, True)
    inp = ''.join(' '.join(map(str, h)) + '\n' for h in hs)
    out = subprocess.run([ij], input=inp, capture_output=True, text=True, check=True).stdout
    res = [json.loads(l) for l in out.splitlines() if l.strip()]
    assert len(res) == len(hs)
    lines = [' '.join(map(str, h)) + '\t%s %s' % (o['Otsu'], o['Triangle']) for h, o in zip(hs, res)]
    with gz(os.path.join(d, 'imagej_ot.txt.gz')) as f:
        f.write('\n'.join(lines) + '\n')
    print('imagej_ot:', len(lines), 'histograms')


def gen_math(d):
    r = np.random.default_rng(20240703)
    lines = []
    x = np.concatenate([r.uniform(0, 256, 3000), r.uniform(0.9, 1.1, 500),
                        np.exp(r.uniform(-700, 700, 500)),
                        np.array([5e-324, 1e-310, 2.2250738585072014e-308, 0.0, 1.0, 2.0, 0.5,
                                  255.0, 127.5, np.inf])])
    # Near the points where VRCP14PD's rounding to 1/32 changes (numpymath.go's rcpThresholds).
    for j in range(16, 32):
        m = 64.0 / (2 * j + 1)
        x = np.concatenate([x, m * (1 + r.uniform(-1e-4, 1e-4, 40)), 4 * m * (1 + r.uniform(-1e-4, 1e-4, 10))])
    with np.errstate(all='ignore'):
        y = np.log(x)
    lines += ['log %016x %016x' % (a.view(np.uint64), b.view(np.uint64)) for a, b in zip(x, y)]
    x32 = np.concatenate([r.uniform(0, 2, 3000), r.uniform(0, 1e-3, 500), np.abs(np.frombuffer(r.bytes(4 * 1000), np.float32)).astype(np.float64)]).astype(np.float32)
    x32 = np.concatenate([x32, np.array([1e-45, 1e-40, 0, np.inf, 1, 2, 0.5], np.float32)])
    with np.errstate(all='ignore'):
        y32 = np.log(x32)
    lines += ['logf %08x %08x' % (a.view(np.uint32), b.view(np.uint32)) for a, b in zip(x32, y32)]
    xs = [r.uniform(-700, 700, 2000), r.uniform(-20, 0, 2000)]
    for B in range(3, 52, 2):  # the exponentials of the Gaussian kernels for B ≤ 51
        s = (B - 1) / 6.0
        rad = int(4.0 * s + 0.5)
        xs.append(-0.5 / (s * s) * np.arange(-rad, rad + 1) ** 2)
    xe = np.unique(np.concatenate(xs))
    ye = np.exp(xe)
    lines += ['exp %016x %016x' % (a.view(np.uint64), b.view(np.uint64)) for a, b in zip(xe, ye)]
    # Every Gaussian kernel threshold_local builds for B = 3..501 (SciPy's own function), as the
    # SHA-256 of its float64 weights (little-endian), and its first weights in hex.
    from scipy.ndimage._filters import _gaussian_kernel1d
    import hashlib
    for B in range(3, 502, 2):
        s = (B - 1) / 6.0
        k = _gaussian_kernel1d(s, 0, int(4.0 * s + 0.5))[::-1]
        lines.append('kernel %d %s %016x' % (B, hashlib.sha256(k.astype('<f8').tobytes()).hexdigest(),
                                             k[len(k) // 2].view(np.uint64)))
    with gz(os.path.join(d, 'numpy_math.txt.gz')) as f:
        f.write('\n'.join(lines) + '\n')
    print('numpy_math:', len(lines), 'values')


def gen_local(d):
    r = np.random.default_rng(20240704)
    cases = []
    sizes = [(1, 1), (1, 7), (7, 1), (2, 2), (3, 5), (5, 3), (16, 9), (40, 30), (63, 17), (101, 80)]
    for (w, h) in sizes:
        for kind in range(3):
            if kind == 0:
                img = r.integers(0, 256, (h, w)).astype(np.uint8)
            elif kind == 1:  # flat areas with steps: many T exactly at integers ± offsets
                img = (r.integers(0, 4, (h, w)) * 60 + 10).astype(np.uint8)
            else:  # a smooth ramp with noise
                yy, xx = np.mgrid[0:h, 0:w]
                img = np.clip(xx * 3 + yy * 2 + r.integers(-8, 9, (h, w)), 0, 255).astype(np.uint8)
            for B in (3, 5, 11, 31, 51):
                for method in ('mean', 'gaussian'):
                    for C in (0, 2, 5, -3, 0.5, 2.25):
                        if len(cases) % 3 and B > 11 and C not in (0, 5):
                            continue
                        t = threshold_local(img, B, method, offset=C)
                        want = np.where(img > t, 255, 0).astype(np.uint8)
                        cases.append({'w': w, 'h': h, 'src': base64.b64encode(img.tobytes()).decode(),
                                      'B': B, 'method': method, 'C': C,
                                      'want': base64.b64encode(want.tobytes()).decode()})
    with gz(os.path.join(d, 'skimage_local.json.gz')) as f:
        json.dump(cases, f, separators=(',', ':'))
    print('skimage_local:', len(cases), 'cases')


def main():
    d = sys.argv[1]
    ij = sys.argv[2] if len(sys.argv) > 2 else None
    gen_math(d)
    gen_local(d)
    gen_global(d)
    if ij:
        gen_imagej(d, ij)


if __name__ == '__main__':
    main()
