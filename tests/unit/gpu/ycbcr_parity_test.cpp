// SPDX-License-Identifier: Apache-2.0
// The colour family's scalar references (gpu/ref/color_chain.cpp) against libmedia's CPU path:
// media::color::ycbcr_to_rgb / rgb_to_ycbcr on random frames of every layout, depth, matrix,
// range and siting, and ColorProcessor::apply on packed frames with the processor's exported
// program. The references are what the CUDA kernels are checked against on a GPU, so they must
// be libmedia's results.
//
// Tolerances:
// - Y'CbCr <-> R'G'B': exact (float bits and codes). The references run libmedia's float
//   operations in libmedia's order, and the project's host code is ISO C++ without FMA
//   contraction on either side.
// - Colour programs: libmedia runs matrix, CDL and 3D LUT as Highway SIMD kernels
//   (color_ops_simd.cpp) while the references run the scalar per-pixel evaluator
//   (apply_color_program): the CDL power is Highway's Exp(p * Log(x)) there and std::pow here
//   (a few ulp apart), the saturation luma and the LUT weights are fused multiply-adds there
//   (on AVX2/AVX3 targets) and separate roundings here. Float results are within kFloatTol =
//   1e-6 abs (measured: 3e-7, a few ulp of values below 1.2; the LUT's slopes are below 2);
//   half floats within one half ulp (a float ulp flips the rounding to half near a tie);
//   16-bit codes within one code (likewise near .5: ~0.1 % of the samples); the non-finite
//   counts are equal.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "color/ycbcr_internal.h"

#include "../../../libmedia/src/color/color_ops.h"
#include "media/color/color_pipeline.h"
#include "media/color/color_processor.h"
#include "media/color/ycbcr.h"
#include "media/frame/frame.h"
#include "media/frame/half.h"
#include "scratch_dir.h"
#include "slate_gpu/color_chain.h"

namespace {

using media::ChromaLocation;
using media::Frame;
using media::PixelFormat;
using media::color::YcbcrDesc;
using media::color::YcbcrMatrix;

constexpr double kFloatTol = 1e-6;

Frame allocate(PixelFormat format, int width, int height) {
    auto frame = Frame::allocate(media::FrameSpec{width, height, format, {}});
    EXPECT_TRUE(frame.ok());
    return frame.ok() ? *frame : Frame{};
}

slate_gpu::ChromaSiting siting_of(ChromaLocation location) {
    const media::color::detail::Siting siting = media::color::detail::siting_of(location);
    return {siting.horizontal, siting.vertical};
}

slate_gpu::YcbcrFormat format_of(PixelFormat format, const YcbcrDesc& desc) {
    const media::PixelFormatInfo& fi = media::info(format);
    slate_gpu::YcbcrFormat f;
    f.bit_depth = fi.bit_depth;
    f.range = desc.full_range ? slate_gpu::Range::Full : slate_gpu::Range::Narrow;
    f.layout = fi.log2_chroma_h > 0   ? slate_gpu::ChromaLayout::C420
               : fi.log2_chroma_w > 0 ? slate_gpu::ChromaLayout::C422
                                      : slate_gpu::ChromaLayout::C444;
    f.siting = siting_of(desc.siting);
    switch (desc.matrix) {
        case YcbcrMatrix::Bt601:
            f.kr = 0.299, f.kb = 0.114;
            break;
        case YcbcrMatrix::Bt709:
            f.kr = 0.2126, f.kb = 0.0722;
            break;
        case YcbcrMatrix::Bt2020Ncl:
            f.kr = 0.2627, f.kb = 0.0593;
            break;
    }
    return f;
}

template <typename T>
slate_gpu::Plane<const T> cplane(const Frame& frame, int p) {
    const auto view = frame.plane<T>(p);
    return {view.data(), static_cast<std::ptrdiff_t>(view.stride_bytes()), view.width(),
            view.height()};
}

template <typename T>
slate_gpu::Plane<T> mplane(Frame& frame, int p) {
    const auto view = frame.mutable_plane<T>(p);
    return {view.data(), static_cast<std::ptrdiff_t>(view.stride_bytes()), view.width(),
            view.height()};
}

template <typename T>
slate_gpu::YcbcrPlanes<const T> in_planes(const Frame& frame) {
    return {cplane<T>(frame, 0), cplane<T>(frame, 1), cplane<T>(frame, 2)};
}

template <typename T>
slate_gpu::YcbcrPlanes<T> out_planes(Frame& frame) {
    return {mplane<T>(frame, 0), mplane<T>(frame, 1), mplane<T>(frame, 2)};
}

// Random codes 0..top in every plane of a Y'CbCr frame.
Frame random_ycbcr(PixelFormat format, int width, int height, uint32_t top, uint32_t seed) {
    Frame frame = allocate(format, width, height);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<uint32_t> code(0, top);
    const media::PixelFormatInfo& fi = media::info(format);
    for (int p = 0; p < 3; ++p)
        for (int y = 0; y < fi.plane_height(p, height); ++y)
            for (int x = 0; x < fi.plane_width(p, width); ++x) {
                if (fi.bytes_per_sample == 1)
                    frame.mutable_plane<uint8_t>(p).row(y)[x] = static_cast<uint8_t>(code(rng));
                else
                    frame.mutable_plane<uint16_t>(p).row(y)[x] = static_cast<uint16_t>(code(rng));
            }
    return frame;
}

// Planar float copies of an RgbFloat frame's channels.
struct Planar {
    int width = 0, height = 0;
    std::vector<float> c[3];
    slate_gpu::Plane<float> plane(int i) {
        return {c[i].data(), static_cast<std::ptrdiff_t>(width * sizeof(float)), width, height};
    }
    slate_gpu::Plane<const float> cplane(int i) const {
        return {c[i].data(), static_cast<std::ptrdiff_t>(width * sizeof(float)), width, height};
    }
};

Planar planar_of(const Frame& rgb) {
    Planar p;
    p.width = rgb.width();
    p.height = rgb.height();
    for (auto& v : p.c) v.resize(static_cast<size_t>(p.width) * static_cast<size_t>(p.height));
    const auto view = rgb.plane<float>(0);
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x)
            for (int i = 0; i < 3; ++i)
                p.c[i][static_cast<size_t>(y * p.width + x)] = view.row(y)[3 * x + i];
    return p;
}

