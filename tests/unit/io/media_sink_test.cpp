// SPDX-License-Identifier: Apache-2.0
// MediaSink: encode with libav encoders, re-probe with ffprobe, decode back with MediaSource,
// and check that failed outputs leave nothing behind.
#include "media/io/media_sink.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

#include <gtest/gtest.h>

#include "media/io/media_source.h"
#include "media_io_fixtures.h"

namespace media {
namespace {

using test::ffprobe_entry;

// A deterministic moving picture: gradients plus a bar that moves with the frame number.
template <typename T>
void paint(Frame& frame, int n) {
    const PixelFormatInfo& fi = info(frame.format());
    // Half floats keep to finite bit patterns (0x7BFF is the largest), so every value round-trips.
    const int max_value = fi.sample_type == SampleType::F16 ? 0x7BFF : (1 << fi.bit_depth) - 1;
    for (int p = 0; p < frame.plane_count(); ++p) {
        auto view = frame.mutable_plane<T>(p);
        for (int y = 0; y < view.height(); ++y)
            for (int x = 0; x < view.width(); ++x)
                for (int c = 0; c < view.components(); ++c) {
                    const bool bar = std::abs(x - 8 * n % view.width()) < 6;
                    const int value =
                        bar ? max_value : (x * 7 + y * 3 + p * 40 + c * 90) % max_value;
                    view.at(x, y, c) = static_cast<T>(value);
                }
    }
}

Frame make_frame(PixelFormat format, int width, int height, int n) {
    auto frame = Frame::allocate(FrameSpec{width, height, format, {}});
    EXPECT_TRUE(frame.ok());
    if (info(format).bytes_per_sample == 1)
        paint<uint8_t>(*frame, n);
    else
        paint<uint16_t>(*frame, n);
    return *frame;
}

VideoEncodeSettings video(const std::string& codec, PixelFormat format, int width = 320,
                          int height = 240) {
    VideoEncodeSettings settings;
    settings.codec = codec;
    settings.pixel_format = format;
    settings.width = width;
    settings.height = height;
    return settings;
}

class MediaSinkTest : public ::testing::Test {
protected:
    std::string file(const std::string& name) const { return m_dir.file(name); }

    // Writes `count` frames of `format`; the sink's own result.
    Result<void> write_clip(const std::string& path, const SinkOptions& options, int count,
                            PixelFormat format) {
        MEDIA_TRY_ASSIGN(MediaSink sink, MediaSink::create(path, options));
        const auto& v = *options.video;
        for (int n = 0; n < count; ++n)
            MEDIA_TRY(sink.write_video(make_frame(format, v.width, v.height, n)));
        return sink.finish();
    }

    test::ScratchDir m_dir;
};

TEST_F(MediaSinkTest, ProResHqWithTimecodeColourAndPcm) {
    SinkOptions options;
    options.video = video("prores_ks", PixelFormat::Yuv422p10);
    options.video->options = {{"profile", "3"}};
    options.video->frame_rate = Rational(24000, 1001);
    options.video->color.primaries = ColorPrimaries::BT709;
    options.video->color.transfer = TransferCharacteristic::BT709;
    options.video->color.matrix = MatrixCoefficients::BT709;
    auto rate = TimecodeRate::make(Rational(24000, 1001), false);
    options.video->start_timecode = *Timecode::parse("01:00:00:00", *rate);
    options.audio = AudioEncodeSettings{"pcm_s24le", 2, 48000, 0, ""};
    const std::string path = file("clip.mov");
    {
        auto sink = MediaSink::create(path, options);
        ASSERT_TRUE(sink.ok()) << sink.error().to_string();
        for (int n = 0; n < 24; ++n) {
            ASSERT_TRUE(sink->write_video(make_frame(PixelFormat::Yuv422p10, 320, 240, n)).ok());
            auto block = AudioBlock::allocate(2, 2002, 48000, "stereo");  // one 23.976 frame
            ASSERT_TRUE(sink->write_audio(*block).ok());
        }
        EXPECT_FALSE(std::filesystem::exists(path));  // nothing under the final name yet
        auto finished = sink->finish();
        ASSERT_TRUE(finished.ok()) << finished.error().to_string();
        EXPECT_EQ(sink->frames_written(), 24);
    }
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=codec_name"), "prores");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=profile"), "HQ");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=width"), "320");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=height"), "240");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=pix_fmt"), "yuv422p10le");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=r_frame_rate"), "24000/1001");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=color_primaries"), "bt709");
    EXPECT_EQ(test::ffprobe_frame_count(path), 24);
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream_tags=timecode"), "01:00:00:00");
    EXPECT_EQ(ffprobe_entry(path, "a:0", "stream=codec_name"), "pcm_s24le");
    EXPECT_EQ(ffprobe_entry(path, "a:0", "stream=channels"), "2");
    EXPECT_EQ(m_dir.entries(), std::vector<std::string>{"clip.mov"});  // no temp left over
}

