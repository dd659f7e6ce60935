// SPDX-License-Identifier: Apache-2.0
#include "chain_bench.h"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "cuda_check.h"
#include "slate_gpu/kernels_color_cuda.h"

namespace slate_gpu::selftest {
namespace {

constexpr int kWidth = 3840;
constexpr int kHeight = 2160;
constexpr int kLutSize = 33;
constexpr int kWarmups = 5;
constexpr int kRuns = 31;
constexpr int kStreams = 3;
constexpr int kStreamedFrames = 240;

// Device memory freed with its owner.
class DeviceBlock {
public:
    explicit DeviceBlock(std::size_t bytes) {
        check(cudaMalloc(&m_data, bytes), "cudaMalloc");
        m_bytes = bytes;
    }
    ~DeviceBlock() { cudaFree(m_data); }
    DeviceBlock(const DeviceBlock&) = delete;
    DeviceBlock& operator=(const DeviceBlock&) = delete;
    void* data() const { return m_data; }
    std::size_t bytes() const { return m_bytes; }

private:
    void* m_data = nullptr;
    std::size_t m_bytes = 0;
};

class PinnedBlock {
public:
    explicit PinnedBlock(std::size_t bytes) {
        check(cudaMallocHost(&m_data, bytes), "cudaMallocHost");
        m_bytes = bytes;
    }
    ~PinnedBlock() { cudaFreeHost(m_data); }
    PinnedBlock(const PinnedBlock&) = delete;
    PinnedBlock& operator=(const PinnedBlock&) = delete;
    void* data() const { return m_data; }

private:
    void* m_data = nullptr;
    std::size_t m_bytes = 0;
};

// One 10-bit 4:2:0 picture as three tightly pitched planes inside one block of memory.
struct Layout420 {
    std::ptrdiff_t luma_pitch = kWidth * 2;
    std::ptrdiff_t chroma_pitch = ((kWidth + 1) / 2) * 2;
    int chroma_width = (kWidth + 1) / 2;
    int chroma_height = (kHeight + 1) / 2;
    std::size_t luma_bytes() const { return static_cast<std::size_t>(luma_pitch) * kHeight; }
    std::size_t chroma_bytes() const {
        return static_cast<std::size_t>(chroma_pitch) * static_cast<std::size_t>(chroma_height);
    }
    std::size_t bytes() const { return luma_bytes() + 2 * chroma_bytes(); }

