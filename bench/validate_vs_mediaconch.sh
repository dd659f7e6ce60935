#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Metadata validation: `slate validate --spec policy.xml` (the MediaConch policy imported) against
# `mediaconch -p policy.xml` on the same files, and a full streaming-master validation (probe +
# one QC pass: loudness, black, PSE...) against `slate qc` with the matching profile.
# Usage: bench/validate_vs_mediaconch.sh [RUNS]   (needs build/tools/slate and mediaconch)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
RUNS=${1:-7}
SLATE=build/tools/slate
require_built build "$SLATE"
command -v mediaconch >/dev/null || { echo "mediaconch not installed (apt install mediaconch)" >&2; exit 3; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$SLATE" samples "$work/s" --set masters >/dev/null
files=("$work"/s/m00{1,3,4,5,6}_*.mov)
cat >"$work/policy.xml" <<'XML'
<?xml version="1.0"?>
<policy type="and" name="ProRes HQ master (metadata)">
  <rule name="Video is ProRes" value="Format" tracktype="Video" operator="=">ProRes</rule>
  <rule name="Height 1080" value="Height" tracktype="Video" operator=">=">1080</rule>
  <rule name="Width 1920" value="Width" tracktype="Video" operator=">=">1920</rule>
  <rule name="Audio PCM" value="Format" tracktype="Audio" operator="=">PCM</rule>
  <rule name="48 kHz" value="SamplingRate" tracktype="Audio" operator="=">48000</rule>
  <rule name="24-bit" value="BitDepth" tracktype="Audio" operator="=">24</rule>
  <rule name="8 channels" value="Channels" tracktype="Audio" operator="=">8</rule>
</policy>
XML
run_times() { # label command...
    local label=$1 i
    shift
    for ((i = 0; i < RUNS; i++)); do wall "$@"; done | median >"$work/$label"
}
mediaconch_all() { for f in "${files[@]}"; do mediaconch -p "$work/policy.xml" "$f" >/dev/null || true; done; }
run_times slate_meta bash -c "'$SLATE' validate ${files[*]} --spec '$work/policy.xml' -q; [[ \$? -le 1 ]]"
run_times mediaconch bash -c "$(declare -f mediaconch_all); files=(${files[*]}); work=$work; mediaconch_all"
run_times slate_master bash -c "'$SLATE' validate ${files[*]} --spec streaming-originals-prores-master -q; [[ \$? -le 1 ]]"
run_times slate_qc bash -c "'$SLATE' qc ${files[*]} -p streaming-originals -q; [[ \$? -le 1 ]]"
sm=$(cat "$work/slate_meta") mc=$(cat "$work/mediaconch") ms=$(cat "$work/slate_master") qc=$(cat "$work/slate_qc")
printf 'files: %d masters (1080p ProRes 422 HQ, 2-4 s, 8 ch PCM); median of %d runs\n' "${#files[@]}" "$RUNS"
printf '%-44s %8.3f s\n' "slate validate --spec policy.xml (metadata)" "$sm"
printf '%-44s %8.3f s   ratio %.2fx\n' "mediaconch -p policy.xml (one file per run)" "$mc" "$(echo "$mc / $sm" | bc -l)"
printf '%-44s %8.3f s\n' "slate validate streaming-originals-prores-master" "$ms"
printf '%-44s %8.3f s   ratio %.2fx\n' "slate qc -p streaming-originals" "$qc" "$(echo "$qc / $ms" | bc -l)"
