// SPDX-License-Identifier: Apache-2.0
// The resampling reference (gpu/ref/resample.cpp, what the CUDA scale kernels are checked
// against) against libmedia's CPU paths: FrameResizer (swscale) for image scaling, ycbcr_to_rgb
// for 4:2:0 chroma upsampling with siting.
//
// Measured against swscale (FFmpeg's C/SIMD scaler, 14-bit fixed-point coefficients, 16-bit
// gray, default flags as FrameResizer sets them), 640x360 synthetic picture with 7-11 px ripples:
//   - with swscale's own step (input samples per output in 16.16 fixed point, rounded) and away
//     from the first five output rows and columns: max 3 codes of 65535, mean 0.1 - 1.1 codes.
//     That residue is swscale's fixed-point arithmetic (14-bit coefficients, integer
//     intermediate, its own rounding) against float weights and a float intermediate here.
//   - the first output rows/columns differ more (up to 200 codes at 1.5x up, 11 at Lanczos 2x
//     down): where a filter's support crosses the top/left edge, swscale's filters differ from
//     the replicated edge here (observed; the right and bottom edges match).
//   - with the exact step in/out (what the reference and the CUDA kernels use): a 2x downscale's
//     step is exact in 16.16, so nothing changes; at 1.5x up, 43691/65536 instead of 2/3 drifts
//     swscale's positions by up to 0.005 px across 960 columns: up to ~30 codes on the ripples.
// A wrong phase (+0.25 px) gives a mean difference above 300 codes, the other filter (bicubic vs
// Lanczos) above 30: the bounds asserted below catch both.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <vector>

#include "media/color/ycbcr.h"
#include "media/frame/frame.h"
#include "media/io/frame_resize.h"
#include "slate_gpu/resample.h"

