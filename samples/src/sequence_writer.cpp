// SPDX-License-Identifier: Apache-2.0
#include "sequence_writer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "media/io/image_file.h"

namespace media::samples {
namespace {

// Inverse BT.709 OETF, tabulated: the sequence writer linearises millions of values per picture.
class LinearTable {
public:
    LinearTable() {
        for (std::size_t i = 0; i < k_size; ++i) {
            const double v = static_cast<double>(i) / (k_size - 1);
            m_table[i] =
                static_cast<float>(v < 0.081 ? v / 4.5 : std::pow((v + 0.099) / 1.099, 1.0 / 0.45));
        }
    }
    float operator()(float v) const {
        const float clamped = std::clamp(v, 0.0f, 1.0f);
        return m_table[static_cast<std::size_t>(std::lround(clamped * (k_size - 1)))];
    }

private:
    static constexpr int k_size = 16384;
    std::array<float, k_size> m_table{};
};

void linearise(std::vector<float>& pixels, int channels) {
    static const LinearTable table;
    for (std::size_t i = 0; i < pixels.size(); ++i)
        if (channels != 4 || i % 4 != 3) pixels[i] = table(pixels[i]);  // alpha stays as is
}

ImageFileSpec image_spec(const SequenceSpec& spec, const Timecode& timecode) {
    ImageFileSpec out;
    out.width = spec.width;
    out.height = spec.height;
    out.channels = spec.channels;
    out.stored = spec.half_float ? SampleType::F16 : SampleType::U16;
    auto& attributes = out.attributes;
    if (!spec.half_float) attributes.emplace_back("oiio:BitsPerSample", spec.bits);
    if (!spec.compression.empty()) attributes.emplace_back("compression", spec.compression);
    attributes.emplace_back("smpte:TimeCode", timecode);
    attributes.emplace_back("FramesPerSecond", spec.rate);
    if (spec.format == "dpx") {  // DPX keeps its rates as floats in its own header fields
        const auto fps = static_cast<float>(spec.rate.to_double());
        attributes.emplace_back("dpx:FrameRate", fps);
        attributes.emplace_back("dpx:TemporalFrameRate", fps);
    }
    if (spec.rec709_chromaticities)
        attributes.emplace_back(
            "chromaticities",
            std::vector<float>{0.64f, 0.33f, 0.30f, 0.60f, 0.15f, 0.06f, 0.3127f, 0.3290f});
    // A fixed date keeps the files byte-identical from run to run.
    attributes.emplace_back("DateTime", std::string("2024:01:01 00:00:00"));
    attributes.emplace_back("Software", std::string("slate samples"));
    for (const auto& [key, value] : spec.attributes) attributes.emplace_back(key, value);
    return out;
}

}  // namespace

std::string sequence_pattern(const std::string& stem, const SequenceSpec& spec) {
    return fmt::format("{}.%06d.{}", stem, spec.format);
}

std::string sequence_file_name(const std::string& stem, const SequenceSpec& spec, int64_t number) {
    return fmt::format("{}.{:06d}.{}", stem, number, spec.format);
}

Result<void> write_sequence(const SequenceSpec& spec, const std::filesystem::path& dir,
                            const std::string& stem, const RgbSource& source) {
    std::vector<float> pixels(static_cast<std::size_t>(spec.width) * spec.height * spec.channels);
    for (int64_t index = 0; index < spec.frames; ++index) {
        source(index, pixels.data());
        if (spec.scene_linear) linearise(pixels, spec.channels);
        const auto name = sequence_file_name(stem, spec, spec.first_number + index);
        // The file's header records `name` alone, so every output folder gets the same bytes.
        MEDIA_TRY(
            write_image_file(dir / name, image_spec(spec, spec.start_timecode + index), pixels));
    }
    return ok();
}

}  // namespace media::samples
