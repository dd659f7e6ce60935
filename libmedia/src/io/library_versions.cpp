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
// The compile-time macro, not cv::getVersionString(): libmedia calls nothing else in OpenCV, and
// linking opencv_core for one string would load it (and its dependencies) in every process.
#include <opencv2/core/version.hpp>
#include <fmt/format.h>

#include "image_plugin.h"

namespace media {
namespace {

std::string av_version(unsigned v) {
    return fmt::format("{}.{}.{}", v >> 16, (v >> 8) & 0xff, v & 0xff);
}

// Asking loads the image module (and OpenImageIO) if nothing has yet.
std::string image_library_version() {
    auto backend = io::image_backend();
    if (!backend) return "unavailable (" + backend.error().message() + ")";
    return (*backend)->version();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> library_versions() {
    return {
        {"libavformat", av_version(avformat_version())},
        {"libavcodec", av_version(avcodec_version())},
        {"libavutil", av_version(avutil_version())},
        {"libswscale", av_version(swscale_version())},
        {"libswresample", av_version(swresample_version())},
        {"libavfilter", av_version(avfilter_version())},
        {"OpenCV", CV_VERSION},
        {"OpenImageIO", image_library_version()},
    };
}

}  // namespace media
