// SPDX-License-Identifier: Apache-2.0
// CDL + 33^3 tetrahedral LUT on RGB float frames: Slate's ColorProcessor against OpenColorIO's
// CPU processor applying the same transforms in the same process, at equal thread counts.
//
//   slate_bench_color_vs_ocio [--threads N] [--runs N] [--size 1080p|uhd|both]
//   slate_bench_color_vs_ocio --write-cube FILE   (writes the benchmark's LUT and exits)
//
// Slate runs ColorProcessor::apply(Frame&) (row bands on TBB, limited to N threads with
// tbb::global_control). OCIO runs getDefaultCPUProcessor() (what ocioconvert gets) on a
// PackedImageDesc per row band, one std::thread per band, since OCIO does not thread itself.
// Each timed run starts from a fresh copy of the same deterministic random frame (values 0..1);
// the copy is not timed. Runs alternate Slate, OCIO, Slate... so load on a shared machine hits
// both sides alike. Prints medians, Mpixel/s, ratio = Slate Mpx/s / OCIO Mpx/s (goal >= 1.0) and
// the largest absolute difference between the two outputs.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <OpenColorIO/OpenColorIO.h>
#include <fmt/format.h>
#include <tbb/global_control.h>

#include "media/color/color_pipeline.h"
#include "media/color/color_processor.h"
#include "media/frame/frame.h"

namespace OCIO = OCIO_NAMESPACE;
using media::Frame;
using media::FrameSpec;
using media::PixelFormat;
namespace color = media::color;

namespace {

constexpr int kCubeSize = 33;
constexpr int kWarmups = 2;

struct Options {
    int threads = 2;
    int runs = 15;
    bool hd = true;
    bool uhd = true;
    std::string write_cube;  ///< non-empty: write the LUT there and exit
};

struct FrameSize {
    const char* name;
    int width;
    int height;
};

[[noreturn]] void usage_exit(const std::string& problem) {
    if (!problem.empty()) std::fprintf(stderr, "slate_bench_color_vs_ocio: %s\n", problem.c_str());
    std::fprintf(stderr,
                 "usage: slate_bench_color_vs_ocio [--threads N] [--runs N] "
                 "[--size 1080p|uhd|both]\n"
                 "       slate_bench_color_vs_ocio --write-cube FILE\n");
    std::exit(3);
}

int positive_int(const std::string& flag, const char* text) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < 1 || value > 256)
        usage_exit(fmt::format("{} takes a whole number from 1 to 256, not '{}'", flag, text));
    return static_cast<int>(value);
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "-h" || flag == "--help") usage_exit("");
        if (i + 1 >= argc) usage_exit(fmt::format("{} needs a value", flag));
        const char* value = argv[++i];
        if (flag == "--threads") {
            options.threads = positive_int(flag, value);
        } else if (flag == "--runs") {
            options.runs = positive_int(flag, value);
        } else if (flag == "--size") {
            const std::string size = value;
            if (size != "1080p" && size != "uhd" && size != "both")
                usage_exit(fmt::format("--size takes 1080p, uhd or both, not '{}'", size));
            options.hd = size != "uhd";
            options.uhd = size != "1080p";
        } else if (flag == "--write-cube") {
            options.write_cube = value;
        } else {
            usage_exit(fmt::format("unknown option '{}'", flag));
        }
    }
    return options;
}

// A smooth, clearly non-identity look: a cross-channel mix (warm shadows, teal highlights), then
// a per-channel S-curve. Every output stays inside 0..1, so no entry clamps.
std::array<double, 3> bench_look(double r, double g, double b) {
    const double mixed_r = 0.80 * r + 0.15 * g + 0.05 * b;
    const double mixed_g = 0.10 * r + 0.80 * g + 0.10 * b;
    const double mixed_b = 0.05 * r + 0.25 * g + 0.70 * b;
    const auto s_curve = [](double x, double contrast, double lift) {
        const double smooth = x * x * (3.0 - 2.0 * x);
        return lift + (1.0 - lift) * ((1.0 - contrast) * x + contrast * smooth);
    };
    return {s_curve(mixed_r, 0.45, 0.02), s_curve(mixed_g, 0.35, 0.01),
            0.02 + 0.96 * s_curve(mixed_b, 0.25, 0.04) + 0.02 * std::sin(6.0 * r)};
}

