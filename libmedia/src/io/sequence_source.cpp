// SPDX-License-Identifier: Apache-2.0
// MediaSource's image sequence backend: one OpenImageIO read per frame, in frame order.
#include <algorithm>
#include <exception>

#include <OpenImageIO/imageio.h>

#include "media/io/sequence_pattern.h"
#include "source_backend.h"

namespace media::io {

namespace {

namespace OIIO = OIIO_NAMESPACE;

// The closed-set format an image is read into, and the type OpenImageIO converts samples to.
struct ReadFormat {
    PixelFormat format;
    OIIO::TypeDesc type;
    int channels;
};

Result<ReadFormat> read_format(const OIIO::ImageSpec& spec) {
    const auto base = static_cast<OIIO::TypeDesc::BASETYPE>(spec.format.basetype);
    const bool alpha = spec.nchannels >= 4;
    const bool floating = base == OIIO::TypeDesc::HALF || base == OIIO::TypeDesc::FLOAT ||
                          base == OIIO::TypeDesc::DOUBLE;
    if (spec.nchannels <= 2 && !floating) {
        if (base == OIIO::TypeDesc::UINT8)
            return ReadFormat{PixelFormat::Gray8, OIIO::TypeUInt8, 1};
        return ReadFormat{PixelFormat::Gray16, OIIO::TypeUInt16, 1};
    }
    if (spec.nchannels < 3)
        return Error(ErrorCode::UnsupportedFormat,
                     std::to_string(spec.nchannels) + "-channel float images are not supported");
    if (base == OIIO::TypeDesc::HALF && alpha)
        return ReadFormat{PixelFormat::RgbaHalf, OIIO::TypeHalf, 4};
    if (floating)  // no packed half RGB in the closed set: 3-channel half widens to float
        return ReadFormat{alpha ? PixelFormat::RgbaFloat : PixelFormat::RgbFloat, OIIO::TypeFloat,
                          alpha ? 4 : 3};
    if (base == OIIO::TypeDesc::UINT8 || base == OIIO::TypeDesc::INT8)
        return ReadFormat{alpha ? PixelFormat::Rgba8 : PixelFormat::Rgb8, OIIO::TypeUInt8,
                          alpha ? 4 : 3};
    return ReadFormat{alpha ? PixelFormat::Rgba16 : PixelFormat::Rgb16, OIIO::TypeUInt16,
                      alpha ? 4 : 3};
}

// SMPTE 12M time address, BCD packed as OpenImageIO's "smpte:TimeCode" holds it.
std::optional<Timecode> read_timecode(const OIIO::ImageSpec& spec, Rational rate) {
    const OIIO::ParamValue* param = spec.find_attribute("smpte:TimeCode");
    if (!param || param->type() != OIIO::TypeTimeCode) return std::nullopt;
    const auto bits = static_cast<const unsigned*>(param->data())[0];
    auto bcd = [bits](int shift, unsigned tens_mask) {
        return ((bits >> (shift + 4)) & tens_mask) * 10 + ((bits >> shift) & 0xF);
    };
    const bool drop = (bits >> 6) & 1;
    const std::string text = std::to_string(bcd(24, 0x3)) + ":" + std::to_string(bcd(16, 0x7)) +
                             ":" + std::to_string(bcd(8, 0x7)) + (drop ? ";" : ":") +
                             std::to_string(bcd(0, 0x3));
    auto tc_rate = TimecodeRate::make(rate, drop);
    if (!tc_rate) return std::nullopt;
    auto timecode = Timecode::parse(text, *tc_rate);
    return timecode ? std::optional<Timecode>(*timecode) : std::nullopt;
}

class SequenceSource final : public MediaSource::Backend {
public:
    SequenceSource(SequencePattern pattern, std::vector<int64_t> numbers, SourceOptions options)
        : m_pattern(std::move(pattern)), m_numbers(std::move(numbers)), m_options(options) {}

    Result<void> describe();
    const SourceSummary& summary() const override { return m_summary; }
    Result<std::optional<Frame>> next_video_frame() override;
    Result<std::optional<AudioBlock>> next_audio_block() override {
        return Error(ErrorCode::InvalidArgument, "an image sequence has no audio");
    }
    Result<void> seek(int64_t index) override;
    const std::vector<DecodeIssue>& decode_errors() const override { return m_issues; }
    const SourceStats& stats() const override { return m_stats; }

private:
    Result<Frame> read(const std::string& path);
    void record_gap(int64_t number);

