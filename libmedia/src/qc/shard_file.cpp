// SPDX-License-Identifier: Apache-2.0
#include "shard_file.h"

#include <array>
#include <bit>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>
#include <type_traits>

#include <fmt/format.h>

namespace media::qc::detail {
namespace {

namespace fs = std::filesystem;

static_assert(std::endian::native == std::endian::little, "shard files are little-endian");
// A new field in these structs must be added to the record below, or shards lose it.
static_assert(sizeof(analysis::VideoMeasures) == 328, "update io_measures for the new field");
static_assert(sizeof(analysis::CombingMeasure) == 72, "update io_combing for the new field");
static_assert(sizeof(analysis::FlashSample) == 104, "update io_flash for the new field");

constexpr char kMagic[8] = {'S', 'L', 'Q', 'C', 'S', 'H', 'R', 'D'};
constexpr char kEndMagic[8] = {'S', 'L', 'Q', 'C', 'E', 'N', 'D', '!'};
constexpr uint32_t kVersion = 1;
constexpr uint64_t kHeadBytes = sizeof(kMagic) + sizeof(uint32_t);
constexpr uint64_t kTailBytes = 2 * sizeof(uint64_t) + sizeof(kEndMagic);
using media::detail::fnv1a;
using media::detail::kFnvBasis;

/// The shard's own value types on top of the shared byte format.
class Writer : public media::detail::ByteWriter {
public:
    using ByteWriter::operator();
    void operator()(const analysis::FieldType& value) { (*this)(static_cast<uint8_t>(value)); }
    void operator()(const std::array<int64_t, 2>& values) {
        for (int64_t value : values) (*this)(value);
    }
};

class Reader : public media::detail::ByteReader {
public:
    using ByteReader::ByteReader;
    using ByteReader::operator();
    void operator()(analysis::FieldType& value) {
        uint8_t byte = 0;
        (*this)(byte);
        if (byte > static_cast<uint8_t>(analysis::FieldType::Progressive)) fail();
        value = static_cast<analysis::FieldType>(byte);
    }
    void operator()(std::array<int64_t, 2>& values) {
        for (int64_t& value : values) (*this)(value);
    }
};

// One field list per struct serves writing (T const) and reading.
template <typename Io, typename T>
void io_plane(Io& io, T& p) {
    io(p.min), io(p.low), io(p.avg), io(p.high), io(p.max);
}

template <typename Io, typename T>
void io_measures(Io& io, T& m) {
    auto& s = m.stats;
    io(s.bit_depth);
    io_plane(io, s.y), io_plane(io, s.u), io_plane(io, s.v);
    io(s.sat_avg), io(s.sat_max), io(s.hue_avg), io(s.ydif), io(s.udif), io(s.vdif);
    io(s.tout), io(s.vrep), io(s.brng);
    auto& l = m.levels;
    io(l.luma_below), io(l.luma_above), io(l.chroma_outside), io(l.rgb_outside);
    io(l.black_share), io(l.luma_min_percent), io(l.luma_max_percent);
    io(m.active.left), io(m.active.top), io(m.active.width), io(m.active.height);
    io(m.mafd), io(m.blockiness), io(m.nonfinite);
    io(m.light.max_cll), io(m.light.frame_average), io(m.light.measured);
    io(m.light.max_cll_robust);
}

template <typename Io, typename T>
void io_combing(Io& io, T& c) {
    io(c.type), io(c.repeated_field), io(c.comb_score);
    io(c.alpha_previous), io(c.alpha_for_previous), io(c.delta), io(c.has_previous);
}

template <typename Io, typename T>
void io_flash(Io& io, T& f) {
    io(f.columns), io(f.rows), io(f.luminance), io(f.red), io(f.red_level);
    io(f.pattern_suspect), io(f.pattern_area), io(f.pattern_contrast);
}

template <typename Io, typename T>
void io_issue(Io& io, T& issue) {
    io(issue.stream), io(issue.frame), io(issue.pts), io(issue.message);
}

template <typename Io, typename T>
void io_header(Io& io, T& info) {
    io(info.input.name), io(info.input.size), io(info.input.mtime_ns);
    io(info.profile_name), io(info.profile_fingerprint);
    io(info.range.first), io(info.range.count), io(info.video);
}

// The Frame properties VideoStage reads: timestamps, timecode, the corrupt flag.
struct FrameFields {
    int64_t pts = kNoPts;
    int64_t tb_num = 0;
    int64_t tb_den = 0;
    bool corrupt = false;
    bool has_timecode = false;
    int64_t tc_num = 0;
    int64_t tc_den = 0;
    bool tc_drop = false;
    int64_t tc_frames = 0;
};

template <typename Io, typename T>
void io_frame(Io& io, T& f) {
    io(f.pts), io(f.tb_num), io(f.tb_den), io(f.corrupt), io(f.has_timecode);
    io(f.tc_num), io(f.tc_den), io(f.tc_drop), io(f.tc_frames);
}

FrameFields fields_of(const Frame& frame) {
    FrameFields f;
    f.pts = frame.pts();
    f.tb_num = frame.time_base().num();
    f.tb_den = frame.time_base().den();
    f.corrupt = frame.corrupt();
    if (const auto& tc = frame.timecode()) {
        f.has_timecode = true;
        f.tc_num = tc->rate().rate.num();
        f.tc_den = tc->rate().rate.den();
        f.tc_drop = tc->rate().drop;
        f.tc_frames = tc->frames();
    }
    return f;
}

Rational rational_of(int64_t num, int64_t den) {
    return den == 0 ? Rational() : Rational(num, den);
}

void apply(const FrameFields& f, Frame& frame) {
    frame.set_pts(f.pts, rational_of(f.tb_num, f.tb_den));
    frame.set_corrupt(f.corrupt);
    if (f.has_timecode)
        frame.set_timecode(
            Timecode(TimecodeRate{rational_of(f.tc_num, f.tc_den), f.tc_drop}, f.tc_frames));
}

std::string length_prefixed(const std::string& bytes) {
    Writer writer;
    writer(static_cast<uint32_t>(bytes.size()));
    return writer.take() + bytes;
}

using Hasher = media::detail::FnvHasher;

}  // namespace

uint64_t profile_fingerprint(const QcProfile& p) {
    Hasher h;
    h(p.name)(p.version);
    for (const auto& [id, policy] : p.checks) h(id)(policy.enabled);
    const auto& m = p.measure;
    h(m.black_pixel_threshold)(m.luma_min)(m.luma_max)(m.chroma_min)(m.chroma_max);
    h(m.gamut_tolerance)(m.letterbox_threshold)(m.signal_stats)(m.signal_stats_detail);
    h(m.blockiness)(m.light_level);
    const auto& i = p.interlace;
    h(i.interlace_threshold)(i.progressive_threshold)(i.repeat_threshold)(i.comb_threshold);
    const auto& f = p.flash;
    h(f.display_peak)(f.luminance_change)(f.dark_limit)(f.area_fraction);
    h(f.max_flashes_per_second)(f.red_saturation)(f.grid_columns)(f.red_change);
    return h.value();
}

// --- writing ---------------------------------------------------------------------------------

ShardWriter::ShardWriter(std::string path, std::string temporary)
    : m_path(std::move(path)), m_temporary(std::move(temporary)), m_hash(kFnvBasis) {}

ShardWriter::ShardWriter(ShardWriter&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_temporary(std::move(other.m_temporary)),
      m_out(std::move(other.m_out)),
      m_hash(other.m_hash),
      m_offset(other.m_offset),
      m_committed(other.m_committed) {
    other.m_committed = true;
}

ShardWriter::~ShardWriter() {
    if (m_committed) return;
    m_out.close();
    std::error_code ignored;
    fs::remove(m_temporary, ignored);
}

Result<ShardWriter> ShardWriter::create(const std::string& path, const ShardInfo& info) {
    const fs::path final_path(path);
    thread_local std::mt19937 engine{std::random_device{}()};
    const fs::path temporary =
        final_path.parent_path() /
        fmt::format(".{}.partial-{:06}", final_path.filename().string(), engine() % 1000000);
    ShardWriter writer(path, temporary.string());
    writer.m_out.open(temporary, std::ios::binary | std::ios::trunc);
    if (!writer.m_out) {
        writer.m_committed = true;  // nothing to remove
        return Error(ErrorCode::IoError, fmt::format("{}: cannot write the shard file", path));
    }
    Writer head;
    for (char c : kMagic) head(c);
    head(kVersion);
    writer.put(head.take());
    Writer header;
    io_header(header, info);
    writer.put(length_prefixed(header.take()));
    return writer;
}

void ShardWriter::put(const std::string& bytes) {
    m_out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    m_hash = fnv1a(m_hash, bytes.data(), bytes.size());
    m_offset += bytes.size();
}

void ShardWriter::add(const FrameWork& work) {
    Writer record;
    const FrameFields frame = fields_of(work.frame);
    io_frame(record, frame);
    record(work.error);
    io_measures(record, work.measures);
    io_combing(record, work.combing);
    io_flash(record, work.flash);
    put(length_prefixed(record.take()));
}

Result<void> ShardWriter::commit(const ShardInfo& info) {
    const uint64_t footer_offset = m_offset;
    Writer footer;
    footer(info.frames), footer(info.reached_end), footer(info.fatal_error);
    footer(static_cast<uint32_t>(info.issues.size()));
    for (const DecodeIssue& issue : info.issues) io_issue(footer, issue);
    put(length_prefixed(footer.take()));
    Writer tail;
    tail(footer_offset);
    tail(m_hash);
    for (char c : kEndMagic) tail(c);
    const std::string bytes = tail.take();
    m_out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    m_out.close();
    if (!m_out)
        return Error(ErrorCode::IoError, fmt::format("{}: cannot write the shard file", m_path));
    std::error_code ec;
    fs::rename(m_temporary, m_path, ec);
    if (ec)
        return Error(ErrorCode::IoError,
                     fmt::format("{}: cannot rename into place: {}", m_path, ec.message()));
    m_committed = true;
    return ok();
}

// --- reading ---------------------------------------------------------------------------------

namespace {

// Reads `size` bytes at the stream's position; false when the file has fewer.
bool read_bytes(std::ifstream& in, std::string& out, uint64_t size) {
    out.resize(size);
    return static_cast<bool>(in.read(out.data(), static_cast<std::streamsize>(size)));
}

// A length-prefixed block that must end at or before `limit`.
bool read_block(std::ifstream& in, uint64_t limit, std::string& out) {
    std::string prefix;
    const auto at = static_cast<uint64_t>(in.tellg());
    if (at + sizeof(uint32_t) > limit || !read_bytes(in, prefix, sizeof(uint32_t))) return false;
    uint32_t size = 0;
    std::memcpy(&size, prefix.data(), sizeof(size));
    if (size > limit - at - sizeof(uint32_t)) return false;
    return read_bytes(in, out, size);
}

Result<uint64_t> checksum_of(std::ifstream& in, uint64_t size) {
    uint64_t hash = kFnvBasis;
    std::string chunk;
    in.seekg(0);
    for (uint64_t done = 0; done < size;) {
        const uint64_t n = std::min<uint64_t>(size - done, 1 << 20);
        if (!read_bytes(in, chunk, n)) return Error(ErrorCode::IoError, "read failed");
        hash = fnv1a(hash, chunk.data(), chunk.size());
        done += n;
    }
    return hash;
}

}  // namespace

Error ShardReader::damaged(const std::string& why) const {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}: not a complete QC shard file ({})", m_path, why));
}

Result<ShardReader> ShardReader::open(const std::string& path) {
    ShardReader shard;
    shard.m_path = path;
    std::error_code ec;
    const uint64_t size = fs::file_size(path, ec);
    if (ec) return Error(ErrorCode::NotFound, fmt::format("{}: {}", path, ec.message()));
    shard.m_in.open(path, std::ios::binary);
    if (!shard.m_in) return Error(ErrorCode::IoError, fmt::format("{}: cannot read it", path));
    if (size < kHeadBytes + kTailBytes) return shard.damaged("too short");
    std::string bytes;
    if (!read_bytes(shard.m_in, bytes, kHeadBytes) || std::memcmp(bytes.data(), kMagic, 8) != 0)
        return shard.damaged("no shard signature");
    uint32_t version = 0;
    std::memcpy(&version, bytes.data() + 8, sizeof(version));
    if (version != kVersion) return shard.damaged(fmt::format("version {}", version));
    shard.m_in.seekg(static_cast<std::streamoff>(size - kTailBytes));
    if (!read_bytes(shard.m_in, bytes, kTailBytes) ||
        std::memcmp(bytes.data() + 16, kEndMagic, 8) != 0)
        return shard.damaged("truncated: no end marker");
    uint64_t footer_offset = 0, stored_hash = 0;
    std::memcpy(&footer_offset, bytes.data(), 8);
    std::memcpy(&stored_hash, bytes.data() + 8, 8);
    auto hash = checksum_of(shard.m_in, size - kTailBytes);
    if (!hash) return Error(ErrorCode::IoError, fmt::format("{}: cannot read it", path));
    if (*hash != stored_hash) return shard.damaged("checksum mismatch: damaged");
    if (footer_offset < kHeadBytes || footer_offset >= size - kTailBytes)
        return shard.damaged("bad footer offset");
    MEDIA_TRY(shard.read_footer(footer_offset, size - kTailBytes));
    shard.m_in.clear();
    shard.m_in.seekg(static_cast<std::streamoff>(kHeadBytes));
    if (!read_block(shard.m_in, footer_offset, bytes)) return shard.damaged("no header");
    Reader header(bytes);
    io_header(header, shard.m_info);
    if (!header.complete()) return shard.damaged("bad header");
    shard.m_records_end = footer_offset;
    return shard;
}

Result<void> ShardReader::read_footer(uint64_t offset, uint64_t limit) {
    std::string bytes;
    m_in.clear();
    m_in.seekg(static_cast<std::streamoff>(offset));
    if (!read_block(m_in, limit, bytes)) return damaged("no footer");
    Reader footer(bytes);
    uint32_t issues = 0;
    footer(m_info.frames), footer(m_info.reached_end), footer(m_info.fatal_error);
    footer(issues);
    if (issues > bytes.size()) return damaged("bad footer");
    m_info.issues.resize(issues);
    for (DecodeIssue& issue : m_info.issues) io_issue(footer, issue);
    if (!footer.complete() || m_info.frames < 0) return damaged("bad footer");
    return ok();
}

Result<bool> ShardReader::next(FrameWork& work) {
    if (m_read >= m_info.frames) {
        if (static_cast<uint64_t>(m_in.tellg()) != m_records_end)
            return damaged("frame records do not match the footer");
        return false;
    }
    std::string bytes;
    if (!read_block(m_in, m_records_end, bytes))
        return damaged(fmt::format("frame record {} missing", m_read));
    Reader record(bytes);
    FrameFields fields;
    io_frame(record, fields);
    work = FrameWork();
    record(work.error);
    io_measures(record, work.measures);
    io_combing(record, work.combing);
    io_flash(record, work.flash);
    if (!record.complete()) return damaged(fmt::format("frame record {} damaged", m_read));
    apply(fields, work.frame);
    ++m_read;
    return true;
}

}  // namespace media::qc::detail
