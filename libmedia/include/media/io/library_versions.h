// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace media {

/// Versions of the libraries libmedia runs against, as (name, version) pairs: libavformat,
/// libavcodec, libavutil, libswscale, libswresample, libavfilter, OpenCV, OpenImageIO.
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace media
