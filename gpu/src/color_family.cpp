// SPDX-License-Identifier: Apache-2.0
// The colour family: Y'CbCr <-> float R'G'B', colour programs on planar and packed RGB, and the
// fused chain Y'CbCr -> R'G'B' -> program -> Y'CbCr.
#include <cuda_runtime_api.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <memory>
#include <vector>

#include "buffer_planes.h"
#include "slate_gpu/color_chain.h"
#include "slate_gpu/curve_table.h"
#include "slate_gpu/kernels_color_cuda.h"
#include "slate_gpu/registry.h"
#include "slate_gpu/transfer_curves.h"

namespace slate_gpu {
namespace {

using detail::plane_of;
using detail::sample_type_of;

// ---- Variant options -----------------------------------------------------------------------
// bits 0-1 chroma layout (ChromaLayout), 2-3 matrix (0 BT.601, 1 BT.709, 2 BT.2020),
// 4-5 siting (0 Left, 1 Center, 2 TopLeft, 3 BottomLeft), 6 LUT in shared memory,
// 7 trilinear 3D LUT, 8 33^3 LUT (else 17^3), 9 alpha (packed RGBA), 10-11 packed sample
// (PackedSample), 12-13 output layout of the chain, 16-20 output depth of the chain (0: the
// input's), 21 output range of the chain flipped.
constexpr uint32_t kShared = 1u << 6, kTrilinear = 1u << 7, kBig = 1u << 8, kAlpha = 1u << 9;

constexpr uint32_t fmt(ChromaLayout layout, int matrix, int siting) {
    return static_cast<uint32_t>(layout) | static_cast<uint32_t>(matrix) << 2 |
           static_cast<uint32_t>(siting) << 4;
}
constexpr uint32_t packed(PackedSample sample) {
    return static_cast<uint32_t>(sample) << 10;
}
constexpr uint32_t out_fmt(ChromaLayout layout, int depth, bool flip_range) {
    return static_cast<uint32_t>(layout) << 12 | static_cast<uint32_t>(depth) << 16 |
           (flip_range ? 1u << 21 : 0u);
}

constexpr ChromaLayout k444 = ChromaLayout::C444, k422 = ChromaLayout::C422,
                       k420 = ChromaLayout::C420;
constexpr Range kN = Range::Narrow, kF = Range::Full;
constexpr Component kL = Component::Luma;

YcbcrFormat format_of(int depth, Range range, uint32_t layout, uint32_t matrix, uint32_t siting) {
    YcbcrFormat f;
    f.bit_depth = depth;
    f.range = range;
    f.layout = static_cast<ChromaLayout>(layout & 3u);
    constexpr double kWeights[3][2] = {{0.299, 0.114}, {0.2126, 0.0722}, {0.2627, 0.0593}};
    const uint32_t m = matrix < 3 ? matrix : 1;
    f.kr = kWeights[m][0];
    f.kb = kWeights[m][1];
    constexpr float kSiting[4][2] = {{0.0f, 0.5f}, {0.5f, 0.5f}, {0.0f, 0.0f}, {0.0f, 1.0f}};
    f.siting = ChromaSiting{kSiting[siting & 3u][0], kSiting[siting & 3u][1]};
    return f;
}

YcbcrFormat in_format(const Variant& v) {
    return format_of(v.bit_depth, v.range, v.options & 3u, (v.options >> 2) & 3u,
                     (v.options >> 4) & 3u);
}

YcbcrFormat out_format(const Variant& v) {
    const uint32_t depth = (v.options >> 16) & 31u;
    const bool flip = (v.options & (1u << 21)) != 0;
    const Range range = flip ? (v.range == kN ? kF : kN) : v.range;
    return format_of(depth != 0 ? static_cast<int>(depth) : v.bit_depth, range,
                     (v.options >> 12) & 3u, (v.options >> 2) & 3u, (v.options >> 4) & 3u);
}

uint32_t max_code(int depth) {
    return (1u << depth) - 1u;
}

// ---- The test program ----------------------------------------------------------------------
// A fused matrix, an ASC CDL with power and saturation, a 3D LUT of a smooth function (17^3 or
// 33^3, tetrahedral or trilinear) and a LogC3 encoding curve (its table plus the exact double
// fallback): the op kinds a grade uses.

std::vector<float> lut_table(int size) {
    std::vector<float> t(static_cast<std::size_t>(size) * size * size * 4, 0.0f);
    std::size_t at = 0;
    for (int b = 0; b < size; ++b)
        for (int g = 0; g < size; ++g)
            for (int r = 0; r < size; ++r) {
                const double x = r / double(size - 1), y = g / double(size - 1),
                             z = b / double(size - 1);
                t[at++] = static_cast<float>(0.85 * x + 0.08 * std::sin(3.0 * y) + 0.05 * z * z);
                t[at++] = static_cast<float>(0.9 * y + 0.06 * x * z + 0.03 * std::cos(2.0 * x));
                t[at++] = static_cast<float>(0.8 * z + 0.1 * std::sqrt(x * y) + 0.04);
                ++at;  // padding
            }
    return t;
}

struct Tables {
    const float* lut17 = nullptr;
    const float* lut33 = nullptr;
    CurveTableView curve{};
    cudaError_t status = cudaSuccess;
};

double logc3_encode(double x) {
    return transfer_from_linear(TransferId::LogC3, x);
}

const CurveTable& host_curve() {
    static const CurveTable table(CurveSpacing::Log, logc3_encode);
    return table;
}

const Tables& host_tables() {
    static const std::vector<float> lut17 = lut_table(17);
    static const std::vector<float> lut33 = lut_table(33);
    static const Tables tables{lut17.data(), lut33.data(), host_curve().view(), cudaSuccess};
    return tables;
}

// Device copies, made once and never freed.
template <typename T>
const T* upload(const T* data, std::size_t count, cudaError_t& status) {
    if (status != cudaSuccess || data == nullptr) return nullptr;
    void* device = nullptr;
    status = cudaMalloc(&device, count * sizeof(T));
    if (status == cudaSuccess)
        status = cudaMemcpy(device, data, count * sizeof(T), cudaMemcpyHostToDevice);
    return static_cast<const T*>(device);
}

const Tables& device_tables() {
    static const Tables tables = [] {
        Tables t;
        const Tables& host = host_tables();
        t.lut17 = upload(host.lut17, std::size_t{17} * 17 * 17 * 4, t.status);
        t.lut33 = upload(host.lut33, std::size_t{33} * 33 * 33 * 4, t.status);
        const CurveTable& curve = host_curve();
        t.curve.spacing = curve.spacing();
        for (int s = 0; s < 2; ++s) {
            t.curve.values[s] = upload(curve.values(s).empty() ? nullptr : curve.values(s).data(),
                                       curve.values(s).size(), t.status);
            t.curve.usable[s] = upload(curve.usable(s).empty() ? nullptr : curve.usable(s).data(),
                                       curve.usable(s).size(), t.status);
        }
        return t;
    }();
    return tables;
}

ColorProgram test_program(const Tables& tables, uint32_t options) {
    ColorProgram p;
    ColorOpData& m = p.ops[0];
    m.kind = ColorOpKind::Matrix;
    m.matrix = MatrixOpData{{1.05f, -0.03f, -0.02f, -0.02f, 1.04f, -0.02f, -0.01f, -0.04f, 1.05f},
                            {0.01f, -0.005f, 0.002f}};
    ColorOpData& cdl = p.ops[1];
    cdl.kind = ColorOpKind::Cdl;
    cdl.cdl = CdlOpData{{1.1f, 0.95f, 1.02f}, {-0.02f, 0.01f, 0.0f}, {1.2f, 0.9f, 1.05f}, 1.15f};
    ColorOpData& lut = p.ops[2];
    lut.kind = ColorOpKind::Lut3D;
    const int size = (options & kBig) != 0 ? 33 : 17;
    const auto top = static_cast<float>(size - 1);
    lut.lut3d = Lut3DOpData{
        size,
        {0.0f, 0.0f, 0.0f},
        {top, top, top},
        (options & kTrilinear) != 0 ? LutInterpolation::Trilinear : LutInterpolation::Tetrahedral,
        size == 33 ? tables.lut33 : tables.lut17};
    ColorOpData& curve = p.ops[3];
    curve.kind = ColorOpKind::Curve;
    curve.curve = CurveOpData{TransferId::LogC3, false, tables.curve};
    p.count = 4;
    p.lut_placement = (options & kShared) != 0 ? LutPlacement::Shared : LutPlacement::Global;
    return p;
}

// ---- In-place kernels: the harness's input is copied to the output first. ------------------

void copy_host(const Buffer& from, const Buffer& to, std::size_t row_bytes) {
    for (int y = 0; y < from.height; ++y)
        std::memcpy(
            static_cast<std::byte*>(to.data) + static_cast<std::ptrdiff_t>(y) * to.pitch,
            static_cast<const std::byte*>(from.data) + static_cast<std::ptrdiff_t>(y) * from.pitch,
            row_bytes);
}

cudaError_t copy_device(const Buffer& from, const Buffer& to, std::size_t row_bytes,
                        cudaStream_t stream) {
    if (from.width == 0 || from.height == 0) return cudaSuccess;
    return cudaMemcpy2DAsync(to.data, static_cast<std::size_t>(to.pitch), from.data,
                             static_cast<std::size_t>(from.pitch), row_bytes,
                             static_cast<std::size_t>(from.height), cudaMemcpyDeviceToDevice,
                             stream);
}

// ---- ycbcr_to_rgb ----------------------------------------------------------------------------

template <typename T>
Layout ycbcr_layout(int width, int height, const YcbcrFormat& f, bool as_input) {
    Layout layout;
    const bool sub_h = f.layout != k444, sub_v = f.layout == k420;
    const int cw = sub_h ? (width + 1) / 2 : width, ch = sub_v ? (height + 1) / 2 : height;
    const uint32_t top = max_code(f.bit_depth);
    auto& planes = as_input ? layout.inputs : layout.outputs;
    planes[0] = {sample_type_of<T>(), width, height, top};
    planes[1] = planes[2] = {sample_type_of<T>(), cw, ch, top};
    return layout;
}

template <typename T>
Layout to_rgb_layout(int width, int height, const Variant& v) {
    Layout layout = ycbcr_layout<T>(width, height, in_format(v), true);
    layout.outputs[0] = layout.outputs[1] = layout.outputs[2] = {SampleType::F32, width, height};
    layout.input_count = layout.output_count = 3;
    return layout;
}

template <typename T>
YcbcrPlanes<const T> in_planes(const Binding& b) {
    return {plane_of<const T>(b.inputs[0]), plane_of<const T>(b.inputs[1]),
            plane_of<const T>(b.inputs[2])};
}

template <typename T>
YcbcrPlanes<T> out_planes(const Binding& b) {
    return {plane_of<T>(b.outputs[0]), plane_of<T>(b.outputs[1]), plane_of<T>(b.outputs[2])};
}

template <typename T>
YcbcrToRgbArgs<T> to_rgb_args(const Binding& b) {
    return {in_planes<T>(b), in_format(b.variant), plane_of<float>(b.outputs[0]),
            plane_of<float>(b.outputs[1]), plane_of<float>(b.outputs[2])};
}

template <typename T>
bool to_rgb_cpu(const Binding& b) {
    return ref::ycbcr_to_rgb(to_rgb_args<T>(b));
}
template <typename T>
cudaError_t to_rgb_cuda(const Binding& b, cudaStream_t s) {
    return cuda::ycbcr_to_rgb(to_rgb_args<T>(b), s);
}

// ---- rgb_to_ycbcr ----------------------------------------------------------------------------

template <typename T>
Layout to_ycbcr_layout(int width, int height, const Variant& v) {
    Layout layout = ycbcr_layout<T>(width, height, in_format(v), false);
    // Beyond both ends of the nominal range, so that the clipping is exercised.
    layout.inputs[0] = layout.inputs[1] =
        layout.inputs[2] = {SampleType::F32, width, height, 0, -0.1f, 1.1f};
    layout.input_count = layout.output_count = 3;
    return layout;
}

template <typename T>
RgbToYcbcrArgs<T> to_ycbcr_args(const Binding& b) {
    return {plane_of<const float>(b.inputs[0]), plane_of<const float>(b.inputs[1]),
            plane_of<const float>(b.inputs[2]), in_format(b.variant), out_planes<T>(b)};
}

template <typename T>
bool to_ycbcr_cpu(const Binding& b) {
    return ref::rgb_to_ycbcr(to_ycbcr_args<T>(b));
}
template <typename T>
cudaError_t to_ycbcr_cuda(const Binding& b, cudaStream_t s) {
    return cuda::rgb_to_ycbcr(to_ycbcr_args<T>(b), s);
}

// ---- apply_program.planar ----------------------------------------------------------------------

Layout planar_layout(int width, int height, const Variant&) {
    Layout layout;
    layout.inputs[0] = layout.inputs[1] =
        layout.inputs[2] = {SampleType::F32, width, height, 0, -0.1f, 1.1f};
    layout.outputs[0] = layout.outputs[1] = layout.outputs[2] = {SampleType::F32, width, height};
    layout.input_count = layout.output_count = 3;
    return layout;
}

ProgramPlanarArgs planar_args(const Binding& b, const Tables& tables) {
    return {plane_of<float>(b.outputs[0]), plane_of<float>(b.outputs[1]),
            plane_of<float>(b.outputs[2]), test_program(tables, b.variant.options)};
}

bool planar_cpu(const Binding& b) {
    for (int i = 0; i < 3; ++i)
        copy_host(b.inputs[i], b.outputs[i], static_cast<std::size_t>(b.inputs[i].width) * 4);
    return ref::apply_program(planar_args(b, host_tables()));
}

cudaError_t planar_cuda(const Binding& b, cudaStream_t s) {
    const Tables& tables = device_tables();
    if (tables.status != cudaSuccess) return tables.status;
    for (int i = 0; i < 3; ++i)
        if (cudaError_t status = copy_device(b.inputs[i], b.outputs[i],
                                             static_cast<std::size_t>(b.inputs[i].width) * 4, s);
            status != cudaSuccess)
            return status;
    return cuda::apply_program(planar_args(b, tables), s);
}

// ---- apply_program.packed ----------------------------------------------------------------------

PackedSample packed_sample(const Variant& v) {
    return static_cast<PackedSample>((v.options >> 10) & 3u);
}
int packed_channels(const Variant& v) {
    return (v.options & kAlpha) != 0 ? 4 : 3;
}

Layout packed_layout(int width, int height, const Variant& v) {
    Layout layout;
    const int samples = width * packed_channels(v);
    switch (packed_sample(v)) {
        case PackedSample::U8:
            layout.inputs[0] = {SampleType::U8, samples, height, 255};
            break;
        case PackedSample::U16:
        case PackedSample::F16:  // random 16-bit patterns: every half, NaN and infinities too
            layout.inputs[0] = {SampleType::U16, samples, height, 65535};
            break;
        case PackedSample::F32:
            layout.inputs[0] = {SampleType::F32, samples, height, 0, -0.1f, 1.1f};
            break;
    }
    layout.outputs[0] = layout.inputs[0];
    layout.outputs[1] = {SampleType::U64, 1, 1};
    layout.input_count = 1;
    layout.output_count = 2;
    return layout;
}

ProgramPackedArgs packed_args(const Binding& b, const Tables& tables) {
    ProgramPackedArgs a;
    a.data = b.outputs[0].data;
    a.pitch = b.outputs[0].pitch;
    a.channels = packed_channels(b.variant);
    a.width = b.outputs[0].width / a.channels;
    a.height = b.outputs[0].height;
    a.sample = packed_sample(b.variant);
    a.program = test_program(tables, b.variant.options);
    a.nonfinite = static_cast<unsigned long long*>(b.outputs[1].data);
    return a;
}

std::size_t packed_row_bytes(const Binding& b) {
    const PackedSample s = packed_sample(b.variant);
    const std::size_t bytes = s == PackedSample::U8 ? 1 : (s == PackedSample::F32 ? 4 : 2);
    return static_cast<std::size_t>(b.inputs[0].width) * bytes;
}

bool packed_cpu(const Binding& b) {
    copy_host(b.inputs[0], b.outputs[0], packed_row_bytes(b));
    *static_cast<unsigned long long*>(b.outputs[1].data) = 0;
    return ref::apply_program(packed_args(b, host_tables()));
}

cudaError_t packed_cuda(const Binding& b, cudaStream_t s) {
    const Tables& tables = device_tables();
    if (tables.status != cudaSuccess) return tables.status;
    if (cudaError_t status = copy_device(b.inputs[0], b.outputs[0], packed_row_bytes(b), s);
        status != cudaSuccess)
        return status;
    if (cudaError_t status = cudaMemsetAsync(b.outputs[1].data, 0, sizeof(unsigned long long), s);
        status != cudaSuccess)
        return status;
    return cuda::apply_program(packed_args(b, tables), s);
}

// ---- color_chain
// ---------------------------------------------------------------------------------

template <typename In, typename Out>
Layout chain_layout(int width, int height, const Variant& v) {
    Layout layout = ycbcr_layout<In>(width, height, in_format(v), true);
    const Layout out = ycbcr_layout<Out>(width, height, out_format(v), false);
    layout.outputs = out.outputs;
    layout.input_count = layout.output_count = 3;
    return layout;
}

template <typename In, typename Out>
ColorChainArgs<In, Out> chain_args(const Binding& b, const Tables& tables) {
    return {in_planes<In>(b), in_format(b.variant), test_program(tables, b.variant.options),
            out_planes<Out>(b), out_format(b.variant)};
}

template <typename In, typename Out>
bool chain_cpu(const Binding& b) {
    return ref::color_chain(chain_args<In, Out>(b, host_tables()));
}

template <typename In, typename Out>
cudaError_t chain_cuda(const Binding& b, cudaStream_t s) {
    const Tables& tables = device_tables();
    if (tables.status != cudaSuccess) return tables.status;
    return cuda::color_chain(chain_args<In, Out>(b, tables), s);
}

// ---- Variants ------------------------------------------------------------------------------

constexpr Variant kU8Ycbcr[] = {
    {"8-bit 4:2:0 BT.709 narrow left", 8, kN, kL, fmt(k420, 1, 0)},
    {"8-bit 4:2:2 BT.601 full center", 8, kF, kL, fmt(k422, 0, 1)},
    {"8-bit 4:4:4 BT.2020 narrow", 8, kN, kL, fmt(k444, 2, 0)},
    {"8-bit 4:2:0 BT.601 full center", 8, kF, kL, fmt(k420, 0, 1)},
};
constexpr Variant kU16Ycbcr[] = {
    {"10-bit 4:2:0 BT.709 narrow left", 10, kN, kL, fmt(k420, 1, 0)},
    {"10-bit 4:2:0 BT.2020 narrow top-left", 10, kN, kL, fmt(k420, 2, 2)},
    {"10-bit 4:2:2 BT.709 narrow left", 10, kN, kL, fmt(k422, 1, 0)},
    {"12-bit 4:2:0 BT.601 full center", 12, kF, kL, fmt(k420, 0, 1)},
    {"12-bit 4:2:2 BT.2020 full center", 12, kF, kL, fmt(k422, 2, 1)},
    {"12-bit 4:2:0 BT.709 narrow bottom-left", 12, kN, kL, fmt(k420, 1, 3)},
    {"16-bit 4:4:4 BT.2020 full", 16, kF, kL, fmt(k444, 2, 0)},
    {"16-bit 4:2:0 BT.709 narrow left", 16, kN, kL, fmt(k420, 1, 0)},
};
constexpr Variant kPlanarPrograms[] = {
    {"matrix+CDL+17^3 tetrahedral+LogC3", 8, kF, kL, 0},
    {"matrix+CDL+33^3 trilinear+LogC3", 8, kF, kL, kBig | kTrilinear},
};
constexpr Variant kPackedU16[] = {
    {"Rgb16 17^3 tetrahedral", 16, kF, kL, packed(PackedSample::U16)},
    {"Rgba16 33^3 trilinear", 16, kF, kL, packed(PackedSample::U16) | kAlpha | kBig | kTrilinear},
};
constexpr Variant kPackedF32[] = {
    {"RgbFloat 17^3 tetrahedral", 16, kF, kL, packed(PackedSample::F32)},
    {"RgbaFloat 33^3 tetrahedral", 16, kF, kL, packed(PackedSample::F32) | kAlpha | kBig},
};
constexpr Variant kPackedF16[] = {
    {"RgbaHalf 17^3 tetrahedral", 16, kF, kL, packed(PackedSample::F16) | kAlpha},
};
constexpr Variant kPackedU8[] = {
    {"Rgb8 17^3 tetrahedral", 8, kF, kL, packed(PackedSample::U8)},
    {"Rgba8 17^3 trilinear", 8, kF, kL, packed(PackedSample::U8) | kAlpha | kTrilinear},
};
constexpr Variant kChainU16[] = {
    {"10-bit 4:2:0 BT.2020 narrow left, 33^3 global", 10, kN, kL, fmt(k420, 2, 0) | kBig},
    {"10-bit 4:2:0 BT.2020 narrow left, 33^3 shared", 10, kN, kL, fmt(k420, 2, 0) | kBig | kShared},
    {"10-bit 4:2:0 BT.2020 narrow top-left, 33^3 global", 10, kN, kL, fmt(k420, 2, 2) | kBig},
    {"10-bit 4:2:0 BT.2020 narrow top-left, 33^3 shared", 10, kN, kL,
     fmt(k420, 2, 2) | kBig | kShared},
    {"10-bit 4:2:0 BT.709 narrow left, 17^3 global", 10, kN, kL, fmt(k420, 1, 0)},
    {"10-bit 4:2:0 BT.709 narrow left, 17^3 shared", 10, kN, kL, fmt(k420, 1, 0) | kShared},
    {"10-bit 4:2:0 BT.709 left -> 12-bit 4:2:2 full, trilinear", 10, kN, kL,
     fmt(k420, 1, 0) | out_fmt(k422, 12, true) | kTrilinear},
    {"12-bit 4:2:2 BT.601 full center -> 16-bit 4:4:4", 12, kF, kL,
     fmt(k422, 0, 1) | out_fmt(k444, 16, false)},
    {"16-bit 4:4:4 BT.2020 full -> 10-bit 4:2:0 narrow", 16, kF, kL,
     fmt(k444, 2, 2) | out_fmt(k420, 10, true) | kBig | kShared},
    {"12-bit 4:2:0 BT.709 narrow bottom-left, 17^3 shared", 12, kN, kL,
     fmt(k420, 1, 3) | out_fmt(k420, 0, false) | kShared},
};
constexpr Variant kChainU8[] = {
    {"8-bit 4:2:0 BT.709 narrow left, 17^3 global", 8, kN, kL, fmt(k420, 1, 0)},
    {"8-bit 4:2:0 BT.709 narrow left, 33^3 shared", 8, kN, kL, fmt(k420, 1, 0) | kBig | kShared},
    {"8-bit 4:2:2 BT.601 full center -> 4:4:4 narrow", 8, kF, kL,
     fmt(k422, 0, 1) | out_fmt(k444, 0, true)},
};

// ---- Tolerances ------------------------------------------------------------------------------

constexpr Tolerance kExactDecode{
    0.0, 0.0,
    "exact: the same per-sample code (color_chain_math.h) on both sides, and on the device "
    "every product and sum rounds on its own (__fmul_rn/__fadd_rn: no FMA contraction), in "
    "libmedia's order"};
constexpr Tolerance kExactEncode{
    0.0, 0.0,
    "exact: integer output from the same unfused float operations on both sides (matrix, "
    "[1 1]/2 or [1 2 1]/4 filters, clip, + 0.5 and truncation)"};
constexpr Tolerance kProgramFloat{
    1e-5, 1e-5,
    "the program evaluator is shared, but nvcc contracts the CDL saturation, the LUT "
    "interpolation and the curve-table lerp into FMAs, and CUDA's powf (CDL power) and double "
    "pow/log (LogC3 fallback) are not glibc's (a few ulp each): a few ulp before the LUT and "
    "curve, whose slopes stay below 8 on 0..1, so well under 1e-5 (abs near 0, rel above 1); "
    "non-finite inputs become the same values (NaN -> 0 in CDL) and are counted exactly"};
constexpr Tolerance kProgramCodes{
    1.0, 0.0,
    "+-1 code: the program's float result differs by a few ulp (FMA contraction in CDL "
    "saturation, LUT and curve lerps; CUDA powf and double log/pow vs glibc), which flips "
    "the rounding of a value within an ulp of .5; the count of non-finite pixels is exact"};

constexpr Tolerance kProgramHalf{
    1.0, 0.0,
    "+-1 in the half's bits (compared as 16-bit patterns): the float result differs by a few "
    "ulp (see apply_program.planar), which flips the round-to-nearest-even to half of a value "
    "within a float ulp of a tie; the count is exact. The test program's CDL maps NaN to 0, so "
    "no NaN reaches the output (a NaN's sign would differ: x86 makes 0 * inf negative)"};

constexpr KernelEntry kColorKernels[] = {
    {"ycbcr_to_rgb.u8", kU8Ycbcr, kExactDecode, to_rgb_layout<uint8_t>, to_rgb_cpu<uint8_t>,
     to_rgb_cuda<uint8_t>},
    {"ycbcr_to_rgb.u16", kU16Ycbcr, kExactDecode, to_rgb_layout<uint16_t>, to_rgb_cpu<uint16_t>,
     to_rgb_cuda<uint16_t>},
    {"rgb_to_ycbcr.u8", kU8Ycbcr, kExactEncode, to_ycbcr_layout<uint8_t>, to_ycbcr_cpu<uint8_t>,
     to_ycbcr_cuda<uint8_t>},
    {"rgb_to_ycbcr.u16", kU16Ycbcr, kExactEncode, to_ycbcr_layout<uint16_t>, to_ycbcr_cpu<uint16_t>,
     to_ycbcr_cuda<uint16_t>},
    {"apply_program.planar", kPlanarPrograms, kProgramFloat, planar_layout, planar_cpu,
     planar_cuda},
    {"apply_program.packed.u16", kPackedU16, kProgramCodes, packed_layout, packed_cpu, packed_cuda},
    {"apply_program.packed.f32", kPackedF32, kProgramFloat, packed_layout, packed_cpu, packed_cuda},
    {"apply_program.packed.f16", kPackedF16, kProgramHalf, packed_layout, packed_cpu, packed_cuda},
    {"apply_program.packed.u8", kPackedU8, kProgramCodes, packed_layout, packed_cpu, packed_cuda},
    {"color_chain.u16", kChainU16, kProgramCodes, chain_layout<uint16_t, uint16_t>,
     chain_cpu<uint16_t, uint16_t>, chain_cuda<uint16_t, uint16_t>},
    {"color_chain.u8", kChainU8, kProgramCodes, chain_layout<uint8_t, uint8_t>,
     chain_cpu<uint8_t, uint8_t>, chain_cuda<uint8_t, uint8_t>},
};

}  // namespace

std::span<const KernelEntry> color_kernels() {
    return kColorKernels;
}

}  // namespace slate_gpu
