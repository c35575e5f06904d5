# run_snippets.py MODULE OUT_JSON CASE_DIR...: runs each CASE_DIR/snippet.py as a student would run
# the page's snippet (from CASE_DIR, where picture.png is and result.png goes), all in this one
# process, and writes to OUT_JSON, for each case in order, what the snippet left: its level
# (OpenCV's `level`, scikit-image's `t` when it is one number, multi-Otsu's `levels`), each value
# written with repr, or the error it raised. A level per pixel is checked through the picture.
# MODULE (cv2 or skimage) is imported first: without it the run stops with exit status 3.
import json
import os
import sys
import traceback

try:
    __import__(sys.argv[1])
    import numpy as np
except ImportError as e:
    print(e, file=sys.stderr)
    sys.exit(3)

out = []
for d in sys.argv[3:]:
    os.chdir(d)
    r = {}
    try:
        with open("snippet.py") as f:
            code = f.read()
        ns = {"__name__": "__main__"}
        exec(compile(code, os.path.join(d, "snippet.py"), "exec"), ns)
        for k in ("level", "t", "levels"):
            if k in ns:
                v = np.asarray(ns[k])
                if v.ndim == 0:
                    r[k] = [repr(float(v))]
                elif k == "levels":
                    r[k] = [repr(float(x)) for x in v.ravel()]
    except BaseException:
        r["error"] = traceback.format_exc()
    out.append(r)
with open(sys.argv[2], "w") as f:
    json.dump(out, f)
