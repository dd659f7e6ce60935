// SPDX-License-Identifier: Apache-2.0
// The graded-frame chain of the GPU issue on the CPU: UHD 10-bit 4:2:0 Y'CbCr (BT.709 narrow)
// -> R'G'B' float -> BT.709-to-BT.2020 matrix -> CDL (slope, offset, power, saturation) -> 33^3
// tetrahedral LUT -> Y'CbCr, with the same parameters and LUT as slate-gpu-selftest's chain
// (gpu/selftest/chain_bench.cpp), through libmedia's CPU path (ycbcr_to_rgb, ColorProcessor on
// Highway SIMD, rgb_to_ycbcr), limited to N threads with tbb::global_control.
//
//   slate_bench_graded_chain_cpu [--threads N] [--runs N]
//
// Prints the median milliseconds per frame and frames/s: the CPU side of the GPU chain's ratio.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <tbb/global_control.h>

#include "media/color/color_pipeline.h"
#include "media/color/color_processor.h"
#include "media/color/lut.h"
#include "media/color/ycbcr.h"
#include "media/frame/frame.h"

namespace color = media::color;
using media::Frame;
using media::FrameSpec;
using media::PixelFormat;

namespace {

constexpr int kWidth = 3840;
constexpr int kHeight = 2160;
constexpr int kLutSize = 33;

// The selftest's LUT: a smoothstep per channel with 15 % of the mean mixed in.
color::LutFile make_lut() {
    color::Lut3D cube;
    cube.size = kLutSize;
    cube.domain_min = {0, 0, 0};
    cube.domain_max = {1, 1, 1};
    cube.table.reserve(static_cast<size_t>(kLutSize) * kLutSize * kLutSize * 3);
    for (int b = 0; b < kLutSize; ++b)
        for (int g = 0; g < kLutSize; ++g)
            for (int r = 0; r < kLutSize; ++r) {
                const float x[3] = {static_cast<float>(r) / 32.0f, static_cast<float>(g) / 32.0f,
                                    static_cast<float>(b) / 32.0f};
                const float mean = (x[0] + x[1] + x[2]) / 3.0f;
                for (float v : x)
                    cube.table.push_back(0.85f * (v * v * (3.0f - 2.0f * v)) + 0.15f * mean);
            }
    color::LutFile lut;
    lut.title = "graded chain benchmark";
    lut.cube = std::move(cube);
    return lut;
}

color::ColorPipelineDesc make_pipeline(const std::string& cube_path) {
    color::ColorPipelineDesc desc;
    color::ColorStep matrix;
    matrix.kind = color::ColorStep::Kind::Matrix;
    matrix.matrix = {
        {{0.6274, 0.3293, 0.0433}, {0.0691, 0.9195, 0.0114}, {0.0164, 0.0880, 0.8956}}};
    desc.steps.push_back(matrix);
    color::ColorStep cdl;
    cdl.kind = color::ColorStep::Kind::Cdl;
    cdl.cdl.slope = {1.05, 1.07, 1.09};
    cdl.cdl.offset = {-0.01, -0.01, -0.01};
    cdl.cdl.power = {1.1, 1.1, 1.1};
    cdl.cdl.saturation = 0.9;
    desc.steps.push_back(cdl);
    color::ColorStep lut;
    lut.kind = color::ColorStep::Kind::Lut;
    lut.path = cube_path;
    desc.steps.push_back(lut);
    return desc;
}

Frame make_picture() {
    auto frame = Frame::allocate(FrameSpec{kWidth, kHeight, PixelFormat::Yuv420p10, {}});
    if (!frame) std::abort();
    uint32_t state = 12345;
    uint64_t i = 0;
    for (int p = 0; p < 3; ++p) {
        auto plane = frame->mutable_plane<uint16_t>(p);
        for (int y = 0; y < plane.height(); ++y)
            for (int x = 0; x < plane.width(); ++x, ++i) {
                state = state * 1664525u + 1013904223u;
                plane.row(y)[x] = static_cast<uint16_t>(64 + (i * 7 + (state >> 24)) % 877);
            }
    }
    return std::move(*frame);
}

}  // namespace

int main(int argc, char** argv) {
    int threads = 2;
    int runs = 11;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--threads") threads = std::atoi(argv[i + 1]);
        if (arg == "--runs") runs = std::atoi(argv[i + 1]);
    }
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<size_t>(std::max(1, threads)));
    const auto dir = std::filesystem::temp_directory_path() / "slate-graded-chain";
    std::filesystem::create_directories(dir);
    const std::string cube = (dir / "chain.cube").string();
    if (!color::write_cube_file(cube, make_lut())) return 2;
    auto processor = color::ColorProcessor::create(make_pipeline(cube), media::DevicePolicy::Cpu);
    if (!processor) {
        std::fprintf(stderr, "%s\n", processor.error().to_string().c_str());
        return 2;
    }
    const Frame source = make_picture();
    color::YcbcrDesc desc;  // BT.709 narrow, chroma co-sited left
    auto rgb = Frame::allocate(FrameSpec{kWidth, kHeight, PixelFormat::RgbFloat, {}});
    auto out = Frame::allocate(FrameSpec{kWidth, kHeight, PixelFormat::Yuv420p10, {}});
    if (!rgb || !out) return 2;
    std::vector<double> ms;
    for (int run = 0; run < runs + 2; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        if (!color::ycbcr_to_rgb(source, desc, *rgb) || !processor->apply(*rgb) ||
            !color::rgb_to_ycbcr(*rgb, desc, *out))
            return 2;
        const double elapsed =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (run >= 2) ms.push_back(elapsed);  // two warm-up frames
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    std::printf(
        "graded chain on the CPU (%s, %d threads): UHD 10-bit 4:2:0, median %.1f ms/frame "
        "of %d, %.2f frames/s\n",
        processor->backend().c_str(), threads, median, runs, 1000.0 / median);
    std::filesystem::remove_all(dir);
    return 0;
}
