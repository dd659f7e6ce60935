// SPDX-License-Identifier: Apache-2.0
// The stats family: QC per-frame statistics (frame_stats), reduced to integers on the device.
#include <cstdint>

#include "buffer_planes.h"
#include "slate_gpu/frame_stats.h"
#include "slate_gpu/kernels_stats_cuda.h"
#include "slate_gpu/registry.h"

namespace slate_gpu {
namespace {

using detail::plane_of;

// Variant::options: bit 0 log2 chroma width, bit 1 log2 chroma height, bit 2 with a previous
// frame (inputs 3..5).
constexpr uint32_t kSub420 = 3;
constexpr uint32_t kSub422 = 1;
constexpr uint32_t kSub444 = 0;
constexpr uint32_t kPrevious = 4;

int log2_w(const Variant& v) {
    return static_cast<int>(v.options & 1u);
}
int log2_h(const Variant& v) {
    return static_cast<int>((v.options >> 1) & 1u);
}
bool has_previous(const Variant& v) {
    return (v.options & kPrevious) != 0;
}

constexpr Variant kU8Variants[] = {
    {"8-bit 4:2:0 narrow, previous frame", 8, Range::Narrow, Component::Luma, kSub420 | kPrevious},
    {"8-bit 4:2:2 full, first frame", 8, Range::Full, Component::Luma, kSub422},
    {"8-bit 4:4:4 narrow, previous frame", 8, Range::Narrow, Component::Luma, kSub444 | kPrevious},
};

constexpr Variant kU16Variants[] = {
    {"10-bit 4:2:0 narrow, previous frame", 10, Range::Narrow, Component::Luma,
     kSub420 | kPrevious},
    {"10-bit 4:2:2 narrow, first frame", 10, Range::Narrow, Component::Luma, kSub422},
    {"12-bit 4:2:2 full, previous frame", 12, Range::Full, Component::Luma, kSub422 | kPrevious},
    {"16-bit 4:2:0 full, previous frame", 16, Range::Full, Component::Luma, kSub420 | kPrevious},
    {"16-bit 4:4:4 narrow, first frame", 16, Range::Narrow, Component::Luma, kSub444},
};

constexpr Tolerance kExact{
    0.0, 0.0,
    "exact: integer counts, min/max and 64-bit sums; saturation and hue from the same IEEE "
    "double operations (rounded once each, no FMA) and the host-built hue tables"};

// Inputs: Y', Cb, Cr, then (with a previous frame) its Y', Cb, Cr. Outputs: the FrameStatsRaw
// as kFrameStatsRawWords x 1 uint64, and the three histograms (uint32 bins) as uint64 pairs.
template <typename T>
Layout stats_layout(int width, int height, const Variant& variant) {
    Layout layout;
    const auto max_code = static_cast<uint32_t>((1 << variant.bit_depth) - 1);
    const SampleType type = detail::sample_type_of<T>();
    const int cw = chroma_length(width, log2_w(variant));
    const int ch = chroma_length(height, log2_h(variant));
    const int frames = has_previous(variant) ? 2 : 1;
    for (int f = 0; f < frames; ++f) {
        layout.inputs[3 * f] = {type, width, height, max_code};
        layout.inputs[3 * f + 1] = {type, cw, ch, max_code};
        layout.inputs[3 * f + 2] = {type, cw, ch, max_code};
    }
    layout.input_count = 3 * frames;
    layout.outputs[0] = {SampleType::U64, kFrameStatsRawWords, 1};
    layout.outputs[1] = {SampleType::U64,
                         static_cast<int>(stats_histogram_bins(variant.bit_depth) / 2), 1};
    layout.output_count = 2;
    return layout;
}

template <typename T>
FrameStatsArgs<T> stats_args(const Binding& b, const HueTables& hue) {
    const Variant& v = b.variant;
    FrameStatsArgs<T> args;
    args.y = plane_of<const T>(b.inputs[0]);
    args.cb = plane_of<const T>(b.inputs[1]);
    args.cr = plane_of<const T>(b.inputs[2]);
    if (has_previous(v)) {
        args.prev_y = plane_of<const T>(b.inputs[3]);
        args.prev_cb = plane_of<const T>(b.inputs[4]);
        args.prev_cr = plane_of<const T>(b.inputs[5]);
    }
    const bool full = v.range == Range::Full;
    args.config = StatsConfig{v.bit_depth, full, log2_w(v), log2_h(v),
                              stats_thresholds(v.bit_depth, full, StatsOptions{})};
    args.hue = hue;
    args.result = static_cast<FrameStatsRaw*>(b.outputs[0].data);
    args.histogram = static_cast<uint32_t*>(b.outputs[1].data);
    return args;
}

template <typename T>
bool stats_cpu(const Binding& b) {
    return ref::frame_stats(stats_args<T>(b, host_hue_tables(b.variant.bit_depth)));
}

template <typename T>
cudaError_t stats_cuda(const Binding& b, cudaStream_t s) {
    HueTables hue;
    const cudaError_t status = cuda::device_hue_tables(b.variant.bit_depth, &hue);
    if (status != cudaSuccess) return status;
    return cuda::frame_stats(stats_args<T>(b, hue), s);
}

constexpr KernelEntry kStatsKernels[] = {
    {"frame_stats.u8", kU8Variants, kExact, stats_layout<uint8_t>, stats_cpu<uint8_t>,
     stats_cuda<uint8_t>},
    {"frame_stats.u16", kU16Variants, kExact, stats_layout<uint16_t>, stats_cpu<uint16_t>,
     stats_cuda<uint16_t>},
};

}  // namespace

std::span<const KernelEntry> stats_kernels() {
    return kStatsKernels;
}

}  // namespace slate_gpu
