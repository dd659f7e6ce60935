// SPDX-License-Identifier: Apache-2.0
// The resampling references (resample.h) against hand-computed values and invariants. Plain main,
// no GoogleTest: this runs in the SLATE_GPU_ONLY build on a machine with CUDA, CMake and a
// compiler alone.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <vector>

#include "slate_gpu/resample.h"

#include "check.h"

namespace {

using namespace slate_gpu;

FilterSpec spec_of(ResampleFilter filter) {
    FilterSpec spec;
    spec.filter = filter;
    return spec;
}

constexpr ResampleFilter kFilters[] = {ResampleFilter::Point, ResampleFilter::Bilinear,
                                       ResampleFilter::Bicubic, ResampleFilter::Lanczos};

// A plane with its own storage, `pad` samples of row padding.
template <typename T>
struct Image {
    int width = 0;
    int height = 0;
    int stride = 0;
    std::vector<T> samples;

    Image(int w, int h, int pad = 0, T fill = T{})
        : width(w),
          height(h),
          stride(w + pad),
          samples(static_cast<std::size_t>(stride) * static_cast<std::size_t>(h), fill) {}
    T& at(int x, int y) {
        return samples[static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) +
                       static_cast<std::size_t>(x)];
    }
    T at(int x, int y) const {
        return samples[static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) +
                       static_cast<std::size_t>(x)];
    }
    Plane<T> plane() {
        return {samples.data(), static_cast<std::ptrdiff_t>(stride * sizeof(T)), width, height};
    }
    Plane<const T> cplane() const {
        return {samples.data(), static_cast<std::ptrdiff_t>(stride * sizeof(T)), width, height};
    }
};

// Resamples `in` to out_w x out_h with the given specs; nullopt when the reference refuses.
template <typename T>
std::optional<Image<T>> resample(const Image<T>& in, int out_w, int out_h, const FilterSpec& hs,
                                 const FilterSpec& vs, int bit_depth = 8 * sizeof(T), int pad = 0) {
    const auto h = FilterBankData::build(in.width, out_w, hs);
    const auto v = FilterBankData::build(in.height, out_h, vs);
    if (!h || !v) return std::nullopt;
    Image<float> mid(out_w, in.height, pad);
    Image<T> out(out_w, out_h, pad);
    ResampleArgs<T> args;
    args.input = in.cplane();
    args.intermediate = mid.plane();
    args.output = out.plane();
    args.horizontal = h->view();
    args.vertical = v->view();
    args.bit_depth = bit_depth;
    if (!ref::resample(args)) return std::nullopt;
    return out;
}

template <typename T>
std::optional<Image<T>> resample(const Image<T>& in, int out_w, int out_h, ResampleFilter filter,
                                 int bit_depth = 8 * sizeof(T), int pad = 0) {
    return resample(in, out_w, out_h, spec_of(filter), spec_of(filter), bit_depth, pad);
}

void test_kernels() {
    const FilterSpec bicubic = spec_of(ResampleFilter::Bicubic);
    EXPECT_EQ(filter_kernel(bicubic, 0.0), 1.0);
    EXPECT_NEAR(filter_kernel(bicubic, 1.0), 0.0, 1e-15);
    EXPECT_EQ(filter_kernel(bicubic, 2.0), 0.0);
    // B = 0, C = 0.6 at 0.5: (8.4 * 0.125 + (-14.4) * 0.25 + 6) / 6 = 0.575; at 1.5:
    // (-3.6 * 3.375 + 18 * 2.25 - 28.8 * 1.5 + 14.4) / 6 = -0.075.
    EXPECT_NEAR(filter_kernel(bicubic, 0.5), 0.575, 1e-15);
    EXPECT_NEAR(filter_kernel(bicubic, -1.5), -0.075, 1e-15);
    const FilterSpec lanczos = spec_of(ResampleFilter::Lanczos);
    EXPECT_EQ(filter_kernel(lanczos, 0.0), 1.0);
    EXPECT_EQ(filter_kernel(lanczos, 1.0), 0.0);
    EXPECT_EQ(filter_kernel(lanczos, -2.0), 0.0);
    EXPECT_EQ(filter_kernel(lanczos, 3.0), 0.0);
    // sinc(0.5) sinc(1/6) = (2/pi) * (3/pi) = 6 / pi^2.
    EXPECT_NEAR(filter_kernel(lanczos, 0.5), 6.0 / (M_PI * M_PI), 1e-15);
    // Ringing: negative lobe in (1, 2), positive in (2, 3).
    EXPECT(filter_kernel(lanczos, 1.5) < -0.1);
    EXPECT(filter_kernel(lanczos, 2.5) > 0.0);
    EXPECT_NEAR(filter_kernel(spec_of(ResampleFilter::Bilinear), 0.25), 0.75, 0.0);
}

