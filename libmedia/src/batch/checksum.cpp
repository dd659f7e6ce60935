// SPDX-License-Identifier: Apache-2.0
// File digests in one read pass: xxHash from libxxhash, MD5 / SHA-1 / SHA-512 from libavutil.
#include "media/batch/checksum.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <xxhash.h>

extern "C" {
#include <libavutil/md5.h>
#include <libavutil/mem.h>
#include <libavutil/sha.h>
#include <libavutil/sha512.h>
}

namespace media::batch {
namespace {

constexpr size_t kBufferSize = size_t{1} << 20;

std::string to_hex(const uint8_t* bytes, size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(size * 2, '0');
    for (size_t i = 0; i < size; ++i) {
        hex[2 * i] = kDigits[bytes[i] >> 4];
        hex[2 * i + 1] = kDigits[bytes[i] & 15];
    }
    return hex;
}

// Base58 with the C4 alphabet (no 0, O, I, l), most significant digit first, padded with '1'
// (the alphabet's zero) to 88 digits.
std::string c4_from_sha512(const std::array<uint8_t, 64>& digest) {
    static constexpr char kAlphabet[] =
        "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    std::array<uint8_t, 64> number = digest;
    std::string digits(88, '1');
    for (size_t out = digits.size(); out-- > 0;) {
        unsigned remainder = 0;
        for (auto& byte : number) {
            unsigned value = (remainder << 8) | byte;
            byte = static_cast<uint8_t>(value / 58);
            remainder = value % 58;
        }
        digits[out] = kAlphabet[remainder];
    }
    return "c4" + digits;
}

class Digester {
public:
    virtual ~Digester() = default;
    virtual void update(const uint8_t* data, size_t size) = 0;
    virtual std::string finish() = 0;
};

class Xxh64Digester final : public Digester {
public:
    Xxh64Digester() : m_state(XXH64_createState()) { XXH64_reset(m_state.get(), 0); }
    void update(const uint8_t* data, size_t size) override {
        XXH64_update(m_state.get(), data, size);
    }
    // "%016x" of the value is xxhsum's big-endian canonical form.
    std::string finish() override { return fmt::format("{:016x}", XXH64_digest(m_state.get())); }

private:
    struct Free {
        void operator()(XXH64_state_t* state) const { XXH64_freeState(state); }
    };
    std::unique_ptr<XXH64_state_t, Free> m_state;
};

class Xxh3Digester final : public Digester {
public:
    explicit Xxh3Digester(bool wide) : m_state(XXH3_createState()), m_wide(wide) {
        if (m_wide)
            XXH3_128bits_reset(m_state.get());
        else
            XXH3_64bits_reset(m_state.get());
    }
    void update(const uint8_t* data, size_t size) override {
        if (m_wide)
            XXH3_128bits_update(m_state.get(), data, size);
        else
            XXH3_64bits_update(m_state.get(), data, size);
    }
    std::string finish() override {
        if (!m_wide) return fmt::format("{:016x}", XXH3_64bits_digest(m_state.get()));
        XXH128_hash_t hash = XXH3_128bits_digest(m_state.get());
        return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
    }

private:
    struct Free {
        void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
    };
    std::unique_ptr<XXH3_state_t, Free> m_state;
    bool m_wide;
};

struct AvFree {
    void operator()(void* context) const { av_free(context); }
};

class Md5Digester final : public Digester {
public:
    Md5Digester() : m_context(av_md5_alloc()) { av_md5_init(m_context.get()); }
    void update(const uint8_t* data, size_t size) override {
        av_md5_update(m_context.get(), data, size);
    }
    std::string finish() override {
        std::array<uint8_t, 16> digest{};
        av_md5_final(m_context.get(), digest.data());
        return to_hex(digest.data(), digest.size());
    }

private:
    std::unique_ptr<AVMD5, AvFree> m_context;
};

class Sha1Digester final : public Digester {
public:
    Sha1Digester() : m_context(av_sha_alloc()) { av_sha_init(m_context.get(), 160); }
    void update(const uint8_t* data, size_t size) override {
        av_sha_update(m_context.get(), data, size);
    }
    std::string finish() override {
        std::array<uint8_t, 20> digest{};
        av_sha_final(m_context.get(), digest.data());
        return to_hex(digest.data(), digest.size());
    }

private:
    std::unique_ptr<AVSHA, AvFree> m_context;
};

class C4Digester final : public Digester {
public:
    C4Digester() : m_context(av_sha512_alloc()) { av_sha512_init(m_context.get(), 512); }
    void update(const uint8_t* data, size_t size) override {
        av_sha512_update(m_context.get(), data, size);
    }
    std::string finish() override {
        std::array<uint8_t, 64> digest{};
        av_sha512_final(m_context.get(), digest.data());
        return c4_from_sha512(digest);
    }

private:
    std::unique_ptr<AVSHA512, AvFree> m_context;
};

std::unique_ptr<Digester> make_digester(std::string_view format) {
    if (format == "xxh64") return std::make_unique<Xxh64Digester>();
    if (format == "xxh3") return std::make_unique<Xxh3Digester>(false);
    if (format == "xxh128") return std::make_unique<Xxh3Digester>(true);
    if (format == "md5") return std::make_unique<Md5Digester>();
    if (format == "sha1") return std::make_unique<Sha1Digester>();
    if (format == "c4") return std::make_unique<C4Digester>();
    return nullptr;
}

// Feeds the whole file to every digester; returns the byte count.
Result<uint64_t> read_through(const std::string& path, std::vector<Digester*> digesters) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file)
        return Error(ErrorCode::IoError, fmt::format("cannot open: {}", std::strerror(errno)))
            .with_file(path);
    std::vector<uint8_t> buffer(kBufferSize);
    uint64_t total = 0;
    for (;;) {
        size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
        for (Digester* digester : digesters) digester->update(buffer.data(), got);
        total += got;
        if (got < buffer.size()) break;
    }
    if (std::ferror(file.get()))
        return Error(ErrorCode::IoError, "read error").with_file(path).with_operation("checksum");
    return total;
}

}  // namespace

Result<FileDigests> hash_file(const std::string& path) {
    Xxh64Digester xxh64;
    Md5Digester md5;
    MEDIA_TRY_ASSIGN(uint64_t size, read_through(path, {&xxh64, &md5}));
    return FileDigests{size, xxh64.finish(), md5.finish()};
}

Result<std::string> xxh64_file(const std::string& path) {
    return file_digest(path, "xxh64");
}

Result<std::string> file_digest(const std::string& path, std::string_view format) {
    auto digester = make_digester(format);
    if (!digester)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("unsupported hash format \"{}\"", format))
            .with_file(path);
    MEDIA_TRY(read_through(path, {digester.get()}));
    return digester->finish();
}

std::string c4_id(std::string_view data) {
    C4Digester digester;
    digester.update(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    return digester.finish();
}

}  // namespace media::batch
