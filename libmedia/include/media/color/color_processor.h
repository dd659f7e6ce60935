// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "media/color/color_pipeline.h"
#include "media/core/device.h"
#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::color {

/// A ColorPipelineDesc built once (OpenColorIO underneath: LUT files, CDL) and applied to many
/// frames. Thread-safe: apply() may run on several frames at once.
class ColorProcessor {
public:
    /// Builds the processor. Errors name the step's file and the problem (unreadable LUT,
    /// bad CDL values). DevicePolicy::Cuda is an error until GPU colour kernels exist.
    static Result<ColorProcessor> create(const ColorPipelineDesc& desc,
                                         DevicePolicy policy = DevicePolicy::Auto);
    ColorProcessor(ColorProcessor&&) noexcept;
    ColorProcessor& operator=(ColorProcessor&&) noexcept;
    ~ColorProcessor();

    /// Applies the pipeline in place to an RGB frame: Rgb16, Rgba16, RgbFloat, RgbaFloat,
    /// RgbaHalf or Rgb8/Rgba8 (alpha untouched); large frames are split into row bands across
    /// threads. Other formats: UnsupportedFormat (convert first); device frames: DeviceError.
    Result<void> apply(Frame& frame) const;
    /// True when the pipeline changes nothing (no steps, or identity steps only).
    bool is_noop() const;
    /// "cpu" (or "cuda:0" once there are kernels): where apply() runs.
    std::string device() const;

    class Impl;

private:
    explicit ColorProcessor(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

}  // namespace media::color
