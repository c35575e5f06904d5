#!/usr/bin/python3
"""OpenCV 4.6 / scikit-image 0.19.3 references for limen's blur, resize, triangle, multi-Otsu,
Otsu and local methods (adaptive mean and Gaussian, Niblack, Sauvola).

  /usr/bin/python3 cv2ref.py gen DIR   writes the goldens (blur.json, resize.json,
                                       histograms.json) into DIR, from a fixed seed
  /usr/bin/python3 cv2ref.py serve     answers JSON requests, one a line, on stdin (the opt-in
                                       differential tests: LIMEN_CV2=1 go test ./algo)

Requests are JSON objects with an "op"; images are base64 of row-major 8-bit gray pixels ("src",
with "w" and "h"). Ops:
  blur       {ksize, sigma}                  cv2.GaussianBlur                       -> {want}
  resize     {dw, dh}                        cv2.resize INTER_LINEAR                -> {want}
  kernel     {ksize, sigma}                  GaussianBlur's fixed-point 1-D kernel  -> {kernel}
  triangle   {hist}                          THRESH_TRIANGLE level                  -> {level}
  multiotsu  {hist, classes}                 threshold_multiotsu (null on error)    -> {levels}
  otsu       {src, w, h}                     cv2.threshold(src, 0, 255, BINARY|OTSU) level -> {level}
  adaptive   {src, w, h, method: "mean" | "gaussian", blockSize, C, inv, maxval}
             cv2.adaptiveThreshold(src, maxval, ADAPTIVE_THRESH_MEAN_C | GAUSSIAN_C,
             THRESH_BINARY (THRESH_BINARY_INV if inv), blockSize, C)   -> {want}
  niblack    {src, w, h, window, k[, inv, maxval]}
             T = threshold_niblack(src, window_size=window, k=k); want = src > T ? maxval : 0
             (the opposite if inv); maxval defaults to 255             -> {want}
  sauvola    {src, w, h, window, k, r[, inv, maxval]}
             as niblack with threshold_sauvola(src, window_size=window, k=k, r=r); r null (or
             absent) leaves scikit-image's default, 127.5 for uint8   -> {want}
  localt     {src, w, h, method: a limen id, its params as above, x, y}
             diagnostics: the reference's local threshold at (x, y): "t" (float T for Niblack and
             Sauvola; for the adaptive methods the 8-bit mean m, level m - ceil(C)) and, for
             adaptive-gaussian, "meanf", the float32 mean before rounding  -> {t[, meanf]}

Needs Debian's python3-opencv (4.6.0) and python3-skimage (0.19.3).
"""
import base64, json, sys

import cv2
import numpy as np
from skimage import filters


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype=np.uint8).tobytes()).decode()


def unb64(s, w, h):
    return np.frombuffer(base64.b64decode(s), dtype=np.uint8).reshape(h, w).copy()


def blur(src, ksize, sigma):
    return cv2.GaussianBlur(src, (ksize, ksize), sigma)


def resize(src, dw, dh):
    return cv2.resize(src, (dw, dh), interpolation=cv2.INTER_LINEAR)


def triangle(hist):
    # An image with exactly these counts: cv2 builds its histogram from the pixels.
    img = np.repeat(np.arange(256, dtype=np.uint8), hist).reshape(1, -1)
    t, _ = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_TRIANGLE)
    return int(t)


def multiotsu(hist, classes):
    img = np.repeat(np.arange(256, dtype=np.uint8), hist)
    try:
        return [int(x) for x in filters.threshold_multiotsu(img, classes=classes)]
    except ValueError:
        return None


