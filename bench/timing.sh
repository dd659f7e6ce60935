# shellcheck shell=bash disable=SC2154  # $work comes from the sourcing script
# SPDX-License-Identifier: Apache-2.0
# Shared by the bench/*_vs_ffmpeg.sh scripts (sourced, not run): wall-clock timing of one command
# and the median of a list of times. `wall` needs $work (where the command's output is kept).

now() { date +%s.%N; }

# Median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Seconds the command took; its output goes to $work/last_output and is shown if it fails.
wall() {
    local t0 t1
    t0=$(now)
    "$@" >"$work/last_output" 2>&1 || { cat "$work/last_output" >&2; return 1; }
    t1=$(now)
    echo "$t1 - $t0" | bc -l
}

# Exits 3 naming the ninja command when a built executable is missing: require_built BUILD EXE...
require_built() {
    local build_dir=$1 exe
    shift
    for exe in "$@"; do
        [[ -x "$exe" ]] || { echo "missing $exe (ninja -C $build_dir slate slate_decode_bench)" >&2; exit 3; }
    done
}
