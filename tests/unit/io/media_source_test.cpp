// SPDX-License-Identifier: Apache-2.0
// MediaSource against libav's own answers: frame counts from ffprobe -count_frames, pixels from
// ffmpeg -f rawvideo, timecodes from the tags ffmpeg wrote.
#include "media/io/media_source.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include <gtest/gtest.h>

#include "media_io_fixtures.h"

namespace media {
namespace {

using test::ffmpeg;
using test::quote;

class MediaSourceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_dir = std::make_unique<test::ScratchDir>(); }
    static void TearDownTestSuite() { s_dir.reset(); }

    // How ffmpeg makes each fixture. Made on first use: ctest runs each test in its own process.
    static std::string recipe(const std::string& name) {
        const std::string src = "-f lavfi -i testsrc2=size=320x240:rate=24:duration=2 ";
        // Two channels of different loudness, to tell them apart.
        const std::string tone =
            "-f lavfi -i 'aevalsrc=0.5*sin(2*PI*1000*t)|0.25*sin(2*PI*1000*t):s=48000:d=2' ";
        if (name == "prores.mov")
            return src + tone +
                   "-map 0 -map 1 -c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le "
                   "-c:a pcm_s16le -timecode 01:00:00:00 ";
        if (name == "h264.mp4") return src + "-c:v libx264 -g 12 -bf 2 -pix_fmt yuv420p ";
        if (name == "df.mov")
            return "-f lavfi -i testsrc2=size=320x240:rate=30000/1001:duration=1 -c:v libx264 "
                   "-pix_fmt yuv420p -timecode 00:59:59\\;28 ";
        if (name == "yuv411.mkv") return src + "-frames:v 6 -c:v ffv1 -pix_fmt yuv411p ";
        if (name == "faststart.mov")
            return src + "-c:v libx264 -g 12 -pix_fmt yuv420p -movflags +faststart ";
        return "";
    }

    // A path in the scratch folder; a fixture is made there the first time it is asked for.
    static std::string file(const std::string& name) {
        const std::string path = s_dir->file(name);
        const std::string how = recipe(name);
        if (!how.empty() && !std::filesystem::exists(path)) {
            EXPECT_TRUE(ffmpeg(how + quote(path))) << "ffmpeg could not make " << name;
        }
        return path;
    }

    static std::vector<Frame> decode_all(MediaSource& source) {
        std::vector<Frame> frames;
        for (;;) {
            auto frame = source.next_video_frame();
            EXPECT_TRUE(frame.ok()) << frame.error().to_string();
            if (!frame.ok() || !*frame) return frames;
            frames.push_back(std::move(**frame));
        }
    }

    static std::vector<std::byte> read_bytes(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::vector<char> chars((std::istreambuf_iterator<char>(in)), {});
        std::vector<std::byte> bytes(chars.size());
        std::memcpy(bytes.data(), chars.data(), chars.size());
        return bytes;
    }

    static inline std::unique_ptr<test::ScratchDir> s_dir;
};

TEST_F(MediaSourceTest, DecodesAsManyFramesAsFfprobeCounts) {
    for (const char* name : {"prores.mov", "h264.mp4", "df.mov", "yuv411.mkv"}) {
        auto source = MediaSource::open(file(name));
        ASSERT_TRUE(source.ok()) << source.error().to_string();
        auto frames = decode_all(*source);
        EXPECT_EQ(static_cast<int64_t>(frames.size()), test::ffprobe_frame_count(file(name)))
            << name;
        EXPECT_TRUE(source->decode_errors().empty()) << name;
        for (size_t i = 0; i < frames.size(); ++i) ASSERT_EQ(frames[i].index(), int64_t(i));
    }
}

TEST_F(MediaSourceTest, SummaryDescribesTheStreams) {
    SourceOptions options;
    options.audio = true;
    auto source = MediaSource::open(file("prores.mov"), options);
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    const SourceSummary& s = source->summary();
    EXPECT_TRUE(s.has_video);
    EXPECT_EQ(s.video.width, 320);
    EXPECT_EQ(s.video.height, 240);
    EXPECT_EQ(s.video.format, PixelFormat::Yuv422p10);
    EXPECT_EQ(s.frame_rate, Rational(24, 1));
    EXPECT_EQ(s.frame_count, 48);
    EXPECT_EQ(s.video_codec, "prores");
    ASSERT_TRUE(s.start_timecode.has_value());
    EXPECT_EQ(s.start_timecode->to_string(), "01:00:00:00");
    EXPECT_TRUE(s.has_audio);
    EXPECT_EQ(s.audio_channels, 2);
    EXPECT_EQ(s.sample_rate, 48000);
    EXPECT_EQ(s.channel_layout, "stereo");
}