// Every bank: weights sum to 1 (in float), windows inside the input, taps as expected.
void test_banks() {
    const int sizes[][2] = {{1, 1},      {1, 5},       {5, 1},       {2, 3},   {7, 3},  {3, 7},
                            {1920, 960}, {1920, 1440}, {1280, 1920}, {33, 17}, {100, 8}};
    for (ResampleFilter filter : kFilters)
        for (const auto& s : sizes) {
            const auto bank = FilterBankData::build(s[0], s[1], spec_of(filter));
            EXPECT(bank.has_value());
            if (!bank) continue;
            EXPECT(bank->taps() >= 1 && bank->taps() <= s[0]);
            for (int o = 0; o < s[1]; ++o) {
                const int first = bank->first()[static_cast<std::size_t>(o)];
                EXPECT(first >= 0 && first + bank->taps() <= s[0]);
                double sum = 0.0;
                for (int t = 0; t < bank->taps(); ++t)
                    sum += bank->weights()[static_cast<std::size_t>(o * bank->taps() + t)];
                EXPECT_NEAR(sum, 1.0, 1e-6);
            }
        }
    // Taps: bicubic 4 upscaling, 8 for a 2x downscale (support widened); Lanczos-3 6 and 12;
    // bilinear 2 and 4 (the zero end points dropped: 3); point 1.
    auto taps = [](ResampleFilter f, int in, int out) {
        return FilterBankData::build(in, out, spec_of(f))->taps();
    };
    EXPECT_EQ(taps(ResampleFilter::Bicubic, 100, 150), 4);
    EXPECT_EQ(taps(ResampleFilter::Bicubic, 100, 50), 8);
    EXPECT_EQ(taps(ResampleFilter::Lanczos, 100, 150), 6);
    EXPECT_EQ(taps(ResampleFilter::Lanczos, 100, 50), 12);
    EXPECT_EQ(taps(ResampleFilter::Bilinear, 100, 150), 2);
    EXPECT_EQ(taps(ResampleFilter::Point, 100, 50), 1);
    // 2x downscale, bicubic: output 0 is centred on 0.5; inputs -3 .. 4 at distances 3.5 .. 3.5
    // (halved by the widening). The weights of -3 .. 0 fold into input 0.
    const auto down = FilterBankData::build(16, 8, spec_of(ResampleFilter::Bicubic));
    const FilterSpec b = spec_of(ResampleFilter::Bicubic);
    double w[8];
    double total = 0.0;
    for (int i = -3; i <= 4; ++i) total += w[i + 3] = filter_kernel(b, (i - 0.5) / 2.0);
    EXPECT_EQ(down->first()[0], 0);
    EXPECT_NEAR(down->weights()[0], (w[0] + w[1] + w[2] + w[3]) / total, 1e-7);
    EXPECT_NEAR(down->weights()[1], w[4] / total, 1e-7);
    EXPECT_NEAR(down->weights()[4], w[7] / total, 1e-7);
    // Output 4 is centred on 8.5: first input 5, symmetric weights.
    EXPECT_EQ(down->first()[4], 5);
    for (int t = 0; t < 4; ++t)
        EXPECT_EQ(down->weights()[static_cast<std::size_t>(4 * 8 + t)],
                  down->weights()[static_cast<std::size_t>(4 * 8 + 7 - t)]);
}