constexpr PixelFormat kYcbcrFormats[] = {
    PixelFormat::Yuv420p8, PixelFormat::Yuv420p10, PixelFormat::Yuv420p12, PixelFormat::Yuv420p16,
    PixelFormat::Yuv422p8, PixelFormat::Yuv422p10, PixelFormat::Yuv422p12, PixelFormat::Yuv422p16,
    PixelFormat::Yuv444p8, PixelFormat::Yuv444p10, PixelFormat::Yuv444p12, PixelFormat::Yuv444p16};
constexpr YcbcrMatrix kMatrices[] = {YcbcrMatrix::Bt601, YcbcrMatrix::Bt709,
                                     YcbcrMatrix::Bt2020Ncl};
constexpr ChromaLocation kSitings[] = {ChromaLocation::Left, ChromaLocation::Center,
                                       ChromaLocation::TopLeft, ChromaLocation::BottomLeft};
struct Size {
    int width, height;
};
constexpr Size kSizes[] = {{1, 1}, {2, 1}, {1, 3}, {7, 5}, {34, 17}};

std::string case_name(PixelFormat format, const YcbcrDesc& desc, Size size) {
    return std::string(media::info(format).name) + " matrix " +
           std::to_string(static_cast<int>(desc.matrix)) + (desc.full_range ? " full" : " narrow") +
           " siting " + std::to_string(static_cast<int>(desc.siting)) + " " +
           std::to_string(size.width) + "x" + std::to_string(size.height);
}