TEST_F(MediaSourceTest, PixelsMatchFfmpegRawOutput) {
    const std::string raw = file("prores_frame7.raw");
    ASSERT_TRUE(ffmpeg("-i " + quote(file("prores.mov")) +
                       " -vf 'select=eq(n\\,7)' -frames:v 1 -f rawvideo -pix_fmt yuv422p10le " +
                       quote(raw)));
    auto source = MediaSource::open(file("prores.mov"));
    ASSERT_TRUE(source.ok());
    auto frames = decode_all(*source);
    ASSERT_GT(frames.size(), 7u);
    EXPECT_EQ(test::packed_bytes(frames[7]), read_bytes(raw));
}

TEST_F(MediaSourceTest, ZeroCopyAndCopyGiveTheSamePictures) {
    SourceOptions copy_options;
    copy_options.zero_copy = false;
    auto wrapped = MediaSource::open(file("h264.mp4"));
    auto copied = MediaSource::open(file("h264.mp4"), copy_options);
    ASSERT_TRUE(wrapped.ok() && copied.ok());
    auto a = decode_all(*wrapped);
    auto b = decode_all(*copied);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(test::digest(a[i]), test::digest(b[i])) << i;
    EXPECT_EQ(copied->stats().frames_copied, static_cast<int64_t>(b.size()));
    EXPECT_EQ(copied->stats().frames_wrapped, 0);
    // Frames stay valid after the decoder moved on (wrapped buffers are reference counted).
    for (const Frame& frame : a) {
        EXPECT_EQ(reinterpret_cast<uintptr_t>(frame.plane_data(0)) % kFrameAlignment, 0u);
        EXPECT_EQ(frame.plane_stride(0) % kFrameAlignment, 0);
    }
}

TEST_F(MediaSourceTest, WrappedFramesAreCopyOnWrite) {
    auto source = MediaSource::open(file("h264.mp4"));
    ASSERT_TRUE(source.ok());
    auto first = source->next_video_frame();
    ASSERT_TRUE(first.ok() && *first);
    Frame frame = **first;
    Frame copy = frame;
    const uint64_t before = test::digest(copy);
    auto luma = frame.mutable_plane<uint8_t>(0);
    ASSERT_FALSE(luma.empty());
    luma.at(0, 0) = static_cast<uint8_t>(luma.at(0, 0) + 1);
    EXPECT_EQ(test::digest(copy), before);
    EXPECT_NE(test::digest(frame), before);
}

TEST_F(MediaSourceTest, FormatsOutsideTheSetAreConverted) {
    const std::string raw = file("yuv411_luma.raw");
    ASSERT_TRUE(ffmpeg("-i " + quote(file("yuv411.mkv")) +
                       " -frames:v 1 -f rawvideo -pix_fmt yuv411p " + quote(raw)));
    auto source = MediaSource::open(file("yuv411.mkv"));
    ASSERT_TRUE(source.ok());
    auto frames = decode_all(*source);
    ASSERT_FALSE(frames.empty());
    EXPECT_EQ(frames[0].format(), PixelFormat::Yuv422p8);  // nearest holding 4:1:1 chroma
    EXPECT_EQ(source->stats().frames_converted, static_cast<int64_t>(frames.size()));
    // Luma passes through unchanged; only chroma is resampled.
    auto expected = read_bytes(raw);
    auto actual = test::packed_bytes(frames[0]);
    ASSERT_GE(expected.size(), 320u * 240u);
    EXPECT_TRUE(std::equal(expected.begin(), expected.begin() + 320 * 240, actual.begin()));
}

TEST_F(MediaSourceTest, FramesCarryPtsAndTimecode) {
    auto source = MediaSource::open(file("prores.mov"));
    ASSERT_TRUE(source.ok());
    auto frames = decode_all(*source);
    ASSERT_EQ(frames.size(), 48u);
    ASSERT_TRUE(frames[30].timecode().has_value());
    EXPECT_EQ(frames[30].timecode()->to_string(), "01:00:01:06");
    const Rational seconds = Rational(frames[30].pts(), 1) * frames[30].time_base();
    EXPECT_EQ(seconds, Rational(30, 24));
    EXPECT_TRUE(frames[0].key_frame());
}

TEST_F(MediaSourceTest, DropFrameTimecodeCountsAcrossTheMinute) {
    auto source = MediaSource::open(file("df.mov"));
    ASSERT_TRUE(source.ok());
    EXPECT_EQ(source->summary().frame_rate, Rational(30000, 1001));
    auto frames = decode_all(*source);
    ASSERT_GE(frames.size(), 5u);
    ASSERT_TRUE(frames[0].timecode().has_value());
    EXPECT_EQ(frames[0].timecode()->to_string(), "00:59:59;28");
    EXPECT_EQ(frames[2].timecode()->to_string(), "01:00:00;00");  // 01:00 is a tens minute
    EXPECT_EQ(frames[4].timecode()->to_string(), "01:00:00;02");
}

