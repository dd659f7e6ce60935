// SPDX-License-Identifier: Apache-2.0
// Runs a ColorProcessor's exported program on a CUDA device: the program's tables are uploaded
// once at creation; each call moves a frame through pinned staging memory on one of a few
// "lanes" (a stream with its device and pinned buffers), so frames that several threads submit
// at once overlap their upload, kernels and download. Without CUDA in the build, or without a
// device, create() is a DeviceError; nothing else here needs a GPU to compile.
#pragma once

#include <memory>

#include "color_ops.h"
#include "media/color/ycbcr.h"
#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::color::detail {

class CudaColorEngine {
public:
    /// Uploads the program's tables to CUDA device `device_index`. DeviceError naming the CUDA
    /// call that failed (or "this build has no CUDA support").
    static Result<std::unique_ptr<CudaColorEngine>> create(const ExportedProgram& exported,
                                                           int device_index);
    ~CudaColorEngine();
    CudaColorEngine(const CudaColorEngine&) = delete;
    CudaColorEngine& operator=(const CudaColorEngine&) = delete;

    /// The program in place on a packed RGB(A) CPU frame (Rgb8/16, Rgba8/16, RgbFloat,
    /// RgbaFloat, RgbaHalf). Returns the count of pixels with a non-finite input component.
    Result<int64_t> apply_packed(Frame& frame) const;
    /// The fused chain: Y'CbCr `in` -> R'G'B' -> program -> Y'CbCr `out` (a CPU frame of the same
    /// size in a planar Y'CbCr format), one upload and one download.
    Result<void> apply_ycbcr(const Frame& in, const YcbcrDesc& in_desc, Frame& out,
                             const YcbcrDesc& out_desc) const;
    /// "cuda:N".
    std::string device_name() const;

    class Impl;

private:
    explicit CudaColorEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace media::color::detail