TEST_F(MediaSinkTest, H264WithCrfAndPreset) {
    SinkOptions options;
    options.video = video("libx264", PixelFormat::Yuv420p8);
    options.video->options = {{"crf", "20"}, {"preset", "ultrafast"}};
    options.video->frame_rate = Rational(25, 1);
    const std::string path = file("clip.mp4");
    auto written = write_clip(path, options, 30, PixelFormat::Yuv420p8);
    ASSERT_TRUE(written.ok()) << written.error().to_string();
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=codec_name"), "h264");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=pix_fmt"), "yuv420p");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=r_frame_rate"), "25/1");
    EXPECT_EQ(test::ffprobe_frame_count(path), 30);
}

TEST_F(MediaSinkTest, DnxhrFromFramesOfAnotherFormat) {
    SinkOptions options;
    options.video = video("dnxhd", PixelFormat::Yuv422p8);
    options.video->options = {{"profile", "dnxhr_hq"}};
    const std::string path = file("dnx.mov");
    // 10-bit frames into an 8-bit encoder: the sink converts.
    auto written = write_clip(path, options, 12, PixelFormat::Yuv422p10);
    ASSERT_TRUE(written.ok()) << written.error().to_string();
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=codec_name"), "dnxhd");
    EXPECT_EQ(ffprobe_entry(path, "v:0", "stream=profile"), "DNXHR HQ");
    EXPECT_EQ(test::ffprobe_frame_count(path), 12);
}

TEST_F(MediaSinkTest, LosslessRoundTripKeepsEveryPixel) {
    SinkOptions options;
    options.video = video("ffv1", PixelFormat::Yuv422p10, 96, 64);
    const std::string path = file("lossless.mkv");
    ASSERT_TRUE(write_clip(path, options, 5, PixelFormat::Yuv422p10).ok());
    auto source = MediaSource::open(path);
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    for (int n = 0; n < 5; ++n) {
        auto frame = source->next_video_frame();
        ASSERT_TRUE(frame.ok() && *frame) << n;
        EXPECT_EQ(test::digest(**frame),
                  test::digest(make_frame(PixelFormat::Yuv422p10, 96, 64, n)))
            << n;
    }
}

TEST_F(MediaSinkTest, PcmAudioRoundTrip) {
    SinkOptions options;
    options.audio = AudioEncodeSettings{"pcm_s16le", 1, 48000, 0, ""};
    const std::string path = file("tone.wav");
    auto block = AudioBlock::allocate(1, 4800, 48000, "mono");
    for (int i = 0; i < 4800; ++i)
        block->channel(0)[i] = 0.5f * static_cast<float>(std::sin(2 * std::numbers::pi * i / 48.0));
    {
        auto sink = MediaSink::create(path, options);
        ASSERT_TRUE(sink.ok()) << sink.error().to_string();
        ASSERT_TRUE(sink->write_audio(*block).ok());
        ASSERT_TRUE(sink->finish().ok());
    }
    SourceOptions read;
    read.video = false;
    read.audio = true;
    auto source = MediaSource::open(path, read);
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    int64_t at = 0;
    for (auto got = source->next_audio_block(); got.ok() && *got;
         got = source->next_audio_block()) {
        for (float v : (*got)->channel(0)) EXPECT_NEAR(v, block->channel(0)[at++], 1.0f / 32768);
    }
    EXPECT_EQ(at, 4800);
}

// AAC takes exactly 1024 samples per frame: blocks of any length are queued and re-cut, and
// every sample arrives (the last frame short), at the bit rate asked for.
TEST_F(MediaSinkTest, AacFromBlocksOfAnyLength) {
    SinkOptions options;
    options.audio = AudioEncodeSettings{"aac", 2, 48000, 128000, ""};
    const std::string path = file("tone.m4a");
    {
        auto sink = MediaSink::create(path, options);
        ASSERT_TRUE(sink.ok()) << sink.error().to_string();
        for (int64_t length : {1000, 2002, 7, 48000, 333}) {
            auto block = AudioBlock::allocate(2, length, 48000, "stereo");
            ASSERT_TRUE(block.ok());
            ASSERT_TRUE(sink->write_audio(*block).ok());
        }
        ASSERT_TRUE(sink->finish().ok());
    }
    EXPECT_EQ(ffprobe_entry(path, "a:0", "stream=codec_name"), "aac");
    const double duration = std::stod(ffprobe_entry(path, "a:0", "stream=duration"));
    EXPECT_NEAR(duration, (1000 + 2002 + 7 + 48000 + 333) / 48000.0, 1024.0 / 48000);
    SinkOptions s16 = options;
    s16.audio->sample_format = "s16";
    EXPECT_FALSE(MediaSink::create(file("x.m4a"), s16).ok()) << "aac takes float planar only";
}

