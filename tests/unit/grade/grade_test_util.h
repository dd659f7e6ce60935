// SPDX-License-Identifier: Apache-2.0
// Shared by the grade tests: pictures built from a colour function, and PNGs to look at.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "media/frame/frame.h"
#include "media/io/image_file.h"

namespace media::grade::test {

using Pixel = std::array<float, 3>;

/// An RgbFloat picture of w x h whose pixel (x, y) is colour_at(x, y).
inline Frame picture(int w, int h, const std::function<Pixel(int, int)>& colour_at) {
    Frame f = Frame::allocate({w, h, PixelFormat::RgbFloat, {}}).value();
    auto view = f.mutable_plane<float>(0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const Pixel p = colour_at(x, y);
            for (int c = 0; c < 3; ++c) view.at(x, y, c) = p[size_t(c)];
        }
    return f;
}

/// For the disabled *Look* tests: writes an RgbFloat picture to /tmp/scopes-look/<name>.png so a
/// person can look at it (--gtest_also_run_disabled_tests --gtest_filter=*Look*).
inline void write_png(const Frame& f, const std::string& name) {
    std::vector<float> px;
    auto v = f.plane<float>(0);
    for (int y = 0; y < f.height(); ++y)
        for (int x = 0; x < f.width(); ++x)
            for (int c = 0; c < 3; ++c) px.push_back(v.at(x, y, c));
    ImageFileSpec spec;
    spec.width = f.width();
    spec.height = f.height();
    spec.stored = SampleType::U8;
    std::filesystem::create_directories("/tmp/scopes-look");
    ASSERT_TRUE(write_image_file("/tmp/scopes-look/" + name + ".png", spec, px).ok()) << name;
}

}  // namespace media::grade::test