// ref::ycbcr_to_rgb of a frame == media::color::ycbcr_to_rgb, bit for bit; `top` is the
// largest code drawn (above the depth's maximum: garbage high bits, used as they are).
void expect_decode_equal(PixelFormat format, const YcbcrDesc& desc, Size size, uint32_t top,
                         uint32_t seed) {
    const Frame in = random_ycbcr(format, size.width, size.height, top, seed);
    auto want = media::color::ycbcr_to_rgb(in, desc);
    ASSERT_TRUE(want.ok());
    Planar got;
    got.width = size.width;
    got.height = size.height;
    for (auto& v : got.c) v.resize(static_cast<size_t>(size.width * size.height));
    const slate_gpu::YcbcrFormat f = format_of(format, desc);
    bool ok = false;
    if (media::info(format).bytes_per_sample == 1)
        ok = slate_gpu::ref::ycbcr_to_rgb(slate_gpu::YcbcrToRgbArgs<uint8_t>{
            in_planes<uint8_t>(in), f, got.plane(0), got.plane(1), got.plane(2)});
    else
        ok = slate_gpu::ref::ycbcr_to_rgb(slate_gpu::YcbcrToRgbArgs<uint16_t>{
            in_planes<uint16_t>(in), f, got.plane(0), got.plane(1), got.plane(2)});
    ASSERT_TRUE(ok) << case_name(format, desc, size);
    const Planar expected = planar_of(*want);
    int mismatches = 0;
    for (int i = 0; i < 3; ++i)
        for (size_t k = 0; k < got.c[i].size(); ++k)
            if (std::memcmp(&got.c[i][k], &expected.c[i][k], sizeof(float)) != 0 &&
                mismatches++ == 0)
                ADD_FAILURE() << case_name(format, desc, size) << ": channel " << i << " sample "
                              << k << ": reference " << got.c[i][k] << ", libmedia "
                              << expected.c[i][k];
    EXPECT_EQ(mismatches, 0) << case_name(format, desc, size);
}

TEST(YcbcrParity, DecodeEqualsLibmediaForEveryFormat) {
    uint32_t seed = 1;
    for (const PixelFormat format : kYcbcrFormats)
        for (const YcbcrMatrix matrix : kMatrices)
            for (const bool full : {false, true})
                for (const ChromaLocation siting : kSitings)
                    for (const Size size : kSizes) {
                        const YcbcrDesc desc{matrix, full, siting};
                        const uint32_t top = (1u << media::info(format).bit_depth) - 1u;
                        expect_decode_equal(format, desc, size, top, seed++);
                    }
}

TEST(YcbcrParity, DecodeEqualsLibmediaOnLargeFramesAndGarbageHighBits) {
    // Large enough for libmedia's parallel row bands.
    expect_decode_equal(PixelFormat::Yuv420p10,
                        {YcbcrMatrix::Bt2020Ncl, false, ChromaLocation::TopLeft}, {723, 401}, 1023,
                        11);
    expect_decode_equal(PixelFormat::Yuv422p8, {YcbcrMatrix::Bt709, true, ChromaLocation::Center},
                        {801, 333}, 255, 12);
    // 10-bit codes with garbage in the high bits of their 16-bit containers.
    expect_decode_equal(PixelFormat::Yuv420p10, {YcbcrMatrix::Bt709, false, ChromaLocation::Left},
                        {37, 21}, 65535, 13);
}

// A random RgbFloat frame: mostly -0.2..1.2, with NaN, infinities and huge values.
Frame random_rgb(int width, int height, uint32_t seed, bool special = true) {
    Frame frame = allocate(PixelFormat::RgbFloat, width, height);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> value(-0.2f, 1.2f);
    std::uniform_int_distribution<int> pick(0, 63);
    const float specials[] = {std::nanf(""), INFINITY, -INFINITY, 3.0e7f, -2.0e9f, 1e-39f};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < 3 * width; ++x) {
            const int p = pick(rng);
            frame.mutable_plane<float>(0).row(y)[x] = special && p < 6 ? specials[p] : value(rng);
        }
    return frame;
}

