#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times `slate transcode -p PRESET` against the hand-written ffmpeg command a DIT would otherwise
# run (same encoder, same settings, same scaling, same audio mapping), per preset, on the same
# camera-like sources; then a batch of 8 clips with `slate batch` against the 8 ffmpeg commands
# run one after another.
#
#   bench/transcode_vs_ffmpeg.sh
#
# Sources (made once in $WORK with the ffmpeg CLI, 5 s each, timecode 01:00:00:00, 4 channels
# of 24-bit PCM): ProRes 4444 1920x1080p24 and DNxHR HQX 3840x2160p24 (camera originals).
# Environment: SLATE_BUILD (default build), WORK (default /tmp/slate-bench-transcode), RUNS
# (default 3). Prints, per case, the median wall time of each side and ratio = slate / ffmpeg
# (lower is better; <= 1.0 is the target). slate's time includes its re-probe check of the output.
# The batch line prints wall time, CPU time / wall time (utilisation) and the ratio to the
# sequential ffmpeg commands.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${SLATE_BUILD:-$root/build}"
work="${WORK:-/tmp/slate-bench-transcode}"
runs="${RUNS:-3}"
slate_exe="$build/tools/slate"
[[ -x "$slate_exe" ]] || { echo "missing $slate_exe (ninja -C $build slate)" >&2; exit 3; }
mkdir -p "$work"
ff=(ffmpeg -hide_banner -loglevel error -nostdin -y)

make_source() {  # name size codec-args...
    local out="$work/$1" size="$2"
    shift 2
    [[ -s "$out" ]] && return
    "${ff[@]}" -f lavfi -i "testsrc2=size=$size:rate=24:duration=5" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=5" \
        -filter_complex "[1:a]pan=4c|c0=c0|c1=c0|c2=c0|c3=c0[a]" -map 0:v -map "[a]" \
        "$@" -c:a pcm_s24le -timecode 01:00:00:00 "$out"
}
make_source A001_C001_prores4444.mov 1920x1080 -c:v prores_ks -profile:v 4444 -pix_fmt yuv444p10le
make_source A002_C001_dnxhr_hqx.mov 3840x2160 -c:v dnxhd -profile:v dnxhr_hqx -pix_fmt yuv422p10le
hd="$work/A001_C001_prores4444.mov"
uhd="$work/A002_C001_dnxhr_hqx.mov"

# shellcheck source=bench/timing.sh
source "$root/bench/timing.sh"

# case name | slate arguments | ffmpeg arguments (input first)
run_case() {
    local name="$1" slate_args="$2" ffmpeg_args="$3"
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
    printf '%-34s %9.2f %9.2f %7.3f\n' "$name" "$sm" "$fm" "$(echo "$sm / $fm" | bc -l)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "runs: $runs (median)"
printf '%-34s %9s %9s %7s\n' "case" "slate_s" "ffmpeg_s" "ratio"
o="$work/out_ffmpeg"
run_case "prores_proxy  1080p 4444 -> proxy" "$hd -p prores_proxy" \
    "-i $hd -map 0:v:0 -map 0:a:0 -c:v prores_ks -profile:v proxy -vendor apl0 -pix_fmt yuv422p10le -c:a pcm_s24le $o/a.mov"
run_case "prores_hq     1080p 4444 -> HQ" "$hd -p prores_hq" \
    "-i $hd -map 0:v:0 -map 0:a:0 -c:v prores_ks -profile:v hq -vendor apl0 -pix_fmt yuv422p10le -c:a pcm_s24le $o/a.mov"
run_case "dnxhr_lb_mxf  UHD HQX -> 1080p LB" "$uhd -p dnxhr_lb_mxf" \
    "-i $uhd -map 0:v:0 -map 0:a:0 -vf scale=1920:1080:flags=bicubic -c:v dnxhd -profile:v dnxhr_lb -pix_fmt yuv422p -c:a pcm_s24le -f mxf $o/a.mxf"
run_case "h264_review   1080p, no burn-in" "$hd -p h264_review --no-burnin" \
    "-i $hd -map 0:v:0 -map 0:a:0 -c:v libx264 -profile:v high -preset medium -crf 20 -pix_fmt yuv420p -af pan=stereo|c0=c0|c1=c1 -c:a aac -b:a 192k -movflags +faststart $o/a.mp4"
font=$(fc-match -f '%{file}' 'DejaVu Sans Mono')
run_case "h264_review   1080p, TC+clip burn-in" "$hd -p h264_review" \
    "-i $hd -map 0:v:0 -map 0:a:0 -vf drawtext=fontfile=$font:timecode=01\\\\:00\\\\:00\\\\:00:rate=24:text=TC:fontsize=48:fontcolor=white:box=1:boxcolor=black@0.6:x=60:y=h-100,drawtext=fontfile=$font:text=A001_C001_prores4444:fontsize=38:fontcolor=white:box=1:boxcolor=black@0.6:x=w-tw-60:y=h-90 -c:v libx264 -profile:v high -preset medium -crf 20 -pix_fmt yuv420p -af pan=stereo|c0=c0|c1=c1 -c:a aac -b:a 192k -movflags +faststart $o/a.mp4"

# Batch: 8 clips (copies of the 1080p source under camera names) to DNxHR LB proxies.
mkdir -p "$work/card"
for i in 1 2 3 4 5 6 7 8; do
    [[ -e "$work/card/A003_C00${i}.mov" ]] || ln -s "$hd" "$work/card/A003_C00${i}.mov"
done
batch_times=()
seq_times=()
for ((i = 0; i < runs; i++)); do
    rm -rf "$work/batch_out" "$work/seq_out"
    mkdir -p "$work/seq_out"
    t0=$(now)
    /usr/bin/time -f "%U %S" -o "$work/batch_cpu" "$slate_exe" batch "$work/card" -p dnxhr_lb_mov \
        -o "$work/batch_out" --progress none --no-mhl --no-checksums >/dev/null 2>&1
    t1=$(now)
    batch_times+=("$(echo "$t1 - $t0" | bc -l) $(awk '{print $1 + $2}' "$work/batch_cpu")")
    t0=$(now)
    for j in 1 2 3 4 5 6 7 8; do
        "${ff[@]}" -i "$work/card/A003_C00${j}.mov" -map 0:v:0 -map 0:a:0 -c:v dnxhd \
            -profile:v dnxhr_lb -pix_fmt yuv422p -c:a pcm_s24le "$work/seq_out/$j.mov"
    done
    t1=$(now)
    seq_times+=("$(echo "$t1 - $t0" | bc -l)")
done
bw=$(printf '%s\n' "${batch_times[@]}" | awk '{print $1}' | median)
bc_=$(printf '%s\n' "${batch_times[@]}" | awk '{print $2}' | median)
sw=$(printf '%s\n' "${seq_times[@]}" | median)
printf '%-34s %9.2f %9.2f %7.3f   utilisation %.2f (CPU %.1f s / wall)\n' \
    "batch 8x1080p -> dnxhr_lb_mov" "$bw" "$sw" "$(echo "$bw / $sw" | bc -l)" \
    "$(echo "$bc_ / $bw" | bc -l)" "$bc_"