    SequencePattern m_pattern;
    std::vector<int64_t> m_numbers;
    SourceOptions m_options;
    SourceSummary m_summary;
    SourceStats m_stats;
    std::vector<DecodeIssue> m_issues;
    size_t m_position = 0;
};

Result<void> SequenceSource::describe() {
    const std::string first = m_pattern.path_of(m_numbers.front());
    auto input = OIIO::ImageInput::open(first);
    if (!input)
        return Error(ErrorCode::UnsupportedFormat, "cannot read image: " + OIIO::geterror())
            .with_file(first);
    const OIIO::ImageSpec& spec = input->spec();
    MEDIA_TRY_ASSIGN(ReadFormat format, read_format(spec));
    m_summary.has_video = true;
    m_summary.video.width = spec.width;
    m_summary.video.height = spec.height;
    m_summary.video.format = format.format;
    m_summary.frame_rate = m_options.sequence_rate;
    m_summary.video_time_base = m_options.sequence_rate.inverse();
    m_summary.frame_count = static_cast<int64_t>(m_numbers.size());
    m_summary.start_timecode = read_timecode(spec, m_options.sequence_rate);
    m_summary.video_codec = input->format_name();
    if (int64_t{spec.width} * spec.height > m_options.max_pixels)
        return Error(ErrorCode::UnsupportedFormat, "image is over the pixel limit")
            .with_file(first);
    return ok();
}

Result<Frame> SequenceSource::read(const std::string& path) {
    auto input = OIIO::ImageInput::open(path);
    if (!input) return Error(ErrorCode::DecodeError, "cannot read image: " + OIIO::geterror());
    const OIIO::ImageSpec& spec = input->spec();
    if (spec.width != m_summary.video.width || spec.height != m_summary.video.height)
        return Error(ErrorCode::DecodeError, "image size differs from the sequence's first frame");
    MEDIA_TRY_ASSIGN(ReadFormat format, read_format(spec));
    if (format.format != m_summary.video.format)
        return Error(ErrorCode::DecodeError,
                     "image format differs from the sequence's first frame");
    MEDIA_TRY_ASSIGN(Frame frame, Frame::allocate(m_summary.video));
    void* data = const_cast<std::byte*>(frame.plane_data(0));
    if (!input->read_image(0, 0, 0, format.channels, format.type, data, OIIO::AutoStride,
                           frame.plane_stride(0)))
        return Error(ErrorCode::DecodeError, "cannot decode image: " + input->geterror());
    return frame;
}

void SequenceSource::record_gap(int64_t number) {
    const int64_t first = m_numbers.front();
    if (m_position == 0 || m_numbers[m_position - 1] + 1 == number) return;
    for (int64_t missing = m_numbers[m_position - 1] + 1; missing < number; ++missing)
        m_issues.push_back(
            DecodeIssue{-1, missing - first, kNoPts, "missing file " + m_pattern.path_of(missing)});
}

Result<std::optional<Frame>> SequenceSource::next_video_frame() {
    for (; m_position < m_numbers.size(); ++m_position) {
        const int64_t number = m_numbers[m_position];
        const int64_t index = number - m_numbers.front();
        record_gap(number);
        const std::string path = m_pattern.path_of(number);
        Result<Frame> frame = Error(ErrorCode::Internal, "unread");
        try {
            frame = read(path);
        } catch (const std::exception& e) {
            frame = Error(ErrorCode::DecodeError, std::string("image reader failed: ") + e.what());
        }
        if (!frame) {
            m_issues.push_back(
                DecodeIssue{-1, index, index, path + ": " + frame.error().message()});
            continue;
        }
        ++m_position;
        ++m_stats.frames_copied;
        frame->set_pts(index, m_summary.video_time_base);
        frame->set_index(index);
        frame->set_key_frame(true);
        if (m_summary.start_timecode) frame->set_timecode(*m_summary.start_timecode + index);
        return std::optional<Frame>(std::move(*frame));
    }
    return std::optional<Frame>();
}

Result<void> SequenceSource::seek(int64_t index) {
    if (index < 0) return Error(ErrorCode::InvalidArgument, "negative frame index");
    const int64_t number = m_numbers.front() + index;
    m_position = static_cast<size_t>(std::lower_bound(m_numbers.begin(), m_numbers.end(), number) -
                                     m_numbers.begin());
    return ok();
}

}  // namespace

Result<std::unique_ptr<MediaSource::Backend>> open_sequence_source(const std::string& path,
                                                                   const SourceOptions& options) {
    auto pattern = SequencePattern::parse(path);
    if (!pattern)
        return Error(ErrorCode::InvalidArgument, "not a sequence pattern").with_file(path);
    auto files = find_sequence_files(*pattern);
    if (!files) return std::move(files).error().with_file(path);
    auto source =
        std::make_unique<SequenceSource>(files->pattern, std::move(files->frames), options);
    try {
        auto described = source->describe();
        if (!described) return std::move(described).error().with_operation("open");
    } catch (const std::exception& e) {
        return Error(ErrorCode::UnsupportedFormat, std::string("image reader failed: ") + e.what())
            .with_file(path);
    }
    return std::unique_ptr<MediaSource::Backend>(std::move(source));
}

}  // namespace media::io
