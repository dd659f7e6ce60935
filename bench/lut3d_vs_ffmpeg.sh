#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times `slate transcode -p prores_hq --lut x.cube` against the ffmpeg command a DIT would
# otherwise run (`-vf lut3d=file=x.cube:interp=tetrahedral`, same ProRes 422 HQ settings as the
# prores_hq preset: prores_ks profile hq, vendor apl0, yuv422p10le), on a 1080p and a UHD clip;
# each clip also without a LUT on both sides, so the LUT's own cost shows as the difference.
#
#   bench/lut3d_vs_ffmpeg.sh
#
# Sources (made once in $WORK with the ffmpeg CLI from testsrc2, 24 fps, ProRes 422 HQ
# yuv422p10le tagged BT.709, no audio): 1920x1080 10 s (240 frames) and 3840x2160 2 s (48 frames).
# FFmpeg 5.1's plain `-vf lut3d` converts Y'CbCr <-> RGB with the BT.601 matrix whatever the tags
# (its output differs from Slate's by ~34 dB PSNR in V), so the 1080p LUT case is also timed with
# the chain that gives Slate's result (BT.709 both ways, 16-bit RGB; ~49 dB PSNR to Slate's).
# The LUT is the 33^3 look of slate_bench_color_vs_ocio (--write-cube), so both benchmarks use
# the same table.
# Environment: SLATE_BUILD (default build), WORK (default /tmp/slate-bench-lut3d), RUNS (default 5),
# LUT (a .cube to use instead of the benchmark's; then slate_bench_color_vs_ocio is not needed).
# Prints, per case, the median wall time of each side (runs alternate slate, ffmpeg, slate...) and
# ratio = ffmpeg / slate (> 1.0: Slate faster). slate's time includes its re-probe check of the
# output. A decode + LUT only case (no encode) is not timed: slate has no null output.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${SLATE_BUILD:-$root/build}"
work="${WORK:-/tmp/slate-bench-lut3d}"
runs="${RUNS:-5}"
slate_exe="$build/tools/slate"
cube_writer="$build/bench/slate_bench_color_vs_ocio"
[[ -x "$slate_exe" ]] || { echo "missing $slate_exe (ninja -C $build slate)" >&2; exit 3; }
[[ -n "${LUT:-}" || -x "$cube_writer" ]] || {
    echo "missing $cube_writer (configure with -DSLATE_BUILD_BENCH=ON," \
        "ninja -C $build slate_bench_color_vs_ocio), or set LUT=FILE.cube" >&2
    exit 3
}
mkdir -p "$work"
ff=(ffmpeg -hide_banner -loglevel error -nostdin -y)

make_source() {  # name size duration
    local out="$work/$1"
    [[ -s "$out" ]] && return
    "${ff[@]}" -f lavfi -i "testsrc2=size=$2:rate=24:duration=$3" \
        -c:v prores_ks -profile:v hq -vendor apl0 -pix_fmt yuv422p10le \
        -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv "$out"
}
make_source B001_C001_1080p_hq.mov 1920x1080 10
make_source B002_C001_uhd_hq.mov 3840x2160 2
hd="$work/B001_C001_1080p_hq.mov"
uhd="$work/B002_C001_uhd_hq.mov"
if [[ -n "${LUT:-}" ]]; then
    cube="$(realpath "$LUT")"
else
    cube="$work/look33.cube"
    "$cube_writer" --write-cube "$cube"
fi

# shellcheck source=bench/timing.sh
source "$root/bench/timing.sh"

# case name | frames | slate arguments | ffmpeg arguments (input first)
run_case() {
    local name="$1" frames="$2" slate_args="$3" ffmpeg_args="$4"
    local s=() f=()
    for ((i = 0; i < runs; i++)); do
        rm -rf "$work/out_slate" "$work/out_ffmpeg"
        mkdir -p "$work/out_ffmpeg"
        # shellcheck disable=SC2086
        s+=("$(wall "$slate_exe" transcode $slate_args -o "$work/out_slate")")
        # shellcheck disable=SC2086
        f+=("$(wall "${ff[@]}" $ffmpeg_args)")
    done
    local sm fm
    sm=$(printf '%s\n' "${s[@]}" | median)
    fm=$(printf '%s\n' "${f[@]}" | median)
    printf '%-30s %9.2f %9.2f %8.1f %8.1f %7.3f\n' "$name" "$sm" "$fm" \
        "$(echo "$frames / $sm" | bc -l)" "$(echo "$frames / $fm" | bc -l)" "$(echo "$fm / $sm" | bc -l)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "ffmpeg: $(ffmpeg -hide_banner -version | head -1 | cut -d' ' -f1-3)"
echo "load before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $runs (median); ratio = ffmpeg_s / slate_s (> 1.0: Slate faster)"
printf '%-30s %9s %9s %8s %8s %7s\n' "case" "slate_s" "ffmpeg_s" "slate_fps" "ff_fps" "ratio"
o="$work/out_ffmpeg"
enc="-map 0:v:0 -c:v prores_ks -profile:v hq -vendor apl0 -pix_fmt yuv422p10le"
run_case "1080p HQ -> HQ, no LUT" 240 "$hd -p prores_hq" "-i $hd $enc $o/a.mov"
run_case "1080p HQ -> HQ, 33^3 LUT" 240 "$hd -p prores_hq --lut $cube" \
    "-i $hd -vf lut3d=file=$cube:interp=tetrahedral $enc $o/a.mov"
bt709="scale=in_color_matrix=bt709:out_color_matrix=bt709"
run_case "1080p 33^3 LUT, ff BT.709 chain" 240 "$hd -p prores_hq --lut $cube" \
    "-i $hd -vf $bt709,format=gbrp16le,lut3d=file=$cube:interp=tetrahedral,$bt709 $enc $o/a.mov"
run_case "UHD HQ -> HQ, no LUT" 48 "$uhd -p prores_hq" "-i $uhd $enc $o/a.mov"
run_case "UHD HQ -> HQ, 33^3 LUT" 48 "$uhd -p prores_hq --lut $cube" \
    "-i $uhd -vf lut3d=file=$cube:interp=tetrahedral $enc $o/a.mov"
echo "load after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
