// SPDX-License-Identifier: Apache-2.0
// Private to batch/: the ASC MHL v2.0 documents as plain data, and their XML (pugixml inside).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "media/core/result.h"

namespace media::batch::mhl {

/// One digest of one file: value, action ("original", "verified", "failed") and when.
struct HashValue {
    std::string value;
    std::string action;
    std::string hash_date;
};

/// One <hash>: a file relative to the root, and its digests by format ("xxh64", "md5"...).
struct HashEntry {
    std::string path;  ///< '/'-separated, relative to the root folder
    uint64_t size = 0;
    std::string last_modified;
    std::map<std::string, HashValue> hashes;
};

/// One generation's manifest (<hashlist>).
struct HashList {
    std::string creation_date;
    std::string hostname;
    std::string tool;
    std::string tool_version;
    std::string comment;
    std::string process;
    std::vector<std::string> ignore_patterns;
    std::vector<HashEntry> entries;
};

/// One <hashlist> line of ascmhl_chain.xml.
struct ChainEntry {
    int sequence = 0;
    std::string file;  ///< manifest file name inside ascmhl/
    std::string hash_format = "c4";
    std::string hash;
};

/// The manifest XML (UTF-8, namespace urn:ASC:MHL:v2.0).
std::string hashlist_xml(const HashList& list);
/// Parses a manifest; InvalidArgument names `source` when it is not one.
Result<HashList> parse_hashlist(const std::string& xml, const std::string& source);

/// The chain file XML (namespace urn:ASC:MHL:DIRECTORY:v2.0).
std::string chain_xml(const std::vector<ChainEntry>& chain);
/// Parses a chain file; InvalidArgument names `source` when it is not one.
Result<std::vector<ChainEntry>> parse_chain(const std::string& xml, const std::string& source);

}  // namespace media::batch::mhl
