#!/usr/bin/env bash
# limen's one entry point.
#   ./build.sh build   build the wasm and leave a servable site in web/
#   ./build.sh serve   build, then serve web/ on http://127.0.0.1:${PORT:-8080}/
#   ./build.sh test    gofmt, vet (native and js/wasm), unit tests, build, browser tests
#                      (installs Debian's chromium, and ImageJ + a JDK for the differential test)
#   ./build.sh bench   Go benchmarks, then the in-browser benchmark (web/bench.html) against a
#                      plain copy, a JS loop and OpenCV.js (MP=12 REPS=7 by default)
#   ./build.sh dist    dist/limen.html (one self-contained file) and dist/site/
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
# Go 1.27.3, fetched once through the module proxy by the go command itself: the same speed as the
# go.mod's 1.26 and a 3 % smaller module (940 KB against 972 KB by gzip -9), room under the 1 MB
# target. Every step below (vet, tests, build, bench, dist) uses it; GOTOOLCHAIN=local keeps the
# installed go. (GOWASM=satconv,signext changes nothing: Go 1.26 and later always use both.)
export GOTOOLCHAIN="${GOTOOLCHAIN:-go1.27.3}"

version() {
  git describe --always --dirty 2>/dev/null || echo dev
}

# The glue between the page and the algorithms (limen's wasm/ and the libraries only it calls) is
# built without inlining: none of it is on a per-pixel path, and its inlined copies cost about
# 40 KB of the gzipped module. algo/ and everything its loops call keep Go's inlining.
glue_noinline=(
  -gcflags=limen/wasm=-l -gcflags=limen/wasm/state=-l -gcflags=honnef.co/go/js/dom/v2=-l
  -gcflags=github.com/norunners/vert=-l -gcflags=reflect=-l -gcflags=fmt=-l -gcflags=time=-l
)

build() {
  local ver; ver=$(version)
  GOOS=js GOARCH=wasm go build -trimpath "${glue_noinline[@]}" -ldflags="-s -w -X main.version=$ver" \
    -o web/limen.wasm ./wasm
  # Fewer, zero-filled data segments: the same module, about 7 % smaller gzipped (see wasm/pack).
  go run ./wasm/pack web/limen.wasm
  cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" web/wasm_exec.js
  # The service worker's cache is named after the build, so a new build replaces the old cache.
  printf 'self.LIMEN_VERSION = %s;\n' "\"$ver-$(sha256sum web/limen.wasm | cut -c1-12)\"" > web/version.js
  echo "built web/limen.wasm ($(wc -c <web/limen.wasm) bytes, $(gzip -9c web/limen.wasm | wc -c) gzipped), version $ver"
}

need_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "installing Debian's chromium (browser tests need it)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  fi
  [ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium is still missing after apt-get install" >&2; exit 1; }
}

need_imagej() {
  if [ ! -f /usr/share/java/ij.jar ] || ! command -v javac >/dev/null; then
    echo "installing Debian's imagej and a JDK (the differential test runs ImageJ itself)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq imagej default-jdk-headless >/dev/null
  fi
}

case "${1:-}" in
  build)
    build ;;
  serve)
    build
    exec go run ./wasm/serve -dir web -port "${PORT:-8080}" ;;
  test)
    bad=$(gofmt -l algo wasm)
    [ -z "$bad" ] || { echo "gofmt would change: $bad" >&2; exit 1; }
    go vet ./...
    GOOS=js GOARCH=wasm go vet ./...
    build
    need_chromium
    need_imagej
    go test -count=1 ./... ;;
  bench)
    build
    go test -run '^$' -bench . -benchmem ./algo
    need_chromium
    # OpenCV.js, the peer, from the npm registry into a git-ignored folder.
    cv=.cache/npm/node_modules/@techstark/opencv-js/dist/opencv.js
    if [ ! -f "$cv" ]; then
      command -v npm >/dev/null || { echo "FAIL: npm is needed to install OpenCV.js for the benchmark" >&2; exit 1; }
      npm install --prefix .cache/npm --no-audit --no-fund --silent @techstark/opencv-js@4.5.2
    fi
    go run ./wasm/benchpage -site web -opencv "$cv" -mp "${MP:-12}" -reps "${REPS:-7}" ;;
  dist)
    build
    go run ./wasm/dist -site web -out dist ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