def otsu(src):
    t, _ = cv2.threshold(src, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return int(t)


def adaptive(src, method, inv, block, c, maxval):
    m = {"mean": cv2.ADAPTIVE_THRESH_MEAN_C, "gaussian": cv2.ADAPTIVE_THRESH_GAUSSIAN_C}[method]
    t = cv2.THRESH_BINARY_INV if inv else cv2.THRESH_BINARY
    return cv2.adaptiveThreshold(src, maxval, m, t, block, c)


def sk_local(src, method, window, k, r=None):
    """scikit-image's float threshold surface T, on the uint8 image (so r=None is 127.5)."""
    if method == "niblack":
        return filters.threshold_niblack(src, window_size=window, k=k)
    return filters.threshold_sauvola(src, window_size=window, k=k, r=r)


def sk_binary(src, t, inv, maxval):
    fg = src > t
    if inv:
        fg = ~fg
    return np.where(fg, maxval, 0).astype(np.uint8)


def local_t(src, req):
    """The reference's local threshold at one pixel, for failure reports."""
    x, y, method = req["x"], req["y"], req["method"]
    if method in ("niblack", "sauvola"):
        t = sk_local(src, method, req["window"], req["k"], req.get("r"))
        return {"t": float(t[y, x])}
    b = req["blockSize"]
    if method == "adaptive-mean":
        m = cv2.boxFilter(src, -1, (b, b), normalize=True, borderType=cv2.BORDER_REPLICATE)
        return {"t": int(m[y, x])}
    f = cv2.GaussianBlur(src.astype(np.float32), (b, b), 0, borderType=cv2.BORDER_REPLICATE)
    m = np.clip(np.rint(f), 0, 255)
    return {"t": int(m[y, x]), "meanf": float(f[y, x])}


def answer(req):
    op = req["op"]
    if op == "blur":
        src = unb64(req["src"], req["w"], req["h"])
        return {"want": b64(blur(src, req["ksize"], req["sigma"]))}
    if op == "resize":
        src = unb64(req["src"], req["w"], req["h"])
        return {"want": b64(resize(src, req["dw"], req["dh"]))}
    if op == "triangle":
        return {"level": triangle(req["hist"])}
    if op == "multiotsu":
        return {"levels": multiotsu(req["hist"], req["classes"])}
    if op == "kernel":
        # OpenCV's fixed-point 1-D kernel, read back from a one-row impulse response: with a single
        # row the vertical kernel is [256], so out = (k·255 + 128) >> 8, which is k for k ≤ 128
        # (every tap but the centre); the centre is 256 minus the others.
        n, sigma = req["ksize"], req["sigma"]
        r = n // 2
        img = np.zeros((1, 4 * r + 3), np.uint8)
        img[0, 2 * r + 1] = 255
        out = cv2.GaussianBlur(img, (n, 1), sigma)[0]
        side = [int(out[2 * r + 1 + r - i]) for i in range(r)]
        return {"kernel": side + [256 - 2 * sum(side)] + side[::-1]}
    if op == "otsu":
        return {"level": otsu(unb64(req["src"], req["w"], req["h"]))}
    if op == "adaptive":
        src = unb64(req["src"], req["w"], req["h"])
        return {"want": b64(adaptive(src, req["method"], req["inv"], req["blockSize"], req["C"], req["maxval"]))}
    if op in ("niblack", "sauvola"):
        src = unb64(req["src"], req["w"], req["h"])
        t = sk_local(src, op, req["window"], req["k"], req.get("r"))
        return {"want": b64(sk_binary(src, t, req.get("inv", False), req.get("maxval", 255)))}
    if op == "localt":
        return local_t(unb64(req["src"], req["w"], req["h"]), req)
    raise ValueError(op)


def serve():
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(answer(json.loads(line))), flush=True)


def rand_image(rng, w, h):
    kind = rng.integers(4)
    if kind == 0:  # uniform noise
        return rng.integers(0, 256, (h, w), dtype=np.uint8)
    if kind == 1:  # few levels
        return rng.choice(np.array([0, 17, 128, 255], np.uint8), (h, w))
    if kind == 2:  # smooth gradient plus noise
        yy, xx = np.mgrid[0:h, 0:w]
        g = (xx * 7 + yy * 3 + rng.normal(0, 20, (h, w))) % 256
        return g.astype(np.uint8)
    return np.where(rng.random((h, w)) < 0.5, 0, 255).astype(np.uint8)


def rand_hist(rng):
    kind = rng.integers(6)
    h = np.zeros(256, np.int64)
    if kind == 0:  # a few random bins
        n = rng.integers(1, 9)
        h[rng.choice(256, n, replace=False)] = rng.integers(1, 1000, n)
    elif kind == 1:  # bimodal
        x = np.concatenate([rng.normal(rng.uniform(20, 120), rng.uniform(3, 30), 3000),
                            rng.normal(rng.uniform(130, 235), rng.uniform(3, 30), rng.integers(100, 5000))])
        h = np.bincount(np.clip(x, 0, 255).astype(np.int64), minlength=256)
    elif kind == 2:  # one dominant peak with a tail
        x = np.concatenate([rng.normal(rng.uniform(0, 255), 2, 5000), rng.uniform(0, 256, 500)])
        h = np.bincount(np.clip(x, 0, 255).astype(np.int64), minlength=256)
    elif kind == 3:  # uniform random counts on a random range
        lo = rng.integers(0, 250)
        hi = rng.integers(lo + 1, 256)
        h[lo:hi + 1] = rng.integers(0, 50, hi - lo + 1)
    elif kind == 4:  # sparse with small counts
        n = rng.integers(2, 40)
        h[rng.choice(256, n, replace=False)] = rng.integers(1, 4, n)
    else:  # trimodal
        x = np.concatenate([rng.normal(m, rng.uniform(2, 15), rng.integers(200, 3000))
                            for m in sorted(rng.uniform(0, 255, 3))])
        h = np.bincount(np.clip(x, 0, 255).astype(np.int64), minlength=256)
    if h.sum() == 0:
        h[rng.integers(256)] = 1
    return [int(c) for c in h]