// Scale 1: one tap of weight 1 for every filter, so the output is the input exactly.
void test_identity() {
    for (ResampleFilter filter : kFilters) {
        const auto bank = FilterBankData::build(37, 37, spec_of(filter));
        EXPECT_EQ(bank->taps(), 1);
        Image<uint16_t> in16(37, 23, 3);
        Image<float> inf(37, 23, 1);
        Image<uint8_t> in8(37, 23, 5);
        for (int y = 0; y < 23; ++y)
            for (int x = 0; x < 37; ++x) {
                in16.at(x, y) = static_cast<uint16_t>((x * 7919 + y * 104729) % 65536);
                in8.at(x, y) = static_cast<uint8_t>((x * 31 + y * 17) % 256);
                inf.at(x, y) = std::sin(static_cast<float>(x * 3 + y)) * 1e3f;
            }
        const auto out16 = resample(in16, 37, 23, filter, 16, 2);
        const auto out8 = resample(in8, 37, 23, filter, 8, 0);
        const auto outf = resample(inf, 37, 23, filter, 32, 7);
        EXPECT(out16 && out8 && outf);
        if (!out16 || !out8 || !outf) continue;
        bool same = true;
        for (int y = 0; y < 23; ++y)
            for (int x = 0; x < 37; ++x)
                same = same && out16->at(x, y) == in16.at(x, y) && out8->at(x, y) == in8.at(x, y) &&
                       outf->at(x, y) == inf.at(x, y);
        EXPECT(same);
    }
}

// A constant stays constant (weights sum to 1): every filter, up and down, odd sizes.
void test_constant() {
    const int sizes[][4] = {{7, 5, 3, 2},     {7, 5, 11, 9}, {1, 1, 3, 4},
                            {64, 48, 17, 13}, {3, 2, 1, 1},  {9, 9, 27, 2}};
    for (ResampleFilter filter : kFilters)
        for (const auto& s : sizes) {
            Image<uint16_t> in(s[0], s[1], 1, 700);
            const auto out = resample(in, s[2], s[3], filter, 10, 3);
            EXPECT(out.has_value());
            if (!out) continue;
            bool constant = true;
            for (int y = 0; y < s[3]; ++y)
                for (int x = 0; x < s[2]; ++x) constant = constant && out->at(x, y) == 700;
            EXPECT(constant);
            Image<float> inf(s[0], s[1], 0, 0.3f);
            const auto outf = resample(inf, s[2], s[3], filter);
            double worst = 0.0;
            for (int y = 0; y < s[3]; ++y)
                for (int x = 0; x < s[2]; ++x)
                    worst = std::max(worst, std::fabs(double(outf->at(x, y)) - 0.3));
            EXPECT_NEAR(worst, 0.0, 1e-6);
        }
}

// Linear ramps: kept by every symmetric filter at 2x down (centres halfway between inputs), and
// by the bicubics with B + 2C = 1 (Catmull-Rom, Mitchell) at any scale away from the edges.
// swscale's default (B = 0, C = 0.6) sharpens: it bends a ramp measurably.
void test_ramp() {
    const int in_w = 40;
    Image<float> ramp(in_w, 3);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < in_w; ++x) ramp.at(x, y) = static_cast<float>(x);
    const double scale = 40.0 / 60.0;
    auto max_deviation = [&](const FilterSpec& spec, int out_w) {
        const auto out = resample(ramp, out_w, 3, spec, spec_of(ResampleFilter::Bicubic));
        const double s = static_cast<double>(in_w) / out_w;
        double worst = 0.0;
        for (int y = 0; y < 3; ++y)
            for (int x = 0; x < out_w; ++x) {
                const double p = (x + 0.5) * s - 0.5;
                if (p < 3.0 * std::max(1.0, s) || p > in_w - 1 - 3.0 * std::max(1.0, s)) continue;
                worst = std::max(worst, std::fabs(out->at(x, y) - p));
            }
        return worst;
    };
    FilterSpec catmull = spec_of(ResampleFilter::Bicubic);
    catmull.bicubic_c = 0.5;
    FilterSpec mitchell = spec_of(ResampleFilter::Bicubic);
    mitchell.bicubic_b = mitchell.bicubic_c = 1.0 / 3.0;
    EXPECT_NEAR(max_deviation(catmull, 60), 0.0, 1e-5);
    EXPECT_NEAR(max_deviation(mitchell, 60), 0.0, 1e-5);
    EXPECT(max_deviation(spec_of(ResampleFilter::Bicubic), 60) > 0.01);  // B = 0, C = 0.6
    EXPECT_NEAR(max_deviation(spec_of(ResampleFilter::Bilinear), 60), 0.0, 1e-5);
    for (ResampleFilter filter :
         {ResampleFilter::Bilinear, ResampleFilter::Bicubic, ResampleFilter::Lanczos})
        EXPECT_NEAR(max_deviation(spec_of(filter), 20), 0.0, 1e-5);
    (void)scale;
}