// Written by hand (not with write_cube_file) so the benchmark needs nothing of Slate's LUT code
// beyond what ColorProcessor reads.
bool write_cube(const std::string& path) {
    std::ofstream out(path, std::ios::trunc);
    if (!out) return false;
    out << "TITLE \"slate bench look\"\n";
    out << "LUT_3D_SIZE " << kCubeSize << "\n";
    constexpr double kStep = 1.0 / (kCubeSize - 1);
    for (int b = 0; b < kCubeSize; ++b)
        for (int g = 0; g < kCubeSize; ++g)
            for (int r = 0; r < kCubeSize; ++r) {
                const auto rgb = bench_look(r * kStep, g * kStep, b * kStep);
                out << fmt::format("{:.7g} {:.7g} {:.7g}\n", std::clamp(rgb[0], 0.0, 1.0),
                                   std::clamp(rgb[1], 0.0, 1.0), std::clamp(rgb[2], 0.0, 1.0));
            }
    out.close();
    return static_cast<bool>(out);
}

color::CdlValues bench_cdl() {
    color::CdlValues cdl;
    cdl.slope = {1.10, 0.95, 0.90};
    cdl.offset = {0.02, -0.01, 0.03};
    cdl.power = {0.90, 1.05, 1.20};
    cdl.saturation = 1.15;
    return cdl;
}

Frame make_frame(int width, int height) {
    auto frame = Frame::allocate(FrameSpec{width, height, PixelFormat::RgbFloat, {}});
    if (!frame) {
        std::fprintf(stderr, "cannot allocate a %dx%d frame: %s\n", width, height,
                     frame.error().to_string().c_str());
        std::exit(2);
    }
    return std::move(frame).value();
}

float* pixels_of(Frame& frame) {
    return frame.mutable_plane<float>(0).data();
}

// xorshift64*: the same frame on every machine and library (std distributions are not portable).
void fill_random(Frame& frame) {
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    float* base = pixels_of(frame);
    const int64_t stride = frame.plane_stride(0);
    for (int y = 0; y < frame.height(); ++y) {
        auto* row = reinterpret_cast<float*>(reinterpret_cast<std::byte*>(base) + y * stride);
        for (int i = 0; i < frame.width() * 3; ++i) {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            const uint64_t bits = state * 0x2545F4914F6CDD1DULL;
            row[i] = static_cast<float>(bits >> 40) * (1.0f / 16777216.0f);  // 24 bits: 0..1
        }
    }
}

void copy_pixels(const Frame& from, Frame& to) {
    std::memcpy(pixels_of(to), from.plane_data(0),
                static_cast<size_t>(from.plane_stride(0)) * static_cast<size_t>(from.height()));
}

double max_abs_difference(const Frame& a, const Frame& b) {
    double worst = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        const auto* row_a = reinterpret_cast<const float*>(a.plane_data(0) + y * a.plane_stride(0));
        const auto* row_b = reinterpret_cast<const float*>(b.plane_data(0) + y * b.plane_stride(0));
        for (int i = 0; i < a.width() * 3; ++i) {
            const double difference = std::abs(double{row_a[i]} - double{row_b[i]});
            if (std::isnan(difference)) return INFINITY;  // a NaN on one side only is a failure
            worst = std::max(worst, difference);
        }
    }
    return worst;
}

OCIO::ConstCPUProcessorRcPtr ocio_processor(const color::CdlValues& cdl, const std::string& cube) {
    auto cdl_transform = OCIO::CDLTransform::Create();
    cdl_transform->setStyle(OCIO::CDL_ASC);
    cdl_transform->setSlope(cdl.slope.data());
    cdl_transform->setOffset(cdl.offset.data());
    cdl_transform->setPower(cdl.power.data());
    cdl_transform->setSat(cdl.saturation);
    auto lut_transform = OCIO::FileTransform::Create();
    lut_transform->setSrc(cube.c_str());
    lut_transform->setInterpolation(OCIO::INTERP_TETRAHEDRAL);
    auto group = OCIO::GroupTransform::Create();
    group->appendTransform(cdl_transform);
    group->appendTransform(lut_transform);
    const OCIO::ConstConfigRcPtr config = OCIO::Config::CreateRaw();
    return config->getProcessor(group)->getDefaultCPUProcessor();
}