namespace {

using media::Frame;
using media::FrameSpec;
using media::PixelFormat;
using media::ResizeFilter;
using slate_gpu::FilterBankData;
using slate_gpu::FilterSpec;
using slate_gpu::ResampleFilter;

// A smooth synthetic picture in 16-bit codes: slow gradients plus a moderate-frequency ripple
// (periods of 11 and 7 pixels) so that the filter's response matters, inside the code range with
// margin so that ringing is not clipped.
uint16_t synthetic(int x, int y) {
    const double pi = std::numbers::pi;
    const double v = 32768.0 + 9000.0 * std::sin(2 * pi * x / 97.0 + 0.3) +
                     7000.0 * std::cos(2 * pi * y / 61.0) +
                     5000.0 * std::sin(2 * pi * (x / 11.0 + y / 7.0)) + 20.0 * (x - y);
    return static_cast<uint16_t>(std::clamp(std::lround(v), 0L, 65535L));
}

Frame gray16_frame(int width, int height) {
    auto frame = Frame::allocate(FrameSpec{width, height, PixelFormat::Gray16, {}});
    EXPECT_TRUE(frame);
    auto view = frame->mutable_plane<uint16_t>(0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) view.row(y)[x] = synthetic(x, y);
    return *frame;
}

Frame swscale_resize(const Frame& input, int width, int height, ResizeFilter filter) {
    media::ResizeDesc desc;
    desc.width = width;
    desc.height = height;
    desc.format = PixelFormat::Gray16;
    desc.color = input.color();
    desc.filter = filter;
    auto resizer = media::FrameResizer::create(desc);
    EXPECT_TRUE(resizer);
    auto out = resizer->resize(input);
    EXPECT_TRUE(out) << out.error().to_string();
    return *out;
}

// The reference on plane 0 of a Gray16 frame, with one spec per axis.
std::vector<uint16_t> reference_resize(const Frame& input, int width, int height,
                                       const FilterSpec& hs, const FilterSpec& vs) {
    const auto h = FilterBankData::build(input.width(), width, hs);
    const auto v = FilterBankData::build(input.height(), height, vs);
    EXPECT_TRUE(h && v);
    std::vector<float> mid(static_cast<std::size_t>(width) *
                           static_cast<std::size_t>(input.height()));
    std::vector<uint16_t> out(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    slate_gpu::ResampleArgs<uint16_t> args;
    const auto in = input.plane<uint16_t>(0);
    args.input = {in.row(0), static_cast<std::ptrdiff_t>(in.stride_bytes()), input.width(),
                  input.height()};
    args.intermediate = {mid.data(), static_cast<std::ptrdiff_t>(width * sizeof(float)), width,
                         input.height()};
    args.output = {out.data(), static_cast<std::ptrdiff_t>(width * sizeof(uint16_t)), width,
                   height};
    args.horizontal = h->view();
    args.vertical = v->view();
    args.bit_depth = 16;
    EXPECT_TRUE(slate_gpu::ref::resample(args));
    return out;
}

struct Difference {
    int max = 0;           ///< whole frame
    double mean = 0.0;     ///< whole frame
    int max_inner = 0;     ///< without the first five output rows and columns
    int max_interior = 0;  ///< at least 8 output samples from every edge
};

Difference difference(const Frame& swscale, const std::vector<uint16_t>& reference) {
    Difference d;
    const auto view = swscale.plane<uint16_t>(0);
    const int w = swscale.width(), h = swscale.height();
    double sum = 0.0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int diff =
                std::abs(int(view.row(y)[x]) -
                         int(reference[std::size_t(y) * std::size_t(w) + std::size_t(x)]));
            d.max = std::max(d.max, diff);
            sum += diff;
            if (x >= 5 && y >= 5) d.max_inner = std::max(d.max_inner, diff);
            if (x >= 8 && y >= 8 && x < w - 8 && y < h - 8)
                d.max_interior = std::max(d.max_interior, diff);
        }
    d.mean = sum / (double(w) * double(h));
    return d;
}

FilterSpec spec(ResampleFilter filter, double offset = 0.0, double scale = 0.0) {
    FilterSpec s;
    s.filter = filter;
    s.offset = offset;
    s.scale = scale;
    return s;
}

// swscale's step: input samples per output sample in 16.16 fixed point, rounded
// ((in << 16) + out / 2) / out, as sws_init_context computes lumXInc / lumYInc.
double sws_step(int in, int out) {
    return double(((int64_t{in} << 16) + (out >> 1)) / out) / 65536.0;
}

struct Case {
    ResizeFilter media_filter;
    ResampleFilter filter;
    int in_w, in_h, out_w, out_h;
};

struct Measured {
    Difference sws_step;  ///< the reference with swscale's 16.16 step
    Difference exact;     ///< the reference as the kernels run it (step in / out)
    Difference shifted;   ///< exact step, horizontal phase off by +0.25 input samples
    Difference other;     ///< exact step, the other filter (bicubic <-> Lanczos)
};

Measured measure(const Case& c) {
    const Frame input = gray16_frame(c.in_w, c.in_h);
    const Frame sws = swscale_resize(input, c.out_w, c.out_h, c.media_filter);
    const ResampleFilter other =
        c.filter == ResampleFilter::Bicubic ? ResampleFilter::Lanczos : ResampleFilter::Bicubic;
    Measured m;
    m.sws_step = difference(
        sws, reference_resize(input, c.out_w, c.out_h, spec(c.filter, 0, sws_step(c.in_w, c.out_w)),
                              spec(c.filter, 0, sws_step(c.in_h, c.out_h))));
    m.exact =
        difference(sws, reference_resize(input, c.out_w, c.out_h, spec(c.filter), spec(c.filter)));
    m.shifted = difference(
        sws, reference_resize(input, c.out_w, c.out_h, spec(c.filter, 0.25), spec(c.filter)));
    m.other = difference(sws, reference_resize(input, c.out_w, c.out_h, spec(other), spec(other)));
    std::printf(
        "%dx%d -> %dx%d: swscale step max %d (inner %d) mean %.3f; exact step max %d "
        "(interior %d) mean %.3f; phase +0.25 mean %.1f; other filter mean %.1f\n",
        c.in_w, c.in_h, c.out_w, c.out_h, m.sws_step.max, m.sws_step.max_inner, m.sws_step.mean,
        m.exact.max, m.exact.max_interior, m.exact.mean, m.shifted.mean, m.other.mean);
    return m;
}

// Bounds common to every case: swscale's geometry reproduced within its fixed-point rounding
// away from the top/left edge, and a picture that tells phases and filters apart.
void expect_common(const Measured& m) {
    EXPECT_LE(m.sws_step.max_inner, 4);  // measured 1..3; SIMD paths may round differently
    EXPECT_LE(m.sws_step.mean, 1.5);
    EXPECT_GE(m.shifted.mean, 250.0);
    EXPECT_GE(m.other.mean, 25.0);
}

TEST(ScaleParity, BicubicDown2x) {
    const Measured m =
        measure({ResizeFilter::Bicubic, ResampleFilter::Bicubic, 640, 360, 320, 180});
    expect_common(m);
    // The 2x step is exact in 16.16: the kernels' geometry is swscale's, edges included.
    EXPECT_LE(m.exact.max, 2);
    EXPECT_LE(m.exact.mean, 0.25);
}

TEST(ScaleParity, BicubicUp1_5x) {
    const Measured m =
        measure({ResizeFilter::Bicubic, ResampleFilter::Bicubic, 640, 360, 960, 540});
    expect_common(m);
    EXPECT_LE(m.sws_step.max, 250);       // measured 200, in the first rows/columns
    EXPECT_LE(m.exact.max_interior, 40);  // swscale's 16.16 step drifts
    EXPECT_LE(m.exact.mean, 12.0);
}

TEST(ScaleParity, LanczosDown2x) {
    const Measured m =
        measure({ResizeFilter::Lanczos, ResampleFilter::Lanczos, 640, 360, 320, 180});
    expect_common(m);
    EXPECT_LE(m.exact.max_interior, 3);
    EXPECT_LE(m.exact.max, 15);  // measured 11, in the first rows/columns
    EXPECT_LE(m.exact.mean, 1.5);
}

TEST(ScaleParity, LanczosUp1_5x) {
    const Measured m =
        measure({ResizeFilter::Lanczos, ResampleFilter::Lanczos, 640, 360, 960, 540});
    expect_common(m);
    EXPECT_LE(m.sws_step.max, 100);  // measured 67, in the first rows/columns
    EXPECT_LE(m.exact.max_interior, 40);
    EXPECT_LE(m.exact.mean, 12.0);
}

TEST(ScaleParity, BicubicOddSizes) {
    const Measured m =
        measure({ResizeFilter::Bicubic, ResampleFilter::Bicubic, 641, 361, 480, 271});
    expect_common(m);
    EXPECT_LE(m.exact.max_interior, 15);
    EXPECT_LE(m.exact.mean, 4.0);
}

TEST(ScaleParity, BilinearDown2x) {
    const Measured m =
        measure({ResizeFilter::Bilinear, ResampleFilter::Bilinear, 640, 360, 320, 180});
    EXPECT_LE(m.exact.max, 1);
    EXPECT_LE(m.exact.mean, 0.05);
    EXPECT_GE(m.shifted.mean, 250.0);
}

// 4:2:0 chroma upsampling: libmedia's ycbcr_to_rgb interpolates chroma linearly honouring the
// siting; the reference's bilinear filter with chroma_upsample_spec must give the same E'Cb.
// With Y' fixed and Cr neutral, B' - R' = 2 (1 - Kb) E'Cb exposes the upsampled Cb.
TEST(ScaleParityChroma, Upsample420MatchesYcbcrToRgb) {
    using media::ChromaLocation;
    const int width = 33, height = 19;  // odd: the last column and row sit on a chroma sample
    const int cw = (width + 1) / 2, ch = (height + 1) / 2;
    auto made = Frame::allocate(FrameSpec{width, height, PixelFormat::Yuv420p16, {}});
    ASSERT_TRUE(made);
    Frame frame = *made;
    auto luma = frame.mutable_plane<uint16_t>(0);
    for (int y = 0; y < height; ++y) std::fill_n(luma.row(y), width, uint16_t{30000});
    auto cb = frame.mutable_plane<uint16_t>(1);
    auto cr = frame.mutable_plane<uint16_t>(2);
    std::vector<float> cb_codes(static_cast<std::size_t>(cw) * static_cast<std::size_t>(ch));
    for (int y = 0; y < ch; ++y)
        for (int x = 0; x < cw; ++x) {
            const auto code = static_cast<uint16_t>(32768 + 9000 * std::sin(0.7 * x + 0.2) +
                                                    7000 * std::cos(0.9 * y) + 300 * x);
            cb.row(y)[x] = code;
            cr.row(y)[x] = 32768;
            cb_codes[std::size_t(y) * std::size_t(cw) + std::size_t(x)] = code;
        }
    const double kb2 = 2.0 * (1.0 - 0.0722);  // BT.709
    const double c_offset = 32768.0, c_range = 224.0 * 256.0;

    struct Siting {
        ChromaLocation location;
        double h, v;  // phases as libmedia's ycbcr.cpp sites them
    };
    const Siting sitings[] = {
        {ChromaLocation::Left, 0.0, 0.5},       {ChromaLocation::Center, 0.5, 0.5},
        {ChromaLocation::TopLeft, 0.0, 0.0},    {ChromaLocation::Top, 0.5, 0.0},
        {ChromaLocation::BottomLeft, 0.0, 1.0}, {ChromaLocation::Bottom, 0.5, 1.0}};
    for (const Siting& s : sitings) {
        media::color::YcbcrDesc desc;
        desc.siting = s.location;
        auto rgb = media::color::ycbcr_to_rgb(frame, desc);
        ASSERT_TRUE(rgb) << rgb.error().to_string();
        const auto pixels = rgb->plane<float>(0);

        const auto hb = FilterBankData::build(
            cw, width, slate_gpu::chroma_upsample_spec(ResampleFilter::Bilinear, s.h));
        const auto vb = FilterBankData::build(
            ch, height, slate_gpu::chroma_upsample_spec(ResampleFilter::Bilinear, s.v));
        ASSERT_TRUE(hb && vb);
        std::vector<float> mid(static_cast<std::size_t>(width) * static_cast<std::size_t>(ch));
        std::vector<float> up(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
        slate_gpu::ResampleArgs<float> args;
        args.input = {cb_codes.data(), static_cast<std::ptrdiff_t>(cw * sizeof(float)), cw, ch};
        args.intermediate = {mid.data(), static_cast<std::ptrdiff_t>(width * sizeof(float)), width,
                             ch};
        args.output = {up.data(), static_cast<std::ptrdiff_t>(width * sizeof(float)), width,
                       height};
        args.horizontal = hb->view();
        args.vertical = vb->view();
        ASSERT_TRUE(slate_gpu::ref::resample(args));

        double worst = 0.0, worst_shifted = 0.0;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const float* p = pixels.row(y) + 3 * x;
                const double media_cb = (double(p[2]) - double(p[0])) / kb2;
                const double ours =
                    (double(up[std::size_t(y) * std::size_t(width) + std::size_t(x)]) - c_offset) /
                    c_range;
                worst = std::max(worst, std::fabs(media_cb - ours));
                // The neighbouring column's value: what a half-sample phase error would give.
                const int xn = std::min(x + 1, width - 1);
                const double neighbour =
                    (double(up[std::size_t(y) * std::size_t(width) + std::size_t(xn)]) - c_offset) /
                    c_range;
                worst_shifted = std::max(worst_shifted, std::fabs(media_cb - neighbour));
            }
        std::printf("siting %d: max |E'Cb difference| %.3g (neighbour column %.3g)\n",
                    int(s.location), worst, worst_shifted);
        // Float rounding of two different evaluation orders (ycbcr.cpp blends rows, scales to
        // E'C, then columns; here columns then rows in codes): measured below 7e-8.
        EXPECT_LE(worst, 3e-7) << "siting " << int(s.location);
        EXPECT_GE(worst_shifted, 1e-2);
    }
}

}  // namespace
