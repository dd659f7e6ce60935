// SPDX-License-Identifier: Apache-2.0
// Private to io/: decoded AVFrame -> media::Frame, the only place that conversion happens.
#pragma once

#include <cstdint>
#include <memory>

extern "C" {
#include <libavutil/frame.h>
}

#include "av_common.h"
#include "media/core/result.h"
#include "media/frame/frame.h"
#include "media/frame/frame_pool.h"

struct SwsContext;

namespace media::av {

/// How decoded pictures became Frames (for benchmarks and tests).
struct ConvertStats {
    int64_t wrapped = 0;    ///< zero-copy: the Frame references the decoder's buffers
    int64_t copied = 0;     ///< same format, copied to aligned buffers (decoder's were not)
    int64_t converted = 0;  ///< outside the closed set: converted with swscale (or unpacked)
};

/// Turns decoded AVFrames into Frames. A picture already in a closed-set format whose planes meet
/// Frame's alignment is wrapped without a copy (the Frame holds a reference to the AVFrame's
/// buffers); otherwise it is copied or converted into buffers from a FramePool.
class FrameConverter {
public:
    /// zero_copy = false always copies (to test the copy path and measure its cost).
    explicit FrameConverter(bool zero_copy = true);
    ~FrameConverter();
    FrameConverter(const FrameConverter&) = delete;
    FrameConverter& operator=(const FrameConverter&) = delete;

    /// Converts `decoded`, taking its buffer references (it is left unreferenced).
    /// Sets size, format, colour, key-frame and corrupt flags and metadata; not pts or index.
    Result<Frame> convert(AVFrame* decoded);
    const ConvertStats& stats() const { return m_stats; }

private:
    Result<Frame> wrap(AVFrame* decoded, const FrameSpec& spec);
    Result<Frame> copy(const AVFrame& decoded, const FrameSpec& spec);
    Result<Frame> scale(const AVFrame& decoded, const FrameSpec& spec);
    Result<Frame> pooled(const FrameSpec& spec);

    bool m_zero_copy;
    std::unique_ptr<FramePool> m_pool;
    SwsContext* m_sws = nullptr;
    ConvertStats m_stats;
};

/// Turns Frames into AVFrames for an encoder taking `target`. A frame already in that format is
/// referenced, not copied (the AVFrame holds a Frame handle, so copy-on-write keeps it intact);
/// others are converted with swscale.
class EncoderFrameConverter {
public:
    /// `color` is the encoded stream's signalling: its matrix and range drive RGB <-> YUV.
    EncoderFrameConverter(AVPixelFormat target, const ColorInfo& color)
        : m_target(target), m_color(color) {}
    ~EncoderFrameConverter();
    EncoderFrameConverter(const EncoderFrameConverter&) = delete;
    EncoderFrameConverter& operator=(const EncoderFrameConverter&) = delete;

    /// An AVFrame with size, format and planes set; pts and colour are left to the caller.
    Result<FramePtr> convert(const Frame& frame);

private:
    Result<FramePtr> reference(const Frame& frame);
    Result<FramePtr> scale(const Frame& frame, AVPixelFormat source);

    AVPixelFormat m_target;
    ColorInfo m_color;
    SwsContext* m_sws = nullptr;
};

}  // namespace media::av