TEST_F(MediaSinkTest, CopiesAudioFromAnotherFileWithoutReencoding) {
    const std::string source = file("source.mov");
    ASSERT_TRUE(
        test::ffmpeg("-f lavfi -i 'aevalsrc=0.5*sin(2*PI*1000*t)|0.25*sin(2*PI*440*t):s=48000:d=1' "
                     "-c:a pcm_s24le " +
                     test::quote(source)));
    SinkOptions options;
    options.video = video("prores_ks", PixelFormat::Yuv422p10, 64, 48);
    options.audio_copy = AudioCopySettings{source, -1};
    const std::string path = file("with_copy.mov");
    auto written = write_clip(path, options, 24, PixelFormat::Yuv422p10);
    ASSERT_TRUE(written.ok()) << written.error().to_string();
    EXPECT_EQ(ffprobe_entry(path, "a:0", "stream=codec_name"), "pcm_s24le");
    EXPECT_EQ(ffprobe_entry(path, "a:0", "stream=channels"), "2");
    EXPECT_EQ(test::ffprobe_frame_count(path), 24);
    // The copied samples are the source's, bit for bit: compare the decoded audio.
    auto sum_samples = [](const std::string& media) {
        SourceOptions read;
        read.video = false;
        read.audio = true;
        auto src = MediaSource::open(media, read);
        EXPECT_TRUE(src.ok());
        double sum = 0;
        int64_t count = 0;
        for (auto b = src->next_audio_block(); b.ok() && *b; b = src->next_audio_block()) {
            for (float v : (*b)->channel(1)) sum += std::abs(v);
            count += (*b)->samples();
        }
        return std::make_pair(count, sum);
    };
    EXPECT_EQ(sum_samples(path), sum_samples(source));
    EXPECT_EQ(sum_samples(path).first, 48000);
}

TEST_F(MediaSinkTest, AudioIsEncodedOrCopiedNotBoth) {
    SinkOptions options;
    options.audio = AudioEncodeSettings{};
    options.audio_copy = AudioCopySettings{file("whatever.mov"), -1};
    EXPECT_FALSE(MediaSink::create(file("both.mov"), options).ok());
    options.audio.reset();
    auto missing = MediaSink::create(file("copy.mov"), options);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_TRUE(m_dir.entries().empty());
}

TEST_F(MediaSinkTest, ExrSequenceRoundTrip) {
    SinkOptions options;
    options.first_frame_number = 86400;
    options.image_attributes = {{"compression", "zip"}};
    {
        auto sink = MediaSink::create(file("plate.%06d.exr"), options);
        ASSERT_TRUE(sink.ok()) << sink.error().to_string();
        for (int n = 0; n < 3; ++n)
            ASSERT_TRUE(sink->write_video(make_frame(PixelFormat::RgbaHalf, 40, 30, n)).ok());
        EXPECT_FALSE(std::filesystem::exists(file("plate.086400.exr")));
        ASSERT_TRUE(sink->finish().ok());
    }
    auto entries = m_dir.entries();
    std::sort(entries.begin(), entries.end());
    EXPECT_EQ(entries, (std::vector<std::string>{"plate.086400.exr", "plate.086401.exr",
                                                 "plate.086402.exr"}));
    auto source = MediaSource::open(file("plate.%06d.exr"));
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    for (int n = 0; n < 3; ++n) {
        auto frame = source->next_video_frame();
        ASSERT_TRUE(frame.ok() && *frame);
        EXPECT_EQ((*frame)->format(), PixelFormat::RgbaHalf);
        // The painted values are arbitrary finite half bit patterns: EXR keeps them exactly.
        EXPECT_EQ(test::digest(**frame),
                  test::digest(make_frame(PixelFormat::RgbaHalf, 40, 30, n)));
    }
}

TEST_F(MediaSinkTest, TenBitDpxSequence) {
    SinkOptions options;
    options.image_attributes = {{"oiio:BitsPerSample", "10"}};
    auto frame = *Frame::allocate(FrameSpec{16, 8, PixelFormat::Rgb16, {}});
    auto view = frame.mutable_plane<uint16_t>(0);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 16; ++x)
            for (int c = 0; c < 3; ++c)
                view.at(x, y, c) = static_cast<uint16_t>((x * 64 + y * 8 + c) << 6);
    {
        auto sink = MediaSink::create(file("scan.####.dpx"), options);
        ASSERT_TRUE(sink.ok()) << sink.error().to_string();
        ASSERT_TRUE(sink->write_video(frame).ok());
        ASSERT_TRUE(sink->finish().ok());
    }
    EXPECT_EQ(ffprobe_entry(file("scan.0000.dpx"), "v:0", "stream=pix_fmt"), "gbrp10le");
    auto source = MediaSource::open(file("scan.####.dpx"));
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    auto back = source->next_video_frame();
    ASSERT_TRUE(back.ok() && *back);
    auto got = (*back)->plane<uint16_t>(0);
    for (int x = 0; x < 16; ++x)  // 10 bits survive; the low 6 are OIIO's bit replication
        EXPECT_EQ(got.at(x, 5, 1) >> 6, view.at(x, 5, 1) >> 6) << x;
}

