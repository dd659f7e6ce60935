// SPDX-License-Identifier: Apache-2.0
// MediaSource's image sequence backend: one read per frame through the image module (OpenImageIO,
// loaded on first use), in frame order.
#include <algorithm>

#include "image_plugin.h"
#include "media/io/sequence_pattern.h"
#include "source_backend.h"

namespace media::io {

namespace {

// The closed-set format an image is read into, and the sample type the module converts to.
struct ReadFormat {
    PixelFormat format;
    ImageSample sample;
    int channels;
};

Result<ReadFormat> read_format(const ImageHeader& header) {
    const ImageSample base = header.sample;
    const bool alpha = header.channels >= 4;
    const bool floating =
        base == ImageSample::Half || base == ImageSample::Float || base == ImageSample::Double;
    if (header.channels <= 2 && !floating) {
        if (base == ImageSample::U8) return ReadFormat{PixelFormat::Gray8, ImageSample::U8, 1};
        return ReadFormat{PixelFormat::Gray16, ImageSample::U16, 1};
    }
    if (header.channels < 3)
        return Error(ErrorCode::UnsupportedFormat,
                     std::to_string(header.channels) + "-channel float images are not supported");
    if (base == ImageSample::Half && alpha)
        return ReadFormat{PixelFormat::RgbaHalf, ImageSample::Half, 4};
    if (floating)  // no packed half RGB in the closed set: 3-channel half widens to float
        return ReadFormat{alpha ? PixelFormat::RgbaFloat : PixelFormat::RgbFloat,
                          ImageSample::Float, alpha ? 4 : 3};
    if (base == ImageSample::U8 || base == ImageSample::I8)
        return ReadFormat{alpha ? PixelFormat::Rgba8 : PixelFormat::Rgb8, ImageSample::U8,
                          alpha ? 4 : 3};
    return ReadFormat{alpha ? PixelFormat::Rgba16 : PixelFormat::Rgb16, ImageSample::U16,
                      alpha ? 4 : 3};
}

// SMPTE 12M time address, BCD packed as OpenImageIO's "smpte:TimeCode" holds it.
std::optional<Timecode> read_timecode(const ImageHeader& header, Rational rate) {
    if (!header.smpte_timecode) return std::nullopt;
    const uint32_t bits = *header.smpte_timecode;
    auto bcd = [bits](int shift, unsigned tens_mask) {
        return ((bits >> (shift + 4)) & tens_mask) * 10 + ((bits >> shift) & 0xF);
    };
    const bool drop = (bits >> 6) & 1;
    // Timecode::parse takes exactly two digits per field.
    const auto two = [](unsigned v) {
        return std::string{char('0' + v / 10 % 10), char('0' + v % 10)};
    };
    const std::string text = two(bcd(24, 0x3)) + ":" + two(bcd(16, 0x7)) + ":" + two(bcd(8, 0x7)) +
                             (drop ? ";" : ":") + two(bcd(0, 0x3));
    auto tc_rate = TimecodeRate::make(rate, drop);
    if (!tc_rate) return std::nullopt;
    auto timecode = Timecode::parse(text, *tc_rate);
    return timecode ? std::optional<Timecode>(*timecode) : std::nullopt;
}

// Opens one file of the sequence; a failure reads "cannot read image: ..." (or, for an exception
// inside the image library, "image reader failed: ...").
Result<std::unique_ptr<ImageReader>> open_image(const std::string& path, ErrorCode code) {
    MEDIA_TRY_ASSIGN(const ImageBackend* backend, image_backend());
    std::unique_ptr<ImageReader> reader;
    const ImageStatus status = backend->open(path, "", reader);
    if (status.outcome == ImageStatus::Outcome::Threw)
        return Error(code, "image reader failed: " + status.message);
    if (!status.ok()) return Error(code, "cannot read image: " + status.message);
    return reader;
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
    auto input = open_image(first, ErrorCode::UnsupportedFormat);
    if (!input) return std::move(input).error().with_file(first);
    const ImageHeader& header = (*input)->header();
    MEDIA_TRY_ASSIGN(ReadFormat format, read_format(header));
    m_summary.has_video = true;
    m_summary.video.width = header.width;
    m_summary.video.height = header.height;
    m_summary.video.format = format.format;
    m_summary.frame_rate = m_options.sequence_rate;
    m_summary.video_time_base = m_options.sequence_rate.inverse();
    m_summary.frame_count = static_cast<int64_t>(m_numbers.size());
    m_summary.first_frame_number = m_numbers.front();
    m_summary.sample_aspect = Rational(1, 1);
    m_summary.start_timecode = read_timecode(header, m_options.sequence_rate);
    m_summary.video_codec = header.format;
    if (int64_t{header.width} * header.height > m_options.max_pixels)
        return Error(ErrorCode::UnsupportedFormat, "image is over the pixel limit")
            .with_file(first);
    return ok();
}

Result<Frame> SequenceSource::read(const std::string& path) {
    MEDIA_TRY_ASSIGN(std::unique_ptr<ImageReader> input, open_image(path, ErrorCode::DecodeError));
    const ImageHeader& header = input->header();
    if (header.width != m_summary.video.width || header.height != m_summary.video.height)
        return Error(ErrorCode::DecodeError, "image size differs from the sequence's first frame");
    MEDIA_TRY_ASSIGN(ReadFormat format, read_format(header));
    if (format.format != m_summary.video.format)
        return Error(ErrorCode::DecodeError,
                     "image format differs from the sequence's first frame");
    MEDIA_TRY_ASSIGN(Frame frame, Frame::allocate(m_summary.video));
    void* data = const_cast<std::byte*>(frame.plane_data(0));
    const ImageStatus status =
        input->read(format.sample, format.channels, data, frame.plane_stride(0));
    if (status.outcome == ImageStatus::Outcome::Threw)
        return Error(ErrorCode::DecodeError, "image reader failed: " + status.message);
    if (!status.ok())
        return Error(ErrorCode::DecodeError, "cannot decode image: " + status.message);
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
        Result<Frame> frame = read(path);
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
    auto described = source->describe();
    if (!described) return std::move(described).error().with_operation("open");
    return std::unique_ptr<MediaSource::Backend>(std::move(source));
}

}  // namespace media::io
