// SPDX-License-Identifier: Apache-2.0
// The colour family's references (color_chain.h) against hand-computed values. Plain main, no
// GoogleTest: this runs in the SLATE_GPU_ONLY build too.

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

#include "slate_gpu/color_chain.h"
#include "slate_gpu/detail/color_chain_math.h"

#include "check.h"

namespace {

using namespace slate_gpu;

template <typename T>
struct Picture {
    int width, height, cw, ch;
    std::vector<T> y, cb, cr;
    Picture(int w, int h, ChromaLayout layout)
        : width(w),
          height(h),
          cw(layout == ChromaLayout::C444 ? w : (w + 1) / 2),
          ch(layout == ChromaLayout::C420 ? (h + 1) / 2 : h),
          y(static_cast<size_t>(w * h)),
          cb(static_cast<size_t>(cw * ch)),
          cr(cb.size()) {}
    YcbcrPlanes<const T> in() const {
        const auto p = [](const std::vector<T>& v, int w, int h) {
            return Plane<const T>{v.data(), static_cast<std::ptrdiff_t>(w * sizeof(T)), w, h};
        };
        return {p(y, width, height), p(cb, cw, ch), p(cr, cw, ch)};
    }
    YcbcrPlanes<T> out() {
        const auto p = [](std::vector<T>& v, int w, int h) {
            return Plane<T>{v.data(), static_cast<std::ptrdiff_t>(w * sizeof(T)), w, h};
        };
        return {p(y, width, height), p(cb, cw, ch), p(cr, cw, ch)};
    }
};

struct RgbPlanes {
    int width, height;
    std::vector<float> r, g, b;
    RgbPlanes(int w, int h)
        : width(w), height(h), r(static_cast<size_t>(w * h)), g(r.size()), b(r.size()) {}
    Plane<float> plane(std::vector<float>& v) {
        return {v.data(), static_cast<std::ptrdiff_t>(width * sizeof(float)), width, height};
    }
    Plane<const float> cplane(const std::vector<float>& v) const {
        return {v.data(), static_cast<std::ptrdiff_t>(width * sizeof(float)), width, height};
    }
};

YcbcrFormat format(int depth, Range range, ChromaLayout layout, double kr = 0.2126,
                   double kb = 0.0722, ChromaSiting siting = {}) {
    YcbcrFormat f;
    f.bit_depth = depth;
    f.range = range;
    f.layout = layout;
    f.kr = kr;
    f.kb = kb;
    f.siting = siting;
    return f;
}

template <typename T>
YcbcrToRgbArgs<T> to_rgb(const Picture<T>& p, const YcbcrFormat& f, RgbPlanes& out) {
    return {p.in(), f, out.plane(out.r), out.plane(out.g), out.plane(out.b)};
}

template <typename T>
RgbToYcbcrArgs<T> to_ycbcr(const RgbPlanes& in, const YcbcrFormat& f, Picture<T>& p) {
    return {in.cplane(in.r), in.cplane(in.g), in.cplane(in.b), f, p.out()};
}

// BT.709 narrow 10-bit: white, black and the 100 % colour bars of ITU-R BT.709 / RP 219.
void test_bt709_codes() {
    const YcbcrFormat f = format(10, Range::Narrow, ChromaLayout::C444);
    struct Bar {
        uint16_t y, cb, cr;
        double r, g, b;
    };
    const Bar bars[] = {{940, 512, 512, 1, 1, 1}, {64, 512, 512, 0, 0, 0},
                        {250, 409, 960, 1, 0, 0}, {691, 167, 105, 0, 1, 0},
                        {127, 960, 471, 0, 0, 1}, {877, 64, 553, 1, 1, 0}};
    for (const Bar& bar : bars) {
        Picture<uint16_t> p(1, 1, ChromaLayout::C444);
        p.y[0] = bar.y, p.cb[0] = bar.cb, p.cr[0] = bar.cr;
        RgbPlanes out(1, 1);
        EXPECT(ref::ycbcr_to_rgb(to_rgb(p, f, out)));
        // Codes are rounded to 1/876 of the range: the bars are within about a code.
        EXPECT_NEAR(out.r[0], bar.r, 2.5e-3);
        EXPECT_NEAR(out.g[0], bar.g, 2.5e-3);
        EXPECT_NEAR(out.b[0], bar.b, 2.5e-3);
    }
    // Neutral chroma: R' = G' = B' = (Y - 64) * float(1 / 876) exactly.
    Picture<uint16_t> p(1, 1, ChromaLayout::C444);
    p.y[0] = 502, p.cb[0] = 512, p.cr[0] = 512;
    RgbPlanes out(1, 1);
    EXPECT(ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    const float want = 438.0f * static_cast<float>(1.0 / 876.0);
    EXPECT_EQ(out.r[0], want);
    EXPECT_EQ(out.g[0], want);
    EXPECT_EQ(out.b[0], want);
    // Codes above the depth's maximum are used as they are (libmedia does not clip them).
    p.y[0] = 2000;
    EXPECT(ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    EXPECT_NEAR(out.r[0], (2000.0 - 64.0) / 876.0, 1e-5);
}

// E'Cb of every pixel of a 3x3 4:2:0 picture (full range 8-bit, Y' = 0, Cr neutral): recovered
// from B' = E'Y + b_cb E'Cb.
void check_upsampling(ChromaSiting siting, const double want[3][3], const char* name) {
    const YcbcrFormat f = format(8, Range::Full, ChromaLayout::C420, 0.2126, 0.0722, siting);
    Picture<uint8_t> p(3, 3, ChromaLayout::C420);
    const uint8_t codes[4] = {128, 192, 160, 224};  // E'Cb 0, 64, 32, 96 (/255)
    for (int i = 0; i < 4; ++i)
        p.cb[static_cast<size_t>(i)] = codes[i], p.cr[static_cast<size_t>(i)] = 128;
    for (auto& v : p.y) v = 0;
    RgbPlanes out(3, 3);
    EXPECT(ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    const double b_cb = 2.0 * (1.0 - 0.0722);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 3; ++x) {
            const double got = out.b[static_cast<size_t>(y * 3 + x)] / b_cb * 255.0;
            if (std::fabs(got - want[y][x]) > 1e-4) {
                ++g_failures;
                std::printf("FAIL %s upsampling at (%d, %d): %.6f, want %.6f\n", name, x, y, got,
                            want[y][x]);
            }
        }
}

void test_upsampling() {
    // Left (MPEG-2): co-sited horizontally, between rows vertically. Rows: y 0 takes chroma
    // row 0 (clamped), y 1 3/4 row 0 + 1/4 row 1, y 2 1/4 row 0 + 3/4 row 1. Columns: x 0 and 2
    // on samples 0 and 1, x 1 their mean.
    const double r1[3] = {0.75 * 0 + 0.25 * 32, 0.75 * 64 + 0.25 * 96, 0};
    const double r2[3] = {0.25 * 0 + 0.75 * 32, 0.25 * 64 + 0.75 * 96, 0};
    const double left[3][3] = {
        {0, 32, 64}, {r1[0], (r1[0] + r1[1]) / 2, r1[1]}, {r2[0], (r2[0] + r2[1]) / 2, r2[1]}};
    check_upsampling({0.0f, 0.5f}, left, "left");
    // TopLeft: co-sited both ways: even rows on chroma rows, odd rows the mean.
    const double top_left[3][3] = {{0, 32, 64}, {16, 48, 80}, {32, 64, 96}};
    check_upsampling({0.0f, 0.0f}, top_left, "top-left");
    // Center (JPEG): 3/4 nearer + 1/4 farther sample, edges clamped; the odd last column sits
    // on sample 1 with 1/4 of sample 0.
    const auto h = [](double a, double b) {
        return std::array<double, 3>{0.75 * a + 0.25 * a, 0.75 * a + 0.25 * b, 0.75 * b + 0.25 * a};
    };
    const auto c0 = h(0, 64), c1 = h(r1[0], r1[1]), c2 = h(r2[0], r2[1]);
    const double center[3][3] = {
        {c0[0], c0[1], c0[2]}, {c1[0], c1[1], c1[2]}, {c2[0], c2[1], c2[2]}};
    check_upsampling({0.5f, 0.5f}, center, "center");
}

// Odd sizes: constant colours give constant codes through every filter; a chroma step at a
// known column gives the [1 2 1]/4 and [1 1]/2 values.
void test_downsampling() {
    for (const ChromaLayout layout : {ChromaLayout::C420, ChromaLayout::C422, ChromaLayout::C444})
        for (const ChromaSiting siting : {ChromaSiting{0.0f, 0.5f}, ChromaSiting{0.5f, 0.5f},
                                          ChromaSiting{0.0f, 0.0f}, ChromaSiting{0.0f, 1.0f}}) {
            const YcbcrFormat f = format(10, Range::Narrow, layout, 0.2627, 0.0593, siting);
            RgbPlanes in(5, 3);
            for (auto& v : in.r) v = 0.5f;
            for (auto& v : in.g) v = 0.25f;
            for (auto& v : in.b) v = 0.75f;
            Picture<uint16_t> p(5, 3, layout);
            EXPECT(ref::rgb_to_ycbcr(to_ycbcr(in, f, p)));
            for (size_t i = 1; i < p.cb.size(); ++i) {
                EXPECT(p.cb[i] == p.cb[0]);
                EXPECT(p.cr[i] == p.cr[0]);
            }
            for (size_t i = 1; i < p.y.size(); ++i) EXPECT(p.y[i] == p.y[0]);
        }
    // 4:2:2 co-sited, 8-bit full range BT.709: blue only on column 3 of 5. Unrounded Cb codes:
    // 128 + 0.5 * 255 = 255.5 there, 128 elsewhere. Sample 1 (column 2) takes 1/4 of it,
    // sample 2 (column 4) too; sample 0 none.
    const YcbcrFormat f = format(8, Range::Full, ChromaLayout::C422);
    RgbPlanes in(5, 1);
    in.b[3] = 1.0f;
    Picture<uint8_t> p(5, 1, ChromaLayout::C422);
    EXPECT(ref::rgb_to_ycbcr(to_ycbcr(in, f, p)));
    EXPECT_EQ(p.cb[0], 128.0);
    EXPECT_EQ(p.cb[1], 160.0);  // 128 + 127.5 / 4 = 159.875 -> 160
    EXPECT_EQ(p.cb[2], 160.0);
    // Centred: [1 1]/2 of columns 2k, 2k + 1: sample 1 has half of it, sample 2 (column 4, its
    // right neighbour clamped to itself) none.
    const YcbcrFormat centred =
        format(8, Range::Full, ChromaLayout::C422, 0.2126, 0.0722, ChromaSiting{0.5f, 0.5f});
    EXPECT(ref::rgb_to_ycbcr(to_ycbcr(in, centred, p)));
    EXPECT_EQ(p.cb[0], 128.0);
    EXPECT_EQ(p.cb[1], 192.0);  // 128 + 127.5 / 2 = 191.75 -> 192
    EXPECT_EQ(p.cb[2], 128.0);
    // NaN counts as 0, huge values clip.
    in.r[0] = std::numeric_limits<float>::quiet_NaN();
    in.g[0] = in.b[0] = 0.0f;
    in.r[1] = in.g[1] = in.b[1] = std::numeric_limits<float>::infinity();
    EXPECT(ref::rgb_to_ycbcr(to_ycbcr(in, f, p)));
    EXPECT_EQ(p.y[0], 0.0);
    EXPECT_EQ(p.y[1], 255.0);
}

// A 4:4:4 round trip gives back every code (all depths, both ranges, every matrix).
void test_round_trip() {
    std::mt19937 rng(7);
    const double weights[3][2] = {{0.299, 0.114}, {0.2126, 0.0722}, {0.2627, 0.0593}};
    for (const int depth : {9, 10, 12, 16})
        for (const Range range : {Range::Narrow, Range::Full})
            for (const auto& w : weights) {
                const YcbcrFormat f = format(depth, range, ChromaLayout::C444, w[0], w[1]);
                const int top = (1 << depth) - 1;
                // Codes inside the range that R'G'B' 0..1 reaches and a bit beyond.
                const int lo = range == Range::Narrow ? 16 << (depth - 8) : 0;
                const int hi_y = range == Range::Narrow ? 235 << (depth - 8) : top;
                const int hi_c = range == Range::Narrow ? 240 << (depth - 8) : top;
                std::uniform_int_distribution<int> luma(lo, hi_y), chroma(lo, hi_c);
                Picture<uint16_t> p(17, 9, ChromaLayout::C444);
                for (auto& v : p.y) v = static_cast<uint16_t>(luma(rng));
                for (auto& v : p.cb) v = static_cast<uint16_t>(chroma(rng));
                for (auto& v : p.cr) v = static_cast<uint16_t>(chroma(rng));
                RgbPlanes rgb(17, 9);
                EXPECT(ref::ycbcr_to_rgb(to_rgb(p, f, rgb)));
                Picture<uint16_t> back(17, 9, ChromaLayout::C444);
                EXPECT(ref::rgb_to_ycbcr(to_ycbcr(rgb, f, back)));
                int mismatches = 0;
                for (size_t i = 0; i < p.y.size(); ++i)
                    mismatches +=
                        (p.y[i] != back.y[i]) + (p.cb[i] != back.cb[i]) + (p.cr[i] != back.cr[i]);
                if (mismatches != 0) {
                    ++g_failures;
                    std::printf("FAIL round trip %d-bit range %d kr %g: %d codes differ\n", depth,
                                static_cast<int>(range), w[0], mismatches);
                }
            }
}

ColorProgram matrix_program(const float m[9], const float offset[3]) {
    ColorProgram program;
    program.count = 1;
    program.ops[0].kind = ColorOpKind::Matrix;
    for (int i = 0; i < 9; ++i) program.ops[0].matrix.m[i] = m[i];
    for (int i = 0; i < 3; ++i) program.ops[0].matrix.offset[i] = offset[i];
    return program;
}

void test_packed() {
    const float identity[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    const float zero[3] = {0, 0, 0};
    // Every 16-bit code survives code * (1 / 65535) -> v * 65535 + 0.5 truncated.
    std::vector<uint16_t> codes(65536 * 3);
    for (size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<uint16_t>(i / 3);
    ProgramPackedArgs a;
    a.data = codes.data();
    a.pitch = static_cast<std::ptrdiff_t>(codes.size() * 2);
    a.width = 65536;
    a.height = 1;
    a.channels = 3;
    a.sample = PackedSample::U16;
    a.program = matrix_program(identity, zero);
    EXPECT(ref::apply_program(a));
    int changed = 0;
    for (size_t i = 0; i < codes.size(); ++i) changed += codes[i] != static_cast<uint16_t>(i / 3);
    EXPECT(changed == 0);
    // Quantisation: NaN -> 0, above 1 -> 65535, below 0 -> 0, to nearest; alpha kept.
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float none[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    const float offsets[3] = {nan, 2.0f, -1.0f};
    uint16_t rgba[4] = {1, 2, 3, 4};
    a.data = rgba;
    a.pitch = 8;
    a.width = 1;
    a.channels = 4;
    a.program = matrix_program(none, offsets);
    EXPECT(ref::apply_program(a));
    EXPECT_EQ(rgba[0], 0.0);
    EXPECT_EQ(rgba[1], 65535.0);
    EXPECT_EQ(rgba[2], 0.0);
    EXPECT_EQ(rgba[3], 4.0);
    const float half_code[3] = {0.6f / 65535.0f, 0.4f / 65535.0f, 1.0f};
    a.program = matrix_program(none, half_code);
    EXPECT(ref::apply_program(a));
    EXPECT_EQ(rgba[0], 1.0);
    EXPECT_EQ(rgba[1], 0.0);
    EXPECT_EQ(rgba[2], 65535.0);
    // Float pixels with a NaN or infinite component are counted (added to the counter), even
    // with an empty program, which writes nothing.
    const float inf = std::numeric_limits<float>::infinity();
    float pixels[9] = {0.1f, 0.2f, 0.3f, nan, 0.0f, 0.0f, 0.0f, -inf, 0.5f};
    unsigned long long count = 5;
    ProgramPackedArgs f;
    f.data = pixels;
    f.pitch = sizeof(pixels);
    f.width = 3;
    f.height = 1;
    f.sample = PackedSample::F32;
    f.nonfinite = &count;
    EXPECT(ref::apply_program(f));
    EXPECT_EQ(static_cast<double>(count), 7.0);
    EXPECT(std::isnan(pixels[3]));
    // Halves: libmedia's conversions (exact widening, round to nearest even, NaN -> 0x7E00).
    EXPECT_EQ(detail::half_to_float(0x3C00), 1.0);
    EXPECT_EQ(detail::half_to_float(0x0001), std::ldexp(1.0, -24));
    EXPECT_EQ(detail::half_to_float(0xC000), -2.0);
    EXPECT(detail::float_to_half(1.0f) == 0x3C00);
    EXPECT(detail::float_to_half(65520.0f) == 0x7C00);
    EXPECT(detail::float_to_half(nan) == 0x7E00);
    EXPECT(detail::float_to_half(1.0f + std::ldexp(1.0f, -11)) == 0x3C00);  // tie to even
    EXPECT(detail::float_to_half(std::ldexp(1.5f, -24)) == 0x0002);         // subnormal tie
    uint16_t halves[3] = {0x3C00, 0x7C00, 0x3800};
    unsigned long long half_count = 0;
    ProgramPackedArgs h;
    h.data = halves;
    h.pitch = sizeof(halves);
    h.width = 1;
    h.height = 1;
    h.sample = PackedSample::F16;
    h.nonfinite = &half_count;
    h.program = matrix_program(identity, zero);
    EXPECT(ref::apply_program(h));
    EXPECT_EQ(static_cast<double>(half_count), 1.0);
    // 0 * inf is NaN in the matrix rows that do not pick green: NaN -> 0x7E00 with the NaN's
    // sign (x86 makes 0 * inf negative, a GPU positive: compare without the sign).
    EXPECT((halves[0] & 0x7FFF) == 0x7E00 && halves[1] == 0x7C00 && (halves[2] & 0x7FFF) == 0x7E00);
}

// The chain equals its three steps run one after the other.
void test_chain_composition() {
    std::vector<float> lut(17 * 17 * 17 * 4);
    for (int bi = 0, at = 0; bi < 17; ++bi)
        for (int gi = 0; gi < 17; ++gi)
            for (int ri = 0; ri < 17; ++ri, at += 4) {
                const float r = static_cast<float>(ri), g = static_cast<float>(gi),
                            b = static_cast<float>(bi);
                lut[static_cast<size_t>(at)] = std::sqrt(r / 16.0f);
                lut[static_cast<size_t>(at + 1)] = g / 16.0f * 0.9f + b / 160.0f;
                lut[static_cast<size_t>(at + 2)] = (b / 16.0f) * (b / 16.0f);
            }
    ColorProgram program;
    program.count = 2;
    program.ops[0].kind = ColorOpKind::Cdl;
    program.ops[0].cdl =
        CdlOpData{{1.1f, 1.0f, 0.9f}, {0.01f, 0.0f, -0.01f}, {1.1f, 1.0f, 0.8f}, 1.2f};
    program.ops[1].kind = ColorOpKind::Lut3D;
    program.ops[1].lut3d =
        Lut3DOpData{17, {0, 0, 0}, {16, 16, 16}, LutInterpolation::Tetrahedral, lut.data()};

    std::mt19937 rng(3);
    std::uniform_int_distribution<int> code(0, 1023);
    for (const ChromaLayout layout : {ChromaLayout::C420, ChromaLayout::C422, ChromaLayout::C444}) {
        const YcbcrFormat in_f =
            format(10, Range::Narrow, ChromaLayout::C420, 0.2627, 0.0593, ChromaSiting{0.0f, 0.0f});
        const YcbcrFormat out_f =
            format(12, Range::Full, layout, 0.2126, 0.0722, ChromaSiting{0.0f, 0.0f});
        Picture<uint16_t> in(7, 5, ChromaLayout::C420);
        for (auto* plane : {&in.y, &in.cb, &in.cr})
            for (auto& v : *plane) v = static_cast<uint16_t>(code(rng));
        Picture<uint16_t> fused(7, 5, layout);
        const ColorChainArgs<uint16_t, uint16_t> args{in.in(), in_f, program, fused.out(), out_f};
        EXPECT(ref::color_chain(args));
        RgbPlanes rgb(7, 5);
        EXPECT(ref::ycbcr_to_rgb(to_rgb(in, in_f, rgb)));
        EXPECT(ref::apply_program(
            ProgramPlanarArgs{rgb.plane(rgb.r), rgb.plane(rgb.g), rgb.plane(rgb.b), program}));
        Picture<uint16_t> steps(7, 5, layout);
        EXPECT(ref::rgb_to_ycbcr(to_ycbcr(rgb, out_f, steps)));
        EXPECT(fused.y == steps.y);
        EXPECT(fused.cb == steps.cb);
        EXPECT(fused.cr == steps.cr);
    }
}

void test_invalid() {
    Picture<uint16_t> p(4, 4, ChromaLayout::C420);
    RgbPlanes out(4, 4);
    out.r.assign(out.r.size(), -7.0f);
    YcbcrFormat f = format(10, Range::Narrow, ChromaLayout::C420);
    EXPECT(args_valid(to_rgb(p, f, out)));
    f.layout = ChromaLayout::C422;  // chroma planes are 2x2, not 2x4
    EXPECT(!ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    f = format(8, Range::Narrow, ChromaLayout::C420);  // 8-bit pictures are uint8_t
    EXPECT(!ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    f = format(17, Range::Narrow, ChromaLayout::C420);
    EXPECT(!ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    f = format(10, Range::Narrow, ChromaLayout::C420, 0.6, 0.5);
    EXPECT(!ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    f = format(10, Range::Narrow, ChromaLayout::C420, 0.2126, 0.0722, ChromaSiting{0.25f, 0.5f});
    EXPECT(!ref::ycbcr_to_rgb(to_rgb(p, f, out)));
    EXPECT(out.r[0] == -7.0f);  // nothing written
    RgbPlanes small(3, 4);
    EXPECT(!ref::rgb_to_ycbcr(to_ycbcr(small, format(10, Range::Narrow, ChromaLayout::C420), p)));

    std::vector<float> data(12);
    ProgramPackedArgs a;
    a.data = data.data();
    a.pitch = 48;
    a.width = 4;
    a.height = 1;
    EXPECT(ref::apply_program(a));
    a.channels = 2;
    EXPECT(!ref::apply_program(a));
    a.channels = 3;
    a.pitch = 44;
    EXPECT(!ref::apply_program(a));
    a.pitch = 48;
    a.program.count = 1;
    a.program.ops[0].kind = ColorOpKind::Lut3D;
    a.program.ops[0].lut3d =
        Lut3DOpData{17, {0, 0, 0}, {16, 16, 16}, LutInterpolation::Tetrahedral, nullptr};
    EXPECT(!ref::apply_program(a));
    a.program.count = kMaxColorOps + 1;
    EXPECT(!ref::apply_program(a));

    Picture<uint16_t> q(4, 3, ChromaLayout::C420);
    const ColorChainArgs<uint16_t, uint16_t> sizes{
        p.in(), format(10, Range::Narrow, ChromaLayout::C420), ColorProgram{}, q.out(),
        format(10, Range::Narrow, ChromaLayout::C420)};
    EXPECT(!ref::color_chain(sizes));
    // Empty pictures are valid and write nothing.
    Picture<uint16_t> empty(0, 0, ChromaLayout::C420);
    RgbPlanes none(0, 0);
    EXPECT(ref::ycbcr_to_rgb(to_rgb(empty, format(10, Range::Narrow, ChromaLayout::C420), none)));
}

}  // namespace

int main() {
    test_bt709_codes();
    test_upsampling();
    test_downsampling();
    test_round_trip();
    test_packed();
    test_chain_composition();
    test_invalid();
    if (g_failures != 0) {
        std::printf("%d failure(s)\n", g_failures);
        return 1;
    }
    std::printf("colour references: all checks passed\n");
    return 0;
}