// --- failures leave nothing under the final name, and no temporary behind -------------------

TEST_F(MediaSinkTest, OddSizeFor420EncoderFailsCleanly) {
    SinkOptions options;
    options.video = video("libx264", PixelFormat::Yuv420p8, 321, 240);
    auto sink = MediaSink::create(file("odd.mp4"), options);
    ASSERT_FALSE(sink.ok());
    EXPECT_EQ(sink.error().code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(m_dir.entries().empty());
}

TEST_F(MediaSinkTest, BadOptionsAreErrors) {
    SinkOptions options;
    options.video = video("prores_ks", PixelFormat::Yuv422p10);
    options.video->options = {{"profile", "not-a-profile"}};
    EXPECT_FALSE(MediaSink::create(file("a.mov"), options).ok());
    options.video->options = {{"no_such_option", "1"}};
    auto unknown = MediaSink::create(file("a.mov"), options);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message().find("no_such_option"), std::string::npos);
    options.video->options = {};
    options.container_options = {{"no_such_muxer_option", "1"}};
    EXPECT_FALSE(MediaSink::create(file("a.mov"), options).ok());
    options.container_options = {};
    options.video->codec = "no_such_encoder";
    auto no_encoder = MediaSink::create(file("a.mov"), options);
    ASSERT_FALSE(no_encoder.ok());
    EXPECT_EQ(no_encoder.error().code(), ErrorCode::UnsupportedFormat);
    EXPECT_TRUE(m_dir.entries().empty());
}

TEST_F(MediaSinkTest, FailureMidWayRemovesTheTemporaryAndKeepsAnOlderFile) {
    const std::string path = file("take.mov");
    std::ofstream(path) << "previous take";
    SinkOptions options;
    options.video = video("prores_ks", PixelFormat::Yuv422p10);
    auto sink = MediaSink::create(path, options);
    ASSERT_TRUE(sink.ok()) << sink.error().to_string();
    ASSERT_TRUE(sink->write_video(make_frame(PixelFormat::Yuv422p10, 320, 240, 0)).ok());
    EXPECT_EQ(m_dir.entries().size(), 2u);  // the old file and the hidden temporary
    auto wrong = sink->write_video(make_frame(PixelFormat::Yuv422p10, 160, 120, 1));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(sink->finish().ok());  // a failed sink stays failed
    EXPECT_EQ(m_dir.entries(), std::vector<std::string>{"take.mov"});
    std::stringstream content;
    content << std::ifstream(path).rdbuf();
    EXPECT_EQ(content.str(), "previous take");
}

TEST_F(MediaSinkTest, DestroyedWithoutFinishLeavesNothing) {
    {
        SinkOptions options;
        options.video = video("prores_ks", PixelFormat::Yuv422p10);
        auto sink = MediaSink::create(file("abandoned.mov"), options);
        ASSERT_TRUE(sink.ok());
        ASSERT_TRUE(sink->write_video(make_frame(PixelFormat::Yuv422p10, 320, 240, 0)).ok());
        auto entries = m_dir.entries();
        ASSERT_EQ(entries.size(), 1u);
        EXPECT_TRUE(entries[0].starts_with(".abandoned.partial-")) << entries[0];
        EXPECT_TRUE(entries[0].ends_with(".mov")) << entries[0];
    }
    {
        auto sink = MediaSink::create(file("frames.%04d.exr"), SinkOptions{});
        ASSERT_TRUE(sink.ok());
        ASSERT_TRUE(sink->write_video(make_frame(PixelFormat::RgbaHalf, 8, 8, 0)).ok());
        EXPECT_EQ(m_dir.entries().size(), 1u);
    }
    EXPECT_TRUE(m_dir.entries().empty());
}

TEST_F(MediaSinkTest, MissingFolderIsNotFound) {
    SinkOptions options;
    options.video = video("prores_ks", PixelFormat::Yuv422p10);
    auto sink = MediaSink::create(file("no/such/folder/x.mov"), options);
    ASSERT_FALSE(sink.ok());
    EXPECT_EQ(sink.error().code(), ErrorCode::NotFound);
}

}  // namespace
}  // namespace media
