#!/usr/bin/python3
"""Golden outputs of limen's local methods from OpenCV 4.6 and scikit-image 0.19.3.

Usage (from this directory): /usr/bin/python3 gen.py
Writes images/*.png (8-bit gray inputs) and cases.json.gz: for each case the input image, the limen
method id and parameters, the threshold type, and the reference's output as a bit mask (1 = 255),
row-major, packed most significant bit first, base64. Needs Debian's python3-opencv and
python3-skimage. The crops come from ../oracle/out/<image>/gray.png.
"""
import base64, gzip, json, os

import cv2
import numpy as np
from skimage import filters

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, "..", "oracle", "out")


def structured(seed, w, h):
    """A deterministic test picture: a ramp, a pattern of darker blocks and uniform noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    v = 60 + (x * 150) // max(w, 1) + (y * 30) // max(h, 1)
    v = v - 70 * (((x // 5) + (y // 7)) % 3 == 0)
    v = v + rng.integers(-25, 26, size=(h, w))
    return np.clip(v, 0, 255).astype(np.uint8)


def tie_image():
    """189×251, zero border, interior summing to the smallest window sum that OpenCV's float32
    box-filter path rounds differently from exact division for blockSize 501 (every 501×501 window
    covers the whole interior once, so every pixel has that sum)."""
    B = 501
    d = B * B
    f = np.float32(1.0 / d)
    q = np.arange(256, dtype=np.int64)
    cand = np.concatenate([q * d + (d - 1) // 2 - k for k in range(3)] + [q * d + (d + 1) // 2 + k for k in range(3)])
    cand = cand[(cand > 0) & (cand <= 255 * d)]
    r32 = np.rint(cand.astype(np.float32) * f).astype(np.int64)
    exact = np.floor(cand / d + 0.5).astype(np.int64)
    s = int(np.sort(cand[r32 != exact])[0])
    img = np.zeros((251, 189), np.uint8)
    inner = np.zeros(249 * 187, np.int64)
    full, rem = divmod(s, 255)
    inner[:full] = 255
    inner[full] = rem
    img[1:-1, 1:-1] = inner.reshape(249, 187)
    return img


def crop(stem, x, y, w, h):
    g = cv2.imread(os.path.join(ORACLE, stem, "gray.png"), cv2.IMREAD_GRAYSCALE)
    return np.ascontiguousarray(g[y:y + h, x:x + w])


def images():
    im = {
        "noise61x47": structured(1, 61, 47),
        "noise40x33": structured(2, 40, 33),
        "camera96x72": crop("camera", 200, 150, 96, 72),
        "text120x60": crop("text", 100, 40, 120, 60),
        "coins53x41": crop("coins", 150, 100, 53, 41),
        "flat20x10": np.full((10, 20), 77, np.uint8),
        "checker16": ((np.indices((16, 16)).sum(axis=0) // 2) % 2 * 255).astype(np.uint8),
        "tie189x251": tie_image(),
    }
    rng = np.random.default_rng(7)
    for w, h in ((1, 1), (7, 1), (1, 7), (3, 3), (2, 2), (5, 4), (9, 2)):
        im[f"tiny{w}x{h}"] = rng.integers(0, 256, size=(h, w)).astype(np.uint8)
    return im


def pack(mask):
    return base64.b64encode(np.packbits(mask.astype(bool).ravel()).tobytes()).decode()


def adaptive(img, method, bs, c, inv):
    m = cv2.ADAPTIVE_THRESH_MEAN_C if method == "adaptive-mean" else cv2.ADAPTIVE_THRESH_GAUSSIAN_C
    t = cv2.THRESH_BINARY_INV if inv else cv2.THRESH_BINARY
    return cv2.adaptiveThreshold(img, 255, m, t, bs, c) == 255


def cases(im):
    out = []

    def add(name, method, params, typ, mask):
        out.append({"image": name, "method": method, "params": params, "type": typ, "want": pack(mask)})

    def ad(name, method, bs, c, inv=False):
        add(name, method, {"blockSize": bs, "C": c}, "binary-inv" if inv else "binary",
            adaptive(im[name], method, bs, c, inv))

    def sk(name, method, window, k, r=None):
        img = im[name]
        if method == "niblack":
            t = filters.threshold_niblack(img, window_size=window, k=k)
            params = {"window": window, "k": k}
        else:
            t = filters.threshold_sauvola(img, window_size=window, k=k, r=r)
            params = {"window": window, "k": k}
            if r is not None:
                params["r"] = r
        add(name, method, params, "binary", img > t)

    for method in ("adaptive-mean", "adaptive-gaussian"):
        for bs in (3, 5, 7, 9, 11, 13, 15, 17, 21, 31, 51):
            ad("noise61x47", method, bs, 2)
        for c in (2.5, -1.5, 0, -3, 7.25):
            for inv in (False, True):
                ad("noise61x47", method, 11, c, inv)
                ad("camera96x72", method, 9, c, inv)
        for bs in (3, 11, 31, 101):
            for name in ("camera96x72", "text120x60", "coins53x41", "flat20x10", "checker16", "noise40x33"):
                ad(name, method, bs, 3)
        for name in [n for n in im if n.startswith("tiny")]:
            for bs in (3, 11):
                ad(name, method, bs, 2)
                ad(name, method, bs, -4.5, True)
        ad("camera96x72", method, 251, 0)
        ad("noise61x47", method, 501, -10)
    ad("tie189x251", "adaptive-mean", 501, 0)
    ad("tie189x251", "adaptive-mean", 501, 0, True)

    for method in ("niblack", "sauvola"):
        for window in (3, 5, 15, 25, 51, 101):
            for name in ("noise61x47", "camera96x72", "text120x60"):
                sk(name, method, window, 0.2)
        for k in (0.5, -0.2, 0, 1.5):
            sk("coins53x41", method, 15, k)
            sk("noise40x33", method, 7, k)
        for name in ("flat20x10", "checker16") + tuple(n for n in im if n.startswith("tiny")):
            for window in (3, 15):
                sk(name, method, window, 0.2)
    for r in (64, 128, 200, 1):
        sk("text120x60", "sauvola", 15, 0.3, r)
        sk("camera96x72", "sauvola", 25, 0.5, r)
    return out


def main():
    im = images()
    os.makedirs(os.path.join(HERE, "images"), exist_ok=True)
    for name, img in im.items():
        cv2.imwrite(os.path.join(HERE, "images", name + ".png"), img)
    cs = cases(im)
    # mtime=0: the same cases give the same bytes.
    with gzip.GzipFile(os.path.join(HERE, "cases.json.gz"), "wb", compresslevel=9, mtime=0) as gz:
        f = __import__("io").TextIOWrapper(gz, encoding="utf-8")
        f.write('{"generated_by": "gen.py", "opencv": "%s", "cases": [\n' % cv2.__version__)
        f.write(",\n".join(json.dumps(c, sort_keys=True) for c in cs))
        f.write("\n]}\n")
        f.flush()
        f.detach()
    print(len(cs), "cases")


if __name__ == "__main__":
    main()
