// SPDX-License-Identifier: Apache-2.0
// Digests against published vectors (xxHash's own, RFC 1321, FIPS 180, the C4 ID of nothing)
// and, for a file spanning several read buffers, against one-shot libxxhash and `md5sum`.
#include "media/batch/checksum.h"

#include <cstdio>
#include <fstream>
#include <random>

#include <gtest/gtest.h>
#include <xxhash.h>

#include "scratch_dir.h"

namespace media::batch {
namespace {

std::string write_file(const test::ScratchDir& dir, const std::string& name,
                       const std::string& bytes) {
    std::ofstream(dir.file(name), std::ios::binary) << bytes;
    return dir.file(name);
}

std::string md5sum(const std::string& path) {
    std::string command = "md5sum " + test::quote(path);
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
    std::string out(32, '\0');
    if (!pipe || std::fread(out.data(), 1, 32, pipe.get()) != 32) return "";
    return out;
}

TEST(Checksum, MatchesPublishedVectors) {
    test::ScratchDir dir;
    auto empty = hash_file(write_file(dir, "empty", ""));
    ASSERT_TRUE(empty) << empty.error().to_string();
    EXPECT_EQ(empty->size, 0u);
    EXPECT_EQ(empty->xxh64, "ef46db3751d8e999");
    EXPECT_EQ(empty->md5, "d41d8cd98f00b204e9800998ecf8427e");
    auto abc = hash_file(write_file(dir, "abc", "abc"));
    ASSERT_TRUE(abc);
    EXPECT_EQ(abc->size, 3u);
    EXPECT_EQ(abc->xxh64, "44bc2cf5ad770999");
    EXPECT_EQ(abc->md5, "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(*xxh64_file(dir.file("abc")), "44bc2cf5ad770999");
    EXPECT_EQ(*file_digest(dir.file("abc"), "sha1"), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(Checksum, C4IdOfNothingIsTheSpecsValue) {
    const std::string empty_c4 =
        "c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sF"
        "T";
    EXPECT_EQ(c4_id(""), empty_c4);
    EXPECT_EQ(c4_id("").size(), 90u);
    test::ScratchDir dir;
    EXPECT_EQ(*file_digest(write_file(dir, "e", ""), "c4"), empty_c4);
    // Computed with Python: "c4" + base58(int(sha512(b"foo").hexdigest(), 16)).rjust(88, "1").
    EXPECT_EQ(c4_id("foo"),
              "c45xZeXwMSpqXjpDumcHMA6mhoAmGHkUo7r9WmN2UgSEQzj9KjgseaQdkEJ11fGb5S1WEENcV3q8RFWwEeVp"
              "C7Fjk2");
}

TEST(Checksum, FilesLongerThanOneBufferMatchOneShotDigests) {
    std::mt19937 random(7);
    std::string bytes(3 * 1024 * 1024 + 17, '\0');
    for (char& c : bytes) c = static_cast<char>(random() & 0xff);
    test::ScratchDir dir;
    const std::string path = write_file(dir, "big.bin", bytes);
    auto digests = hash_file(path);
    ASSERT_TRUE(digests);
    EXPECT_EQ(digests->size, bytes.size());
    char expected[17];
    std::snprintf(expected, sizeof expected, "%016llx",
                  static_cast<unsigned long long>(XXH64(bytes.data(), bytes.size(), 0)));
    EXPECT_EQ(digests->xxh64, expected);
    EXPECT_EQ(digests->md5, md5sum(path));
    std::snprintf(expected, sizeof expected, "%016llx",
                  static_cast<unsigned long long>(XXH3_64bits(bytes.data(), bytes.size())));
    EXPECT_EQ(*file_digest(path, "xxh3"), expected);
    XXH128_canonical_t wide;
    XXH128_canonicalFromHash(&wide, XXH3_128bits(bytes.data(), bytes.size()));
    std::string wide_hex;
    for (unsigned char byte : wide.digest) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", byte);
        wide_hex += pair;
    }
    EXPECT_EQ(*file_digest(path, "xxh128"), wide_hex);
}

TEST(Checksum, ErrorsNameTheFile) {
    auto missing = hash_file("/nonexistent/clip.mov");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::IoError);
    EXPECT_EQ(missing.error().context().file, "/nonexistent/clip.mov");
    test::ScratchDir dir;
    auto unknown = file_digest(write_file(dir, "x", "x"), "crc32");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code(), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace media::batch
