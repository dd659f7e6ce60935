// SPDX-License-Identifier: Apache-2.0
// Small sources for transcode tests, written with MediaSink: a ProRes clip with timecode, reel
// and four channels of audio; its pictures carry a moving gradient so every frame differs.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "media/io/media_sink.h"
#include "media/io/probe.h"

namespace media::test {

struct SourceClip {
    int width = 320;
    int height = 180;
    int frames = 12;
    Rational rate{24, 1};
    std::string timecode = "01:00:00:00";
    bool drop = false;
    int audio_channels = 4;
    std::string reel = "A001";
    std::string codec = "prores_ks";
    PixelFormat format = PixelFormat::Yuv422p10;
};

inline Frame gradient_frame(const SourceClip& clip, int index) {
    auto frame = Frame::allocate(FrameSpec{clip.width, clip.height, clip.format, {}});
    EXPECT_TRUE(frame) << frame.error().to_string();
    const int max = (1 << info(clip.format).bit_depth) - 1;
    for (int p = 0; p < frame->plane_count(); ++p) {
        auto plane = frame->mutable_plane<uint16_t>(p);
        for (int y = 0; y < plane.height(); ++y)
            for (int x = 0; x < plane.width(); ++x) {
                const double v = p == 0 ? 0.2 + 0.6 * ((x + 3 * index) % plane.width()) /
                                                    std::max(1, plane.width() - 1)
                                        : 0.5 + 0.1 * std::sin((y + index) * 0.1);
                plane.row(y)[x] = static_cast<uint16_t>(std::lround(v * max));
            }
    }
    return *frame;
}

/// Writes the clip to `path`; fails the test on error.
inline void write_source_clip(const std::string& path, const SourceClip& clip = {}) {
    SinkOptions options;
    VideoEncodeSettings video;
    video.codec = clip.codec;
    if (clip.codec == "prores_ks") video.options = {{"profile", "3"}};
    video.pixel_format = clip.format;
    video.width = clip.width;
    video.height = clip.height;
    video.frame_rate = clip.rate;
    video.color.primaries = ColorPrimaries::BT709;
    video.color.transfer = TransferCharacteristic::BT709;
    video.color.matrix = MatrixCoefficients::BT709;
    video.color.range = ColorRange::Limited;
    auto tc = Timecode::from_string_for_rate(clip.timecode, clip.rate);
    ASSERT_TRUE(tc) << tc.error().to_string();
    video.start_timecode = *tc;
    options.video = video;
    if (!clip.reel.empty()) {
        options.metadata["reel_name"] = clip.reel;
        options.video_metadata["reel_name"] = clip.reel;
    }
    if (clip.audio_channels > 0) {
        AudioEncodeSettings audio;
        audio.codec = "pcm_s24le";
        audio.channels = clip.audio_channels;
        audio.sample_rate = 48000;
        options.audio = audio;
    }
    auto sink = MediaSink::create(path, options);
    ASSERT_TRUE(sink) << sink.error().to_string();
    const int64_t samples_per_frame = 48000 * clip.rate.den() / clip.rate.num();
    for (int i = 0; i < clip.frames; ++i) {
        ASSERT_TRUE(sink->write_video(gradient_frame(clip, i)));
        if (clip.audio_channels > 0) {
            auto block = AudioBlock::allocate(clip.audio_channels, samples_per_frame, 48000);
            ASSERT_TRUE(block);
            for (int c = 0; c < clip.audio_channels; ++c) {
                auto samples = block->channel(c);
                for (size_t s = 0; s < samples.size(); ++s)
                    samples[s] = 0.1f * static_cast<float>(
                                            std::sin(0.01 * (c + 1) * static_cast<double>(s)));
            }
            ASSERT_TRUE(sink->write_audio(*block));
        }
    }
    auto finished = sink->finish();
    ASSERT_TRUE(finished) << finished.error().to_string();
}

}  // namespace media::test