TEST_F(MediaSourceTest, SeekIsFrameAccurate) {
    auto reference = MediaSource::open(file("h264.mp4"));
    ASSERT_TRUE(reference.ok());
    auto all = decode_all(*reference);
    ASSERT_EQ(all.size(), 48u);
    auto source = MediaSource::open(file("h264.mp4"));
    ASSERT_TRUE(source.ok());
    for (int64_t target : {17, 3, 40, 0, 47}) {  // not on key frames (every 12), and backwards
        ASSERT_TRUE(source->seek(target).ok());
        auto frame = source->next_video_frame();
        ASSERT_TRUE(frame.ok() && *frame) << target;
        EXPECT_EQ((*frame)->index(), target);
        EXPECT_EQ(test::digest(**frame), test::digest(all[target])) << target;
    }
    auto after_last = source->next_video_frame();
    ASSERT_TRUE(after_last.ok());
    EXPECT_FALSE(after_last->has_value());
}

TEST_F(MediaSourceTest, SeeksByTimecode) {
    auto source = MediaSource::open(file("prores.mov"));
    ASSERT_TRUE(source.ok());
    auto rate = TimecodeRate::make(Rational(24, 1), false);
    auto target = Timecode::parse("01:00:01:02", *rate);
    ASSERT_TRUE(target.ok());
    ASSERT_TRUE(source->seek(*target).ok());
    auto frame = source->next_video_frame();
    ASSERT_TRUE(frame.ok() && *frame);
    EXPECT_EQ((*frame)->index(), 26);
    EXPECT_EQ((*frame)->timecode()->to_string(), "01:00:01:02");
}

TEST_F(MediaSourceTest, DecodesAudioToPlanarFloat) {
    SourceOptions options;
    options.video = false;
    options.audio = true;
    auto source = MediaSource::open(file("prores.mov"), options);
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    int64_t samples = 0;
    float peak[2] = {0, 0};
    int64_t expected_pts = 0;
    for (;;) {
        auto block = source->next_audio_block();
        ASSERT_TRUE(block.ok()) << block.error().to_string();
        if (!*block) break;
        EXPECT_EQ((*block)->channels(), 2);
        EXPECT_EQ((*block)->pts(), expected_pts);
        expected_pts += (*block)->samples();
        samples += (*block)->samples();
        for (int c = 0; c < 2; ++c)
            for (float v : (*block)->channel(c)) peak[c] = std::max(peak[c], std::abs(v));
    }
    EXPECT_EQ(samples, 96000);
    // The fixture's amplitudes, within one step of s16 quantisation.
    EXPECT_NEAR(peak[0], 0.5f, 1.0f / 32768);
    EXPECT_NEAR(peak[1], 0.25f, 1.0f / 32768);
}

TEST_F(MediaSourceTest, ReadsVideoAndAudioInStep) {
    SourceOptions options;
    options.audio = true;
    auto source = MediaSource::open(file("prores.mov"), options);
    ASSERT_TRUE(source.ok());
    int64_t frames = 0, samples = 0;
    for (bool video_done = false, audio_done = false; !video_done || !audio_done;) {
        if (!video_done) {
            auto frame = source->next_video_frame();
            ASSERT_TRUE(frame.ok());
            video_done = !*frame;
            frames += *frame ? 1 : 0;
        }
        // Audio up to the video's time, so neither queue grows.
        while (!audio_done && (video_done || samples * 24 < frames * 48000)) {
            auto block = source->next_audio_block();
            ASSERT_TRUE(block.ok());
            audio_done = !*block;
            if (*block) samples += (*block)->samples();
        }
    }
    EXPECT_EQ(frames, 48);
    EXPECT_EQ(samples, 96000);
    EXPECT_TRUE(source->decode_errors().empty());
}

