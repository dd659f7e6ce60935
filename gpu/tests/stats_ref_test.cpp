// SPDX-License-Identifier: Apache-2.0
// frame_stats' reference and finish_frame_stats against hand-computed values on tiny frames.
// Plain main, no GoogleTest: this runs in the SLATE_GPU_ONLY build.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "slate_gpu/frame_stats.h"

#include "check.h"

namespace {

using namespace slate_gpu;

template <typename T>
Plane<const T> plane(const std::vector<T>& samples, int width, int height) {
    return Plane<const T>{samples.data(), static_cast<std::ptrdiff_t>(width * sizeof(T)), width,
                          height};
}

template <typename T>
struct Run {
    std::vector<uint32_t> histogram;
    FrameStatsRaw raw;
    FrameStatsFigures figures;
    bool ok = false;
};

template <typename T>
Run<T> run(FrameStatsArgs<T> args) {
    Run<T> r;
    r.histogram.assign(stats_histogram_bins(args.config.bit_depth), 0xdeadbeefu);
    args.histogram = r.histogram.data();
    args.result = &r.raw;
    r.ok = ref::frame_stats(args);
    if (r.ok) r.figures = finish_frame_stats(r.raw, args.config);
    return r;
}

StatsConfig config(int depth, bool full, int log2_w, int log2_h) {
    return StatsConfig{depth, full, log2_w, log2_h, stats_thresholds(depth, full, StatsOptions{})};
}

void test_thresholds() {
    // Narrow 8 bit: black 16 + 0.1 * 219 = 37.9 -> 37; Y' legal from 16 - 2.19 (first code 14)
    // to 16 + 1.03 * 219 = 241.57 (last code 241); chroma 16 - 2.24 -> 14, 16 + 1.01 * 224 =
    // 242.24 -> 242.
    const StatsThresholds n8 = stats_thresholds(8, false, StatsOptions{});
    EXPECT_EQ(n8.black_at_or_below, 37);
    EXPECT_EQ(n8.luma_below, 14);
    EXPECT_EQ(n8.luma_above, 241);
    EXPECT_EQ(n8.chroma_below, 14);
    EXPECT_EQ(n8.chroma_above, 242);
    // Full 10 bit: black 0.1 * 1023 = 102.3 -> 102; -1 % of 1023 is below code 0 (nothing below),
    // 103 % beyond 1023 (nothing above).
    const StatsThresholds f10 = stats_thresholds(10, true, StatsOptions{});
    EXPECT_EQ(f10.black_at_or_below, 102);
    EXPECT_EQ(f10.luma_below, 0);
    EXPECT_EQ(f10.luma_above, 1023);
    EXPECT_EQ(f10.chroma_below, 0);
    EXPECT_EQ(f10.chroma_above, 1023);
}

// 8-bit 4:2:0 narrow, 4 x 2, first frame.
void test_small_420() {
    const std::vector<uint8_t> y = {16, 20, 235, 240, 10, 100, 200, 50};
    const std::vector<uint8_t> cb = {128, 250};
    const std::vector<uint8_t> cr = {128, 100};
    FrameStatsArgs<uint8_t> a;
    a.y = plane(y, 4, 2);
    a.cb = plane(cb, 2, 1);
    a.cr = plane(cr, 2, 1);
    a.config = config(8, false, 1, 1);
    a.hue = host_hue_tables(8);
    const Run<uint8_t> r = run(a);
    EXPECT(r.ok);
    const FrameStatsRaw& raw = r.raw;
    EXPECT_EQ(raw.planes[0].min, 10);
    EXPECT_EQ(raw.planes[0].max, 240);
    EXPECT_EQ(raw.planes[0].sum, 871);
    // 8 samples: 10th percentile target lrint(0.8) = 1 (the lowest code), 90th lrint(7.2) = 7:
    // the 7th of 10 16 20 50 100 200 235 240.
    EXPECT_EQ(raw.planes[0].low, 10);
    EXPECT_EQ(raw.planes[0].high, 235);
    // 2 chroma samples: targets lrint(0.2) = 0 (code 0, as ffmpeg) and lrint(1.8) = 2.
    EXPECT_EQ(raw.planes[1].low, 0);
    EXPECT_EQ(raw.planes[1].high, 250);
    EXPECT_EQ(raw.planes[2].low, 0);
    EXPECT_EQ(raw.planes[2].high, 128);
    EXPECT_EQ(raw.planes[1].sum, 378);
    EXPECT_EQ(raw.planes[2].min, 100);
    // Black: 16 20 10 (<= 37); below: 10 (< 14); above: none; Cb 250 > 242.
    EXPECT_EQ(raw.luma_black, 3);
    EXPECT_EQ(raw.luma_below, 1);
    EXPECT_EQ(raw.luma_above, 0);
    EXPECT_EQ(raw.chroma_below, 0);
    EXPECT_EQ(raw.chroma_above, 1);
    // BRNG: columns 2, 3 take Cb 250 (out), and Y' 10 is out: 5 of 8.
    EXPECT_EQ(raw.out_of_broadcast, 5);
    EXPECT_EQ(raw.outliers, 0);
    // (128, 128): saturation 0, hue 180; (250, 100): floor(hypot(122, -28)) = 125, hue
    // floor(atan2(122, -28) in degrees + 180) = floor(102.93 + 180) = 282.
    EXPECT_EQ(raw.saturation_sum, 125);
    EXPECT_EQ(raw.saturation_max, 125);
    EXPECT_EQ(raw.hue_sum, 180 + 282);
    EXPECT_EQ(raw.diff[0] + raw.diff[1] + raw.diff[2], 0);
    EXPECT_EQ(raw.luma_samples, 8);
    EXPECT_EQ(raw.chroma_samples, 2);
    EXPECT_EQ(raw.flags, kStatsHasHue);
    // The histograms: Y' 16 once, Cb 128 once, Cr 100 once, 3 x 256 bins.
    EXPECT_EQ(r.histogram[16], 1);
    EXPECT_EQ(r.histogram[256 + 128], 1);
    EXPECT_EQ(r.histogram[512 + 100], 1);
    EXPECT_EQ(r.histogram[0], 0);
    const FrameStatsFigures& f = r.figures;
    EXPECT_EQ(f.y.avg, 108.875);
    EXPECT_EQ(f.y.low, 10);
    EXPECT_EQ(f.u.avg, 189);
    EXPECT_EQ(f.brng, 0.625);
    EXPECT_EQ(f.sat_avg, 62.5);
    EXPECT_EQ(f.sat_max, 125);
    EXPECT_EQ(f.hue_avg, 231);
    EXPECT_EQ(f.chroma_outside, 0.25);
    EXPECT_EQ(f.black_share, 0.375);
    EXPECT_EQ(f.luma_below, 0.125);
    EXPECT_EQ(f.luma_above, 0);
    EXPECT_EQ(f.luma_min_percent, 100.0 * (10 - 16.0) / 219.0);
    EXPECT_EQ(f.luma_max_percent, 100.0 * (240 - 16.0) / 219.0);
    EXPECT_EQ(f.mafd, 0);
    EXPECT_EQ(f.ydif, 0);
    // Letterbox: 16 + 0.094 * 219 = 36.6, so Y' > 36 is picture: 235 240 / 100 200 50, columns
    // 1..3, rows 0..1.
    EXPECT_EQ(f.active_left, 1);
    EXPECT_EQ(f.active_top, 0);
    EXPECT_EQ(f.active_width, 3);
    EXPECT_EQ(f.active_height, 2);
    // Gamut (BT.709, 5 %): neutral chroma allows Y' 6..245; (250, 100) would need B' = Y' + 221
    // <= 246 and R' = Y' - 43 >= 5 at once: its four pixels are out.
    EXPECT_EQ(raw.outside_gamut, 4);
    EXPECT_EQ(f.rgb_outside, 0.5);
}

// Blockiness: 9 x 1, one step of 8 across the block edge at x = 8 and none inside:
// (8 / 1 + 0.25) / (0 / 7 + 0.25) = 33.
void test_blockiness() {
    const std::vector<uint8_t> y = {0, 0, 0, 0, 0, 0, 0, 0, 8};
    const std::vector<uint8_t> c(9, 128);
    FrameStatsArgs<uint8_t> a;
    a.y = plane(y, 9, 1);
    a.cb = plane(c, 9, 1);
    a.cr = plane(c, 9, 1);
    a.config = config(8, true, 0, 0);
    const Run<uint8_t> r = run(a);
    EXPECT(r.ok);
    EXPECT_EQ(r.raw.edge_steps, 8);
    EXPECT_EQ(r.raw.all_steps, 8);
    EXPECT_EQ(r.figures.blockiness, 33);
    // Full-range letterbox: 0.094 * 255 = 23.97, so no sample is picture.
    EXPECT_EQ(r.figures.active_width, 0);
    EXPECT_EQ(r.raw.bright_left, UINT64_MAX);
}

// 10-bit 4:4:4, 3 x 1, with a previous frame.
void test_previous_444() {
    const std::vector<uint16_t> y = {64, 940, 1023}, prev_y = {60, 950, 1000};
    const std::vector<uint16_t> cb = {512, 512, 600}, prev_cb = {512, 500, 600};
    const std::vector<uint16_t> cr = {512, 512, 512}, prev_cr = {0, 0, 0};
    FrameStatsArgs<uint16_t> a;
    a.y = plane(y, 3, 1);
    a.cb = plane(cb, 3, 1);
    a.cr = plane(cr, 3, 1);
    a.prev_y = plane(prev_y, 3, 1);
    a.prev_cb = plane(prev_cb, 3, 1);
    a.prev_cr = plane(prev_cr, 3, 1);
    a.config = config(10, false, 0, 0);
    a.hue = host_hue_tables(10);
    const Run<uint16_t> r = run(a);
    EXPECT(r.ok);
    EXPECT_EQ(r.raw.diff[0], 4 + 10 + 23);
    EXPECT_EQ(r.raw.diff[1], 12);
    EXPECT_EQ(r.raw.diff[2], 3 * 512);
    EXPECT_EQ(r.raw.flags, kStatsHasPrevious | kStatsHasHue);
    EXPECT_EQ(r.figures.ydif, 37.0 / 3.0);
    EXPECT_EQ(r.figures.vdif, 512);
    EXPECT_EQ(r.figures.mafd, 1585.0 / 9.0 / 1024.0);
    // 10-bit BRNG limits 64..940 (Y'), 64..960 (Cb, Cr): only Y' 1023 is out.
    EXPECT_EQ(r.raw.out_of_broadcast, 1);
    // Saturation: 0, 0, floor(88) = 88; hue of (600, 512): atan2(88, 0) = 90 -> 270.
    EXPECT_EQ(r.raw.saturation_sum, 88);
    EXPECT_EQ(r.raw.hue_sum, 180 + 180 + 270);
}

// Combing, 8-bit 4:4:4 5 x 5: rows alternate 50 / 200. Rows 1 and 3 stand out against rows at
// distance 1 (row 1 has no row at distance 2 above, row 3 none below); row 2 also stands out at
// distance 1 but not against rows 0 and 4 (equal to it). Interior columns 1..3 only: 6 outliers.
void test_tout() {
    std::vector<uint8_t> y(25), c(25, 128);
    for (int i = 0; i < 25; ++i) y[static_cast<size_t>(i)] = (i / 5) % 2 ? 200 : 50;
    FrameStatsArgs<uint8_t> a;
    a.y = plane(y, 5, 5);
    a.cb = plane(c, 5, 5);
    a.cr = plane(c, 5, 5);
    a.config = config(8, false, 0, 0);
    const Run<uint8_t> r = run(a);
    EXPECT(r.ok);
    EXPECT_EQ(r.raw.outliers, 6);
    // VREP: only row 4 has a row four above (row 0), equal to it.
    EXPECT_EQ(r.raw.repeated_rows, 1);
    EXPECT_EQ(r.figures.vrep, 0.2);
    // No 8x8 edge inside 5 x 5: blockiness 1.
    EXPECT_EQ(r.figures.blockiness, 1);
    EXPECT_EQ(r.figures.tout, 6.0 / 25.0);
    EXPECT_EQ(r.raw.hue_sum, 0);  // no hue tables: not measured
    EXPECT_EQ(r.raw.flags, 0);
    EXPECT_EQ(r.figures.hue_avg, 0);
}

// 16 bit (global histogram), 4:4:4 2 x 2.
void test_16bit() {
    const std::vector<uint16_t> y = {0, 65535, 1000, 1000};
    const std::vector<uint16_t> cb = {65535, 32768, 32768, 32768};
    const std::vector<uint16_t> cr = {32768, 32768, 32768, 32768};
    FrameStatsArgs<uint16_t> a;
    a.y = plane(y, 2, 2);
    a.cb = plane(cb, 2, 2);
    a.cr = plane(cr, 2, 2);
    a.config = config(16, true, 0, 0);
    a.hue = host_hue_tables(16);
    const Run<uint16_t> r = run(a);
    EXPECT(r.ok);
    EXPECT_EQ(r.raw.planes[0].min, 0);
    EXPECT_EQ(r.raw.planes[0].max, 65535);
    EXPECT_EQ(r.raw.planes[0].low, 0);       // lrint(0.4) = 0
    EXPECT_EQ(r.raw.planes[0].high, 65535);  // lrint(3.6) = 4
    EXPECT_EQ(r.raw.planes[1].low, 0);
    EXPECT_EQ(r.raw.planes[1].high, 65535);
    EXPECT_EQ(r.raw.saturation_max, 32767);
    EXPECT_EQ(r.raw.saturation_sum, 32767);
    EXPECT_EQ(r.raw.hue_sum, 270 + 3 * 180);
    EXPECT_EQ(r.histogram[1000], 2);
    EXPECT_EQ(r.histogram[65536 + 32768], 3);
    // Full range: black 0.1 * 65535 = 6553.5 -> 6553: 0, 1000, 1000.
    EXPECT_EQ(r.raw.luma_black, 3);
    EXPECT_EQ(r.figures.luma_max_percent, 100.0);
}

// Odd 4:2:0 size: 5 x 3 luma, 3 x 2 chroma. Chroma (2, 1) covers only luma (4, 2).
void test_odd_420() {
    std::vector<uint8_t> y(15, 100), cb(6, 128), cr(6, 128);
    cr[5] = 10;
    FrameStatsArgs<uint8_t> a;
    a.y = plane(y, 5, 3);
    a.cb = plane(cb, 3, 2);
    a.cr = plane(cr, 3, 2);
    a.config = config(8, false, 1, 1);
    a.hue = host_hue_tables(8);
    const Run<uint8_t> r = run(a);
    EXPECT(r.ok);
    EXPECT_EQ(r.raw.out_of_broadcast, 1);
    EXPECT_EQ(r.raw.chroma_samples, 6);
    EXPECT_EQ(r.raw.chroma_below, 1);
    EXPECT_EQ(r.figures.chroma_outside, 1.0 / 12.0);
    EXPECT_EQ(r.figures.y.avg, 100);
}

void test_invalid() {
    std::vector<uint8_t> y(16, 100), c(4, 128);
    FrameStatsArgs<uint8_t> a;
    a.y = plane(y, 4, 4);
    a.cb = plane(c, 2, 2);
    a.cr = plane(c, 2, 2);
    a.config = config(8, false, 1, 1);
    EXPECT(run(a).ok);
    FrameStatsArgs<uint8_t> wrong_chroma = a;
    wrong_chroma.config.log2_chroma_h = 0;  // 4:2:2 wants 2 x 4 chroma
    EXPECT(!run(wrong_chroma).ok);
    FrameStatsArgs<uint8_t> partial_previous = a;
    partial_previous.prev_y = a.y;
    EXPECT(!run(partial_previous).ok);
    FrameStatsArgs<uint8_t> wrong_depth = a;
    wrong_depth.config.bit_depth = 10;
    EXPECT(!run(wrong_depth).ok);
    FrameStatsArgs<uint8_t> no_result = a;
    std::vector<uint32_t> histogram(stats_histogram_bins(8));
    no_result.histogram = histogram.data();
    EXPECT(!ref::frame_stats(no_result));
}

}  // namespace

int main() {
    test_thresholds();
    test_small_420();
    test_previous_444();
    test_tout();
    test_16bit();
    test_blockiness();
    test_odd_420();
    test_invalid();
    if (g_failures == 0) std::printf("stats references: all checks passed\n");
    return g_failures == 0 ? 0 : 1;
}
