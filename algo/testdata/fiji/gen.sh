#!/bin/sh
# Regenerates cases.txt from Fiji's Auto Local Threshold plugin. See README.md.
#   PLUGIN=/path/to/Auto_Local_Threshold.java sh algo/testdata/fiji/gen.sh
set -eu
: "${PLUGIN:?set PLUGIN to src/main/java/fiji/threshold/Auto_Local_Threshold.java of github.com/fiji/Auto_Local_Threshold}"
IJJAR=${IJJAR:-/usr/share/java/ij.jar}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The plugin only asks scijava for its version string (for its dialog); a stub stands in.
mkdir -p "$tmp/org/scijava/util" "$tmp/classes"
cat > "$tmp/org/scijava/util/VersionUtils.java" <<'JAVA'
package org.scijava.util;
public class VersionUtils { public static String getVersion(Class<?> c) { return "stub"; } }
JAVA
javac -nowarn -cp "$IJJAR" -d "$tmp/classes" "$tmp/org/scijava/util/VersionUtils.java" "$PLUGIN" "$here/FijiRef.java"

(cd "$here/../../.." && LIMEN_FIJI_INPUTS="$tmp/cases.in" go test -count=1 -run '^TestFijiWriteInputs$' ./algo)
# The oracle images' pixels are not kept: the test rebuilds them from testdata/oracle.
java -Djava.awt.headless=true -cp "$IJJAR:$tmp/classes" FijiRef < "$tmp/cases.in" |
	awk '$1 == "image" { $9 = "-" } { print }' > "$here/cases.txt"
wc -l "$here/cases.txt"
