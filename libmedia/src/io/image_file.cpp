// SPDX-License-Identifier: Apache-2.0
#include "media/io/image_file.h"

#include "image_plugin.h"

namespace media {
namespace {

io::ImageSample image_sample_of(SampleType type) {
    switch (type) {
        case SampleType::U8:
            return io::ImageSample::U8;
        case SampleType::U16:
            return io::ImageSample::U16;
        case SampleType::F16:
            return io::ImageSample::Half;
        case SampleType::F32:
            return io::ImageSample::Float;
    }
    return io::ImageSample::Other;
}

// The module sees plain values only; libmedia's own types are turned into them here.
struct ToModuleValue {
    using Value = decltype(io::ImageAttribute::value);
    Value operator()(int v) const { return v; }
    Value operator()(float v) const { return v; }
    Value operator()(const std::string& v) const { return v; }
    Value operator()(const std::vector<float>& v) const { return v; }
    Value operator()(const Rational& v) const {
        return io::ImageRational{static_cast<int>(v.num()), static_cast<int>(v.den())};
    }
    Value operator()(const Timecode& v) const { return io::SmpteTimecode{smpte_time_word(v)}; }
};

Result<void> check(const ImageFileSpec& spec, std::span<const float> pixels) {
    if (spec.width <= 0 || spec.height <= 0 || spec.channels <= 0)
        return Error(ErrorCode::InvalidArgument, "image has no pixels");
    const auto needed = static_cast<size_t>(spec.width) * static_cast<size_t>(spec.height) *
                        static_cast<size_t>(spec.channels);
    if (pixels.size() < needed)
        return Error(ErrorCode::InvalidArgument, "fewer pixel values than the image needs");
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

Result<void> write_image_file(const std::filesystem::path& path, const ImageFileSpec& spec,
                              std::span<const float> pixels) {
    if (auto checked = check(spec, pixels); !checked)
        return std::move(checked).error().with_file(path.string());
    auto backend = io::image_backend();
    if (!backend) return std::move(backend).error().with_file(path.string());
    io::ImageWrite image;
    image.path = path.string();
    image.name = path.filename().string();
    image.through_proxy = true;
    image.width = spec.width;
    image.height = spec.height;
    image.channels = spec.channels;
    image.stored = image_sample_of(spec.stored);
    image.given = io::ImageSample::Float;
    image.pixels = pixels.data();
    for (const auto& [name, value] : spec.attributes)
        image.attributes.push_back({name, std::visit(ToModuleValue{}, value)});
    const io::ImageStatus status = (*backend)->write(image);
    if (status.ok()) return ok();
    const ErrorCode code =
        status.outcome == io::ImageStatus::Outcome::Threw ? ErrorCode::IoError : status.code;
    return Error(code, status.message).with_file(path.string()).with_operation("write image");
}

}  // namespace media