// A step upscaled with Lanczos rings: overshoot above the high side just after the edge,
// undershoot below the low side just before it; integer outputs clamp to the code range.
void test_lanczos_ringing() {
    Image<float> step(16, 1);
    for (int x = 0; x < 16; ++x) step.at(x, 0) = x < 8 ? 0.0f : 1.0f;
    const auto out = resample(step, 64, 1, ResampleFilter::Lanczos);
    float lowest = 1.0f, highest = 0.0f;
    int lowest_x = 0, highest_x = 0;
    for (int x = 0; x < 64; ++x) {
        if (out->at(x, 0) < lowest) lowest = out->at(x, 0), lowest_x = x;
        if (out->at(x, 0) > highest) highest = out->at(x, 0), highest_x = x;
    }
    EXPECT(lowest < -0.02f && highest > 1.02f);
    EXPECT(lowest_x < 32 && highest_x >= 32);  // the edge is at output 31.5
    EXPECT_NEAR(lowest, 1.0 - highest, 1e-5);  // antisymmetric about the edge
    // The same in 10-bit codes 0 and 1023: the ringing clamps to the range.
    Image<uint16_t> codes(16, 1);
    for (int x = 0; x < 16; ++x) codes.at(x, 0) = x < 8 ? 0 : 1023;
    const auto clamped = resample(codes, 64, 1, ResampleFilter::Lanczos, 10);
    EXPECT_EQ(clamped->at(lowest_x, 0), 0);
    EXPECT_EQ(clamped->at(highest_x, 0), 1023);
    // Half-way samples round to nearest: code 512 at 0.5 * 1023 = 511.5 rounds half to even.
    Image<uint16_t> two(2, 1);
    two.at(0, 0) = 0;
    two.at(1, 0) = 1023;
    FilterSpec mid = spec_of(ResampleFilter::Bilinear);
    mid.scale = 1.0;
    mid.offset = 0.5;  // output 0 reads position 0.5
    const auto half = resample(two, 1, 1, mid, spec_of(ResampleFilter::Bilinear), 10);
    EXPECT_EQ(half->at(0, 0), 512);
}

// Odd sizes and padded pitches: the separable result equals the 2-D sum of the banks' weights
// (computed in double) within float rounding.
void test_odd_sizes() {
    const int sizes[][4] = {{7, 5, 3, 2}, {13, 9, 20, 14}, {1, 7, 3, 3}, {31, 1, 15, 2}};
    for (ResampleFilter filter : kFilters)
        for (const auto& s : sizes) {
            Image<uint16_t> in(s[0], s[1], 5);
            for (int y = 0; y < s[1]; ++y)
                for (int x = 0; x < s[0]; ++x)
                    in.at(x, y) = static_cast<uint16_t>((x * 193 + y * 71 + x * y * 13) % 4096);
            const auto out = resample(in, s[2], s[3], filter, 12, 3);
            const auto h = FilterBankData::build(s[0], s[2], spec_of(filter));
            const auto v = FilterBankData::build(s[1], s[3], spec_of(filter));
            EXPECT(out && h && v);
            if (!out || !h || !v) continue;
            double worst = 0.0;
            for (int y = 0; y < s[3]; ++y)
                for (int x = 0; x < s[2]; ++x) {
                    double sum = 0.0;
                    for (int j = 0; j < v->taps(); ++j)
                        for (int i = 0; i < h->taps(); ++i)
                            sum += double(v->weights()[std::size_t(y * v->taps() + j)]) *
                                   h->weights()[std::size_t(x * h->taps() + i)] *
                                   in.at(h->first()[std::size_t(x)] + i,
                                         v->first()[std::size_t(y)] + j);
                    const double want = std::clamp(std::nearbyint(sum), 0.0, 4095.0);
                    worst = std::max(worst, std::fabs(out->at(x, y) - want));
                }
            EXPECT(worst <= 1.0);  // float sums of 12-bit codes: a .5 tie may go either way
        }
}

