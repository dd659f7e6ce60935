// SPDX-License-Identifier: Apache-2.0
// Private to io/: MediaSource's libav backend (demux + frame-threaded decode).
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "audio_convert.h"
#include "av_common.h"
#include "frame_convert.h"
#include "source_backend.h"

namespace media::io {

/// One decoded stream: its decoder and the packets demuxed for it while another was read.
struct StreamDecoder {
    int index = -1;
    AVStream* stream = nullptr;
    av::CodecContextPtr codec;
    std::deque<av::PacketPtr> queue;
    bool eof_sent = false;
};

class AvSource final : public MediaSource::Backend {
public:
    AvSource(std::string path, av::FormatInputPtr format, SourceOptions options);
    Result<void> open_decoders();

    const SourceSummary& summary() const override { return m_summary; }
    Result<std::optional<Frame>> next_video_frame() override;
    Result<std::optional<AudioBlock>> next_audio_block() override;
    Result<void> seek(int64_t index) override;
    const std::vector<DecodeIssue>& decode_errors() const override { return m_issues; }
    const SourceStats& stats() const override;

private:
    Result<void> open_video();
    Result<void> open_audio();
    void describe_audio();
    Result<bool> receive(StreamDecoder& decoder, AVFrame* out);
    Result<bool> feed(StreamDecoder& decoder);
    Result<av::PacketPtr> next_packet(StreamDecoder& decoder);
    void route(av::PacketPtr packet);
    Frame finish_video_frame(Frame frame, int64_t pts);
    void check_truncation();
    int64_t index_of(int64_t pts) const;
    void record(int stream, int64_t pts, std::string message);
    void record_at(int stream, int64_t frame, int64_t pts, std::string message);
    Error fail(Error error) const;

    std::string m_path;
    av::FormatInputPtr m_format;
    SourceOptions m_options;
    SourceSummary m_summary;
    std::optional<StreamDecoder> m_video;
    std::optional<StreamDecoder> m_audio;
    av::FramePtr m_picture;
    av::FramePtr m_samples;
    av::FrameConverter m_converter;
    av::AudioConverter m_audio_converter;
    std::vector<DecodeIssue> m_issues;
    mutable SourceStats m_stats;
    int64_t m_start_pts = 0;
    int64_t m_last_demuxed_pts = kNoPts;  ///< of the video stream, to place read errors
    int64_t m_next_index = 0;
    int64_t m_skip_before_index = -1;      ///< after a seek: drop frames before this index
    int64_t m_audio_skip_before = kNoPts;  ///< after a seek: drop audio ending before this pts
    bool m_demux_eof = false;
    bool m_seeked = false;
    bool m_truncation_checked = false;
    int m_failures_in_a_row = 0;
};

}  // namespace media::io
