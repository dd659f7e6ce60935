// SPDX-License-Identifier: Apache-2.0
// Without its image module (libmedia_oiio.so), libmedia still runs: every image operation fails
// with an Internal error naming the module's path, and nothing else is affected. The module is
// loaded once per process, so this binary points SLATE_OIIO_MODULE at a missing file before any
// test runs and holds only tests that expect it missing.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "media/io/image_file.h"
#include "media/io/library_versions.h"
#include "media/io/media_sink.h"
#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "media_io_fixtures.h"

namespace media {
namespace {

const std::string kMissing = "/nonexistent-slate-test/libmedia_oiio.so";
const std::string kExr =
    std::string(SLATE_SHARED_DIR) + "/reference/media/openexr-images/TestImages/GammaChart.exr";

// Before main(): the first image operation of the process reads the variable.
const bool g_module_pointed_away = setenv("SLATE_OIIO_MODULE", kMissing.c_str(), 1) == 0;

void expect_module_error(const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::Internal) << error.to_string();
    EXPECT_NE(error.message().find("cannot load image module " + kMissing), std::string::npos)
        << error.to_string();
}

TEST(ImagePluginMissing, ProbeOfAnImageIsAnError) {
    ASSERT_TRUE(g_module_pointed_away);
    auto info = probe(kExr);
    ASSERT_FALSE(info.ok());
    expect_module_error(info.error());
    EXPECT_EQ(info.error().context().file, kExr);
}

TEST(ImagePluginMissing, SequencesCannotBeReadOrWritten) {
    test::ScratchDir dir;
    std::filesystem::copy_file(kExr, dir.file("shot.0001.exr"));
    auto source = MediaSource::open(dir.file("shot.%04d.exr"));
    ASSERT_FALSE(source.ok());
    expect_module_error(source.error());

    auto sink = MediaSink::create(dir.file("out.%04d.exr"), SinkOptions{});
    ASSERT_TRUE(sink.ok()) << sink.error().to_string();
    auto frame = Frame::allocate(FrameSpec{8, 4, PixelFormat::Rgb16, {}});
    ASSERT_TRUE(frame.ok());
    auto written = sink->write_video(*frame);
    ASSERT_FALSE(written.ok());
    expect_module_error(written.error());
}

TEST(ImagePluginMissing, WriteImageFileIsAnError) {
    test::ScratchDir dir;
    ImageFileSpec spec;
    spec.width = 4;
    spec.height = 2;
    const std::vector<float> pixels(4 * 2 * 3, 0.5f);
    auto written = write_image_file(dir.file("a.exr"), spec, pixels);
    ASSERT_FALSE(written.ok());
    expect_module_error(written.error());
    EXPECT_TRUE(dir.entries().empty());
}

TEST(ImagePluginMissing, VersionsSayUnavailable) {
    for (const auto& [name, version] : library_versions()) {
        if (name == "OpenImageIO") {
            EXPECT_EQ(version.rfind("unavailable (", 0), 0u) << version;
        }
    }
}

TEST(ImagePluginMissing, MoviesStillWork) {
    test::ScratchDir dir;
    ASSERT_TRUE(test::ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=24:duration=0.25 -c:v ffv1 " +
                             test::quote(dir.file("clip.mkv"))));
    auto info = probe(dir.file("clip.mkv"));
    ASSERT_TRUE(info.ok()) << info.error().to_string();
    EXPECT_EQ(info->streams.at(0).codec, "ffv1");
}

}  // namespace
}  // namespace media
