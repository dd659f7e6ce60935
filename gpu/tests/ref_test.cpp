// SPDX-License-Identifier: Apache-2.0
// The scalar references against hand-computed values. Plain main, no GoogleTest: this runs in
// the SLATE_GPU_ONLY build on a machine with CUDA, CMake and a compiler alone.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <vector>

#include "slate_gpu/levels.h"
#include "slate_gpu/pack.h"
#include "slate_gpu/plane_stats.h"
#include "slate_gpu/unpack.h"
#include "slate_gpu/yuv_to_rgb.h"

#include "check.h"

namespace {

using namespace slate_gpu;

template <typename T>
Plane<T> plane(std::vector<T>& samples, int width, int height, int stride) {
    return Plane<T>{samples.data(), static_cast<std::ptrdiff_t>(stride * sizeof(T)), width, height};
}

template <typename T>
Plane<const T> cplane(const std::vector<T>& samples, int width, int height, int stride) {
    return Plane<const T>{samples.data(), static_cast<std::ptrdiff_t>(stride * sizeof(T)), width,
                          height};
}

void test_levels() {
    const Levels luma10 = levels_for(10, Range::Narrow, Component::Luma);
    EXPECT_EQ(luma10.offset, 64.0);
    EXPECT_EQ(luma10.span, 876.0);
    EXPECT_EQ(luma10.max_code, 1023.0);
    const Levels chroma10 = levels_for(10, Range::Narrow, Component::Chroma);
    EXPECT_EQ(chroma10.offset, 512.0);
    EXPECT_EQ(chroma10.span, 896.0);
    const Levels chroma8full = levels_for(8, Range::Full, Component::Chroma);
    EXPECT_EQ(chroma8full.offset, 128.0);
    EXPECT_EQ(chroma8full.span, 255.0);
    const Levels luma16 = levels_for(16, Range::Narrow, Component::Luma);
    EXPECT_EQ(luma16.offset, 4096.0);
    EXPECT_EQ(luma16.span, 56064.0);
    EXPECT_EQ(luma16.max_code, 65535.0);
    EXPECT_EQ(levels_for(7, Range::Full, Component::Luma).span, 0.0);
    EXPECT_EQ(levels_for(17, Range::Full, Component::Luma).span, 0.0);
}

void test_unpack_u16() {
    // Two rows of four 10-bit narrow luma codes, rows 6 samples apart (2 of padding).
    std::vector<uint16_t> src = {64, 940, 502, 0, 7, 7, 1023, 2000, 65535, 4, 7, 7};
    std::vector<float> dst(12, -9.0f);
    UnpackArgs<uint16_t> args{cplane(src, 4, 2, 6), plane(dst, 4, 2, 6),
                              levels_for(10, Range::Narrow, Component::Luma)};
    EXPECT(ref::unpack_to_float(args));
    EXPECT_EQ(dst[0], 0.0);  // black
    EXPECT_EQ(dst[1], 1.0);  // white, exactly
    EXPECT_EQ(dst[2], 0.5);
    EXPECT_EQ(dst[3], static_cast<double>(-64.0f / 876.0f));
    EXPECT_EQ(dst[4], -9.0);  // padding untouched
    EXPECT_EQ(dst[6], static_cast<double>(959.0f / 876.0f));
    EXPECT_EQ(dst[7], dst[6]);  // 2000 is above 1023: clamped to the largest 10-bit code
    EXPECT_EQ(dst[8], dst[6]);
    EXPECT_EQ(dst[9], static_cast<double>(-60.0f / 876.0f));
}

void test_unpack_u8_and_refusal() {
    std::vector<uint8_t> src = {0, 128, 255};
    std::vector<float> dst(3, -9.0f);
    UnpackArgs<uint8_t> args{cplane(src, 3, 1, 3), plane(dst, 3, 1, 3),
                             levels_for(8, Range::Full, Component::Luma)};
    EXPECT(ref::unpack_to_float(args));
    EXPECT_EQ(dst[0], 0.0);
    EXPECT_EQ(dst[1], static_cast<double>(128.0f / 255.0f));
    EXPECT_EQ(dst[2], 1.0);
    std::vector<float> small(2, -9.0f);
    args.dst = plane(small, 2, 1, 2);  // sizes differ: refused, nothing written
    EXPECT(!ref::unpack_to_float(args));
    EXPECT_EQ(small[0], -9.0);
    args.dst = plane(dst, 3, 1, 3);
    args.levels = levels_for(10, Range::Full, Component::Luma);  // 1023 does not fit uint8
    EXPECT(!ref::unpack_to_float(args));
}

void test_pack_levels() {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> src = {0.0f, 1.0f, 0.5f, -1.0f, 2.0f, nan, inf, -inf};
    std::vector<uint16_t> dst(8, 7);
    PackArgs<uint16_t> args{cplane(src, 8, 1, 8), plane(dst, 8, 1, 8),
                            levels_for(10, Range::Narrow, Component::Luma)};
    EXPECT(ref::pack_from_float(args));
    const uint16_t want[] = {64, 940, 502, 0, 1023, 0, 1023, 0};
    for (int i = 0; i < 8; ++i) EXPECT_EQ(dst[static_cast<size_t>(i)], want[i]);
}

void test_pack_rounding() {
    // Span 1, offset 0: the code is the value rounded half to even, then clamped.
    std::vector<float> src = {2.5f, 3.5f, 2.4999998f, 2.5000002f, 254.5f, 255.5f, -0.5f};
    std::vector<uint8_t> dst(7, 7);
    PackArgs<uint8_t> args{cplane(src, 7, 1, 7), plane(dst, 7, 1, 7), Levels{0.0f, 1.0f, 255}};
    EXPECT(ref::pack_from_float(args));
    const uint8_t want[] = {2, 4, 2, 3, 254, 255, 0};
    for (int i = 0; i < 7; ++i) EXPECT_EQ(dst[static_cast<size_t>(i)], want[i]);
    // 8-bit full range mid grey: 0.5 * 255 = 127.5 exactly, a tie, rounds to the even 128.
    std::vector<float> grey = {0.5f};
    PackArgs<uint8_t> full{cplane(grey, 1, 1, 1), plane(dst, 1, 1, 1),
                           levels_for(8, Range::Full, Component::Luma)};
    EXPECT(ref::pack_from_float(full));
    EXPECT_EQ(dst[0], 128.0);
}

void test_plane_stats() {
    std::vector<uint16_t> src = {1, 2, 3, 9999, 4, 5, 65535, 9999};  // 3x2, stride 4
    PlaneStats stats;
    EXPECT(ref::plane_stats(PlaneStatsArgs{cplane(src, 3, 2, 4), &stats}));
    EXPECT(stats.min == 1);
    EXPECT(stats.max == 65535);
    EXPECT(stats.sum == 65550);
    EXPECT(stats.sum_squares == 55ull + 65535ull * 65535ull);
    EXPECT(ref::plane_stats(PlaneStatsArgs{cplane(src, 0, 2, 4), &stats}));
    EXPECT(stats.min == 0 && stats.max == 0 && stats.sum == 0 && stats.sum_squares == 0);
    EXPECT(!ref::plane_stats(PlaneStatsArgs{cplane(src, 3, 2, 4), nullptr}));
}

void test_bt709_matrix() {
    const YuvMatrix m = bt709_matrix();
    EXPECT_NEAR(m.cr_to_r, 1.5748, 1e-6);
    EXPECT_NEAR(m.cb_to_b, 1.8556, 1e-6);
    EXPECT_NEAR(m.cb_to_g, -2.0 * 0.0722 * 0.9278 / 0.7152, 1e-6);  // -0.187324
    EXPECT_NEAR(m.cr_to_g, -2.0 * 0.2126 * 0.7874 / 0.7152, 1e-6);  // -0.468124
}

struct Rgb {
    std::vector<float> r, g, b;
};

Rgb convert(std::vector<uint16_t> y, std::vector<uint16_t> cb, std::vector<uint16_t> cr,
            int width) {
    const int cw = (width + 1) / 2;
    Rgb out{std::vector<float>(static_cast<size_t>(width)),
            std::vector<float>(static_cast<size_t>(width)),
            std::vector<float>(static_cast<size_t>(width))};
    Yuv422ToRgbArgs args{cplane(y, width, 1, width),
                         cplane(cb, cw, 1, cw),
                         cplane(cr, cw, 1, cw),
                         plane(out.r, width, 1, width),
                         plane(out.g, width, 1, width),
                         plane(out.b, width, 1, width),
                         levels_for(10, Range::Narrow, Component::Luma),
                         levels_for(10, Range::Narrow, Component::Chroma),
                         bt709_matrix()};
    EXPECT(ref::yuv422_to_rgb(args));
    return out;
}

void test_yuv_to_rgb() {
    // White; black with the mean of two chroma samples (odd column); mid grey with chroma +-0.5.
    const Rgb p = convert({940, 64, 502}, {512, 960}, {512, 64}, 3);
    EXPECT_EQ(p.r[0], 1.0);
    EXPECT_EQ(p.g[0], 1.0);
    EXPECT_EQ(p.b[0], 1.0);
    EXPECT_NEAR(p.r[1], 1.5748 * -0.25, 1e-6);  // Cb mean 736 -> 0.25, Cr mean 288 -> -0.25
    EXPECT_NEAR(p.g[1], -0.187324 * 0.25 + 0.468124 * 0.25, 2e-6);
    EXPECT_NEAR(p.b[1], 1.8556 * 0.25, 1e-6);
    EXPECT_NEAR(p.r[2], 0.5 - 1.5748 * 0.5, 1e-6);
    EXPECT_NEAR(p.b[2], 0.5 + 1.8556 * 0.5, 1e-6);
    // 100% red in 10-bit narrow BT.709 codes (Y 250, Cb 409, Cr 960), within code rounding.
    const Rgb red = convert({250, 250}, {409}, {960}, 2);
    EXPECT_NEAR(red.r[0], 1.0, 2e-3);
    EXPECT_NEAR(red.g[0], 0.0, 2e-3);
    EXPECT_NEAR(red.b[0], 0.0, 2e-3);
    // The last odd column repeats the last chroma sample instead of reading past the row.
    EXPECT_EQ(red.r[1], red.r[0]);
}

}  // namespace

int main() {
    test_levels();
    test_unpack_u16();
    test_unpack_u8_and_refusal();
    test_pack_levels();
    test_pack_rounding();
    test_plane_stats();
    test_bt709_matrix();
    test_yuv_to_rgb();
    if (g_failures == 0) std::printf("PASS: scalar references match hand-computed values\n");
    return g_failures == 0 ? 0 : 1;
}
