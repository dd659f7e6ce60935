// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "media/core/result.h"

namespace media::batch {

/// Digests of one file, lowercase hex.
struct FileDigests {
    uint64_t size = 0;
    std::string xxh64;  ///< xxHash64, seed 0, 16 hex digits (as `xxhsum -H1` / ASC MHL "xxh64")
    std::string md5;    ///< 32 hex digits (as `md5sum`)
};

/// Reads `path` once and computes both digests. IoError names the file.
Result<FileDigests> hash_file(const std::string& path);
/// xxHash64 alone (what the journal and MHL verification need).
Result<std::string> xxh64_file(const std::string& path);

/// One digest of a file in an ASC MHL hash format: "xxh64", "md5", "sha1", "c4", "xxh3"
/// (64-bit), "xxh128". InvalidArgument for another format name; IoError names the file.
Result<std::string> file_digest(const std::string& path, std::string_view format);

/// The C4 ID of some bytes (SMPTE ST 2114): "c4" + SHA-512 in base58, 90 characters. ASC MHL
/// chain files reference each manifest by it.
std::string c4_id(std::string_view data);

}  // namespace media::batch
