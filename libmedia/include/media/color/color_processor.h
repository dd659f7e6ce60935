// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "media/color/color_pipeline.h"
#include "media/color/lut.h"
#include "media/color/ycbcr.h"
#include "media/core/device.h"
#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::color {

class ColorProcessor;
namespace detail {
struct ExportedProgram;
/// The compiled ops as a GPU program (libmedia internal: src/color/color_ops.h).
const ExportedProgram& exported_program(const ColorProcessor& processor);
}  // namespace detail

/// What one apply() met.
struct ApplyStats {
    int64_t pixels = 0;
    /// Pixels with a NaN or infinite component on input. They pass through: a LUT or CDL takes
    /// NaN as 0, matrices and curves carry it (the output may stay non-finite).
    int64_t nonfinite_pixels = 0;
};

/// How ColorProcessor::bake samples a pipeline into a LUT (what ociobakelut does).
struct BakeOptions {
    int cube_size = 33;  ///< 3D LUT edge (2..256)
    /// Input domain of the baked LUT (each channel); the default suits display-referred or log
    /// inputs. Scene-linear inputs beyond 1 want a larger max.
    double domain_min = 0.0;
    double domain_max = 1.0;
    std::string title;
};

/// A ColorPipelineDesc compiled once into a list of ops (matrices, transfer curves, CDL, 1D and
/// 3D LUTs, OpenColorIO transforms for config-based steps) and applied to many frames.
/// Consecutive matrices are fused; LUT and CDL steps run in Slate's own code (Highway SIMD
/// where the CPU has it), so results do not depend on OCIO's optimiser. Thread-safe: apply() may
/// run on several frames at once.
class ColorProcessor {
public:
    /// Builds the processor. Errors name the step's file and the problem (unreadable LUT,
    /// bad CDL values). Where it runs: Cpu on the CPU; Auto on the first CUDA device when there
    /// is one and every compiled op has a CUDA kernel (matrices, CDL, transfer curves, 1D and 3D
    /// LUTs; not tone mapping, HLG OOTF, inverse CDL or OpenColorIO ops), else on the CPU
    /// (fallback_reason() says why when a device was there); Cuda is a DeviceError when there is
    /// no usable device or an op has no kernel (naming it). Results on the device equal the
    /// CPU's within the kernels' stated tolerances (docs/gpu.md).
    static Result<ColorProcessor> create(const ColorPipelineDesc& desc,
                                         DevicePolicy policy = DevicePolicy::Auto);
    ColorProcessor(ColorProcessor&&) noexcept;
    ColorProcessor& operator=(ColorProcessor&&) noexcept;
    ~ColorProcessor();

    /// Applies the pipeline in place to an RGB frame: Rgb16, Rgba16, RgbFloat, RgbaFloat,
    /// RgbaHalf or Rgb8/Rgba8 (alpha untouched); large frames are split into row bands across
    /// threads. Other formats: UnsupportedFormat (convert first); device frames: DeviceError.
    Result<void> apply(Frame& frame, ApplyStats* stats = nullptr) const;
    /// The pipeline from a planar Y'CbCr frame (8..16 bit, any subsampling) into another of the
    /// same size (depth, subsampling and matrix may differ): ycbcr_to_rgb with `in_desc`, the
    /// pipeline, rgb_to_ycbcr with `out_desc`. On a CUDA device this is one fused kernel with one
    /// upload and one download. Only `out`'s samples are written (its properties and tags are
    /// the caller's). UnsupportedFormat for other formats, InvalidArgument for a size mismatch.
    Result<void> apply_ycbcr(const Frame& in, const YcbcrDesc& in_desc, Frame& out,
                             const YcbcrDesc& out_desc, ApplyStats* stats = nullptr) const;
    /// Applies the pipeline to `count` interleaved RGB float triples in place (one thread; CPU).
    void apply_rgb(float* rgb, int64_t count, ApplyStats* stats = nullptr) const;
    /// Samples the pipeline on a cube_size^3 grid into a 3D LUT (write it with write_cube_file).
    Result<LutFile> bake(const BakeOptions& options = {}) const;
    /// One line per compiled op, in order (what `slate grade --describe` prints).
    std::string describe() const;
    /// "scalar", "avx2", "avx3"...: the SIMD target picked at construction.
    std::string backend() const;
    /// True when the pipeline changes nothing (no steps, or identity steps only).
    bool is_noop() const;
    /// "cpu" or "cuda:N": where apply() and apply_ycbcr() run (bake() and apply_rgb() always
    /// run on the CPU).
    std::string device() const;
    /// True when apply() and apply_ycbcr() run on a CUDA device.
    bool on_device() const;
    /// Why DevicePolicy::Auto stayed on the CPU although a CUDA device was there (an op
    /// without a kernel, a device that failed); empty otherwise.
    const std::string& fallback_reason() const;

    class Impl;

private:
    friend const detail::ExportedProgram& detail::exported_program(const ColorProcessor&);
    explicit ColorProcessor(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

}  // namespace media::color