def gen(out):
    rng = np.random.default_rng(20260601)
    cases = []
    # Tiny images with every small kernel, and the kernel sizes of the page on small images.
    sizes = [(1, 1), (1, 7), (7, 1), (2, 2), (2, 3), (3, 2), (1, 2), (2, 1), (3, 3), (4, 5), (5, 4), (9, 2)]
    for (w, h) in sizes:
        for ksize, sigma in ((3, 0), (5, 0), (7, 0), (9, 0), (11, 0), (5, 1.3)):
            cases.append((w, h, ksize, sigma))
    for _ in range(60):
        w, h = int(rng.integers(1, 24)), int(rng.integers(1, 24))
        ksize = int(rng.choice([0, 1, 3, 5, 7, 9, 11, 13, 15, 17, 21, 25, 31]))
        sigma = float(rng.choice([0, 0.5, 0.8, 1.1, 2, 3.7, 6])) if ksize else float(rng.uniform(0.3, 5))
        cases.append((w, h, ksize, sigma))
    for (w, h, ksize, sigma) in [(40, 33, 31, 0), (37, 29, 21, 4.5), (64, 48, 0, 2.2), (33, 40, 15, 0)]:
        cases.append((w, h, ksize, sigma))
    blurs = []
    for (w, h, ksize, sigma) in cases:
        src = rand_image(rng, w, h)
        blurs.append({"w": w, "h": h, "ksize": ksize, "sigma": sigma, "src": b64(src), "want": b64(blur(src, ksize, sigma))})
    with open(f"{out}/blur.json", "w") as f:
        json.dump(blurs, f, separators=(",", ":"))

    rs = []
    shapes = [((1, 1), (1, 1)), ((1, 1), (5, 3)), ((7, 1), (2, 1)), ((1, 7), (1, 3)), ((2, 2), (1, 1)),
              ((3, 5), (1, 1)), ((5, 3), (11, 9)), ((2, 2), (7, 7)), ((10, 10), (5, 5)), ((11, 9), (5, 4)),
              ((20, 20), (6, 6)), ((33, 17), (10, 5)), ((17, 33), (40, 70)), ((64, 48), (19, 14)),
              ((30, 30), (1, 30)), ((30, 30), (30, 1)), ((9, 9), (9, 4)), ((25, 31), (8, 9))]
    for _ in range(40):
        w, h = int(rng.integers(1, 40)), int(rng.integers(1, 40))
        shapes.append(((w, h), (int(rng.integers(1, 48)), int(rng.integers(1, 48)))))
    for (w, h), (dw, dh) in shapes:
        src = rand_image(rng, w, h)
        rs.append({"w": w, "h": h, "dw": dw, "dh": dh, "src": b64(src), "want": b64(resize(src, dw, dh))})
    with open(f"{out}/resize.json", "w") as f:
        json.dump(rs, f, separators=(",", ":"))

    hists = [[0] * 256 for _ in range(6)]
    hists[0][0] = 5                                              # constant 0
    hists[1][1] = 5                                              # constant 1: OpenCV's triangle gives -1
    hists[2][255] = 5                                            # constant 255
    hists[3][254], hists[3][255] = 3, 3
    hists[4][253], hists[4][254], hists[4][255] = 10, 5, 10      # OpenCV's triangle gives 256
    hists[5][0], hists[5][255] = 7, 7                            # two levels
    hists += [rand_hist(rng) for _ in range(120)]
    out_h = []
    for h in hists:
        out_h.append({"hist": h, "triangle": triangle(h),
                      "multiotsu": {str(c): multiotsu(h, c) for c in (2, 3, 4, 5)}})
    with open(f"{out}/histograms.json", "w") as f:
        json.dump(out_h, f, separators=(",", ":"))

if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve()
    elif sys.argv[1:2] == ["gen"] and len(sys.argv) == 3:
        gen(sys.argv[2])
    else:
        raise SystemExit(__doc__)
