// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "media/frame/pixel_format.h"

namespace media {

/// What libav offers for one encoder name ("prores_ks", "libx264"...).
struct EncoderCaps {
    bool exists = false;
    bool video = false;
    /// Closed-set pixel formats the encoder takes (empty for audio or unknown encoders).
    std::vector<PixelFormat> pixel_formats;
};

EncoderCaps encoder_caps(const std::string& name);

}  // namespace media
