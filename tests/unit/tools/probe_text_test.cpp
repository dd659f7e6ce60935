// SPDX-License-Identifier: Apache-2.0
#include "probe/probe_text.h"

#include <gtest/gtest.h>

namespace slate {
namespace {

using namespace media;

StreamInfo prores_stream() {
    StreamInfo s;
    s.index = 0;
    s.kind = StreamKind::Video;
    s.codec = "prores";
    s.profile = "4444";
    s.codec_tag = "ap4h";
    s.frame_count = 48;
    VideoInfo v;
    v.width = 1920;
    v.height = 1080;
    v.sample_aspect_ratio = Rational(1, 1);
    v.display_aspect_ratio = Rational(16, 9);
    v.r_frame_rate = v.avg_frame_rate = Rational(24, 1);
    v.pixel_format = "yuv444p12le";
    v.bit_depth = 12;
    v.chroma_subsampling = "4:4:4";
    v.color.primaries = ColorPrimaries::BT709;
    v.color.transfer = TransferCharacteristic::BT709;
    v.color.matrix = MatrixCoefficients::BT709;
    v.color.range = ColorRange::Limited;
    s.video = v;
    return s;
}

TEST(ProbeText, VideoLine) {
    EXPECT_EQ(format_stream(prores_stream()),
              "#0 video: prores (4444) ap4h, 1920x1080 SAR 1:1 DAR 16:9, 24 fps, yuv444p12le "
              "12-bit 4:4:4, bt709/bt709/bt709 tv, 48 frames");
}

TEST(ProbeText, NtscRateVfrAndDecodedCount) {
    StreamInfo s = prores_stream();
    s.video->avg_frame_rate = Rational(30000, 1001);
    s.video->r_frame_rate = Rational(60000, 1001);
    s.video->variable_frame_rate = true;
    s.decoded_frame_count = 1;
    std::string line = format_stream(s);
    EXPECT_NE(line.find("29.97 fps VFR (base 59.94 fps)"), std::string::npos) << line;
    EXPECT_NE(line.find("1 frame decoded"), std::string::npos) << line;
}

TEST(ProbeText, AudioLine) {
    StreamInfo s;
    s.index = 1;
    s.kind = StreamKind::Audio;
    s.codec = "pcm_s24le";
    s.codec_tag = "in24";
    s.language = "eng";
    s.audio = AudioInfo{4, "4.0", 48000, "s32", 24, {}};
    EXPECT_EQ(format_stream(s),
              "#1 audio: pcm_s24le in24, 48000 Hz, 4.0 (4 ch), s32 24-bit, language eng");
}

TEST(ProbeText, SummaryBlock) {
    MediaInfo info;
    info.path = "/m/a.mov";
    info.format = "mov,mp4,m4a,3gp,3g2,mj2";
    info.format_long = "QuickTime / MOV";
    info.size_bytes = 5145214;
    info.bit_rate = 41161712;
    info.duration_seconds = 3723.5;
    info.start_timecode = "01:00:00:00";
    info.reel_name = "A001";
    info.streams = {prores_stream()};
    EXPECT_EQ(format_summary(info),
              "/m/a.mov\n"
              "  container: mov,mp4,m4a,3gp,3g2,mj2 (QuickTime / MOV), 5.1 MB, 41.2 Mb/s\n"
              "  duration:  01:02:03.500 (3723.5 s)\n"
              "  timecode:  01:00:00:00, reel A001\n"
              "  #0 video: prores (4444) ap4h, 1920x1080 SAR 1:1 DAR 16:9, 24 fps, yuv444p12le "
              "12-bit 4:4:4, bt709/bt709/bt709 tv, 48 frames\n");
}

TEST(ProbeText, SequenceLineShowsGaps) {
    MediaInfo info;
    info.path = "s.%04d.exr";
    SequenceInfo seq;
    seq.pattern = "s.%04d.exr";
    seq.first_frame = 1;
    seq.last_frame = 5;
    seq.frame_count = 3;
    seq.missing_frames = {2, 4};
    info.sequence = seq;
    EXPECT_NE(format_summary(info).find("frames 1-5, 3 files, 2 missing: 2 4"), std::string::npos)
        << format_summary(info);
}

}  // namespace
}  // namespace slate
