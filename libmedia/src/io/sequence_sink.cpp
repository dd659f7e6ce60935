// SPDX-License-Identifier: Apache-2.0
// MediaSink's image sequence backend: one file per frame through the image module (OpenImageIO,
// loaded on first use), each written under a temporary name and renamed into place by finish().
#include <charconv>
#include <cstdint>
#include <utility>
#include <vector>

#include "image_plugin.h"
#include "media/io/image_file.h"
#include "media/io/sequence_pattern.h"
#include "media/io/temp_output.h"
#include "sink_backend.h"

namespace media::io {

namespace {

Result<ImageSample> sample_of_type(SampleType type) {
    switch (type) {
        case SampleType::U8:
            return ImageSample::U8;
        case SampleType::U16:
            return ImageSample::U16;
        case SampleType::F16:
            return ImageSample::Half;
        case SampleType::F32:
            return ImageSample::Float;
    }
    return Error(ErrorCode::UnsupportedFormat, "unknown sample type");
}

// What the image module writes for a frame format: packed RGB(A) and gray only. Planar YUV/GBR
// frames need an explicit conversion first (colour conversion is the color module's job, not io's).
Result<ImageSample> sample_of(PixelFormat format) {
    const PixelFormatInfo& fi = info(format);
    if (fi.planes != 1)
        return Error(ErrorCode::UnsupportedFormat,
                     std::string(fi.name) + " frames must be converted to packed RGB for images");
    return sample_of_type(fi.sample_type);
}

// Attributes arrive as text; numbers go to the writer as numbers ("oiio:BitsPerSample" = 10).
ImageAttribute attribute_of(const std::string& name, const std::string& value) {
    int integer = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), integer);
    if (ec == std::errc() && end == value.data() + value.size()) return {name, integer};
    return {name, value};
}

class SequenceSink final : public MediaSink::Backend {
public:
    SequenceSink(SequencePattern pattern, SinkOptions options)
        : m_pattern(std::move(pattern)), m_options(std::move(options)) {}
    ~SequenceSink() override {
        if (!m_committed)
            for (const auto& [temp, final_path] : m_files) remove_quietly(temp);
    }

    Result<void> write_video(const Frame& frame) override;
    Result<void> write_audio(const AudioBlock&) override {
        return Error(ErrorCode::InvalidArgument, "an image sequence cannot hold audio");
    }
    Result<void> finish() override;
    int64_t frames_written() const override { return static_cast<int64_t>(m_files.size()); }

private:
    Result<void> write_image(const Frame& frame, const std::string& final_path,
                             const std::string& temp);

    SequencePattern m_pattern;
    SinkOptions m_options;
    std::vector<std::pair<std::string, std::string>> m_files;  ///< (temporary, final)
    bool m_committed = false;
};

Result<void> SequenceSink::write_image(const Frame& frame, const std::string& final_path,
                                       const std::string& temp) {
    MEDIA_TRY_ASSIGN(ImageSample sample, sample_of(frame.format()));
    MEDIA_TRY_ASSIGN(const ImageBackend* backend, image_backend());
    // The writer is chosen by the final name's extension; the temporary name shares it.
    ImageWrite image;
    image.path = temp;
    image.name = final_path;
    image.width = frame.width();
    image.height = frame.height();
    image.channels = info(frame.format()).components;
    image.stored = image.given = sample;
    if (m_options.image_sample) {
        MEDIA_TRY_ASSIGN(ImageSample stored, sample_of_type(*m_options.image_sample));
        image.stored = stored;
    }
    image.pixels = frame.plane_data(0);
    image.row_stride = frame.plane_stride(0);
    for (const auto& [name, value] : m_options.image_attributes)
        image.attributes.push_back(attribute_of(name, value));
    // The rate goes in every header (EXR FramesPerSecond, DPX film and television frame rates):
    // without it a sequence reads back at a guessed rate and conform drifts.
    if (m_options.video && m_options.video->frame_rate.num() > 0 &&
        m_options.video->frame_rate.num() <= INT32_MAX &&
        m_options.video->frame_rate.den() <= INT32_MAX) {
        const Rational rate = m_options.video->frame_rate;
        image.attributes.push_back(
            {"FramesPerSecond",
             ImageRational{static_cast<int>(rate.num()), static_cast<int>(rate.den())}});
        const auto fps = static_cast<float>(rate.to_double());
        image.attributes.push_back({"dpx:FrameRate", fps});
        image.attributes.push_back({"dpx:TemporalFrameRate", fps});
    }
    // Each image carries its own timecode (DPX and EXR headers both have the SMPTE time word).
    if (frame.timecode())
        image.attributes.push_back(
            {"smpte:TimeCode", SmpteTimecode{smpte_time_word(*frame.timecode())}});
    const ImageStatus status = backend->write(image);
    if (status.outcome == ImageStatus::Outcome::Threw)
        return Error(ErrorCode::IoError, "image writer failed: " + status.message);
    if (!status.ok()) return Error(status.code, status.message);
    return ok();
}

Result<void> SequenceSink::write_video(const Frame& frame) {
    if (frame.empty() || frame.device() != DeviceKind::Cpu)
        return Error(ErrorCode::InvalidArgument, "only host frames can be written");
    const int64_t number = m_options.first_frame_number + frames_written();
    const std::string final_path = m_pattern.path_of(number);
    const std::string temp = temporary_path_for(final_path);
    m_files.emplace_back(temp, final_path);  // listed first, so a half-written file is removed
    Result<void> written = write_image(frame, final_path, temp);
    if (!written) return std::move(written).error().with_file(final_path).with_frame(number);
    return ok();
}

Result<void> SequenceSink::finish() {
    for (size_t i = 0; i < m_files.size(); ++i) {
        auto committed = commit_output(m_files[i].first, m_files[i].second);
        if (committed) continue;
        // Roll back: a sequence is finished whole or not at all.
        for (size_t j = 0; j < i; ++j) remove_quietly(m_files[j].second);
        return committed;
    }
    m_committed = true;
    return ok();
}

}  // namespace

Result<std::unique_ptr<MediaSink::Backend>> create_sequence_sink(const std::string& path,
                                                                 const SinkOptions& options) {
    auto pattern = SequencePattern::parse(path);
    if (!pattern)
        return Error(ErrorCode::InvalidArgument, "not a sequence pattern").with_file(path);
    if (pattern->padding == SequencePattern::kAnyPadding) pattern->padding = 0;
    MEDIA_TRY(check_output_folder(pattern->path_of(options.first_frame_number)));
    if (options.audio || options.audio_copy)
        return Error(ErrorCode::InvalidArgument, "an image sequence cannot hold audio")
            .with_file(path);
    return std::unique_ptr<MediaSink::Backend>(std::make_unique<SequenceSink>(*pattern, options));
}

}  // namespace media::io
