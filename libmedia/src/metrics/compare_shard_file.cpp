// SPDX-License-Identifier: Apache-2.0
#include "compare_shard_file.h"

#include <bit>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <type_traits>

#include <fmt/format.h>

#include "media/io/temp_output.h"

namespace media::metrics::detail {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'S', 'L', 'C', 'M', 'P', 'S', 'H', 'D'};
constexpr char kEndMagic[8] = {'S', 'L', 'C', 'M', 'P', 'E', 'N', 'D'};
constexpr uint32_t kVersion = 2;  // 2: the device the shard ran on
constexpr size_t kTailBytes = sizeof(uint64_t) + sizeof(kEndMagic);
using media::detail::fnv1a;
using media::detail::kFnvBasis;
using Writer = media::detail::ByteWriter;
using Reader = media::detail::ByteReader;

// One field list serves writing (T const) and reading.
template <typename Io, typename T>
void io_identity(Io& io, T& id) {
    io(id.name), io(id.size), io(id.mtime_ns);
}

template <typename Io, typename T>
void io_optional(Io& io, T& value) {
    bool has = value.has_value();
    io(has);
    int64_t v = value.value_or(0);
    io(v);
    if constexpr (!std::is_const_v<T>) value = has ? std::optional<int64_t>(v) : std::nullopt;
}

template <typename Io, typename T>
void io_info(Io& io, T& info) {
    io(info.reference), io(info.distorted), io(info.width), io(info.height), io(info.bit_depth);
    io(info.pixel_format), io(info.distorted_width), io(info.distorted_height);
    io(info.distorted_scaled), io(info.distorted_converted);
    io(info.frames), io_optional(io, info.reference_frames), io_optional(io, info.distorted_frames);
    io(info.ssim_scale), io(info.reference_decode_errors), io(info.distorted_decode_errors);
    io(info.threads), io(info.seconds), io(info.device), io(info.device_seconds);
}

void write_body(Writer& w, const CompareShard& shard) {
    io_identity(w, shard.reference);
    io_identity(w, shard.distorted);
    w(shard.fingerprint), w(shard.range.first), w(shard.range.count), w(shard.reached_end);
    const CompareInfo& info = shard.result.info;
    io_info(w, info);
    w(info.frame_rate.num()), w(info.frame_rate.den());
    w(static_cast<uint32_t>(info.models.size()));
    for (const auto& m : info.models) w(m.column), w(m.name), w(m.path);
    const CompareResult& r = shard.result;
    w(static_cast<uint32_t>(r.columns.size()));
    for (const std::string& c : r.columns) w(c);
    w(static_cast<uint64_t>(r.frames.size()));
    for (size_t i = 0; i < r.frames.size(); ++i) {
        w(r.frame_numbers[i]);
        for (double value : r.frames[i]) w(value);
    }
}

bool read_body(Reader& r, CompareShard& shard) {
    io_identity(r, shard.reference);
    io_identity(r, shard.distorted);
    r(shard.fingerprint), r(shard.range.first), r(shard.range.count), r(shard.reached_end);
    CompareInfo& info = shard.result.info;
    io_info(r, info);
    int64_t num = 0, den = 0;
    r(num), r(den);
    info.frame_rate = den == 0 ? Rational() : Rational(num, den);
    uint32_t models = 0, columns = 0;
    r(models);
    if (!r.fits(models, 3 * sizeof(uint32_t))) return false;
    info.models.resize(models);
    for (auto& m : info.models) r(m.column), r(m.name), r(m.path);
    r(columns);
    if (!r.fits(columns, sizeof(uint32_t))) return false;
    CompareResult& result = shard.result;
    result.columns.resize(columns);
    for (std::string& c : result.columns) r(c);
    uint64_t rows = 0;
    r(rows);
    if (!r.fits(rows, sizeof(int64_t) + columns * sizeof(double))) return false;
    result.frame_numbers.resize(rows);
    result.frames.assign(rows, std::vector<double>(columns));
    for (size_t i = 0; i < rows; ++i) {
        r(result.frame_numbers[i]);
        for (double& value : result.frames[i]) r(value);
    }
    return r.complete();
}

Error damaged(const std::string& path, const std::string& why) {
    return Error(ErrorCode::InvalidArgument, fmt::format("{}: {}", path, why));
}

using Hasher = media::detail::FnvHasher;

void hash_input(Hasher& h, const CompareInput& input) {
    h(input.offset)(input.raw.has_value());
    if (input.raw)
        h(input.raw->width)(input.raw->height)(input.raw->format)(input.raw->rate.num())(
            input.raw->rate.den());
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

uint64_t request_fingerprint(const CompareRequest& request,
                             const std::vector<CompareInfo::Model>& models) {
    Hasher h;
    h(kVersion)(request.metrics.size());
    for (Metric m : request.metrics) h(m);
    h(models.size());
    for (const auto& m : models) h(m.column)(m.name)(file_bytes(m.path));
    h(request.ssim_scale)(request.psnr.reduced_hbd_peak);
    h(request.vmaf_predict.enable_transform)(request.vmaf_predict.disable_clip);
    h(request.scale_to_reference)(request.allow_length_mismatch);
    h(request.frame_count.has_value())(request.frame_count.value_or(0));
    hash_input(h, request.reference);
    hash_input(h, request.distorted);
    return h.value();
}

Result<void> write_compare_shard(const std::string& path, const CompareShard& shard) {
    MEDIA_TRY(io::check_output_folder(path));
    Writer w;
    for (char c : kMagic) w(c);
    w(kVersion);
    write_body(w, shard);
    std::string& bytes = w.bytes();
    w(fnv1a(kFnvBasis, bytes.data(), bytes.size()));
    for (char c : kEndMagic) w(c);

    const std::string temporary = io::temporary_path_for(path);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            io::remove_quietly(temporary);
            return Error(ErrorCode::IoError, path + ": cannot write the shard file");
        }
    }
    if (auto committed = io::commit_output(temporary, path); !committed) {
        io::remove_quietly(temporary);
        return committed;
    }
    return ok();
}

Result<CompareShard> read_compare_shard(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(ErrorCode::NotFound, path + ": cannot open the shard file");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Error(ErrorCode::IoError, path + ": cannot read");
    const size_t head = sizeof(kMagic) + sizeof(uint32_t);
    if (bytes.size() < head || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
        return damaged(path, "not a slate compare shard file");
    uint32_t version = 0;
    std::memcpy(&version, bytes.data() + sizeof(kMagic), sizeof(version));
    if (version != kVersion)
        return damaged(path, fmt::format("compare shard file version {} (this slate reads {})",
                                         version, kVersion));
    if (bytes.size() < head + kTailBytes ||
        std::memcmp(bytes.data() + bytes.size() - sizeof(kEndMagic), kEndMagic,
                    sizeof(kEndMagic)) != 0)
        return damaged(path, "truncated compare shard file (no end marker)");
    const size_t body_end = bytes.size() - kTailBytes;
    uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + body_end, sizeof(stored));
    if (fnv1a(kFnvBasis, bytes.data(), body_end) != stored)
        return damaged(path, "damaged compare shard file (checksum mismatch)");
    CompareShard shard;
    Reader reader(bytes, head, body_end);
    if (!read_body(reader, shard)) return damaged(path, "damaged compare shard file (bad layout)");
    return shard;
}

}  // namespace media::metrics::detail
