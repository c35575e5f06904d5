#!/usr/bin/env bash
# limen's one entry point.
#   ./build.sh build   build the wasm and leave a servable site in web/
#   ./build.sh serve   build, then serve web/ on http://127.0.0.1:${PORT:-8080}/ (the wasm
#                      gzipped; Ctrl-C or a signal to this process stops the server)
#   ./build.sh test    gofmt, vet (native and js/wasm), unit tests, build, browser tests
#                      (needs Debian's chromium, imagej and default-jdk-headless: as root on
#                      Debian it installs them, elsewhere it says what to install)
#   ./build.sh bench   Go benchmarks, then the in-browser benchmark (web/bench.html) against a
#                      plain copy, a JS loop and OpenCV.js (MP=12 REPS=7 by default)
#   ./build.sh dist    dist/limen.html (one self-contained file) and dist/site/
set -euo pipefail
cd "$(dirname "$0")"

# Go, from PATH or where its official archive unpacks, in the version go.mod asks for.
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then PATH=$PATH:/usr/local/go/bin; fi
go_want=$(sed -n 's/^go \([0-9.]*\).*/\1/p' go.mod)
go_have=$(go env GOVERSION 2>/dev/null | sed -n 's/^go\([0-9.]*\).*/\1/p' || true)
if [ -z "$go_have" ] || [ "$(printf '%s\n' "$go_want" "$go_have" | sort -V | head -n1)" != "$go_want" ]; then
  echo "limen needs Go $go_want or newer (found: ${go_have:-no go command on PATH})." >&2
  echo "Install it from https://go.dev/dl/ (e.g. unpack it into /usr/local, which this script finds), then run $0 ${1:-} again." >&2
  exit 1
fi
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
# go.mod names the toolchain, Go 1.27.3: the same speed as 1.26 and a 3 % smaller module. "auto"
# lets an older local go fetch it through the module proxy (this machine's go.env says "local");
# GOTOOLCHAIN=local in the environment keeps the installed go. (GOWASM=satconv,signext changes
# nothing: Go 1.26 and later always use both.)
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"

version() {
  git describe --always --dirty 2>/dev/null || echo dev
}

# Inlining is kept where the pixels are: algo/ and the standard packages its loops call (math,
# math/bits, encoding/binary). Everything else — the runtime, the bridge, the page, vert, reflect,
# fmt, strconv, time, image, … — runs per call or per row, not per pixel (the pixel loops call no
# runtime function but memmove and memclr, which are never inlined, and no method of package image:
# they index Pix), and is built without inlining: the inlined copies cost about 90 KB of the
# gzipped module (image's alone 1.5 KB).
noinline=(
  -gcflags=all=-l -gcflags=limen/algo/...= -gcflags=math= -gcflags=math/bits= -gcflags=encoding/binary=
)

# Two modules from the one package wasm/ (build tags): web/limen.wasm, the API, the workers'
# handlers and the tool page (index.html, api.html), with none of the lesson's widgets; and
# web/lesson.wasm (tag lesson), the API and the lesson's widgets (lesson.html, embed.html), without
# the tool page's lab, zoom, inspector, camera and "Try all". Each page fetches one at start (its
# <html data-module>, read by web/limen.js); workers always load limen.wasm. Each stays under the
# 1 MB budget, which the two together would not (see README).
modules=("limen:" "lesson:lesson")

# build_module NAME TAGS: web/NAME.wasm, packed, and web/NAME.wasm.gz.
build_module() {
  local name=$1 tags=$2 ver=$3
  GOOS=js GOARCH=wasm go build -trimpath -tags="$tags" "${noinline[@]}" -ldflags="-s -w -X main.version=$ver" \
    -o "web/$name.wasm" ./wasm
  # Fewer, zero-filled data segments: the same module, about 7 % smaller gzipped (see wasm/cmd/pack).
  go run ./wasm/cmd/pack "web/$name.wasm"
}

# compress_module writes web/NAME.wasm.gz, made once here: the server sends it to browsers that take
# gzip (see wasm/site), and a static host can (dist/site keeps it). Zopfli writes the same gzip
# format 5 % smaller than gzip -9 (995 KB against 1,048 KB for limen.wasm on 2026-12-01): the
# module a page fetches at start has a budget of 1 MB. Ten iterations: 995,226 bytes in 16 s, where
# one gave 999,390 in 11 s and fifteen 995,179 in 20 s (this machine, the same module).
compress_module() {
  local name=$1
  if command -v zopfli >/dev/null; then
    zopfli --i10 -c "web/$name.wasm" > ".cache/$name.wasm.gz"
  else
    echo "note: zopfli is not installed (Debian: apt-get install zopfli); gzip -9 makes web/$name.wasm.gz 5 % larger, over the 1 MB the size test allows" >&2
    gzip -9 -n -c "web/$name.wasm" > ".cache/$name.wasm.gz"
  fi
  mv ".cache/$name.wasm.gz" "web/$name.wasm.gz"
  echo "built web/$name.wasm ($(wc -c <"web/$name.wasm") bytes, $(wc -c <"web/$name.wasm.gz") gzipped)"
}

build() {
  local ver m pid pids=(); ver=$(version)
  mkdir -p .cache
  # Each module is compressed while the next one compiles (zopfli is single-threaded).
  for m in "${modules[@]}"; do
    build_module "${m%%:*}" "${m#*:}" "$ver"
    compress_module "${m%%:*}" & pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || { echo "FAIL: compressing a module" >&2; exit 1; }
  done
  echo "version $ver"
  cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" web/wasm_exec.js
  # The service worker's cache is named after the build (both modules), so a new build replaces
  # the old cache.
  printf 'self.LIMEN_VERSION = %s;\n' "\"$ver-$(cat web/limen.wasm web/lesson.wasm | sha256sum | cut -c1-12)\"" > web/version.js
}

