// SPDX-License-Identifier: Apache-2.0
#include "media/io/library_versions.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}
#include <OpenImageIO/imageio.h>
#include <opencv2/core/utility.hpp>
#include <fmt/format.h>

namespace media {
namespace {

std::string av_version(unsigned v) {
    return fmt::format("{}.{}.{}", v >> 16, (v >> 8) & 0xff, v & 0xff);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> library_versions() {
    int oiio = OIIO::openimageio_version();
    return {
        {"libavformat", av_version(avformat_version())},
        {"libavcodec", av_version(avcodec_version())},
        {"libavutil", av_version(avutil_version())},
        {"libswscale", av_version(swscale_version())},
        {"libswresample", av_version(swresample_version())},
        {"libavfilter", av_version(avfilter_version())},
        {"OpenCV", cv::getVersionString()},
        {"OpenImageIO", fmt::format("{}.{}.{}", oiio / 10000, oiio / 100 % 100, oiio % 100)},
    };
}

}  // namespace media
