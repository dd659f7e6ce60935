#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times Slate's decode (MediaSource, via slate_decode_bench) against the ffmpeg CLI on the same
# files: video only on both sides, every frame decoded, libav's automatic thread count.
#
#   bench/decode_vs_ffmpeg.sh [FILE...]
#
# Without files it uses three inputs in $WORK: the sample generator's 1080p clip (`slate samples
# --only a001_c001_prores4444`: ProRes 4444 1920x1080, 48 frames, where start-up weighs most) and
# two 10 s 1080p24 testsrc2 clips made with the ffmpeg CLI (ProRes 422 HQ and H.264).
# Environment: SLATE_BUILD (build folder, default build), WORK (default /tmp/slate-bench),
# RUNS (default 5). Prints medians and two ratios (lower is better):
#   ratio        slate process wall time / ffmpeg process wall time (each includes its start-up)
#   decode_ratio slate in-process decode time (open to last frame, as slate_decode_bench reports
#                it) / ffmpeg's own -benchmark rtime (its decode loop, after opening the input):
#                decoding alone, without either process's start-up (dynamic loading).
# Then one start-up line: median wall time of `slate --help` and of `ffmpeg -version`.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${SLATE_BUILD:-$root/build}"
work="${WORK:-/tmp/slate-bench}"
runs="${RUNS:-5}"
bench="$build/bench/slate_decode_bench"
slate_exe="$build/tools/slate"
# shellcheck source=bench/timing.sh
source "$root/bench/timing.sh"
require_built "$build" "$bench" "$slate_exe"
mkdir -p "$work"
sample_1080p="$work/samples/a001_c001_prores4444.mov"

make_samples() {
    [[ -s "$sample_1080p" ]] ||
        "$slate_exe" samples "$work/samples" --only a001_c001_prores4444 >/dev/null
    local src="testsrc2=size=1920x1080:rate=24:duration=10"
    [[ -s "$work/prores_hq_1080p24.mov" ]] ||
        ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "$src" -c:v prores_ks \
            -profile:v 3 -pix_fmt yuv422p10le "$work/prores_hq_1080p24.mov"
    [[ -s "$work/h264_1080p24.mp4" ]] ||
        ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "$src" -c:v libx264 \
            -preset medium -crf 18 -pix_fmt yuv420p "$work/h264_1080p24.mp4"
}

if [[ $# -eq 0 ]]; then
    make_samples
    set -- "$sample_1080p" "$work/prores_hq_1080p24.mov" "$work/h264_1080p24.mp4"
fi

printf '%-24s %6s %8s %9s %9s %9s %6s %12s\n' file frames slate_s decode_s ffmpeg_s ff_rtime \
    ratio decode_ratio
for file in "$@"; do
    frames=$("$bench" "$file" | sed -n 's/.*frames=\([0-9]*\).*/\1/p')
    # Warm the page cache so the first timed run does not pay for disk reads.
    cat "$file" >/dev/null
    # Runs alternate, so a change in machine load hits both sides alike.
    slate_times=() decode_times=() ffmpeg_times=() rtimes=()
    for ((i = 0; i < runs; ++i)); do
        slate_times+=("$(wall "$bench" "$file")")
        decode_times+=("$(sed -n 's/^frames=[0-9]* seconds=\([0-9.]*\).*/\1/p' "$work/last_output")")
        ffmpeg_times+=("$(wall ffmpeg -hide_banner -nostdin -loglevel info -benchmark -threads 0 \
            -i "$file" -map 0:v:0 -f null -)")
        rtimes+=("$(sed -n 's/^bench: .*rtime=\([0-9.]*\)s.*/\1/p' "$work/last_output")")
    done
    slate=$(printf '%s\n' "${slate_times[@]}" | median)
    decode=$(printf '%s\n' "${decode_times[@]}" | median)
    ffmpeg=$(printf '%s\n' "${ffmpeg_times[@]}" | median)
    rtime=$(printf '%s\n' "${rtimes[@]}" | median)
    ratio=$(echo "$slate / $ffmpeg" | bc -l)
    decode_ratio=$(echo "$decode / $rtime" | bc -l)
    printf '%-24s %6s %8.3f %9.3f %9.3f %9.3f %6.3f %12.3f\n' "$(basename "$file")" "$frames" \
        "$slate" "$decode" "$ffmpeg" "$rtime" "$ratio" "$decode_ratio"
done

# Process start-up alone, nothing decoded.
startup_slate=() startup_ffmpeg=()
for ((i = 0; i < runs; ++i)); do
    startup_slate+=("$(wall "$slate_exe" --help)")
    startup_ffmpeg+=("$(wall ffmpeg -hide_banner -version)")
done
printf 'start-up: slate --help %.3f s, ffmpeg -version %.3f s (medians)\n' \
    "$(printf '%s\n' "${startup_slate[@]}" | median)" \
    "$(printf '%s\n' "${startup_ffmpeg[@]}" | median)"
