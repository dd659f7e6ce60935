// SPDX-License-Identifier: Apache-2.0
#include "picture_png.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

#include "media/io/image_file.h"

namespace media::report::detail {

namespace {

namespace fs = std::filesystem;

// Averages `rows` source rows of `factor`-wide boxes into one output row.
void shrink_row(const ImageView<const float>& src, int y0, int rows, int factor, float* out,
                int width) {
    std::fill(out, out + int64_t{width} * 3, 0.0f);
    for (int dy = 0; dy < rows; ++dy) {
        const float* row = src.row(y0 + dy);
        for (int x = 0; x < width; ++x) {
            const float* box = row + int64_t{x} * factor * 3;
            for (int dx = 0; dx < factor; ++dx)
                for (int c = 0; c < 3; ++c) out[x * 3 + c] += box[dx * 3 + c];
        }
    }
    const float scale = 1.0f / float(rows * factor);
    for (int64_t i = 0; i < int64_t{width} * 3; ++i) out[i] *= scale;
}

std::vector<float> png_samples(const Frame& rgb) {
    const auto plane = rgb.plane<float>(0);
    std::vector<float> pixels;
    pixels.reserve(size_t(plane.row_samples()) * size_t(plane.height()));
    for (int y = 0; y < plane.height(); ++y) {
        const float* row = plane.row(y);
        for (int64_t i = 0; i < plane.row_samples(); ++i)
            pixels.push_back(std::isnan(row[i]) ? 0.0f : std::clamp(row[i], 0.0f, 1.0f));
    }
    return pixels;
}

Result<void> write_png(const Frame& rgb, const std::string& path) {
    if (rgb.format() != PixelFormat::RgbFloat)
        return Error(ErrorCode::Internal, "evidence picture is not RgbFloat").with_file(path);
    ImageFileSpec spec;
    spec.width = rgb.width();
    spec.height = rgb.height();
    spec.channels = 3;
    spec.stored = SampleType::U8;
    const std::vector<float> pixels = png_samples(rgb);
    return write_image_file(path, spec, pixels);
}

// Unique per process and call: several threads may write evidence of different files at once.
std::string hidden_name(const fs::path& folder, const std::string& stem) {
    static std::atomic<uint64_t> counter{0};
    return (folder / fmt::format(".{}.partial-{}-{}.png", stem, static_cast<long>(getpid()),
                                 counter.fetch_add(1)))
        .string();
}

void remove_quietly(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
}

}  // namespace

Result<Frame> shrink_rgb(const Frame& rgb, int max_width) {
    if (rgb.format() != PixelFormat::RgbFloat || max_width < 1)
        return Error(ErrorCode::Internal, "shrink_rgb needs an RgbFloat frame and a width");
    const int factor = (rgb.width() + max_width - 1) / max_width;
    if (factor <= 1) return rgb;
    const int width = rgb.width() / factor;
    const int height = std::max(1, rgb.height() / factor);
    MEDIA_TRY_ASSIGN(Frame out,
                     Frame::allocate(FrameSpec{width, height, PixelFormat::RgbFloat, rgb.color()}));
    const auto src = rgb.plane<float>(0);
    auto dst = out.mutable_plane<float>(0);
    for (int y = 0; y < height; ++y) {
        const int rows = std::clamp(rgb.height() - y * factor, 1, factor);
        shrink_row(src, y * factor, rows, factor, dst.row(y), width);
    }
    out.set_index(rgb.index());
    out.set_timecode(rgb.timecode());
    return out;
}

Result<void> write_png_atomically(const Frame& rgb, const std::string& path) {
    const fs::path target(path);
    const std::string temporary = hidden_name(target.parent_path(), target.stem().string());
    if (auto written = write_png(rgb, temporary); !written) {
        remove_quietly(temporary);
        return std::move(written).error().with_file(path);
    }
    std::error_code ec;
    fs::rename(temporary, target, ec);
    if (!ec) return ok();
    remove_quietly(temporary);
    return Error(ErrorCode::IoError,
                 "cannot rename the evidence picture into place: " + ec.message())
        .with_file(path);
}

Result<std::string> encode_png(const Frame& rgb, const std::string& scratch_dir) {
    std::error_code ec;
    const fs::path folder =
        scratch_dir.empty() ? fs::temp_directory_path(ec) : fs::path(scratch_dir);
    if (ec) return Error(ErrorCode::IoError, "no temporary folder: " + ec.message());
    const std::string temporary = hidden_name(folder, "thumbnail");
    if (auto written = write_png(rgb, temporary); !written) {
        remove_quietly(temporary);
        return std::move(written).error();
    }
    std::ifstream file(temporary, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const bool read = !file.bad();
    file.close();
    remove_quietly(temporary);
    if (!read || bytes.empty())
        return Error(ErrorCode::IoError, "cannot read back the encoded thumbnail")
            .with_file(temporary);
    return bytes;
}

}  // namespace media::report::detail