void expect_encode_equal(PixelFormat format, const YcbcrDesc& desc, Size size, uint32_t seed) {
    const Frame rgb = random_rgb(size.width, size.height, seed);
    auto want = media::color::rgb_to_ycbcr(rgb, format, desc);
    ASSERT_TRUE(want.ok());
    Frame got = allocate(format, size.width, size.height);
    const Planar in = planar_of(rgb);
    const slate_gpu::YcbcrFormat f = format_of(format, desc);
    const media::PixelFormatInfo& fi = media::info(format);
    bool ok = false;
    if (fi.bytes_per_sample == 1)
        ok = slate_gpu::ref::rgb_to_ycbcr(slate_gpu::RgbToYcbcrArgs<uint8_t>{
            in.cplane(0), in.cplane(1), in.cplane(2), f, out_planes<uint8_t>(got)});
    else
        ok = slate_gpu::ref::rgb_to_ycbcr(slate_gpu::RgbToYcbcrArgs<uint16_t>{
            in.cplane(0), in.cplane(1), in.cplane(2), f, out_planes<uint16_t>(got)});
    ASSERT_TRUE(ok) << case_name(format, desc, size);
    int mismatches = 0;
    for (int p = 0; p < 3; ++p)
        for (int y = 0; y < fi.plane_height(p, size.height); ++y)
            for (int x = 0; x < fi.plane_width(p, size.width); ++x) {
                const int a = fi.bytes_per_sample == 1 ? got.plane<uint8_t>(p).row(y)[x]
                                                       : got.plane<uint16_t>(p).row(y)[x];
                const int b = fi.bytes_per_sample == 1 ? want->plane<uint8_t>(p).row(y)[x]
                                                       : want->plane<uint16_t>(p).row(y)[x];
                if (a != b && mismatches++ == 0)
                    ADD_FAILURE() << case_name(format, desc, size) << ": plane " << p << " (" << x
                                  << ", " << y << "): reference " << a << ", libmedia " << b;
            }
    EXPECT_EQ(mismatches, 0) << case_name(format, desc, size);
}

TEST(YcbcrParity, EncodeEqualsLibmediaForEveryFormat) {
    uint32_t seed = 100;
    for (const PixelFormat format : kYcbcrFormats)
        for (const YcbcrMatrix matrix : kMatrices)
            for (const bool full : {false, true})
                for (const ChromaLocation siting : kSitings)
                    for (const Size size : kSizes)
                        expect_encode_equal(format, {matrix, full, siting}, size, seed++);
}

TEST(YcbcrParity, EncodeEqualsLibmediaOnLargeFrames) {
    expect_encode_equal(PixelFormat::Yuv420p10,
                        {YcbcrMatrix::Bt2020Ncl, false, ChromaLocation::TopLeft}, {723, 401}, 21);
    expect_encode_equal(PixelFormat::Yuv422p12, {YcbcrMatrix::Bt601, true, ChromaLocation::Center},
                        {641, 481}, 22);
}

// ---- Colour programs ---------------------------------------------------------------------------

// A 17^3 .cube of a smooth function (values printed with 9 digits: they read back exactly).
std::string write_cube(const media::test::ScratchDir& dir) {
    const std::string path = dir.file("grade.cube");
    std::FILE* file = std::fopen(path.c_str(), "w");
    EXPECT_NE(file, nullptr);
    if (file == nullptr) return path;
    constexpr int n = 17;
    std::fprintf(file, "LUT_3D_SIZE %d\n", n);
    for (int b = 0; b < n; ++b)
        for (int g = 0; g < n; ++g)
            for (int r = 0; r < n; ++r) {
                const double x = r / double(n - 1), y = g / double(n - 1), z = b / double(n - 1);
                std::fprintf(file, "%.9g %.9g %.9g\n",
                             static_cast<float>(0.85 * x + 0.08 * std::sin(3.0 * y) + 0.05 * z * z),
                             static_cast<float>(0.9 * y + 0.06 * x * z + 0.03 * std::cos(2.0 * x)),
                             static_cast<float>(0.8 * z + 0.1 * std::sqrt(x * y) + 0.04));
            }
    std::fclose(file);
    return path;
}

media::color::ColorPipelineDesc grade(const std::string& cube, const char* interpolation) {
    using media::color::ColorStep;
    media::color::ColorPipelineDesc desc;
    ColorStep matrix;
    matrix.kind = ColorStep::Kind::Matrix;
    matrix.matrix = {{{1.05, -0.03, -0.02}, {-0.02, 1.04, -0.02}, {-0.01, -0.04, 1.05}}};
    matrix.offset = {0.01, -0.005, 0.002};
    ColorStep cdl;
    cdl.kind = ColorStep::Kind::Cdl;
    cdl.cdl.slope = {1.1, 0.95, 1.02};
    cdl.cdl.offset = {-0.02, 0.01, 0.0};
    cdl.cdl.power = {1.2, 0.9, 1.05};
    cdl.cdl.saturation = 1.15;
    ColorStep lut;
    lut.kind = ColorStep::Kind::Lut;
    lut.path = cube;
    lut.interpolation = interpolation;
    desc.steps = {matrix, cdl, lut};
    return desc;
}

struct Processor {
    media::color::ColorProcessor processor;
    slate_gpu::ColorProgram program;
};

