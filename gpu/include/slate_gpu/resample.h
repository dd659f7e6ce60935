// SPDX-License-Identifier: Apache-2.0
#pragma once

// Separable resampling of one plane (image scaling and chroma resampling), in two passes: a
// horizontal pass from the input into a float intermediate plane (output width x input height),
// then a vertical pass from the intermediate into the output. Each pass applies a filter bank
// built on the host: for every output index, the first input index and `taps` weights.
//
// Filter banks (FilterBankData::build), as swscale builds them:
//   - source position of output o: p = (o + 0.5) * scale - 0.5 + offset, in input samples, with
//     scale = in_size / out_size unless given (chroma resampling gives exactly 2 or 1/2);
//   - weight of input i: k((i - p) / s) with s = max(1, scale): the kernel is widened by the
//     scale factor when downscaling (support = radius * max(1, in/out));
//   - inputs outside [0, in_size) are the edge sample (replicated): their weights are added to
//     the edge tap; then the weights are normalised to sum 1 (in double, stored as float);
//   - point: the one input floor(p + 0.5).
// Kernels k: bilinear 1 - |x| (radius 1); bicubic Mitchell-Netravali (B, C), default B = 0,
// C = 0.6 (Keys a = -0.6), swscale's default for SWS_BICUBIC (radius 2); Lanczos
// sinc(x) sinc(x / a), a = 3 (radius a).
//
// Chroma siting: chroma sample k of a subsampled axis sits at luma coordinate 2k + phase
// (horizontal phase 0 co-sited, 0.5 centred; vertical 0, 0.5 or 1), as in libmedia's ycbcr.cpp.
// chroma_upsample_spec / chroma_downsample_spec turn a phase into the scale and offset above.
//
// Per sample: acc = fma(w[t], in[first + t], acc) for t = 0 .. taps-1, from acc = 0, in that
// order, on the CPU (std::fma) and on the GPU (__fmaf_rn): both round the same way, so the
// results are identical. The vertical pass then gives floats as they are, integers rounded half
// to even and clamped to [0, 2^bit_depth - 1] (NaN gives 0).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "slate_gpu/plane.h"

namespace slate_gpu {

enum class ResampleFilter : uint8_t { Point, Bilinear, Bicubic, Lanczos };

/// Most taps of a filter bank (a Lanczos-3 downscale by 42 still fits).
inline constexpr int kMaxResampleTaps = 256;

/// A filter bank in host or device memory: output o is the sum over t < taps of
/// weights[o * taps + t] * input[first[o] + t], with 0 <= first[o] <= in_size - taps.
struct FilterBank {
    int in_size = 0;
    int out_size = 0;
    int taps = 0;
    const int* first = nullptr;      ///< out_size entries
    const float* weights = nullptr;  ///< out_size * taps entries
};

/// How a bank is built (see the top of this file).
struct FilterSpec {
    ResampleFilter filter = ResampleFilter::Bicubic;
    double scale = 0.0;   ///< input samples per output sample; 0: in_size / out_size
    double offset = 0.0;  ///< added to the source position, in input samples
    double bicubic_b = 0.0;
    double bicubic_c = 0.6;
    int lanczos_a = 3;
};

/// The spec that resamples a subsampled chroma axis (sample k at luma 2k + phase) to full
/// resolution: scale 1/2, offset 1/4 - phase/2 (output x reads chroma position (x - phase)/2).
inline FilterSpec chroma_upsample_spec(ResampleFilter filter, double phase) {
    FilterSpec spec;
    spec.filter = filter;
    spec.scale = 0.5;
    spec.offset = 0.25 - 0.5 * phase;
    return spec;
}

/// The spec that resamples a full-resolution axis to a subsampled chroma axis: scale 2, offset
/// phase - 1/2 (chroma sample k is centred on luma 2k + phase).
inline FilterSpec chroma_downsample_spec(ResampleFilter filter, double phase) {
    FilterSpec spec;
    spec.filter = filter;
    spec.scale = 2.0;
    spec.offset = phase - 0.5;
    return spec;
}

/// The value of a filter kernel at distance x (in the kernel's own units), for tests.
double filter_kernel(const FilterSpec& spec, double x);

/// A filter bank in host memory.
class FilterBankData {
public:
    /// nullopt for sizes below 1, a non-positive or non-finite scale, a non-finite offset, or
    /// more than kMaxResampleTaps taps.
    static std::optional<FilterBankData> build(int in_size, int out_size, const FilterSpec& spec);

