// SPDX-License-Identifier: Apache-2.0
// The reduce family: whole-plane reductions to a few numbers.
#include "buffer_planes.h"
#include "slate_gpu/kernels_cuda.h"
#include "slate_gpu/registry.h"

namespace slate_gpu {
namespace {

using detail::levels_of;
using detail::plane_of;

constexpr Variant kStatsVariants[] = {
    {"10-bit codes", 10, Range::Narrow, Component::Luma},
    {"16-bit codes", 16, Range::Full, Component::Luma},
};

constexpr Tolerance kExact{0.0, 0.0, "exact: integer min, max and 64-bit sums"};

// The result is a 4 x 1 "plane" of uint64: min, max, sum, sum of squares.
Layout stats_layout(int width, int height, const Variant& variant) {
    Layout layout;
    layout.inputs[0] = {SampleType::U16, width, height, levels_of(variant).max_code};
    layout.outputs[0] = {SampleType::U64, 4, 1};
    layout.input_count = layout.output_count = 1;
    return layout;
}

PlaneStatsArgs stats_args(const Binding& b) {
    return {plane_of<const uint16_t>(b.inputs[0]), static_cast<PlaneStats*>(b.outputs[0].data)};
}

bool stats_cpu(const Binding& b) {
    return ref::plane_stats(stats_args(b));
}
cudaError_t stats_cuda(const Binding& b, cudaStream_t s) {
    return cuda::plane_stats(stats_args(b), s);
}

constexpr KernelEntry kReduceKernels[] = {
    {"plane_stats.u16", kStatsVariants, kExact, stats_layout, stats_cpu, stats_cuda},
};

}  // namespace

std::span<const KernelEntry> reduce_kernels() {
    return kReduceKernels;
}

}  // namespace slate_gpu
