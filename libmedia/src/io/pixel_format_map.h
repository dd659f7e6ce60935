// SPDX-License-Identifier: Apache-2.0
// Private to io/: the only place AVPixelFormat and media::PixelFormat meet.
#pragma once

#include <optional>

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixfmt.h>
}

#include "media/frame/color_info.h"
#include "media/frame/pixel_format.h"

namespace media::av {

/// The AVPixelFormat with exactly this memory layout; AV_PIX_FMT_NONE for the packed float
/// formats (FFmpeg 5.1 has none: RgbaHalf, RgbaFloat, RgbFloat).
AVPixelFormat to_av_pixel_format(PixelFormat format);

/// The closed-set format with exactly this memory layout (yuvj* map to their yuv twins; their
/// full range travels in ColorInfo), nullopt when there is none.
std::optional<PixelFormat> from_av_pixel_format(AVPixelFormat format);

/// The closed-set format a decoded picture of `format` is converted to without losing depth,
/// chroma resolution or alpha where the set allows. nullopt for hardware and unknown formats.
std::optional<PixelFormat> nearest_pixel_format(AVPixelFormat format);

/// Colour signalling of a decoded frame, HDR side data included.
ColorInfo color_from_av(const AVFrame& frame);

/// Writes a ColorInfo's code points into an encoder-side frame or codec parameters.
void color_to_av(const ColorInfo& color, AVColorPrimaries& primaries,
                 AVColorTransferCharacteristic& transfer, AVColorSpace& matrix, AVColorRange& range,
                 AVChromaLocation& chroma_location);

}  // namespace media::av
