// SPDX-License-Identifier: Apache-2.0
#include "media/io/library_versions.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/version.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}
#include <fmt/format.h>
#include <opencv2/core/version.hpp>  // CV_VERSION only: see library_versions()

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
        // The header's version: libmedia uses nothing else of libavfilter, and not linking it
        // spares every process loading its ~30 dependencies (flite, pocketsphinx, placebo...).
        {"libavfilter", av_version(LIBAVFILTER_VERSION_INT)},
        // The header's version, not cv::getVersionString(): libmedia calls nothing else in
        // OpenCV, and linking opencv_core for one string would load it in every process.
        {"OpenCV", CV_VERSION},
        {"OpenImageIO", image_library_version()},
    };
}

}  // namespace media