// The processor and its exported program (host table pointers into the processor's ops).
std::optional<Processor> make_processor(const std::string& cube, const char* interpolation) {
    auto processor = media::color::ColorProcessor::create(grade(cube, interpolation));
    EXPECT_TRUE(processor.ok());
    if (!processor.ok()) return std::nullopt;
    const auto& exported = media::color::detail::exported_program(*processor);
    EXPECT_TRUE(exported.unsupported.empty()) << exported.unsupported;
    EXPECT_EQ(exported.program.count, 3);
    slate_gpu::ColorProgram program = exported.program;
    return Processor{std::move(*processor), program};
}

Frame random_packed(PixelFormat format, int width, int height, uint32_t seed) {
    Frame frame = allocate(format, width, height);
    std::mt19937 rng(seed);
    const media::PixelFormatInfo& fi = media::info(format);
    const int samples = width * fi.components;
    std::uniform_int_distribution<int> code(0, 65535), pick(0, 63);
    std::uniform_real_distribution<float> value(-0.2f, 1.2f);
    const float specials[] = {std::nanf(""), INFINITY, -INFINITY, 3.0e7f};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < samples; ++x) {
            if (fi.sample_type == media::SampleType::U16) {
                frame.mutable_plane<uint16_t>(0).row(y)[x] = static_cast<uint16_t>(code(rng));
            } else if (fi.sample_type == media::SampleType::F16) {
                const int p = pick(rng);
                frame.mutable_plane<uint16_t>(0).row(y)[x] =
                    media::float_to_half(p < 4 ? specials[p] : value(rng));
            } else {
                const int p = pick(rng);
                frame.mutable_plane<float>(0).row(y)[x] = p < 4 ? specials[p] : value(rng);
            }
        }
    return frame;
}

slate_gpu::PackedSample packed_sample(PixelFormat format) {
    switch (media::info(format).sample_type) {
        case media::SampleType::U8:
            return slate_gpu::PackedSample::U8;
        case media::SampleType::U16:
            return slate_gpu::PackedSample::U16;
        case media::SampleType::F16:
            return slate_gpu::PackedSample::F16;
        default:
            return slate_gpu::PackedSample::F32;
    }
}

void expect_program_close(const Processor& p, PixelFormat format, Size size, uint32_t seed) {
    const Frame source = random_packed(format, size.width, size.height, seed);
    auto cloned = source.clone();
    ASSERT_TRUE(cloned.ok());
    Frame want = std::move(*cloned);
    media::color::ApplyStats stats;
    ASSERT_TRUE(p.processor.apply(want, &stats).ok());
    cloned = source.clone();
    ASSERT_TRUE(cloned.ok());
    Frame got = std::move(*cloned);
    const media::PixelFormatInfo& fi = media::info(format);
    unsigned long long nonfinite = 0;
    slate_gpu::ProgramPackedArgs args;
    args.data = got.mutable_plane<uint8_t>(0).data();
    args.pitch = static_cast<std::ptrdiff_t>(got.plane_stride(0));
    args.width = size.width;
    args.height = size.height;
    args.channels = fi.components;
    args.sample = packed_sample(format);
    args.program = p.program;
    args.nonfinite = &nonfinite;
    ASSERT_TRUE(slate_gpu::ref::apply_program(args));
    EXPECT_EQ(static_cast<int64_t>(nonfinite), stats.nonfinite_pixels) << fi.name;

    double max_error = 0.0;
    int exact = 0, total = 0;
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width * fi.components; ++x) {
            double a = 0, b = 0;
            if (fi.sample_type == media::SampleType::F32) {
                a = got.plane<float>(0).row(y)[x];
                b = want.plane<float>(0).row(y)[x];
            } else if (fi.sample_type == media::SampleType::F16) {
                a = media::half_to_float(got.plane<uint16_t>(0).row(y)[x]);
                b = media::half_to_float(want.plane<uint16_t>(0).row(y)[x]);
            } else {
                a = got.plane<uint16_t>(0).row(y)[x];
                b = want.plane<uint16_t>(0).row(y)[x];
            }
            ++total;
            if (std::isnan(a) || std::isnan(b)) {
                EXPECT_TRUE(std::isnan(a) && std::isnan(b))
                    << fi.name << " (" << x << ", " << y << ")";
                ++exact;
                continue;
            }
            exact += a == b;
            max_error = std::max(max_error, std::fabs(a - b));
        }
    const double tolerance = fi.sample_type == media::SampleType::U16 ? 1.0
                             : fi.sample_type == media::SampleType::F16
                                 ? 0x1p-10  // a half ulp below 2
                                 : kFloatTol;
    EXPECT_LE(max_error, tolerance) << fi.name;
    std::printf("  %s %dx%d: %d of %d samples equal, max difference %.3g\n", fi.name.data(),
                size.width, size.height, exact, total, max_error);
}