// Chroma: sample k at luma 2k + phase. Upsampling with bilinear reproduces libmedia's linear
// interpolation (ycbcr.cpp); downsampling averages [1 2 1]/4 on a sample, [1 3 3 1]/8 between.
void test_chroma() {
    const ResampleFilter bl = ResampleFilter::Bilinear;
    // Horizontal upsampling, 4 chroma samples to 7 luma columns.
    Image<float> c(4, 1);
    const float cv[4] = {10.0f, 20.0f, 60.0f, 100.0f};
    for (int k = 0; k < 4; ++k) c.at(k, 0) = cv[k];
    auto up = [&](double phase) {
        return resample(c, 7, 1, chroma_upsample_spec(bl, phase), spec_of(bl));
    };
    const auto cosited = up(0.0);
    const float want_cosited[7] = {10, 15, 20, 40, 60, 80, 100};
    for (int x = 0; x < 7; ++x) EXPECT_NEAR(cosited->at(x, 0), want_cosited[x], 1e-5);
    const auto centred = up(0.5);
    // Column x reads chroma position (x - 0.5) / 2: -0.25 (edge: 10), 0.25, 0.75, 1.25, ...
    const float want_centred[7] = {10, 12.5f, 17.5f, 30, 50, 70, 90};
    for (int x = 0; x < 7; ++x) EXPECT_NEAR(centred->at(x, 0), want_centred[x], 1e-5);
    // Vertical: phase 0, 0.5, 1 on a column of 3 chroma rows to 6 luma rows.
    Image<float> col(1, 3);
    col.at(0, 0) = 0.0f;
    col.at(0, 1) = 40.0f;
    col.at(0, 2) = 80.0f;
    auto up_v = [&](double phase) {
        return resample(col, 1, 6, spec_of(bl), chroma_upsample_spec(bl, phase));
    };
    const float want_v[3][6] = {{0, 20, 40, 60, 80, 80},  // phase 0: row y at y / 2
                                {0, 10, 30, 50, 70, 80},  // phase 0.5: (y - 0.5) / 2
                                {0, 0, 20, 40, 60, 80}};  // phase 1: (y - 1) / 2
    for (int p = 0; p < 3; ++p) {
        const auto out = up_v(0.5 * p);
        for (int y = 0; y < 6; ++y) EXPECT_NEAR(out->at(0, y), want_v[p][y], 1e-5);
    }
    // Downsampling 8 luma columns to 4 chroma samples.
    Image<float> luma(8, 1);
    for (int x = 0; x < 8; ++x) luma.at(x, 0) = static_cast<float>(x * x);
    auto down = [&](double phase) {
        return resample(luma, 4, 1, chroma_downsample_spec(bl, phase), spec_of(bl));
    };
    const auto d0 = down(0.0);
    // Sample k on column 2k: (l[2k-1] + 2 l[2k] + l[2k+1]) / 4, the edge replicated.
    auto l = [&](int x) { return double(luma.at(std::clamp(x, 0, 7), 0)); };
    for (int k = 0; k < 4; ++k)
        EXPECT_NEAR(d0->at(k, 0), (l(2 * k - 1) + 2 * l(2 * k) + l(2 * k + 1)) / 4, 1e-4);
    const auto d5 = down(0.5);
    for (int k = 0; k < 4; ++k)
        EXPECT_NEAR(d5->at(k, 0),
                    (l(2 * k - 1) + 3 * l(2 * k) + 3 * l(2 * k + 1) + l(2 * k + 2)) / 8, 1e-4);
    // Vertical phase 1: chroma row j centred on luma row 2j + 1.
    Image<float> lcol(1, 8);
    for (int y = 0; y < 8; ++y) lcol.at(0, y) = static_cast<float>(y * y);
    const auto d1 = resample(lcol, 1, 4, spec_of(bl), chroma_downsample_spec(bl, 1.0));
    auto lc = [&](int y) { return double(lcol.at(0, std::clamp(y, 0, 7))); };
    for (int j = 0; j < 4; ++j)
        EXPECT_NEAR(d1->at(0, j), (lc(2 * j) + 2 * lc(2 * j + 1) + lc(2 * j + 2)) / 4, 1e-4);
    // Round trip of a constant through 4:2:0 at an odd size stays constant.
    Image<uint16_t> flat(9, 7, 2, 512);
    const auto sub = resample(flat, 5, 4, chroma_downsample_spec(bl, 0.0),
                              chroma_downsample_spec(bl, 0.5), 10, 1);
    const auto back =
        resample(*sub, 9, 7, chroma_upsample_spec(bl, 0.0), chroma_upsample_spec(bl, 0.5), 10, 0);
    bool flat_ok = true;
    for (int y = 0; y < 7; ++y)
        for (int x = 0; x < 9; ++x) flat_ok = flat_ok && back->at(x, y) == 512;
    EXPECT(flat_ok);
}

