// SPDX-License-Identifier: Apache-2.0
// The convert family: per-pixel conversions between integer codes and normalised floats.
#include "buffer_planes.h"
#include "slate_gpu/kernels_cuda.h"
#include "slate_gpu/registry.h"

namespace slate_gpu {
namespace {

using detail::levels_of;
using detail::plane_of;
using detail::sample_type_of;

constexpr Variant kU8Variants[] = {
    {"8-bit narrow luma", 8, Range::Narrow, Component::Luma},
    {"8-bit full chroma", 8, Range::Full, Component::Chroma},
};
constexpr Variant kU16Variants[] = {
    {"10-bit narrow luma", 10, Range::Narrow, Component::Luma},
    {"10-bit narrow chroma", 10, Range::Narrow, Component::Chroma},
    {"12-bit full luma", 12, Range::Full, Component::Luma},
    {"16-bit narrow chroma", 16, Range::Narrow, Component::Chroma},
    {"16-bit full luma", 16, Range::Full, Component::Luma},
};
constexpr Variant kYuvVariants[] = {
    {"10-bit narrow BT.709", 10, Range::Narrow, Component::Luma},
    {"12-bit full BT.709", 12, Range::Full, Component::Luma},
};

constexpr Tolerance kExactUnpack{
    0.0, 0.0,
    "exact: code - offset is an integer (exact in float) and the IEEE division rounds once, "
    "the same on both"};
constexpr Tolerance kExactPack{
    0.0, 0.0, "exact: integer output; both round once (fused multiply-add), half to even"};
constexpr Tolerance kYuvTolerance{
    1e-6, 1e-6,
    "FMA contraction: nvcc fuses y + k*c (one rounding), the reference rounds k*c first; "
    "a few ULP at |x| < 4"};

template <typename T>
Layout unpack_layout(int width, int height, const Variant& variant) {
    Layout layout;
    layout.inputs[0] = {sample_type_of<T>(), width, height, levels_of(variant).max_code};
    layout.outputs[0] = {SampleType::F32, width, height};
    layout.input_count = layout.output_count = 1;
    return layout;
}

template <typename T>
UnpackArgs<T> unpack_args(const Binding& b) {
    return {plane_of<const T>(b.inputs[0]), plane_of<float>(b.outputs[0]), levels_of(b.variant)};
}

template <typename T>
bool unpack_cpu(const Binding& b) {
    return ref::unpack_to_float(unpack_args<T>(b));
}

template <typename T>
cudaError_t unpack_cuda(const Binding& b, cudaStream_t stream) {
    return cuda::unpack_to_float(unpack_args<T>(b), stream);
}

template <typename T>
Layout pack_layout(int width, int height, const Variant& variant) {
    Layout layout;
    // A quarter beyond each end of the nominal range so that both clamps are exercised.
    const bool chroma = variant.component == Component::Chroma;
    layout.inputs[0] = {SampleType::F32,       width, height, 0, chroma ? -0.75f : -0.25f,
                        chroma ? 0.75f : 1.25f};
    layout.outputs[0] = {sample_type_of<T>(), width, height};
    layout.input_count = layout.output_count = 1;
    return layout;
}

template <typename T>
PackArgs<T> pack_args(const Binding& b) {
    return {plane_of<const float>(b.inputs[0]), plane_of<T>(b.outputs[0]), levels_of(b.variant)};
}

template <typename T>
bool pack_cpu(const Binding& b) {
    return ref::pack_from_float(pack_args<T>(b));
}

template <typename T>
cudaError_t pack_cuda(const Binding& b, cudaStream_t stream) {
    return cuda::pack_from_float(pack_args<T>(b), stream);
}

Layout yuv_layout(int width, int height, const Variant& variant) {
    Layout layout;
    const uint32_t max_code = levels_of(variant).max_code;
    const int chroma_width = (width + 1) / 2;
    layout.inputs[0] = {SampleType::U16, width, height, max_code};
    layout.inputs[1] = layout.inputs[2] = {SampleType::U16, chroma_width, height, max_code};
    layout.outputs[0] = layout.outputs[1] = layout.outputs[2] = {SampleType::F32, width, height};
    layout.input_count = layout.output_count = 3;
    return layout;
}

Yuv422ToRgbArgs yuv_args(const Binding& b) {
    const Variant& v = b.variant;
    return {plane_of<const uint16_t>(b.inputs[0]),
            plane_of<const uint16_t>(b.inputs[1]),
            plane_of<const uint16_t>(b.inputs[2]),
            plane_of<float>(b.outputs[0]),
            plane_of<float>(b.outputs[1]),
            plane_of<float>(b.outputs[2]),
            levels_for(v.bit_depth, v.range, Component::Luma),
            levels_for(v.bit_depth, v.range, Component::Chroma),
            bt709_matrix()};
}

bool yuv_cpu(const Binding& b) {
    return ref::yuv422_to_rgb(yuv_args(b));
}
cudaError_t yuv_cuda(const Binding& b, cudaStream_t s) {
    return cuda::yuv422_to_rgb(yuv_args(b), s);
}

constexpr KernelEntry kConvertKernels[] = {
    {"unpack_to_float.u8", kU8Variants, kExactUnpack, unpack_layout<uint8_t>, unpack_cpu<uint8_t>,
     unpack_cuda<uint8_t>},
    {"unpack_to_float.u16", kU16Variants, kExactUnpack, unpack_layout<uint16_t>,
     unpack_cpu<uint16_t>, unpack_cuda<uint16_t>},
    {"pack_from_float.u8", kU8Variants, kExactPack, pack_layout<uint8_t>, pack_cpu<uint8_t>,
     pack_cuda<uint8_t>},
    {"pack_from_float.u16", kU16Variants, kExactPack, pack_layout<uint16_t>, pack_cpu<uint16_t>,
     pack_cuda<uint16_t>},
    {"yuv422_to_rgb.bt709", kYuvVariants, kYuvTolerance, yuv_layout, yuv_cpu, yuv_cuda},
};

}  // namespace

std::span<const KernelEntry> convert_kernels() {
    return kConvertKernels;
}

}  // namespace slate_gpu