// OCIO on `threads` row bands, one std::thread each (the calling thread takes the last band).
void apply_ocio(const OCIO::CPUProcessor& cpu, Frame& frame, int threads) {
    float* base = pixels_of(frame);
    const int64_t stride = frame.plane_stride(0);
    const int height = frame.height();
    const auto apply_rows = [&](int first, int last) {
        OCIO::PackedImageDesc band(reinterpret_cast<std::byte*>(base) + first * stride,
                                   frame.width(), last - first, 3, OCIO::BIT_DEPTH_F32,
                                   sizeof(float), 3 * sizeof(float), stride);
        cpu.apply(band);
    };
    std::vector<std::thread> workers;
    for (int t = 0; t + 1 < threads; ++t)
        workers.emplace_back(apply_rows, height * t / threads, height * (t + 1) / threads);
    apply_rows(height * (threads - 1) / threads, height);
    for (auto& worker : workers) worker.join();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

double seconds_of(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Measurement {
    double slate_seconds = 0.0;
    double ocio_seconds = 0.0;
    double max_difference = 0.0;
};

Measurement measure(const color::ColorProcessor& slate, const OCIO::CPUProcessor& ocio,
                    const Frame& source, int threads, int runs) {
    // The most restrictive live global_control wins, so this narrows the process-wide limit.
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<size_t>(threads));
    Frame slate_frame = make_frame(source.width(), source.height());
    Frame ocio_frame = make_frame(source.width(), source.height());
    std::vector<double> slate_times;
    std::vector<double> ocio_times;
    for (int run = 0; run < kWarmups + runs; ++run) {
        copy_pixels(source, slate_frame);
        const double slate_time = seconds_of([&] {
            if (auto done = slate.apply(slate_frame); !done) {
                std::fprintf(stderr, "ColorProcessor::apply failed: %s\n",
                             done.error().to_string().c_str());
                std::exit(1);
            }
        });
        copy_pixels(source, ocio_frame);
        const double ocio_time = seconds_of([&] { apply_ocio(ocio, ocio_frame, threads); });
        if (run < kWarmups) continue;
        slate_times.push_back(slate_time);
        ocio_times.push_back(ocio_time);
    }
    return {median(slate_times), median(ocio_times), max_abs_difference(slate_frame, ocio_frame)};
}

std::string cpu_model() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    if (!options.write_cube.empty()) {
        if (!write_cube(options.write_cube)) {
            std::fprintf(stderr, "cannot write %s\n", options.write_cube.c_str());
            return 2;
        }
        return 0;
    }

    const std::string cube =
        (std::filesystem::temp_directory_path() / "slate_bench_color_33.cube").string();
    if (!write_cube(cube)) {
        std::fprintf(stderr, "cannot write %s\n", cube.c_str());
        return 2;
    }
    const color::CdlValues cdl = bench_cdl();

    color::ColorPipelineDesc desc;
    color::ColorStep cdl_step;
    cdl_step.kind = color::ColorStep::Kind::Cdl;
    cdl_step.cdl = cdl;
    desc.steps.push_back(cdl_step);
    color::ColorStep lut_step;
    lut_step.kind = color::ColorStep::Kind::Lut;
    lut_step.path = cube;
    lut_step.interpolation = "tetrahedral";
    desc.steps.push_back(lut_step);
    auto slate = color::ColorProcessor::create(desc);
    if (!slate) {
        std::fprintf(stderr, "ColorProcessor::create failed: %s\n",
                     slate.error().to_string().c_str());
        return 1;
    }

    OCIO::ConstCPUProcessorRcPtr ocio;
    try {
        ocio = ocio_processor(cdl, cube);
    } catch (const OCIO::Exception& e) {
        std::fprintf(stderr, "OCIO processor failed: %s\n", e.what());
        return 1;
    }

    std::printf("machine: %u cores, %s\n", std::thread::hardware_concurrency(),
                cpu_model().c_str());
    std::printf(
        "OpenColorIO %s (getDefaultCPUProcessor); pipeline: CDL (ASC, sat %.2f) + %d^3 "
        "LUT (tetrahedral)\n",
        OCIO::GetVersion(), cdl.saturation, kCubeSize);
    std::printf(
        "RgbFloat frames, random 0..1; median of %d runs after %d warm-ups; ratio = "
        "slate Mpx/s / ocio Mpx/s (>= 1.0: Slate faster)\n\n",
        options.runs, kWarmups);
    std::printf("%-6s %7s %9s %10s %9s %10s %7s %10s\n", "size", "threads", "slate_ms", "slate_Mpx",
                "ocio_ms", "ocio_Mpx", "ratio", "max_diff");

    std::vector<FrameSize> sizes;
    if (options.hd) sizes.push_back({"1080p", 1920, 1080});
    if (options.uhd) sizes.push_back({"UHD", 3840, 2160});
    std::vector<int> thread_counts{options.threads};
    if (options.threads != 1) thread_counts.push_back(1);

    for (const FrameSize& size : sizes) {
        Frame source = make_frame(size.width, size.height);
        fill_random(source);
        const double megapixels = static_cast<double>(size.width) * size.height / 1e6;
        for (int threads : thread_counts) {
            const Measurement m = measure(*slate, *ocio, source, threads, options.runs);
            const double slate_rate = megapixels / m.slate_seconds;
            const double ocio_rate = megapixels / m.ocio_seconds;
            std::printf("%-6s %7d %9.2f %10.1f %9.2f %10.1f %7.3f %10.2e\n", size.name, threads,
                        1e3 * m.slate_seconds, slate_rate, 1e3 * m.ocio_seconds, ocio_rate,
                        slate_rate / ocio_rate, m.max_difference);
            std::fflush(stdout);
        }
    }
    return 0;
}
