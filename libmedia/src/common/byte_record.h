// SPDX-License-Identifier: Apache-2.0
// Private to libmedia: the pieces of Slate's binary shard files (QC shards, compare shards).
// Values are little-endian and fixed-width, doubles bit-exact, strings and vectors a u32 count
// and their items; every read is checked against what is left, so a truncated or damaged file
// is reported by its reader, never read past. One field list per struct can serve writing and
// reading: `io(x.a), io(x.b)` with a ByteWriter (const fields) or a ByteReader.
#pragma once

#include <bit>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

namespace media::detail {

static_assert(std::endian::native == std::endian::little, "shard files are little-endian");

inline constexpr uint64_t kFnvBasis = 14695981039346656037ull;

/// FNV-1a over bytes, continuing from `hash` (start with kFnvBasis): the files' checksum.
inline uint64_t fnv1a(uint64_t hash, const char* data, size_t size) {
    for (size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= 1099511628211ull;
    }
    return hash;
}

/// Feeds a hash: fixed-width values, strings with their length (option fingerprints).
class FnvHasher {
public:
    template <typename T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T> FnvHasher& operator()(T value) {
        m_hash = fnv1a(m_hash, reinterpret_cast<const char*>(&value), sizeof(T));
        return *this;
    }
    FnvHasher& operator()(const std::string& text) {
        (*this)(text.size());
        m_hash = fnv1a(m_hash, text.data(), text.size());
        return *this;
    }
    uint64_t value() const { return m_hash; }

private:
    uint64_t m_hash = kFnvBasis;
};

/// Appends values to a byte string.
class ByteWriter {
public:
    template <typename T>
    requires std::is_arithmetic_v<T>
    void operator()(const T& value) {
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        m_bytes.append(bytes, sizeof(T));
    }
    void operator()(const bool& value) { (*this)(static_cast<uint8_t>(value ? 1 : 0)); }
    void operator()(const std::string& text) {
        (*this)(static_cast<uint32_t>(text.size()));
        m_bytes += text;
    }
    template <typename T>
    requires std::is_arithmetic_v<T>
    void operator()(const std::vector<T>& values) {
        (*this)(static_cast<uint32_t>(values.size()));
        for (const T& value : values) (*this)(value);
    }
    std::string& bytes() { return m_bytes; }
    std::string take() { return std::move(m_bytes); }

private:
    std::string m_bytes;
};

/// Reads values back from bytes [begin, end) of a string; any read past the end, or a bool
/// that is not 0 or 1, makes it not ok() (and later reads do nothing).
class ByteReader {
public:
    explicit ByteReader(const std::string& bytes) : ByteReader(bytes, 0, bytes.size()) {}
    ByteReader(const std::string& bytes, size_t begin, size_t end)
        : m_bytes(bytes), m_pos(begin), m_end(end) {}

    template <typename T>
    requires std::is_arithmetic_v<T>
    void operator()(T& value) {
        if (!take(sizeof(T))) return;
        std::memcpy(&value, m_bytes.data() + m_pos - sizeof(T), sizeof(T));
    }
    void operator()(bool& value) {
        uint8_t byte = 0;
        (*this)(byte);
        if (byte > 1) m_ok = false;
        value = byte == 1;
    }
    void operator()(std::string& text) {
        uint32_t size = 0;
        (*this)(size);
        if (!take(size)) return;
        text.assign(m_bytes.data() + m_pos - size, size);
    }
    template <typename T>
    requires std::is_arithmetic_v<T>
    void operator()(std::vector<T>& values) {
        uint32_t count = 0;
        (*this)(count);
        if (!fits(count, sizeof(T))) return;
        values.resize(count);
        for (T& value : values) (*this)(value);
    }
    /// Whether `count` items of at least `size` bytes each can still be read (false also makes
    /// the reader not ok: a count that cannot be right is damage).
    bool fits(uint64_t count, size_t size) {
        if (m_ok && count <= (m_end - m_pos) / size) return true;
        m_ok = false;
        return false;
    }
    /// Marks the bytes as damaged (a value out of its range).
    void fail() { m_ok = false; }
    bool ok() const { return m_ok; }
    /// Every byte read, none past the end.
    bool complete() const { return m_ok && m_pos == m_end; }

private:
    bool take(size_t size) {
        if (!m_ok || size > m_end - m_pos) {
            m_ok = false;
            return false;
        }
        m_pos += size;
        return true;
    }

    const std::string& m_bytes;
    size_t m_pos;
    size_t m_end;
    bool m_ok = true;
};

/// The file a shard was made from: its name (not its folder: a farm mounts it elsewhere), size
/// and modification time (-1 and 0 for an image-sequence pattern, which is no file).
struct InputIdentity {
    std::string name;
    int64_t size = -1;
    int64_t mtime_ns = 0;
    friend bool operator==(const InputIdentity&, const InputIdentity&) = default;
};

inline InputIdentity identify_input(const std::string& path) {
    namespace fs = std::filesystem;
    InputIdentity identity;
    identity.name = fs::path(path).filename().string();
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return identity;
    const auto time = fs::last_write_time(path, ec);
    if (ec) return identity;
    identity.size = static_cast<int64_t>(size);
    identity.mtime_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
    return identity;
}

}  // namespace media::detail
