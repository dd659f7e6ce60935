// SPDX-License-Identifier: Apache-2.0
#include "media/io/media_source.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

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

Result<RawVideoFormat> parse_raw_video_format(const std::string& text) {
    auto fail = [&](const std::string& why) {
        return Error(ErrorCode::InvalidArgument,
                     "raw video format '" + text + "': " + why +
                         " (expected WxH[:pixfmt[:rate]], e.g. 1920x1080:yuv420p10le:24)");
    };
    RawVideoFormat format;
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        size_t colon = text.find(':', start);
        parts.push_back(text.substr(start, colon == std::string::npos ? colon : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (parts.size() > 3) return fail("too many fields");
    int w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(parts[0].c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w <= 0 ||
        h <= 0 || w > 65536 || h > 65536)
        return fail("size '" + parts[0] + "' is not WxH");
    format.width = w;
    format.height = h;
    if (parts.size() > 1 && !parts[1].empty()) {
        auto pf = pixel_format_from_name(parts[1]);
        if (!pf) return fail("unknown pixel format '" + parts[1] + "'");
        format.format = *pf;
    }
    if (parts.size() > 2) {
        auto rate = Rational::parse(parts[2]);
        if (!rate || rate->num() <= 0 || rate->den() <= 0)
            return fail("rate '" + parts[2] + "' is not a positive number or ratio");
        format.rate = *rate;
    }
    return format;
}

Result<MediaSource> MediaSource::open(const std::string& path, const SourceOptions& options) {
    if (!options.video && !options.audio)
        return Error(ErrorCode::InvalidArgument, "neither video nor audio was asked for")
            .with_file(path);
    auto backend = !options.raw_video && names_sequence(path)
                       ? io::open_sequence_source(path, options)
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
