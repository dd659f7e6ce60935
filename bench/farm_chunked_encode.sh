#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Chunked encode through Slurm (and through `slate run --on local`) against one `slate
# transcode` process at equal total CPU: what submission, scheduling and joining cost.
#
#   bench/farm_chunked_encode.sh [CHUNKS]        (default 4)
#
# Source (made once in $WORK with the ffmpeg CLI): ProRes 422 HQ 1920x1080p24, $LENGTH seconds
# (default 20), 2 channels of 24-bit PCM, timecode 01:00:00:00. Preset h264_review (x264 + AAC).
# Single process: `slate transcode --threads 2` (both cores). Chunked: `slate plan encode
# --chunks N --cores-per-task 1` run by `slate run --on slurm` on a one-node Slurm with 2 CPUs
# (scripts/slurm-local; started here when SLURM_CONF is not set), so two 1-core chunks run at
# once. Times include planning (key-frame scan), the audio task, the join and its verification.
#
# Prints, as medians of $RUNS runs (default 3): the single-process wall time T1; for each engine
# the wall time T, the encode work (sum of the chunk tasks' seconds / 2 cores), and the
# overhead = T - work (submission, scheduling gaps, polling, audio, join + its verification), as
# a share of T1 (the issue's target: <= 10 %), and the join task's own seconds. Environment:
# SLATE_BUILD (default build), WORK (default /tmp/slate-bench-farm), RUNS, LENGTH.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${SLATE_BUILD:-$root/build}"
work="${WORK:-/tmp/slate-bench-farm}"
runs="${RUNS:-3}"
length="${LENGTH:-20}"
chunks="${1:-4}"
slate_exe="$build/tools/slate"
[[ -x "$slate_exe" ]] || { echo "missing $slate_exe (ninja -C $build slate)" >&2; exit 3; }
mkdir -p "$work"
# shellcheck source=bench/timing.sh
source "$root/bench/timing.sh"

src="$work/A001_C001_${length}s.mov"
if [[ ! -s "$src" ]]; then
    ffmpeg -hide_banner -loglevel error -nostdin -y \
        -f lavfi -i "testsrc2=size=1920x1080:rate=24:duration=$length" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$length" \
        -filter_complex "[1:a]pan=stereo|c0=c0|c1=c0[a]" -map 0:v -map "[a]" \
        -c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le -c:a pcm_s24le \
        -timecode 01:00:00:00 "$src"
fi

started_slurm=""
if [[ -z "${SLURM_CONF:-}" ]]; then
    "$root/scripts/slurm-local" start "$work/slurm" >/dev/null
    export SLURM_CONF="$work/slurm/slurm.conf"
    started_slurm=1
fi
cleanup() { [[ -n "$started_slurm" ]] && "$root/scripts/slurm-local" stop "$work/slurm" >/dev/null || true; }
trap cleanup EXIT

# Sum of the seconds recorded in a step's task status files.
step_seconds() {
    python3 - "$1" <<'PY'
import glob, json, sys
print(sum(json.load(open(f))["seconds"] for f in glob.glob(sys.argv[1] + "/*.json")))
PY
}

# One chunked run on an engine: prints "wall chunk_seconds join_seconds"
chunked_run() {
    local engine=$1 out="$work/out_$1"
    rm -rf "$out"
    local t0 t1
    t0=$(now)
    "$slate_exe" plan encode "$src" -p h264_review --chunks "$chunks" --cores-per-task 1 \
        -d "$out" -o "$work/plan_$engine.json" -q
    "$slate_exe" run "$work/plan_$engine.json" --on "$engine" -q
    t1=$(now)
    local farm
    farm=$(ls -d "$out"/.slate/farm/*)
    echo "$(echo "$t1 - $t0" | bc -l) $(step_seconds "$farm/status/chunks")" \
        "$(step_seconds "$farm/status/join")"
}

single=()
declare -A walls works joins
for ((i = 0; i < runs; i++)); do
    rm -rf "$work/single"
    single+=("$(wall "$slate_exe" transcode "$src" -p h264_review -o "$work/single" --name whole \
        --threads 2 --overwrite)")
    for engine in local slurm; do
        read -r w c j < <(chunked_run "$engine")
        walls[$engine]+="$w "
        works[$engine]+="$(echo "$c / 2" | bc -l) "
        joins[$engine]+="$j "
    done
done
t1=$(printf '%s\n' "${single[@]}" | median)
printf 'chunked encode, %s s 1080p24 ProRes -> h264_review, %s chunks, 2 cores, %s runs\n' \
    "$length" "$chunks" "$runs"
printf '%-22s %9s %9s %9s %9s %8s %8s\n' engine wall_s work_s overhead_s overhead join_s ratio
printf '%-22s %9.2f %9s %9s %9s %8s %8s\n' "single process (-j2)" "$t1" - - - - 1.000
for engine in local slurm; do
    w=$(tr ' ' '\n' <<<"${walls[$engine]}" | grep . | median)
    k=$(tr ' ' '\n' <<<"${works[$engine]}" | grep . | median)
    j=$(tr ' ' '\n' <<<"${joins[$engine]}" | grep . | median)
    o=$(echo "$w - $k" | bc -l)
    printf '%-22s %9.2f %9.2f %9.2f %8.1f%% %8.2f %8.3f\n' "chunked, $engine" "$w" "$k" "$o" \
        "$(echo "100 * $o / $t1" | bc -l)" "$j" "$(echo "$w / $t1" | bc -l)"
done
