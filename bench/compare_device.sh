#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `slate compare` on a CUDA device against the same build on the CPU, end to end from files
# (decoding included), on the 1080p libvmaf material (scripts/vmaf-material): the full metric set
# (PSNR, SSIM, MS-SSIM, VMAF v0.6.1) from raw YUV and from the x264 CRF 23 .mkv. Prints wall
# time, frames/s, the GPU/CPU speed-up, and from the JSON's run.device_seconds the share of the
# GPU run spent uploading and scoring (the rest is decoding and conversion: a run bound by
# decoding has a small share). Needs a machine with a GPU *and* FFmpeg (the lent GPU machines
# have no FFmpeg: there, scripts/gpu-check's resident timings are what can be measured).
#
#   bench/compare_device.sh        (environment: SLATE_BUILD, WORK, RUNS=5, MATERIAL)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${SLATE_BUILD:-$root/build}"
work="${WORK:-/tmp/slate-bench}"
runs="${RUNS:-5}"
material="${MATERIAL:-$work/vmaf-material}"
slate_exe="$build/tools/slate"
# shellcheck source=bench/timing.sh
source "$root/bench/timing.sh"
require_built "$build" "$slate_exe"
if ! "$slate_exe" --version | grep -q "^  device "; then
    echo "compare_device.sh: no CUDA device visible to slate (slate --version); nothing to measure" >&2
    exit 77
fi
mkdir -p "$work"
"$root/scripts/vmaf-material" "$material" 1080p >/dev/null
export SLATE_VMAF_MODEL_PATH="$root/../shared/reference/vmaf/models"

ref="$material/mandel_1080p_8b_ref.yuv"
dist="$material/mandel_1080p_8b_x264crf35.yuv"
mkv="$material/mandel_1080p_8b_x264crf23.mkv"
frames=48
cat "$ref" "$dist" "$mkv" >/dev/null  # page cache warm

raw() { "$slate_exe" compare "$ref" "$dist" --raw 1920x1080:yuv420p:24 --device "$1" -q --json "$work/device_$1.json"; }
mkv() { "$slate_exe" compare "$ref" "$mkv" --ref-raw 1920x1080:yuv420p:24 --device "$1" -q --json "$work/device_$1.json"; }
share() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['run']; print(r['device_seconds'] / r['seconds'])" "$1"; }

raw_cpu=() raw_gpu=() mkv_cpu=() mkv_gpu=() raw_share=() mkv_share=()
for ((i = 0; i < runs; ++i)); do
    raw_cpu+=("$(wall raw cpu)")
    raw_gpu+=("$(wall raw cuda)")
    raw_share+=("$(share "$work/device_cuda.json")")
    mkv_cpu+=("$(wall mkv cpu)")
    mkv_gpu+=("$(wall mkv cuda)")
    mkv_share+=("$(share "$work/device_cuda.json")")
done
m() { printf '%s\n' "$@" | median; }
row() {
    local cpu gpu
    cpu=$(m "${@:3:$runs}") gpu=$(m "${@:3+$runs:$runs}")
    printf '%-36s %8.3f %8.3f %8.1f %8.1f %7.2fx %7.1f%%\n' "$1" "$cpu" "$gpu" \
        "$(echo "$frames / $cpu" | bc -l)" "$(echo "$frames / $gpu" | bc -l)" \
        "$(echo "$cpu / $gpu" | bc -l)" "$(echo "100 * $2" | bc -l)"
}
"$slate_exe" --version | grep -E "CUDA|device " || true
printf '%-36s %8s %8s %8s %8s %8s %8s\n' "full set, 1080p 8-bit, 48 frames" cpu_s gpu_s cpu_fps gpu_fps speedup device%
row "from raw YUV" "$(m "${raw_share[@]}")" "${raw_cpu[@]}" "${raw_gpu[@]}"
row "from the x264 .mkv" "$(m "${mkv_share[@]}")" "${mkv_cpu[@]}" "${mkv_gpu[@]}"
echo "(medians of $runs alternating runs; device%: run.device_seconds / run.seconds of the GPU run)"
