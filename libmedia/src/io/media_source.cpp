// SPDX-License-Identifier: Apache-2.0
#include "media/io/media_source.h"

#include <filesystem>
#include <system_error>

#include "media/io/sequence_pattern.h"
#include "source_backend.h"

namespace media {

namespace {

// A pattern is a sequence unless a file of exactly that name exists (names may contain '#').
bool names_sequence(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return false;
    return SequencePattern::parse(path).has_value();
}

}  // namespace

Result<MediaSource> MediaSource::open(const std::string& path, const SourceOptions& options) {
    if (!options.video && !options.audio)
        return Error(ErrorCode::InvalidArgument, "neither video nor audio was asked for")
            .with_file(path);
    auto backend = names_sequence(path) ? io::open_sequence_source(path, options)
                                        : io::open_av_source(path, options);
    if (!backend) return std::move(backend).error();
    return MediaSource(std::move(*backend));
}

MediaSource::MediaSource(std::unique_ptr<Backend> backend) : m_backend(std::move(backend)) {}
MediaSource::MediaSource(MediaSource&&) noexcept = default;
MediaSource& MediaSource::operator=(MediaSource&&) noexcept = default;
MediaSource::~MediaSource() = default;

const SourceSummary& MediaSource::summary() const {
    return m_backend->summary();
}

Result<std::optional<Frame>> MediaSource::next_video_frame() {
    return m_backend->next_video_frame();
}

Result<std::optional<AudioBlock>> MediaSource::next_audio_block() {
    return m_backend->next_audio_block();
}

Result<void> MediaSource::seek(int64_t index) {
    return m_backend->seek(index);
}

Result<void> MediaSource::seek(const Timecode& timecode) {
    const auto& start = m_backend->summary().start_timecode;
    if (!start)
        return Error(ErrorCode::InvalidArgument, "the source has no start timecode to seek by");
    if (!(timecode.rate() == start->rate()))
        return Error(ErrorCode::InvalidArgument,
                     "timecode rate differs from the source's timecode rate");
    return m_backend->seek(timecode - *start);
}

const std::vector<DecodeIssue>& MediaSource::decode_errors() const {
    return m_backend->decode_errors();
}

const SourceStats& MediaSource::stats() const {
    return m_backend->stats();
}

}  // namespace media
