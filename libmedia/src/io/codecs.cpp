// SPDX-License-Identifier: Apache-2.0
#include "media/io/codecs.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

#include "pixel_format_map.h"

namespace media {

EncoderCaps encoder_caps(const std::string& name) {
    EncoderCaps caps;
    const AVCodec* encoder = avcodec_find_encoder_by_name(name.c_str());
    if (!encoder) return caps;
    caps.exists = true;
    caps.video = encoder->type == AVMEDIA_TYPE_VIDEO;
    for (const AVPixelFormat* f = encoder->pix_fmts; f && *f != AV_PIX_FMT_NONE; ++f)
        if (auto format = av::from_av_pixel_format(*f)) caps.pixel_formats.push_back(*format);
    return caps;
}

}  // namespace media
