// SPDX-License-Identifier: Apache-2.0
// MediaSink's image sequence backend: one OpenImageIO file per frame, each written under a
// temporary name and renamed into place by finish().
#include <charconv>
#include <exception>
#include <utility>
#include <vector>

#include <OpenImageIO/imageio.h>

#include "media/io/sequence_pattern.h"
#include "sink_backend.h"
#include "temp_output.h"

namespace media::io {

namespace {

namespace OIIO = OIIO_NAMESPACE;

// What OpenImageIO writes for a frame format: packed RGB(A) and gray only. Planar YUV/GBR frames
// need an explicit conversion first (colour conversion is the color module's job, not io's).
Result<OIIO::TypeDesc> sample_type(PixelFormat format) {
    const PixelFormatInfo& fi = info(format);
    if (fi.planes != 1)
        return Error(ErrorCode::UnsupportedFormat,
                     std::string(fi.name) + " frames must be converted to packed RGB for images");
    switch (fi.sample_type) {
        case SampleType::U8:
            return OIIO::TypeDesc(OIIO::TypeDesc::UINT8);
        case SampleType::U16:
            return OIIO::TypeDesc(OIIO::TypeDesc::UINT16);
        case SampleType::F16:
            return OIIO::TypeDesc(OIIO::TypeDesc::HALF);
        case SampleType::F32:
            return OIIO::TypeDesc(OIIO::TypeDesc::FLOAT);
    }
    return Error(ErrorCode::UnsupportedFormat, "unknown sample type");
}

// Attributes arrive as text; numbers go to OpenImageIO as numbers ("oiio:BitsPerSample" = 10).
void set_attribute(OIIO::ImageSpec& spec, const std::string& name, const std::string& value) {
    int integer = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), integer);
    if (ec == std::errc() && end == value.data() + value.size()) {
        spec.attribute(name, integer);
        return;
    }
    spec.attribute(name, value);
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
    MEDIA_TRY_ASSIGN(OIIO::TypeDesc type, sample_type(frame.format()));
    // The writer is chosen by the final name's extension; the temporary name shares it.
    auto output = OIIO::ImageOutput::create(final_path);
    if (!output) return Error(ErrorCode::UnsupportedFormat, "no image writer: " + OIIO::geterror());
    OIIO::ImageSpec spec(frame.width(), frame.height(), info(frame.format()).components, type);
    for (const auto& [name, value] : m_options.image_attributes) set_attribute(spec, name, value);
    if (!output->open(temp, spec))
        return Error(ErrorCode::IoError, "cannot create image: " + output->geterror());
    const bool written =
        output->write_image(type, frame.plane_data(0), OIIO::AutoStride, frame.plane_stride(0));
    const bool closed = output->close();
    if (!written || !closed)
        return Error(ErrorCode::IoError, "cannot write image: " + output->geterror());
    return ok();
}

Result<void> SequenceSink::write_video(const Frame& frame) {
    if (frame.empty() || frame.device() != DeviceKind::Cpu)
        return Error(ErrorCode::InvalidArgument, "only host frames can be written");
    const int64_t number = m_options.first_frame_number + frames_written();
    const std::string final_path = m_pattern.path_of(number);
    const std::string temp = temporary_path_for(final_path);
    m_files.emplace_back(temp, final_path);  // listed first, so a half-written file is removed
    Result<void> written = ok();
    try {
        written = write_image(frame, final_path, temp);
    } catch (const std::exception& e) {
        written = Error(ErrorCode::IoError, std::string("image writer failed: ") + e.what());
    }
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
