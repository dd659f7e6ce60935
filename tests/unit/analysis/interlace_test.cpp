// SPDX-License-Identifier: Apache-2.0
#include "media/analysis/interlace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <random>
#include <vector>

#include "media/frame/half.h"

namespace media::analysis {
namespace {

// A picture as a function of (x, y) in 0..1 of full scale.
using Picture = std::function<double(int x, int y)>;

Frame make_frame(int w, int h, PixelFormat format, const Picture& picture) {
    Frame frame = *Frame::allocate(FrameSpec{w, h, format, {}});
    const PixelFormatInfo& fi = info(format);
    const double top = std::ldexp(1.0, fi.bit_depth) - 1.0;  // used by integer formats only
    for (int p = 0; p < frame.plane_count(); ++p) {
        for (int y = 0; y < fi.plane_height(p, h); ++y) {
            for (int x = 0; x < fi.plane_width(p, w); ++x) {
                for (int c = 0; c < fi.components_in_plane(p); ++c) {
                    const double v = (p == 0 || fi.is_rgb) ? picture(x, y) : 0.5;
                    if (fi.sample_type == SampleType::U8)
                        frame.mutable_plane<uint8_t>(p).at(x, y, c) =
                            static_cast<uint8_t>(std::lround(v * top));
                    else if (fi.sample_type == SampleType::U16)
                        frame.mutable_plane<uint16_t>(p).at(x, y, c) =
                            static_cast<uint16_t>(std::lround(v * top));
                    else if (fi.sample_type == SampleType::F16)
                        frame.mutable_plane<uint16_t>(p).at(x, y, c) =
                            float_to_half(static_cast<float>(v));
                    else
                        frame.mutable_plane<float>(p).at(x, y, c) = static_cast<float>(v);
                }
            }
        }
    }
    return frame;
}

// A textured scene moving down and right with time t (in frames).
double scene(int x, int y, double t) {
    const double bar = std::fmod(y + 7.0 * t, 40.0) < 20.0 ? 0.25 : 0.0;
    return 0.3 + bar + 0.15 * std::sin(0.21 * x + 0.5 * t) * std::cos(0.13 * y - 0.7 * t);
}

// Frame k woven from two instants: the first field at k, the second at k + 0.5.
Frame woven_frame(int k, bool top_first, PixelFormat format, int w = 96, int h = 64) {
    return make_frame(w, h, format, [=](int x, int y) {
        const bool first_field = (y % 2 == 0) == top_first;
        return scene(x, y, k + (first_field ? 0.0 : 0.5));
    });
}

Frame progressive_frame(int k, PixelFormat format, int w = 96, int h = 64) {
    return make_frame(w, h, format, [=](int x, int y) { return scene(x, y, k); });
}

InterlaceResult detect(const std::vector<Frame>& frames) {
    InterlaceDetector detector;
    for (size_t i = 0; i < frames.size(); ++i) {
        const Frame* previous = i ? &frames[i - 1] : nullptr;
        detector.add(int64_t(i), measure_combing(frames[i], previous, {}));
    }
    return detector.finish();
}

// ---- An independent, literal transcription of idet's per-frame rule (prev, cur, next on the
// luma plane), the reference the split measure + detector must reproduce exactly.

int64_t idet_line(const std::vector<int>& a, const std::vector<int>& b, const std::vector<int>& c) {
    int64_t sum = 0;
    for (size_t x = 0; x < a.size(); ++x) sum += std::abs(a[x] + c[x] - 2 * b[x]);
    return sum;
}

using Plane = std::vector<std::vector<int>>;

FieldType idet_reference(const Plane& prev, const Plane& cur, const Plane& next) {
    std::array<int64_t, 2> alpha{};
    int64_t delta = 0;
    const int h = int(cur.size());
    for (int y = 2; y < h - 2; ++y) {
        alpha[y & 1] += idet_line(cur[y - 1], prev[y], cur[y + 1]);
        alpha[(y ^ 1) & 1] += idet_line(cur[y - 1], next[y], cur[y + 1]);
        delta += idet_line(cur[y - 1], cur[y], cur[y + 1]);
    }
    return classify_fields(alpha, delta, {});
}

Plane random_plane(std::mt19937& rng, int w, int h, int max_code) {
    std::uniform_int_distribution<int> code(0, max_code);
    Plane plane(static_cast<size_t>(h), std::vector<int>(static_cast<size_t>(w)));
    for (auto& row : plane)
        for (int& v : row) v = code(rng);
    return plane;
}

Frame frame_of(const Plane& plane, PixelFormat format) {
    const int top = (1 << info(format).bit_depth) - 1;
    return make_frame(int(plane[0].size()), int(plane.size()), format,
                      [&](int x, int y) { return plane[size_t(y)][size_t(x)] / double(top); });
}

TEST(ClassifyFields, FollowsIdetThresholds) {
    const InterlaceOptions options;
    EXPECT_EQ(classify_fields({105, 100}, 1000, options), FieldType::TopFirst);
    EXPECT_EQ(classify_fields({100, 105}, 1000, options), FieldType::BottomFirst);
    EXPECT_EQ(classify_fields({100, 103}, 60, options), FieldType::Progressive);
    EXPECT_EQ(classify_fields({100, 103}, 70, options), FieldType::Undetermined);
    EXPECT_EQ(classify_fields({0, 0}, 0, options), FieldType::Undetermined);
}

// The split sums reproduce idet's classification of every frame, first and last included, on
// frames whose width is no multiple of any vector length (the scalar tail is exercised).
TEST(InterlaceDetector, MatchesLiteralIdetOnRandomFrames) {
    for (PixelFormat format :
         {PixelFormat::Yuv420p8, PixelFormat::Yuv422p10, PixelFormat::Gray10}) {
        std::mt19937 rng(7);
        const int top = (1 << info(format).bit_depth) - 1;
        std::vector<Plane> planes;
        for (int i = 0; i < 12; ++i) {
            // Low-contrast noise on odd rows tips the balance one way or the other per frame.
            Plane p = random_plane(rng, 37, 21, top / 4);
            if (i % 3 == 0)
                for (size_t y = 1; y < p.size(); y += 2)
                    for (int& v : p[y]) v += top / 2;
            planes.push_back(p);
        }
        std::vector<Frame> frames;
        for (const Plane& p : planes) frames.push_back(frame_of(p, format));
        InterlaceResult expected;
        for (size_t i = 0; i < planes.size(); ++i) {
            const Plane& prev = planes[i ? i - 1 : 0];
            const Plane& next = planes[std::min(i + 1, planes.size() - 1)];
            switch (idet_reference(prev, planes[i], next)) {
                case FieldType::TopFirst:
                    ++expected.top_first;
                    break;
                case FieldType::BottomFirst:
                    ++expected.bottom_first;
                    break;
                case FieldType::Progressive:
                    ++expected.progressive;
                    break;
                case FieldType::Undetermined:
                    ++expected.undetermined;
                    break;
            }
        }
        const InterlaceResult got = detect(frames);
        EXPECT_EQ(got.top_first, expected.top_first) << info(format).name;
        EXPECT_EQ(got.bottom_first, expected.bottom_first) << info(format).name;
        EXPECT_EQ(got.progressive, expected.progressive) << info(format).name;
        EXPECT_EQ(got.undetermined, expected.undetermined) << info(format).name;
    }
}

// The SIMD row kernel against a scalar transcription of the same sums (checkasm-style parity).
TEST(MeasureCombing, SumsMatchScalarReference) {
    std::mt19937 rng(3);
    for (int w : {1, 15, 16, 33, 200}) {
        const Plane prev = random_plane(rng, w, 13, 255), cur = random_plane(rng, w, 13, 255);
        const CombingMeasure m = measure_combing(frame_of(cur, PixelFormat::Gray8), nullptr, {});
        std::array<int64_t, 2> delta{};
        for (int y = 2; y < 11; ++y) delta[y & 1] += idet_line(cur[y - 1], cur[y], cur[y + 1]);
        EXPECT_EQ(m.delta, delta) << w;
        EXPECT_EQ(m.alpha_previous, delta) << "a first frame is its own predecessor";
        const Frame prev_frame = frame_of(prev, PixelFormat::Gray8);
        const CombingMeasure with_prev =
            measure_combing(frame_of(cur, PixelFormat::Gray8), &prev_frame, {});
        std::array<int64_t, 2> alpha{}, for_prev{};
        for (int y = 2; y < 11; ++y) {
            alpha[y & 1] += idet_line(cur[y - 1], prev[y], cur[y + 1]);
            for_prev[(y ^ 1) & 1] += idet_line(prev[y - 1], cur[y], prev[y + 1]);
        }
        EXPECT_EQ(with_prev.alpha_previous, alpha) << w;
        EXPECT_EQ(with_prev.alpha_for_previous, for_prev) << w;
        EXPECT_TRUE(with_prev.has_previous);
    }
}

TEST(InterlaceDetector, FindsTopFieldFirst) {
    std::vector<Frame> frames;
    for (int k = 0; k < 12; ++k) frames.push_back(woven_frame(k, true, PixelFormat::Yuv420p8));
    const InterlaceResult r = detect(frames);
    EXPECT_EQ(r.detected, "tff");
    EXPECT_GE(r.top_first, 10);
    EXPECT_TRUE(r.combed.empty());
}

TEST(InterlaceDetector, FindsBottomFieldFirst) {
    std::vector<Frame> frames;
    for (int k = 0; k < 12; ++k) frames.push_back(woven_frame(k, false, PixelFormat::Yuv422p10));
    const InterlaceResult r = detect(frames);
    EXPECT_EQ(r.detected, "bff");
    EXPECT_GE(r.bottom_first, 10);
}

TEST(InterlaceDetector, FindsProgressiveAndACombedRunInside) {
    std::vector<Frame> frames;
    for (int k = 0; k < 30; ++k)
        frames.push_back(k >= 12 && k < 20 ? woven_frame(k, true, PixelFormat::Yuv420p8)
                                           : progressive_frame(k, PixelFormat::Yuv420p8));
    const InterlaceResult r = detect(frames);
    EXPECT_EQ(r.detected, "progressive");
    ASSERT_EQ(r.combed.size(), 1u);
    // idet's multi-frame class lags: it switches once the last four determined frames agree
    // (a frame straddling the change may still look interlaced), so up to four frames late.
    EXPECT_GE(r.combed[0].first, 12);
    EXPECT_LE(r.combed[0].first, 16);
    EXPECT_GE(r.combed[0].last, 19);
    EXPECT_LE(r.combed[0].last, 24);
}

// Packed, planar RGB and float storage are measured on G; 16-bit at 14 bits.
TEST(InterlaceDetector, WorksOnEveryStorage) {
    for (PixelFormat format :
         {PixelFormat::Rgb8, PixelFormat::Rgba16, PixelFormat::Gbrp10, PixelFormat::RgbaHalf,
          PixelFormat::RgbFloat, PixelFormat::Yuv444p16, PixelFormat::Gray16}) {
        std::vector<Frame> frames;
        for (int k = 0; k < 8; ++k) frames.push_back(woven_frame(k, true, format));
        EXPECT_EQ(detect(frames).detected, "tff") << info(format).name;
    }
}

TEST(MeasureCombing, CombScoreSeparatesWovenFromProgressive) {
    const Frame woven = woven_frame(3, true, PixelFormat::Yuv420p8, 192, 128);
    const Frame still = progressive_frame(3, PixelFormat::Yuv420p8, 192, 128);
    EXPECT_GT(measure_combing(woven, nullptr, {}).comb_score, 0.2);
    EXPECT_LT(measure_combing(still, nullptr, {}).comb_score, 0.01);
}

// 2:3 pulldown's third frame carries the second picture's top field again.
TEST(MeasureCombing, FindsARepeatedTopField) {
    const Frame before = progressive_frame(1, PixelFormat::Yuv420p8);
    const Frame repeat = make_frame(96, 64, PixelFormat::Yuv420p8, [](int x, int y) {
        return scene(x, y, y % 2 == 0 ? 1.0 : 2.0);
    });
    EXPECT_EQ(measure_combing(repeat, &before, {}).repeated_field, 1);
    const Frame bottom_repeat = make_frame(96, 64, PixelFormat::Yuv420p8, [](int x, int y) {
        return scene(x, y, y % 2 == 1 ? 1.0 : 2.0);
    });
    EXPECT_EQ(measure_combing(bottom_repeat, &before, {}).repeated_field, 2);
    EXPECT_EQ(
        measure_combing(progressive_frame(2, PixelFormat::Yuv420p8), &before, {}).repeated_field,
        0);
}

TEST(MeasureCombing, FirstFrameAndMismatchedPredecessorHaveNoPrevious) {
    const Frame a = progressive_frame(0, PixelFormat::Yuv420p8);
    const Frame other_size = progressive_frame(0, PixelFormat::Yuv420p8, 64, 64);
    EXPECT_FALSE(measure_combing(a, nullptr, {}).has_previous);
    const CombingMeasure m = measure_combing(a, &other_size, {});
    EXPECT_FALSE(m.has_previous);
    EXPECT_EQ(m.repeated_field, 0);
    EXPECT_EQ(m.alpha_for_previous, (std::array<int64_t, 2>{0, 0}));
}

TEST(MeasureCombing, TinyFramesGiveEmptyMeasures) {
    const Frame tiny = progressive_frame(0, PixelFormat::Yuv444p8, 8, 4);
    const CombingMeasure m = measure_combing(tiny, nullptr, {});
    EXPECT_EQ(m.type, FieldType::Undetermined);
    EXPECT_EQ(m.comb_score, 0.0);
}

}  // namespace
}  // namespace media::analysis