void test_invalid() {
    FilterSpec bad = spec_of(ResampleFilter::Bicubic);
    EXPECT(!FilterBankData::build(0, 4, bad));
    EXPECT(!FilterBankData::build(4, 0, bad));
    bad.scale = -1.0;
    EXPECT(!FilterBankData::build(4, 4, bad));
    bad.scale = std::numeric_limits<double>::infinity();
    EXPECT(!FilterBankData::build(4, 4, bad));
    bad.scale = 0.0;
    bad.offset = std::numeric_limits<double>::quiet_NaN();
    EXPECT(!FilterBankData::build(4, 4, bad));
    // Lanczos-3 downscaled by 100: 600 taps, more than kMaxResampleTaps.
    EXPECT(!FilterBankData::build(10000, 100, spec_of(ResampleFilter::Lanczos)));

    Image<uint16_t> in(8, 6);
    Image<float> mid(4, 6);
    Image<uint16_t> out(4, 3);
    const auto h = FilterBankData::build(8, 4, spec_of(ResampleFilter::Bicubic));
    const auto v = FilterBankData::build(6, 3, spec_of(ResampleFilter::Bicubic));
    ResampleArgs<uint16_t> good;
    good.input = in.cplane();
    good.intermediate = mid.plane();
    good.output = out.plane();
    good.horizontal = h->view();
    good.vertical = v->view();
    good.bit_depth = 10;
    EXPECT(ref::resample(good));
    ResampleArgs<uint16_t> a = good;
    a.bit_depth = 17;
    EXPECT(!ref::resample(a));
    a = good;
    a.bit_depth = 7;
    EXPECT(!ref::resample(a));
    a = good;
    a.intermediate.height = 3;  // must be the input height
    EXPECT(!ref::resample(a));
    a = good;
    a.horizontal = v->view();  // a bank for another size
    EXPECT(!ref::resample(a));
    a = good;
    a.output.pitch = 2;  // shorter than a row
    EXPECT(!ref::resample(a));
    a = good;
    a.vertical.weights = nullptr;
    EXPECT(!ref::resample(a));
    std::vector<int> bad_first(h->first());
    bad_first[1] = 6;  // 6 + 8 taps > 8 inputs
    a = good;
    a.horizontal.first = bad_first.data();
    EXPECT(!ref::resample(a));
    // The output is untouched after a refusal.
    Image<uint16_t> sentinel(4, 3, 0, 0xBEEF);
    a.output = sentinel.plane();
    EXPECT(!ref::resample(a));
    EXPECT_EQ(sentinel.at(2, 1), 0xBEEF);
    // uint8 takes only 8 bits.
    Image<uint8_t> in8(8, 6);
    Image<uint8_t> out8(4, 3);
    ResampleArgs<uint8_t> b;
    b.input = in8.cplane();
    b.intermediate = mid.plane();
    b.output = out8.plane();
    b.horizontal = h->view();
    b.vertical = v->view();
    EXPECT(ref::resample(b));
    b.bit_depth = 10;
    EXPECT(!ref::resample(b));
    // Empty planes are valid and do nothing.
    ResampleArgs<float> empty;
    EXPECT(ref::resample(empty));
}

}  // namespace

int main() {
    test_kernels();
    test_banks();
    test_identity();
    test_constant();
    test_ramp();
    test_lanczos_ringing();
    test_odd_sizes();
    test_chroma();
    test_invalid();
    if (g_failures != 0) {
        std::printf("%d failure(s)\n", g_failures);
        return 1;
    }
    std::printf("scale references: all passed\n");
    return 0;
}
