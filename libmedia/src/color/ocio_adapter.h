// SPDX-License-Identifier: Apache-2.0
// The one meeting point of OpenColorIO and libmedia: everything else in color/ sees only this.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "media/color/color_pipeline.h"
#include "media/core/result.h"
#include "media/frame/pixel_format.h"

namespace media::color::detail {

/// Packed, interleaved RGB or RGBA pixels in host memory.
struct PackedPixels {
    void* data = nullptr;
    int width = 0;
    int height = 0;
    int channels = 3;  ///< 3 or 4 (alpha passes through unchanged)
    SampleType sample = SampleType::F32;
    int64_t stride_bytes = 0;
};

/// A pipeline as OpenColorIO processors: built once, applied from any number of threads.
class OcioPipeline {
public:
    /// Builds the pipeline. Each step is first built on its own so an error names its file.
    static Result<std::unique_ptr<const OcioPipeline>> build(const ColorPipelineDesc& desc);
    ~OcioPipeline();

    /// True when OpenColorIO optimised every step away.
    bool is_noop() const;
    /// Applies the pipeline in place (the CPU processor for the pixels' sample type is built on
    /// first use).
    Result<void> apply(const PackedPixels& pixels) const;

    struct State;
    explicit OcioPipeline(std::unique_ptr<State> state);

private:
    std::unique_ptr<State> m_state;
};

/// Loads a LUT file fully with OpenColorIO (any format it reads). InvalidArgument naming the
/// file when it is malformed.
Result<void> load_lut_with_ocio(const std::string& path);

}  // namespace media::color::detail
