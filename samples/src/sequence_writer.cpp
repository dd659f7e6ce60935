// SPDX-License-Identifier: Apache-2.0
#include "sequence_writer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <vector>

#include <OpenImageIO/filesystem.h>
#include <OpenImageIO/imageio.h>
#include <fmt/format.h>

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

OIIO::ImageSpec image_spec(const SequenceSpec& spec, const Timecode& timecode) {
    OIIO::ImageSpec out(spec.width, spec.height, spec.channels,
                        spec.half_float ? OIIO::TypeDesc::HALF : OIIO::TypeDesc::UINT16);
    if (!spec.half_float) out.attribute("oiio:BitsPerSample", spec.bits);
    if (!spec.compression.empty()) out.attribute("compression", spec.compression);
    const std::array<int, 2> tc{static_cast<int>(smpte_time_word(timecode)), 0};
    out.attribute("smpte:TimeCode", OIIO::TypeTimeCode, tc.data());
    const std::array<int, 2> fps{static_cast<int>(spec.rate.num()),
                                 static_cast<int>(spec.rate.den())};
    out.attribute("FramesPerSecond", OIIO::TypeRational, fps.data());
    if (spec.format == "dpx") {  // DPX keeps its rates as floats in its own header fields
        out.attribute("dpx:FrameRate", static_cast<float>(spec.rate.to_double()));
        out.attribute("dpx:TemporalFrameRate", static_cast<float>(spec.rate.to_double()));
    }
    if (spec.rec709_chromaticities) {
        const std::array<float, 8> rec709{0.64f, 0.33f, 0.30f,   0.60f,
                                          0.15f, 0.06f, 0.3127f, 0.3290f};
        out.attribute("chromaticities", OIIO::TypeDesc(OIIO::TypeDesc::FLOAT, 8), rec709.data());
    }
    // A fixed date keeps the files byte-identical from run to run.
    out.attribute("DateTime", "2024:01:01 00:00:00");
    out.attribute("Software", "slate samples");
    for (const auto& [key, value] : spec.attributes) out.attribute(key, value);
    return out;
}

Result<void> write_picture(const std::filesystem::path& path, const OIIO::ImageSpec& spec,
                           const std::vector<float>& pixels) {
    // Written through an IO proxy under the bare file name: DPX headers store the name given to
    // open(), and a full (temporary) path there would make every output folder write different
    // bytes.
    const std::string name = path.filename().string();
    OIIO::Filesystem::IOFile file(path.string(), OIIO::Filesystem::IOProxy::Write);
    if (!file.opened())
        return Error(ErrorCode::IoError, "cannot open for writing").with_file(path.string());
    auto out = OIIO::ImageOutput::create(name, &file);
    if (!out) return Error(ErrorCode::UnsupportedFormat, OIIO::geterror()).with_file(path.string());
    if (!out->open(name, spec) || !out->write_image(OIIO::TypeDesc::FLOAT, pixels.data()) ||
        !out->close())
        return Error(ErrorCode::IoError, out->geterror()).with_file(path.string());
    file.close();
    if (!file.error().empty())
        return Error(ErrorCode::IoError, file.error()).with_file(path.string());
    return ok();
}

}  // namespace

uint32_t smpte_time_word(const Timecode& timecode) {
    const std::string text = timecode.to_string();  // HH:MM:SS:FF or HH:MM:SS;FF
    const auto bcd = [&](std::size_t at) {
        return static_cast<uint32_t>((text[at] - '0') << 4 | (text[at + 1] - '0'));
    };
    uint32_t word = bcd(0) << 24 | bcd(3) << 16 | bcd(6) << 8 | bcd(9);
    if (timecode.rate().drop) word |= 1u << 6;
    return word;
}

std::string sequence_pattern(const std::string& stem, const SequenceSpec& spec) {
    return fmt::format("{}.%06d.{}", stem, spec.format);
}

std::string sequence_file_name(const std::string& stem, const SequenceSpec& spec, int64_t number) {
    return fmt::format("{}.{:06d}.{}", stem, number, spec.format);
}

Result<void> write_sequence(const SequenceSpec& spec, const std::filesystem::path& dir,
                            const std::string& stem, const RgbSource& source) {
    std::vector<float> pixels(static_cast<std::size_t>(spec.width) * spec.height * spec.channels);
    try {
        for (int64_t index = 0; index < spec.frames; ++index) {
            source(index, pixels.data());
            if (spec.scene_linear) linearise(pixels, spec.channels);
            const auto name = sequence_file_name(stem, spec, spec.first_number + index);
            MEDIA_TRY(
                write_picture(dir / name, image_spec(spec, spec.start_timecode + index), pixels));
        }
    } catch (const std::exception& e) {
        return Error(ErrorCode::Internal, std::string("OpenImageIO: ") + e.what())
            .with_file(dir.string());
    }
    return ok();
}

}  // namespace media::samples