    template <typename T>
    YcbcrPlanes<T> planes(void* base) const {
        auto* bytes = static_cast<std::byte*>(base);
        YcbcrPlanes<T> p;
        p.y = {reinterpret_cast<T*>(bytes), luma_pitch, kWidth, kHeight};
        p.cb = {reinterpret_cast<T*>(bytes + luma_bytes()), chroma_pitch, chroma_width,
                chroma_height};
        p.cr = {reinterpret_cast<T*>(bytes + luma_bytes() + chroma_bytes()), chroma_pitch,
                chroma_width, chroma_height};
        return p;
    }
};

// A smooth, non-trivial 33^3 LUT (a mild film-like curve with some channel cross-talk), padded
// to 4 floats per entry as the kernels read it.
std::vector<float> make_lut() {
    std::vector<float> table(static_cast<std::size_t>(kLutSize) * kLutSize * kLutSize * 4, 0.0f);
    std::size_t at = 0;
    for (int b = 0; b < kLutSize; ++b)
        for (int g = 0; g < kLutSize; ++g)
            for (int r = 0; r < kLutSize; ++r) {
                const float x[3] = {static_cast<float>(r) / 32.0f, static_cast<float>(g) / 32.0f,
                                    static_cast<float>(b) / 32.0f};
                const float mean = (x[0] + x[1] + x[2]) / 3.0f;
                for (int c = 0; c < 3; ++c) {
                    const float s = x[c] * x[c] * (3.0f - 2.0f * x[c]);  // smoothstep
                    table[at + static_cast<std::size_t>(c)] = 0.85f * s + 0.15f * mean;
                }
                at += 4;
            }
    return table;
}

ColorProgram make_program(const float* device_lut, LutPlacement placement) {
    ColorProgram program;
    program.lut_placement = placement;
    ColorOpData& matrix = program.ops[program.count++];
    matrix.kind = ColorOpKind::Matrix;
    // BT.709 -> BT.2020 primaries (a typical gamut step of a grade).
    const float m[9] = {0.6274f, 0.3293f, 0.0433f, 0.0691f, 0.9195f,
                        0.0114f, 0.0164f, 0.0880f, 0.8956f};
    for (int i = 0; i < 9; ++i) matrix.matrix.m[i] = m[i];
    ColorOpData& cdl = program.ops[program.count++];
    cdl.kind = ColorOpKind::Cdl;
    for (int c = 0; c < 3; ++c) {
        cdl.cdl.slope[c] = 1.05f + 0.02f * static_cast<float>(c);
        cdl.cdl.offset[c] = -0.01f;
        cdl.cdl.power[c] = 1.1f;
    }
    cdl.cdl.saturation = 0.9f;
    ColorOpData& lut = program.ops[program.count++];
    lut.kind = ColorOpKind::Lut3D;
    lut.lut3d.size = kLutSize;
    for (int c = 0; c < 3; ++c) {
        lut.lut3d.domain_min[c] = 0.0f;
        lut.lut3d.scale[c] = static_cast<float>(kLutSize - 1);
    }
    lut.lut3d.interpolation = LutInterpolation::Tetrahedral;
    lut.lut3d.table = device_lut;
    return program;
}

ColorChainArgs<uint16_t, uint16_t> chain_args(const Layout420& layout, void* in, void* out,
                                              const ColorProgram& program) {
    ColorChainArgs<uint16_t, uint16_t> args;
    const YcbcrPlanes<uint16_t> src = layout.planes<uint16_t>(in);
    args.in.y = {src.y.data, src.y.pitch, src.y.width, src.y.height};
    args.in.cb = {src.cb.data, src.cb.pitch, src.cb.width, src.cb.height};
    args.in.cr = {src.cr.data, src.cr.pitch, src.cr.width, src.cr.height};
    args.out = layout.planes<uint16_t>(out);
    YcbcrFormat format;  // 10-bit narrow BT.709 4:2:0, chroma co-sited left
    args.in_format = format;
    args.out_format = format;
    args.program = program;
    return args;
}

// Ten-bit codes of a smooth picture with some texture (the LUT cells it touches vary).
std::vector<uint16_t> make_picture(const Layout420& layout) {
    std::vector<uint16_t> samples(layout.bytes() / 2);
    uint32_t state = 12345;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        state = state * 1664525u + 1013904223u;
        samples[i] = static_cast<uint16_t>(64 + (i * 7 + (state >> 24)) % 877);
    }
    return samples;
}

double median(std::vector<float> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Milliseconds of `run` on stream 0, timed with events.
template <typename Run>
float event_ms(cudaEvent_t start, cudaEvent_t stop, Run&& run) {
    check(cudaEventRecord(start, nullptr), "cudaEventRecord");
    run();
    check(cudaEventRecord(stop, nullptr), "cudaEventRecord");
    check(cudaEventSynchronize(stop), "chain kernel");
    float ms = 0.0f;
    check(cudaEventElapsedTime(&ms, start, stop), "cudaEventElapsedTime");
    return ms;
}

}  // namespace

std::vector<ChainRow> bench_chain() {
    std::printf(
        "\nchain: UHD 10-bit 4:2:0 Y'CbCr -> R'G'B' -> matrix -> CDL -> 33^3 LUT (tetrahedral) "
        "-> Y'CbCr, one fused kernel\n");
    const Layout420 layout;
    const std::vector<float> lut = make_lut();
    DeviceBlock device_lut(lut.size() * sizeof(float));
    check(cudaMemcpy(device_lut.data(), lut.data(), device_lut.bytes(), cudaMemcpyHostToDevice),
          "cudaMemcpy");
    const std::vector<uint16_t> picture = make_picture(layout);
    DeviceBlock in(layout.bytes()), out(layout.bytes());
    check(cudaMemcpy(in.data(), picture.data(), layout.bytes(), cudaMemcpyHostToDevice),
          "cudaMemcpy");
    DeviceBlock copy_from(layout.bytes()), copy_to(layout.bytes());

    cudaEvent_t start{}, stop{};
    check(cudaEventCreate(&start), "cudaEventCreate");
    check(cudaEventCreate(&stop), "cudaEventCreate");
    std::vector<ChainRow> rows;
    const double frame_traffic = 2.0 * static_cast<double>(layout.bytes());  // read + write

    // 1. Frames resident on the device, each LUT placement, alternating with a copy.
    for (const LutPlacement placement : {LutPlacement::Global, LutPlacement::Shared}) {
        const ColorProgram program =
            make_program(static_cast<const float*>(device_lut.data()), placement);
        const auto args = chain_args(layout, in.data(), out.data(), program);
        const auto kernel = [&] { check(cuda::color_chain(args, nullptr), "color_chain"); };
        const auto copy = [&] {
            check(cudaMemcpyAsync(copy_to.data(), copy_from.data(), layout.bytes(),
                                  cudaMemcpyDeviceToDevice, nullptr),
                  "cudaMemcpyAsync");
        };
        for (int i = 0; i < kWarmups; ++i) {
            event_ms(start, stop, kernel);
            event_ms(start, stop, copy);
        }
        std::vector<float> kernel_ms, copy_ms;
        for (int i = 0; i < kRuns; ++i) {
            kernel_ms.push_back(event_ms(start, stop, kernel));
            copy_ms.push_back(event_ms(start, stop, copy));
        }
        ChainRow row;
        row.name = placement == LutPlacement::Global ? "resident, LUT via read-only cache"
                                                     : "resident, LUT in shared memory";
        row.ms = median(kernel_ms);
        row.fps = 1000.0 / row.ms;
        row.gbps = frame_traffic / (row.ms * 1e6);
        row.ref_gbps = frame_traffic / (median(copy_ms) * 1e6);
        row.ref_name = "copy";
        std::printf("  %-40s %8.4f ms  %9.0f frames/s  %7.1f GB/s (copy %7.1f GB/s, %5.1f %%)\n",
                    row.name.c_str(), row.ms, row.fps, row.gbps, row.ref_gbps,
                    100.0 * row.gbps / row.ref_gbps);
        rows.push_back(row);
    }

    // 2. The link alone: pinned host -> device and back, one frame's bytes, both directions
    // at once on two streams (what the streamed chain needs).
    std::vector<std::unique_ptr<PinnedBlock>> host_in, host_out;
    std::vector<std::unique_ptr<DeviceBlock>> dev_in, dev_out;
    std::vector<cudaStream_t> streams(kStreams);
    for (int s = 0; s < kStreams; ++s) {
        host_in.push_back(std::make_unique<PinnedBlock>(layout.bytes()));
        host_out.push_back(std::make_unique<PinnedBlock>(layout.bytes()));
        dev_in.push_back(std::make_unique<DeviceBlock>(layout.bytes()));
        dev_out.push_back(std::make_unique<DeviceBlock>(layout.bytes()));
        std::copy(picture.begin(), picture.end(), static_cast<uint16_t*>(host_in.back()->data()));
        check(
            cudaStreamCreateWithFlags(&streams[static_cast<std::size_t>(s)], cudaStreamNonBlocking),
            "cudaStreamCreate");
    }
    const auto wall_seconds = [&](auto&& body) {
        check(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
        const auto t0 = std::chrono::steady_clock::now();
        body();
        check(cudaDeviceSynchronize(), "streamed frames");
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    const auto link_only = [&] {
        for (int f = 0; f < kStreamedFrames; ++f) {
            const auto s = static_cast<std::size_t>(f % kStreams);
            check(cudaMemcpyAsync(dev_in[s]->data(), host_in[s]->data(), layout.bytes(),
                                  cudaMemcpyHostToDevice, streams[s]),
                  "upload");
            check(cudaMemcpyAsync(host_out[s]->data(), dev_out[s]->data(), layout.bytes(),
                                  cudaMemcpyDeviceToHost, streams[s]),
                  "download");
        }
    };
    wall_seconds(link_only);  // warm-up
    const double link_s = wall_seconds(link_only);
    const double link_gbps = kStreamedFrames * frame_traffic / (link_s * 1e9);
    std::printf("  %-40s %8.4f ms  %9.0f frames/s  %7.1f GB/s (up + down, no kernel)\n",
                "link alone (pinned, 3 streams)", 1000.0 * link_s / kStreamedFrames,
                kStreamedFrames / link_s, link_gbps);

    // 3. The chain with every frame uploaded and downloaded: upload, kernel and download of
    // consecutive frames overlap on three streams.
    const ColorProgram program =
        make_program(static_cast<const float*>(device_lut.data()), LutPlacement::Global);
    const auto streamed = [&] {
        for (int f = 0; f < kStreamedFrames; ++f) {
            const auto s = static_cast<std::size_t>(f % kStreams);
            check(cudaMemcpyAsync(dev_in[s]->data(), host_in[s]->data(), layout.bytes(),
                                  cudaMemcpyHostToDevice, streams[s]),
                  "upload");
            check(
                cuda::color_chain(
                    chain_args(layout, dev_in[s]->data(), dev_out[s]->data(), program), streams[s]),
                "color_chain");
            check(cudaMemcpyAsync(host_out[s]->data(), dev_out[s]->data(), layout.bytes(),
                                  cudaMemcpyDeviceToHost, streams[s]),
                  "download");
        }
    };
    wall_seconds(streamed);  // warm-up
    const double streamed_s = wall_seconds(streamed);
    ChainRow row;
    row.name = "host -> device -> host, 3 streams";
    row.ms = 1000.0 * streamed_s / kStreamedFrames;
    row.fps = kStreamedFrames / streamed_s;
    row.gbps = kStreamedFrames * frame_traffic / (streamed_s * 1e9);
    row.ref_gbps = link_gbps;
    row.ref_name = "link";
    std::printf("  %-40s %8.4f ms  %9.0f frames/s  %7.1f GB/s over the link (%5.1f %% of it)\n",
                row.name.c_str(), row.ms, row.fps, row.gbps, 100.0 * row.gbps / link_gbps);
    rows.push_back(row);

    for (cudaStream_t s : streams) cudaStreamDestroy(s);
    cudaEventDestroy(start);
    cudaEventDestroy(stop);
    return rows;
}

}  // namespace slate_gpu::selftest
