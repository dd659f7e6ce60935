// SPDX-License-Identifier: Apache-2.0
#pragma once

// The kernel registry: one static table per family, each entry naming a kernel, its scalar
// reference, its CUDA implementation and the tolerance between the two, with the reason. The
// entries take type-erased buffers so that one parity and timing harness (slate-gpu-selftest) can
// walk every table; callers that run a kernel use the typed functions in kernels_cuda.h.

#include <cuda_runtime_api.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "slate_gpu/levels.h"

namespace slate_gpu {

/// Sample types of registry buffers.
enum class SampleType : uint8_t { U8, U16, F32, U64, F64 };

/// Bytes per sample of a type.
std::size_t sample_bytes(SampleType type);

/// One buffer a kernel reads or writes, with the values the harness fills an input with: integer
/// codes up to max_code, plus some above it (out of range); floats in [low, high], plus some
/// outside it and some non-finite.
struct BufferSpec {
    SampleType type = SampleType::U8;
    int width = 0;
    int height = 0;
    uint32_t max_code = 0;
    float low = 0.0f;
    float high = 1.0f;
};

/// Most buffers a kernel reads, or writes.
inline constexpr int kMaxBuffers = 8;

/// The buffers of one kernel call.
struct Layout {
    std::array<BufferSpec, kMaxBuffers> inputs{};
    std::array<BufferSpec, kMaxBuffers> outputs{};
    int input_count = 0;
    int output_count = 0;
};

/// A buffer bound to a call: host memory for the reference, device memory for CUDA.
struct Buffer {
    void* data = nullptr;
    std::ptrdiff_t pitch = 0;
    int width = 0;
    int height = 0;
};

/// A parameter set that the harness runs each kernel with (kernels read what applies to them).
struct Variant {
    const char* name = "";
    int bit_depth = 8;
    Range range = Range::Full;
    Component component = Component::Luma;
    /// Kernel-specific choices (chroma layout, filter, LUT placement...), read by the family's
    /// adapters only.
    uint32_t options = 0;
};

/// The buffers of one call, in the order of the layout, and the variant to run.
struct Binding {
    std::array<Buffer, kMaxBuffers> inputs{};
    std::array<Buffer, kMaxBuffers> outputs{};
    Variant variant;
};

/// How far a CUDA sample may be from the reference one: |cuda - ref| <= abs + rel * |ref|, or
/// both NaN. Integer kernels use {0, 0}: they must match exactly.
struct Tolerance {
    double abs = 0.0;
    double rel = 0.0;
    const char* reason = "";
};

/// One kernel of a family.
struct KernelEntry {
    const char* name;
    std::span<const Variant> variants;
    Tolerance tolerance;
    Layout (*layout)(int width, int height, const Variant& variant);
    bool (*cpu)(const Binding& binding);  ///< false when the binding was refused
    cudaError_t (*cuda)(const Binding& binding, cudaStream_t stream);
    /// False for entries whose CUDA side synchronises and copies through the host (the parity
    /// adapters of the metrics family): the generic timing skips them, and the metrics benchmark
    /// times the kernels themselves.
    bool timed = true;
};

/// A family: kernels that share argument conventions.
struct KernelFamily {
    const char* name;
    std::span<const KernelEntry> kernels;
};

/// Per-pixel conversions: unpack_to_float, pack_from_float, yuv422_to_rgb.
std::span<const KernelEntry> convert_kernels();
/// Reductions: plane_stats.
std::span<const KernelEntry> reduce_kernels();
/// Colour: Y'CbCr <-> R'G'B', colour programs (matrix, CDL, curves, LUTs), the fused chain.
std::span<const KernelEntry> color_kernels();
/// Scaling and chroma resampling.
std::span<const KernelEntry> scale_kernels();
/// QC per-frame statistics.
std::span<const KernelEntry> stats_kernels();
/// Reference metrics: PSNR, motion, SSIM, MS-SSIM, VIF, ADM, the VMAF model.
std::span<const KernelEntry> metrics_kernels();
/// Every family, in the order the harness reports them.
std::span<const KernelFamily> kernel_families();

}  // namespace slate_gpu
