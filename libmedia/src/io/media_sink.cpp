// SPDX-License-Identifier: Apache-2.0
#include "media/io/media_sink.h"

#include "media/io/sequence_pattern.h"
#include "sink_backend.h"

namespace media {

namespace {

// Set on a sink that failed or finished: its backend (and any temporary output) is gone.
Error closed_sink_error() {
    return Error(ErrorCode::InvalidArgument, "the sink has already finished or failed");
}

}  // namespace

Result<MediaSink> MediaSink::create(const std::string& path, const SinkOptions& options) {
    auto backend = SequencePattern::parse(path) ? io::create_sequence_sink(path, options)
                                                : io::create_av_sink(path, options);
    if (!backend) return std::move(backend).error().with_operation("open output");
    return MediaSink(std::move(*backend));
}

MediaSink::MediaSink(std::unique_ptr<Backend> backend) : m_backend(std::move(backend)) {}
MediaSink::MediaSink(MediaSink&&) noexcept = default;
MediaSink& MediaSink::operator=(MediaSink&&) noexcept = default;
MediaSink::~MediaSink() = default;

Result<void> MediaSink::write_video(const Frame& frame) {
    if (!m_backend) return closed_sink_error();
    auto written = m_backend->write_video(frame);
    if (!written) m_backend.reset();  // removes the temporary output
    return written;
}

Result<void> MediaSink::write_audio(const AudioBlock& block) {
    if (!m_backend) return closed_sink_error();
    auto written = m_backend->write_audio(block);
    if (!written) m_backend.reset();
    return written;
}

Result<void> MediaSink::finish() {
    if (!m_backend) return closed_sink_error();
    auto finished = m_backend->finish();
    m_frames_at_close = m_backend->frames_written();
    m_backend.reset();
    return finished;
}

int64_t MediaSink::frames_written() const {
    return m_backend ? m_backend->frames_written() : m_frames_at_close;
}

}  // namespace media