    FilterBank view() const {
        return FilterBank{m_in_size, m_out_size, m_taps, m_first.data(), m_weights.data()};
    }
    int in_size() const { return m_in_size; }
    int out_size() const { return m_out_size; }
    int taps() const { return m_taps; }
    const std::vector<int>& first() const { return m_first; }
    const std::vector<float>& weights() const { return m_weights; }

private:
    int m_in_size = 0;
    int m_out_size = 0;
    int m_taps = 0;
    std::vector<int> m_first;
    std::vector<float> m_weights;
};

/// One resampling call: input (in_w x in_h) -> intermediate (out_w x in_h, float) -> output
/// (out_w x out_h). `horizontal` maps in_w to out_w, `vertical` in_h to out_h; both banks are in
/// the memory of the side that runs (host for ref::, device for cuda::). bit_depth (8 for uint8,
/// 8..16 for uint16) sets the output clamp of integer types; float ignores it.
template <typename T>
struct ResampleArgs {
    Plane<const T> input;
    Plane<float> intermediate;
    Plane<T> output;
    FilterBank horizontal;
    FilterBank vertical;
    int bit_depth = 8 * static_cast<int>(sizeof(T));
};

/// True when a bank's shape is usable (its contents are not read: they may be device memory).
inline bool bank_shape_valid(const FilterBank& bank, int in_size, int out_size) {
    if (bank.in_size != in_size || bank.out_size != out_size) return false;
    if (out_size == 0 || in_size == 0) return true;
    return bank.taps >= 1 && bank.taps <= kMaxResampleTaps && bank.taps <= in_size &&
           bank.first != nullptr && bank.weights != nullptr;
}

/// True when the planes and banks fit together and the bit depth fits the type.
template <typename T>
bool args_valid(const ResampleArgs<T>& args) {
    if (!plane_valid(args.input) || !plane_valid(args.intermediate) || !plane_valid(args.output))
        return false;
    if (args.intermediate.width != args.output.width ||
        args.intermediate.height != args.input.height)
        return false;
    if (!bank_shape_valid(args.horizontal, args.input.width, args.output.width) ||
        !bank_shape_valid(args.vertical, args.input.height, args.output.height))
        return false;
    if constexpr (sizeof(T) == 1) return args.bit_depth == 8;
    if constexpr (sizeof(T) == 2) return args.bit_depth >= 8 && args.bit_depth <= 16;
    return true;
}

/// True when nothing is to be done (an empty plane somewhere).
template <typename T>
bool resample_empty(const ResampleArgs<T>& args) {
    return args.input.width == 0 || args.input.height == 0 || args.output.width == 0 ||
           args.output.height == 0;
}

namespace detail {

/// fma with one rounding on both sides (the host's std::fma, the device's __fmaf_rn).
SLATE_GPU_HD inline float fused_multiply_add(float a, float b, float c) {
#if defined(__CUDA_ARCH__)
    return __fmaf_rn(a, b, c);
#else
    return std::fma(a, b, c);
#endif
}

/// A sample as a float (codes as they are).
template <typename T>
SLATE_GPU_HD inline float sample_value(T value) {
    return static_cast<float>(value);
}

/// One output sample of a pass: the sum of taps weights times the inputs starting at `src`,
/// `stride` bytes apart, accumulated in order from 0 with one rounding per tap.
template <typename T>
SLATE_GPU_HD inline float tap_sum(const float* weights, int taps, const T* src,
                                  std::ptrdiff_t stride) {
    const auto* p = reinterpret_cast<const unsigned char*>(src);
    float acc = 0.0f;
    for (int t = 0; t < taps; ++t) {
        const float value = sample_value(*reinterpret_cast<const T*>(p));
        acc = fused_multiply_add(weights[t], value, acc);
        p += stride;
    }
    return acc;
}

/// The largest code of an integer output (0 for depths outside 1..16: float outputs).
SLATE_GPU_HD inline float max_code_of(int bit_depth) {
    return bit_depth >= 1 && bit_depth <= 16 ? static_cast<float>((1u << bit_depth) - 1u) : 0.0f;
}

/// A vertical-pass sum as an output sample: floats as they are; integer codes rounded half to
/// even and clamped to [0, max_code], NaN giving 0.
template <typename T>
SLATE_GPU_HD inline T output_sample(float value, float max_code) {
    if constexpr (std::is_same_v<T, float>) {
        (void)max_code;
        return value;
    } else {
        if (!(value > 0.0f)) return T{0};  // also NaN
        if (value >= max_code) return static_cast<T>(max_code);
#if defined(__CUDA_ARCH__)
        return static_cast<T>(rintf(value));
#else
        return static_cast<T>(std::nearbyint(value));
#endif
    }
}

}  // namespace detail

namespace ref {
/// Scalar references: both passes on the host. Return false (writing nothing) when
/// !args_valid(args) or a bank's first[] leaves [0, in_size - taps].
bool resample(const ResampleArgs<uint8_t>& args);
bool resample(const ResampleArgs<uint16_t>& args);
bool resample(const ResampleArgs<float>& args);
}  // namespace ref

}  // namespace slate_gpu
