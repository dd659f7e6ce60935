// SPDX-License-Identifier: Apache-2.0
// The scale family: separable image scaling and chroma resampling (resample.h). Every entry has
// one input plane and two outputs: the resampled plane and the float intermediate of the
// horizontal pass (compared too). Variant::options holds the filter, the geometry and the
// chroma siting (see the k* constants below).
#include <cuda_runtime_api.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "buffer_planes.h"
#include "slate_gpu/kernels_scale_cuda.h"
#include "slate_gpu/registry.h"
#include "slate_gpu/resample.h"

namespace slate_gpu {
namespace {

using detail::plane_of;

// Variant::options: bits 0-3 the filter, bits 4-7 the geometry, bit 8 the horizontal chroma
// phase (0 or 0.5), bits 9-10 the vertical phase in halves (0, 0.5 or 1).
enum Geometry : uint32_t {
    kHalf = 0,          // (w, h) -> ((w + 1) / 2, (h + 1) / 2)
    kThreeQuarter = 1,  // (w, h) -> (max(1, 3w / 4), max(1, 3h / 4))
    kUpOneAndHalf = 2,  // (w, h) -> (3w / 2 (at least w), 3h / 2 (at least h))
    kChromaUp = 3,      // 4:2:0 chroma ((w + 1) / 2, (h + 1) / 2) -> (w, h)
    kChromaDown = 4,    // (w, h) -> 4:2:0 chroma ((w + 1) / 2, (h + 1) / 2)
};

constexpr uint32_t options_of(ResampleFilter filter, Geometry geometry, int h_phase_halves = 0,
                              int v_phase_halves = 1) {
    return static_cast<uint32_t>(filter) | (static_cast<uint32_t>(geometry) << 4) |
           (static_cast<uint32_t>(h_phase_halves) << 8) |
           (static_cast<uint32_t>(v_phase_halves) << 9);
}

ResampleFilter filter_of(uint32_t options) {
    return static_cast<ResampleFilter>(options & 0xfu);
}
Geometry geometry_of(uint32_t options) {
    return static_cast<Geometry>((options >> 4) & 0xfu);
}
double h_phase_of(uint32_t options) {
    return 0.5 * static_cast<double>((options >> 8) & 1u);
}
double v_phase_of(uint32_t options) {
    return 0.5 * static_cast<double>((options >> 9) & 3u);
}

constexpr ResampleFilter kBicubic = ResampleFilter::Bicubic;
constexpr ResampleFilter kLanczos = ResampleFilter::Lanczos;
constexpr ResampleFilter kBilinear = ResampleFilter::Bilinear;

constexpr Variant kBicubicU8Variants[] = {
    {"8-bit down 2x", 8, Range::Full, Component::Luma, options_of(kBicubic, kHalf)},
    {"8-bit up 1.5x", 8, Range::Full, Component::Luma, options_of(kBicubic, kUpOneAndHalf)},
};
constexpr Variant kBicubicU16Variants[] = {
    {"10-bit down 2x", 10, Range::Narrow, Component::Luma, options_of(kBicubic, kHalf)},
    {"16-bit down 3/4", 16, Range::Full, Component::Luma, options_of(kBicubic, kThreeQuarter)},
    {"12-bit up 1.5x", 12, Range::Full, Component::Luma, options_of(kBicubic, kUpOneAndHalf)},
};
constexpr Variant kLanczosU16Variants[] = {
    {"16-bit down 2x", 16, Range::Full, Component::Luma, options_of(kLanczos, kHalf)},
    {"10-bit up 1.5x", 10, Range::Narrow, Component::Luma, options_of(kLanczos, kUpOneAndHalf)},
    {"12-bit down 3/4", 12, Range::Full, Component::Luma, options_of(kLanczos, kThreeQuarter)},
};
constexpr Variant kBicubicF32Variants[] = {
    {"float down 2x", 32, Range::Full, Component::Luma, options_of(kBicubic, kHalf)},
    {"float up 1.5x", 32, Range::Full, Component::Luma, options_of(kBicubic, kUpOneAndHalf)},
};
// Chroma: bilinear (libmedia's CPU chroma filter is linear) at every siting, and one bicubic.
constexpr Variant kChromaUpVariants[] = {
    {"10-bit left (0, 0.5)", 10, Range::Narrow, Component::Chroma,
     options_of(kBilinear, kChromaUp, 0, 1)},
    {"12-bit top-left (0, 0)", 12, Range::Narrow, Component::Chroma,
     options_of(kBilinear, kChromaUp, 0, 0)},
    {"16-bit centre (0.5, 0.5)", 16, Range::Full, Component::Chroma,
     options_of(kBilinear, kChromaUp, 1, 1)},
    {"10-bit bottom-left (0, 1)", 10, Range::Narrow, Component::Chroma,
     options_of(kBilinear, kChromaUp, 0, 2)},
    {"10-bit left bicubic", 10, Range::Narrow, Component::Chroma,
     options_of(kBicubic, kChromaUp, 0, 1)},
};
constexpr Variant kChromaDownVariants[] = {
    {"10-bit left (0, 0.5)", 10, Range::Narrow, Component::Chroma,
     options_of(kBilinear, kChromaDown, 0, 1)},
    {"12-bit top-left (0, 0)", 12, Range::Narrow, Component::Chroma,
     options_of(kBilinear, kChromaDown, 0, 0)},
    {"16-bit centre (0.5, 0.5)", 16, Range::Full, Component::Chroma,
     options_of(kBilinear, kChromaDown, 1, 1)},
    {"10-bit bottom-left (0, 1)", 10, Range::Narrow, Component::Chroma,
     options_of(kBilinear, kChromaDown, 0, 2)},
    {"10-bit left bicubic", 10, Range::Narrow, Component::Chroma,
     options_of(kBicubic, kChromaDown, 0, 1)},
};

constexpr Tolerance kExactInteger{
    0.0, 0.0,
    "exact: host-built weights shared by both; each tap is one fused multiply-add (std::fma / "
    "__fmaf_rn) in the same order, then rint / nearbyint (half to even) and the same clamp"};
constexpr Tolerance kExactFloat{
    0.0, 0.0,
    "exact: host-built weights shared by both; each tap is one fused multiply-add (std::fma / "
    "__fmaf_rn) in the same order, so no contraction can differ"};

// The input and output sizes of one axis for a geometry.
struct Sizes {
    int in = 0;
    int out = 0;
};

Sizes axis_sizes(Geometry geometry, int size) {
    const int half = (size + 1) / 2;
    switch (geometry) {
        case kHalf:
            return {size, half};
        case kThreeQuarter:
            return {size, std::max(1, 3 * size / 4)};
        case kUpOneAndHalf:
            return {size, std::max(size, 3 * size / 2)};
        case kChromaUp:
            return {half, size};
        case kChromaDown:
            return {size, half};
    }
    return {size, size};
}

FilterSpec axis_spec(uint32_t options, double phase) {
    const ResampleFilter filter = filter_of(options);
    switch (geometry_of(options)) {
        case kChromaUp:
            return chroma_upsample_spec(filter, phase);
        case kChromaDown:
            return chroma_downsample_spec(filter, phase);
        default:
            break;
    }
    FilterSpec spec;
    spec.filter = filter;
    return spec;
}

template <typename T>
SampleType type_of() {
    if constexpr (std::is_same_v<T, float>)
        return SampleType::F32;
    else
        return detail::sample_type_of<T>();
}

template <typename T>
Layout scale_layout(int width, int height, const Variant& variant) {
    const Geometry geometry = geometry_of(variant.options);
    const Sizes w = axis_sizes(geometry, width);
    const Sizes h = axis_sizes(geometry, height);
    Layout layout;
    BufferSpec input{type_of<T>(), w.in, h.in};
    if constexpr (std::is_same_v<T, float>) {
        input.low = 0.0f;
        input.high = 1.0f;
    } else {
        input.max_code = static_cast<uint32_t>((1u << variant.bit_depth) - 1u);
    }
    layout.inputs[0] = input;
    layout.outputs[0] = {type_of<T>(), w.out, h.out};
    layout.outputs[1] = {SampleType::F32, w.out, h.in};
    layout.input_count = 1;
    layout.output_count = 2;
    return layout;
}

template <typename T>
ResampleArgs<T> scale_args(const Binding& b, const FilterBank& horizontal,
                           const FilterBank& vertical) {
    ResampleArgs<T> args;
    args.input = plane_of<const T>(b.inputs[0]);
    args.output = plane_of<T>(b.outputs[0]);
    args.intermediate = plane_of<float>(b.outputs[1]);
    args.horizontal = horizontal;
    args.vertical = vertical;
    if constexpr (!std::is_same_v<T, float>) args.bit_depth = b.variant.bit_depth;
    return args;
}

// The host banks of a binding (nullopt when the sizes are refused).
struct HostBanks {
    FilterBankData horizontal;
    FilterBankData vertical;
};

std::optional<HostBanks> host_banks(const Binding& b) {
    const uint32_t options = b.variant.options;
    auto horizontal = FilterBankData::build(b.inputs[0].width, b.outputs[0].width,
                                            axis_spec(options, h_phase_of(options)));
    auto vertical = FilterBankData::build(b.inputs[0].height, b.outputs[0].height,
                                          axis_spec(options, v_phase_of(options)));
    if (!horizontal || !vertical) return std::nullopt;
    return HostBanks{std::move(*horizontal), std::move(*vertical)};
}

template <typename T>
bool scale_cpu(const Binding& b) {
    const std::optional<HostBanks> banks = host_banks(b);
    if (!banks) return false;
    return ref::resample(scale_args<T>(b, banks->horizontal.view(), banks->vertical.view()));
}

// Device copies of the banks, built once per (sizes, options) and kept for the process: a few
// kilobytes each, never freed (the harness and benchmarks use a handful of sizes).
struct DeviceBanks {
    FilterBank horizontal;
    FilterBank vertical;
};

cudaError_t upload(const FilterBankData& data, FilterBank& bank) {
    bank = data.view();
    const std::size_t first_bytes = data.first().size() * sizeof(int);
    const std::size_t weight_bytes = data.weights().size() * sizeof(float);
    void* memory = nullptr;
    if (cudaError_t s = cudaMalloc(&memory, first_bytes + weight_bytes); s != cudaSuccess) return s;
    auto* bytes = static_cast<unsigned char*>(memory);
    if (cudaError_t s = cudaMemcpy(bytes, data.first().data(), first_bytes, cudaMemcpyHostToDevice);
        s != cudaSuccess)
        return s;
    if (cudaError_t s = cudaMemcpy(bytes + first_bytes, data.weights().data(), weight_bytes,
                                   cudaMemcpyHostToDevice);
        s != cudaSuccess)
        return s;
    bank.first = reinterpret_cast<const int*>(bytes);
    bank.weights = reinterpret_cast<const float*>(bytes + first_bytes);
    return cudaSuccess;
}

cudaError_t device_banks(const Binding& b, DeviceBanks& out) {
    using Key = std::tuple<int, int, int, int, uint32_t>;
    static std::mutex mutex;
    static std::map<Key, DeviceBanks> cache;
    const Key key{b.inputs[0].width, b.inputs[0].height, b.outputs[0].width, b.outputs[0].height,
                  b.variant.options};
    const std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) {
        out = it->second;
        return cudaSuccess;
    }
    const std::optional<HostBanks> banks = host_banks(b);
    if (!banks) return cudaErrorInvalidValue;
    DeviceBanks device;
    if (cudaError_t s = upload(banks->horizontal, device.horizontal); s != cudaSuccess) return s;
    if (cudaError_t s = upload(banks->vertical, device.vertical); s != cudaSuccess) return s;
    cache.emplace(key, device);
    out = device;
    return cudaSuccess;
}

template <typename T>
cudaError_t scale_cuda(const Binding& b, cudaStream_t stream) {
    // Empty planes: nothing to build or launch (the bank builder refuses size 0).
    if (b.inputs[0].width == 0 || b.inputs[0].height == 0 || b.outputs[0].width == 0 ||
        b.outputs[0].height == 0)
        return cudaSuccess;
    DeviceBanks banks;
    if (cudaError_t s = device_banks(b, banks); s != cudaSuccess) return s;
    return cuda::resample(scale_args<T>(b, banks.horizontal, banks.vertical), stream);
}

constexpr KernelEntry kScaleKernels[] = {
    {"scale.bicubic.u8", kBicubicU8Variants, kExactInteger, scale_layout<uint8_t>,
     scale_cpu<uint8_t>, scale_cuda<uint8_t>},
    {"scale.bicubic.u16", kBicubicU16Variants, kExactInteger, scale_layout<uint16_t>,
     scale_cpu<uint16_t>, scale_cuda<uint16_t>},
    {"scale.lanczos.u16", kLanczosU16Variants, kExactInteger, scale_layout<uint16_t>,
     scale_cpu<uint16_t>, scale_cuda<uint16_t>},
    {"scale.bicubic.f32", kBicubicF32Variants, kExactFloat, scale_layout<float>, scale_cpu<float>,
     scale_cuda<float>},
    {"chroma.420_to_444.u16", kChromaUpVariants, kExactInteger, scale_layout<uint16_t>,
     scale_cpu<uint16_t>, scale_cuda<uint16_t>},
    {"chroma.444_to_420.u16", kChromaDownVariants, kExactInteger, scale_layout<uint16_t>,
     scale_cpu<uint16_t>, scale_cuda<uint16_t>},
};

}  // namespace

std::span<const KernelEntry> scale_kernels() {
    return kScaleKernels;
}

}  // namespace slate_gpu