TEST(YcbcrParity, PackedProgramMatchesColorProcessor) {
    const media::test::ScratchDir dir;
    const std::string cube = write_cube(dir);
    for (const char* interpolation : {"tetrahedral", "linear"}) {
        auto p = make_processor(cube, interpolation);
        ASSERT_TRUE(p.has_value());
        for (const PixelFormat format :
             {PixelFormat::Rgb16, PixelFormat::Rgba16, PixelFormat::RgbFloat,
              PixelFormat::RgbaFloat, PixelFormat::RgbaHalf})
            expect_program_close(*p, format, {613, 97}, 5);
    }
}

// The fused chain against libmedia's three steps: ycbcr_to_rgb, ColorProcessor::apply,
// rgb_to_ycbcr. Codes within one (the program's SIMD/scalar ulps, as above).
TEST(YcbcrParity, ChainMatchesLibmediaSteps) {
    const media::test::ScratchDir dir;
    const std::string cube = write_cube(dir);
    auto p = make_processor(cube, "tetrahedral");
    ASSERT_TRUE(p.has_value());
    struct Case {
        PixelFormat in, out;
        YcbcrDesc in_desc, out_desc;
    };
    const Case cases[] = {
        {PixelFormat::Yuv420p10,
         PixelFormat::Yuv420p10,
         {YcbcrMatrix::Bt2020Ncl, false, ChromaLocation::TopLeft},
         {YcbcrMatrix::Bt2020Ncl, false, ChromaLocation::TopLeft}},
        {PixelFormat::Yuv420p10,
         PixelFormat::Yuv422p12,
         {YcbcrMatrix::Bt709, false, ChromaLocation::Left},
         {YcbcrMatrix::Bt709, true, ChromaLocation::Left}},
        {PixelFormat::Yuv444p16,
         PixelFormat::Yuv420p16,
         {YcbcrMatrix::Bt601, true, ChromaLocation::Center},
         {YcbcrMatrix::Bt601, false, ChromaLocation::Center}},
    };
    for (const Case& c : cases) {
        const Size size{83, 45};
        const uint32_t top = (1u << media::info(c.in).bit_depth) - 1u;
        const Frame in = random_ycbcr(c.in, size.width, size.height, top, 77);
        auto rgb = media::color::ycbcr_to_rgb(in, c.in_desc);
        ASSERT_TRUE(rgb.ok());
        ASSERT_TRUE(p->processor.apply(*rgb).ok());
        auto want = media::color::rgb_to_ycbcr(*rgb, c.out, c.out_desc);
        ASSERT_TRUE(want.ok());
        Frame got = allocate(c.out, size.width, size.height);
        const slate_gpu::ColorChainArgs<uint16_t, uint16_t> args{
            in_planes<uint16_t>(in), format_of(c.in, c.in_desc), p->program,
            out_planes<uint16_t>(got), format_of(c.out, c.out_desc)};
        ASSERT_TRUE(slate_gpu::ref::color_chain(args));
        const media::PixelFormatInfo& fi = media::info(c.out);
        int max_error = 0, differ = 0;
        for (int plane = 0; plane < 3; ++plane)
            for (int y = 0; y < fi.plane_height(plane, size.height); ++y)
                for (int x = 0; x < fi.plane_width(plane, size.width); ++x) {
                    const int d = std::abs(got.plane<uint16_t>(plane).row(y)[x] -
                                           want->plane<uint16_t>(plane).row(y)[x]);
                    max_error = std::max(max_error, d);
                    differ += d != 0;
                }
        EXPECT_LE(max_error, 1) << fi.name;
        std::printf("  chain -> %s: %d codes differ by one\n", fi.name.data(), differ);
    }
}

}  // namespace