# What the tests need beyond Go, as "Debian package: what it gives" lines for what is missing.
IJJAR=${IJJAR:-/usr/share/java/ij.jar}
export IJJAR
missing() {
  local need
  for need in "$@"; do
    case $need in
      chromium)
        [ -x /usr/bin/chromium ] || echo "chromium: Chromium at /usr/bin/chromium, for the browser tests" ;;
      imagej)
        [ -f "$IJJAR" ] || echo "imagej: ImageJ 1.53t's ij.jar at $IJJAR (IJJAR overrides the place), for the ImageJ differential test"
        { command -v javac && command -v java; } >/dev/null || echo "default-jdk-headless: a JDK (javac and java), to compile and run ImageJ's runner" ;;
      python)
        /usr/bin/python3 -c 'import cv2' 2>/dev/null || echo "python3-opencv: OpenCV 4.6 for Python (/usr/bin/python3), to run the page's OpenCV snippets (wasm/internal/call)"
        /usr/bin/python3 -c 'import skimage' 2>/dev/null || echo "python3-skimage: scikit-image 0.19.3 for Python, to run the page's scikit-image snippets" ;;
      g++)
        command -v g++ >/dev/null || echo "g++: a C++ compiler, to build the page's Doxa snippets" ;;
      xvfb)
        command -v xvfb-run >/dev/null || echo "xvfb: xvfb-run, a display for ImageJ, which runs the page's ImageJ macros" ;;
      zopfli)
        command -v zopfli >/dev/null || echo "zopfli: the gzip compressor the build uses for web/limen.wasm.gz and web/lesson.wasm.gz (its size is tested)" ;;
    esac
  done
}

# need chromium|imagej...: installs what is missing with apt-get as root on Debian (and fails if it
# is still missing); anywhere else says what to install and stops.
need() {
  local lack pkgs
  lack=$(missing "$@")
  [ -n "$lack" ] || return 0
  pkgs=$(cut -d: -f1 <<<"$lack" | tr '\n' ' ')
  if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then
    echo "installing Debian's ${pkgs% }"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 $pkgs >/dev/null
    lack=$(missing "$@")
    [ -z "$lack" ] || { echo "FAIL: still missing after apt-get install ${pkgs% }:"; sed 's/^[^:]*: /  - /' <<<"$lack"; } >&2
    [ -z "$lack" ] || exit 1
    return 0
  fi
  {
    echo "limen's tests need what this machine lacks:"
    sed 's/^[^:]*: /  - /' <<<"$lack"
    if [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then
      echo "Install as root:  apt-get install ${pkgs% }"
      echo "(or run $0 ${cmd} as root, which installs them itself), then run $0 ${cmd} again."
    else
      echo "This is not Debian: install them with your system's package manager (Debian calls them:"
      echo "${pkgs% }), then run $0 ${cmd} again."
    fi
  } >&2
  exit 1
}

cmd=${1:-}
case "$cmd" in
  build)
    build ;;
  serve)
    # LIMEN_SKIP_BUILD=1 serves web/ as it is (the serve test does, while other tests build).
    [ -n "${LIMEN_SKIP_BUILD:-}" ] || build
    # The server replaces this script's process (no go run, which would leave its child serving
    # when signalled): Ctrl-C or a signal to this pid stops it and frees the port.
    go build -o .cache/bin/limen-serve ./wasm/cmd/serve
    exec .cache/bin/limen-serve -dir web -port "${PORT:-8080}" ;;
  test)
    # What apt-get installs (a minute or more on a clean machine) comes while gofmt and vet run,
    # which need only Go; the build needs zopfli, so it waits for the install.
    need chromium imagej zopfli python xvfb g++ & installing=$!
    bad=$(gofmt -l algo wasm)
    [ -z "$bad" ] || { echo "gofmt would change: $bad" >&2; exit 1; }
    go vet ./...
    GOOS=js GOARCH=wasm go vet ./...
    GOOS=js GOARCH=wasm go vet -tags lesson ./...   # the lesson's module (see modules)
    wait "$installing" || exit 1
    build
    # The site was just built: the browser tests use it as it is instead of building it again
    # (which took a minute of the ten the test run may take). Four browser tests at a time: they
    # wait on their pages much of the time (see wasm/e2e's package comment).
    LIMEN_SKIP_BUILD=1 go test -count=1 -parallel 4 ./... ;;
  bench)
    need chromium
    build
    go test -run '^$' -bench . -benchmem ./algo
    # OpenCV.js, the peer, from the npm registry into a git-ignored folder.
    cv=.cache/npm/node_modules/@techstark/opencv-js/dist/opencv.js
    if [ ! -f "$cv" ]; then
      command -v npm >/dev/null || { echo "FAIL: npm is needed to install OpenCV.js for the benchmark" >&2; exit 1; }
      npm install --prefix .cache/npm --no-audit --no-fund --silent @techstark/opencv-js@4.5.2
    fi
    go run ./wasm/cmd/benchpage -site web -opencv "$cv" -mp "${MP:-12}" -reps "${REPS:-7}" ;;
  dist)
    build
    go run ./wasm/cmd/dist -site web -out dist ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
