// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>

#include "media/core/result.h"
#include "media/frame/color_info.h"
#include "media/frame/frame.h"
#include "media/frame/pixel_format.h"

namespace media {

/// A rectangle in pixels.
struct PixelRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    friend bool operator==(const PixelRect&, const PixelRect&) = default;
};

enum class ResizeFilter { Point, Bilinear, Bicubic, Lanczos, Spline };

/// One resize and format conversion as plain data: crop `source_crop` of the input, scale it to
/// `placement` inside a `width` x `height` output of `format`, fill the rest black.
struct ResizeDesc {
    int width = 0;
    int height = 0;
    PixelFormat format = PixelFormat::Yuv422p10;
    /// Output encoding: matrix and range drive RGB<->YUV and range conversion; every field is
    /// also the output frames' ColorInfo. Unspecified matrix/range: BT.709 and limited (YUV) or
    /// full (RGB).
    ColorInfo color;
    std::optional<PixelRect> source_crop;  ///< part of the input used; unset: all of it
    std::optional<PixelRect> placement;    ///< where the picture goes; unset: the whole output
    ResizeFilter filter = ResizeFilter::Bicubic;
};

/// Resizes and converts frames (swscale underneath, set up once per input size and format).
/// Crop and placement offsets are rounded to the chroma grid of the formats involved. Frames keep
/// their pts, index, timecode and metadata.
class FrameResizer {
public:
    /// InvalidArgument for sizes that do not fit (crop outside any input is checked per frame).
    static Result<FrameResizer> create(const ResizeDesc& desc);
    FrameResizer(FrameResizer&&) noexcept;
    FrameResizer& operator=(FrameResizer&&) noexcept;
    ~FrameResizer();

    Result<Frame> resize(const Frame& input);
    const ResizeDesc& desc() const;

    class Impl;

private:
    explicit FrameResizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Fills a frame with black for its format and range (alpha opaque).
Result<void> fill_black(Frame& frame);

std::optional<ResizeFilter> resize_filter_from_name(std::string_view name);

}  // namespace media
