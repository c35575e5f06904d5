#!/bin/sh
# Remakes this directory: Doxa's binarizations of generated pages and Doxa's scores of them against
# the generator's ground truth (TestEvaluateGenerated checks limen's algo.Evaluate on every case).
#   algo/document/testdata/doxa/gen.sh DOXAREF      (from the repository's root)
# DOXAREF is the oracle's Doxa reference program (doxaref, Doxa at commit 0bf9953); the pages are
# made here by cmd/docsamples (seed 1: the sample web/samples/doc-1.png; seed 4: a hard page, made
# again by the test), so the pages themselves are not stored.
set -eu
ref=$1
out=algo/document/testdata/doxa
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./algo/document/cmd/docsamples -dir "$tmp" >/dev/null
go run ./algo/document/cmd/docsamples -dir "$tmp" -seed 4 -size 640x480 -d 1,1,1,0.6,1.5,20 >/dev/null
all="otsu sauvola:window=25:k=0.2 niblack:window=25:k=-0.2 wolf:window=25:k=0.2 nick su gatos isauvola wan bataineh"
few="otsu sauvola:window=25:k=0.2 nick gatos isauvola bataineh" # the noisy page's binarizations are large
printf '{"cases": [\n' >"$out/cases.json"
first=1
for seed in 1 4; do
  page="$tmp/doc-$seed.png"; gt="$tmp/doc-$seed"_gt.png
  methods=$all
  [ "$seed" = 1 ] || methods=$few
  for m in $methods; do
    name=$(echo "$m" | tr ':=' '_-')
    # shellcheck disable=SC2046
    "$ref" bin $(echo "$m" | cut -d: -f1) "$page" "$out/doc-$seed-$name.png" $(echo "$m" | cut -s -d: -f2- | tr ':' ' ') 2>/dev/null
  done
  for b in "$out/doc-$seed-"*.png page; do
    opts=""
    case $b in page) bin=$page; id="doc-$seed/page" ;; *) bin=$b; id="doc-$seed/$(basename "$b" .png | cut -d- -f3-)" ;; esac
    for light in "" --light; do
      [ -n "$light" ] && [ "$b" != page ] && continue
      r=$("$ref" eval "$gt" "$bin" $light | tr -d '\n')
      [ $first = 1 ] || printf ',\n' >>"$out/cases.json"
      first=0
      printf '  {"id": "%s%s", "seed": %s, "binary": "%s", "light": %s, "result": %s}' "$id" "${light:++light}" "$seed" \
        "$(basename "$bin")" "$([ -n "$light" ] && echo true || echo false)" "$r" >>"$out/cases.json"
    done
  done
done
printf '\n]}\n' >>"$out/cases.json"