TEST_F(MediaSourceTest, TruncatedFileYieldsWhatItCanAndReportsWhere) {
    const std::string whole = file("faststart.mov");
    const std::string cut = file("truncated.mov");
    const auto size = std::filesystem::file_size(whole);
    std::filesystem::copy_file(whole, cut, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::resize_file(cut, size * 6 / 10);
    auto source = MediaSource::open(cut);
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    auto frames = decode_all(*source);
    EXPECT_GT(frames.size(), 5u);
    EXPECT_LT(frames.size(), 48u);
    ASSERT_FALSE(source->decode_errors().empty());
    bool named_the_end = false;
    for (const DecodeIssue& issue : source->decode_errors()) {
        EXPECT_GE(issue.frame, 0) << issue.message;
        named_the_end |= issue.frame == static_cast<int64_t>(frames.size());
    }
    EXPECT_TRUE(named_the_end);
}

TEST_F(MediaSourceTest, CorruptBytesAreReportedWithPositions) {
    const std::string damaged = file("damaged.mp4");
    std::filesystem::copy_file(file("h264.mp4"), damaged,
                               std::filesystem::copy_options::overwrite_existing);
    {
        // Scribble over the middle of the media data (moov is at the end of a plain mp4).
        std::fstream io(damaged, std::ios::in | std::ios::out | std::ios::binary);
        const auto size = static_cast<std::streamoff>(std::filesystem::file_size(damaged));
        std::mt19937 noise(7);
        for (std::streamoff at = size / 3; at < size / 3 + 4000; ++at) {
            io.seekp(at);
            io.put(static_cast<char>(noise()));
        }
    }
    auto source = MediaSource::open(damaged);
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    auto frames = decode_all(*source);
    EXPECT_GT(frames.size(), 24u);  // damage is local: most frames still decode
    ASSERT_FALSE(source->decode_errors().empty());
    for (const DecodeIssue& issue : source->decode_errors()) {
        EXPECT_GE(issue.frame, 0) << issue.message;
        EXPECT_LT(issue.frame, 48) << issue.message;
    }
}

TEST_F(MediaSourceTest, ProtocolLookingNameIsAPlainFile) {
    const std::string odd = file("concat:x.mov");
    std::filesystem::copy_file(file("prores.mov"), odd,
                               std::filesystem::copy_options::overwrite_existing);
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(s_dir->path());
    auto source = MediaSource::open("concat:x.mov");
    std::filesystem::current_path(previous);
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    EXPECT_EQ(decode_all(*source).size(), 48u);
}

TEST_F(MediaSourceTest, RefusesWhatItCannotRead) {
    auto missing = MediaSource::open(file("nope.mov"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);

    std::ofstream(file("text.mov")) << "this is not a movie\n";
    auto text = MediaSource::open(file("text.mov"));
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.error().context().file, file("text.mov"));

    SourceOptions audio_only;
    audio_only.video = false;
    audio_only.audio = true;
    EXPECT_FALSE(MediaSource::open(file("h264.mp4"), audio_only).ok());

    SourceOptions small;
    small.max_pixels = 320 * 100;
    EXPECT_FALSE(MediaSource::open(file("h264.mp4"), small).ok());
}

TEST_F(MediaSourceTest, ReadsAnImageSequenceInOrder) {
    ASSERT_TRUE(
        ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=24 -frames:v 5 -start_number 1001 "
               "-pix_fmt rgb48le " +
               quote(file("seq.%04d.tif"))));
    const std::string raw = file("seq_frame2.raw");
    ASSERT_TRUE(ffmpeg("-i " + quote(file("seq.1003.tif")) + " -f rawvideo -pix_fmt rgb48le " +
                       quote(raw)));
    for (const char* pattern : {"seq.%04d.tif", "seq.####.tif"}) {
        auto source = MediaSource::open(file(pattern));
        ASSERT_TRUE(source.ok()) << source.error().to_string();
        EXPECT_EQ(source->summary().frame_count, 5);
        auto frames = decode_all(*source);
        ASSERT_EQ(frames.size(), 5u);
        EXPECT_EQ(frames[2].format(), PixelFormat::Rgb16);
        EXPECT_EQ(frames[2].index(), 2);
        EXPECT_EQ(test::packed_bytes(frames[2]), read_bytes(raw));
        ASSERT_TRUE(source->seek(4).ok());
        auto last = source->next_video_frame();
        ASSERT_TRUE(last.ok() && *last);
        EXPECT_EQ((*last)->index(), 4);
    }
}

TEST_F(MediaSourceTest, SequenceGapsAndBadFilesAreReported) {
    ASSERT_TRUE(ffmpeg("-f lavfi -i testsrc2=size=32x32:rate=24 -frames:v 4 -pix_fmt rgb24 " +
                       quote(file("gap.%02d.tif"))));
    std::filesystem::remove(file("gap.02.tif"));
    std::ofstream(file("gap.03.tif")) << "broken";
    auto source = MediaSource::open(file("gap.%02d.tif"));
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    auto frames = decode_all(*source);
    ASSERT_EQ(frames.size(), 2u);  // 01 and 04
    EXPECT_EQ(frames[1].index(), 3);
    std::map<int64_t, std::string> issues;
    for (const auto& issue : source->decode_errors()) issues[issue.frame] = issue.message;
    EXPECT_EQ(issues.size(), 2u);
    EXPECT_TRUE(issues.contains(1));  // gap.02 missing
    EXPECT_TRUE(issues.contains(2));  // gap.03 unreadable
}

}  // namespace
}  // namespace media
