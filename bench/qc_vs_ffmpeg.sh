#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times `slate qc` (default profile: every check, one decode pass) against
#   1. decoding alone: slate_decode_bench --audio (the same MediaSource reads, video and audio in
#      step, nothing analysed) -> overhead = qc / decode (target <= 1.15);
#   2. the ffmpeg command a user would otherwise chain: blackdetect, freezedetect, signalstats,
#      idet, cropdetect on the video and ebur128 (true peak), silencedetect, astats on the
#      audio, in one ffmpeg run -> ratio = qc / ffmpeg (target <= 0.33).
#
#   bench/qc_vs_ffmpeg.sh [FILE...]
#
# Without files it uses the sample generator's 1080p clip (a001_c001_prores4444.mov: ProRes 4444
# 10-bit 1920x1080, 48 frames, 4 channels PCM) and a 10 s 1080p24 ProRes 422 HQ testsrc2 clip
# with a stereo tone made with the ffmpeg CLI (start-up weighs less there).
# Environment: SLATE_BUILD (default build), WORK (default /tmp/slate-bench), RUNS (default 5).
# Runs of the three commands alternate, so a change in machine load hits all alike; medians.
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
long_1080p="$work/prores_hq_1080p24_audio.mov"
make_inputs() {
    [[ -s "$sample_1080p" ]] ||
        "$slate_exe" samples "$work/samples" --only a001_c001_prores4444 >/dev/null
    [[ -s "$long_1080p" ]] ||
        ffmpeg -hide_banner -loglevel error -nostdin -y \
            -f lavfi -i "testsrc2=size=1920x1080:rate=24:duration=10" \
            -f lavfi -i "sine=frequency=1000:sample_rate=48000:duration=10" \
            -c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le -c:a pcm_s24le -ac 2 "$long_1080p"
}

ffmpeg_qc() {
    ffmpeg -hide_banner -nostdin -loglevel info -threads 0 -i "$1" \
        -vf "blackdetect=d=0.1:pix_th=0.10,freezedetect=n=-60dB:d=0.5,signalstats,idet,cropdetect" \
        -af "ebur128=peak=true,silencedetect=n=-60dB:d=0.5,astats" -f null -
}

if [[ $# -eq 0 ]]; then
    make_inputs
    set -- "$sample_1080p" "$long_1080p"
fi

printf '%-30s %6s %8s %9s %9s %9s %7s\n' file frames qc_s decode_s ffmpeg_s overhead ratio
for file in "$@"; do
    frames=$("$bench" "$file" | sed -n 's/.*frames=\([0-9]*\).*/\1/p')
    cat "$file" >/dev/null  # page cache warm before the first timed run
    qc_times=() decode_times=() ffmpeg_times=()
    for ((i = 0; i < runs; ++i)); do
        # slate qc exits 1 when a check fails: that is a verdict, not a failure of the run.
        qc_times+=("$(wall bash -c '"$0" qc "$1" --profile default -q; [[ $? -le 1 ]]' \
            "$slate_exe" "$file")")
        decode_times+=("$(wall "$bench" "$file" --audio)")
        ffmpeg_times+=("$(wall ffmpeg_qc "$file")")
    done
    qc=$(printf '%s\n' "${qc_times[@]}" | median)
    decode=$(printf '%s\n' "${decode_times[@]}" | median)
    ffmpeg=$(printf '%s\n' "${ffmpeg_times[@]}" | median)
    printf '%-30s %6s %8.3f %9.3f %9.3f %9.3f %7.3f\n' "$(basename "$file")" "$frames" "$qc" \
        "$decode" "$ffmpeg" "$(echo "$qc / $decode" | bc -l)" "$(echo "$qc / $ffmpeg" | bc -l)"
done
echo "overhead = qc / decode-only (target <= 1.15); ratio = qc / ffmpeg detectors (target <= 0.33)"
