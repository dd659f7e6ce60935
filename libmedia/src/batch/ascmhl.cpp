// SPDX-License-Identifier: Apache-2.0
// ASC MHL generations: a folder's files, hashed and recorded in ascmhl/NNNN_*.mhl, each manifest
// referenced by its C4 ID in ascmhl/ascmhl_chain.xml so an edited manifest is detected.
#include "media/batch/ascmhl.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "ascmhl_xml.h"
#include "media/batch/checksum.h"
#include "media/core/text_file.h"
#include "media/core/version.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHistoryFolder = "ascmhl";
constexpr const char* kChainFile = "ascmhl_chain.xml";
// Verification prefers the fastest digest a manifest recorded.
constexpr std::array<const char*, 6> kVerifyOrder = {"xxh64", "xxh3", "xxh128",
                                                     "md5",   "sha1", "c4"};

std::string utc_text(std::time_t time, const char* format) {
    std::tm parts{};
    gmtime_r(&time, &parts);
    std::array<char, 64> text{};
    std::strftime(text.data(), text.size(), format, &parts);
    return text.data();
}

std::string iso_date(std::time_t time) {
    return utc_text(time, "%Y-%m-%dT%H:%M:%SZ");
}

std::string host_name() {
    std::array<char, 256> name{};
    if (gethostname(name.data(), name.size() - 1) != 0) return "unknown";
    return name.data();
}

// A file under the root, as the manifests name it.
struct FileOnDisk {
    std::string relative;  ///< '/'-separated
    fs::path absolute;
    uint64_t size = 0;
    std::time_t modified = 0;
};

// Not part of the delivery: the history itself, Finder litter, our own half-written files, and
// a batch's working state (.slate/: journal, logs, lock), which changes on every run.
bool is_ignored(const fs::path& path, bool folder) {
    const std::string name = path.filename().string();
    if (folder) return name == kHistoryFolder || name == ".slate";
    return name == ".DS_Store" ||
           (name.starts_with('.') && name.find(".partial") != std::string::npos);
}

const std::vector<std::string> kIgnorePatterns = {".DS_Store", "ascmhl", ".*partial*", ".slate"};

Result<std::vector<FileOnDisk>> list_files(const fs::path& root) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    std::vector<FileOnDisk> files;
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const bool folder = it->is_directory(ec);
        if (is_ignored(it->path(), folder)) {
            if (folder) it.disable_recursion_pending();
            continue;
        }
        struct stat info {};
        if (folder || !it->is_regular_file(ec) || ::stat(it->path().c_str(), &info) != 0) continue;
        files.push_back({it->path().lexically_relative(root).generic_string(), it->path(),
                         static_cast<uint64_t>(info.st_size), info.st_mtime});
    }
    if (ec)
        return Error(ErrorCode::IoError, "cannot list the folder: " + ec.message())
            .with_file(root.string());
    std::sort(files.begin(), files.end(),
              [](const FileOnDisk& a, const FileOnDisk& b) { return a.relative < b.relative; });
    return files;
}

// "0003_..." -> 3; 0 for names that are not generation manifests.
int generation_of(const std::string& name) {
    if (name.size() < 9 || name[4] != '_' || !name.ends_with(".mhl")) return 0;
    int number = 0;
    for (int i = 0; i < 4; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(name[static_cast<size_t>(i)]))) return 0;
        number = number * 10 + (name[static_cast<size_t>(i)] - '0');
    }
    return number;
}

// What ascmhl/ holds, checked against its chain file.
struct History {
    std::vector<mhl::ChainEntry> chain;
    std::map<int, mhl::HashList> generations;
    std::vector<std::string> chain_errors;
    int last_number = 0;
};

Result<std::map<int, std::string>> list_manifests(const fs::path& folder) {
    std::map<int, std::string> manifests;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (int number = generation_of(name); number > 0 && it->is_regular_file(ec))
            manifests[number] = name;
    }
    if (ec) return Error(ErrorCode::IoError, ec.message()).with_file(folder.string());
    return manifests;
}

void check_chain(const fs::path& folder, const std::map<int, std::string>& manifests,
                 History& history) {
    std::set<std::string> listed;
    for (const auto& entry : history.chain) {
        listed.insert(entry.file);
        const std::string shown = std::string(kHistoryFolder) + "/" + entry.file;
        // The chain names manifests beside it, nothing else.
        if (entry.file.find('/') != std::string::npos || entry.file == "..") {
            history.chain_errors.push_back(shown + ": not a manifest inside ascmhl/");
            continue;
        }
        auto digest = file_digest((folder / entry.file).string(), entry.hash_format);
        if (!digest)
            history.chain_errors.push_back(shown + ": listed in the chain file but unreadable");
        else if (*digest != entry.hash)
            history.chain_errors.push_back(shown + ": " + entry.hash_format +
                                           " differs from the chain file (manifest edited)");
    }
    for (const auto& [number, name] : manifests)
        if (!listed.contains(name))
            history.chain_errors.push_back(std::string(kHistoryFolder) + "/" + name +
                                           ": not listed in the chain file");
}

// NotFound when the folder has no history.
Result<History> read_history(const fs::path& root) {
    const fs::path folder = root / kHistoryFolder;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return Error(ErrorCode::NotFound, "no ASC MHL history (ascmhl/ folder)")
            .with_file(root.string());
    History history;
    const fs::path chain_path = folder / kChainFile;
    if (fs::exists(chain_path, ec)) {
        MEDIA_TRY_ASSIGN(std::string xml, read_text_file(chain_path.string()));
        MEDIA_TRY_ASSIGN(history.chain, mhl::parse_chain(xml, chain_path.string()));
    }
    MEDIA_TRY_ASSIGN(auto manifests, list_manifests(folder));
    if (manifests.empty() && history.chain.empty())
        return Error(ErrorCode::NotFound, "ascmhl/ holds no generation").with_file(root.string());
    check_chain(folder, manifests, history);
    for (const auto& [number, name] : manifests) {
        const std::string path = (folder / name).string();
        MEDIA_TRY_ASSIGN(std::string xml, read_text_file(path));
        MEDIA_TRY_ASSIGN(history.generations[number], mhl::parse_hashlist(xml, path));
    }
    for (const auto& entry : history.chain)
        history.last_number = std::max(history.last_number, entry.sequence);
    if (!manifests.empty())
        history.last_number = std::max(history.last_number, manifests.rbegin()->first);
    return history;
}

bool all_failed(const mhl::HashEntry& entry) {
    return std::all_of(entry.hashes.begin(), entry.hashes.end(),
                       [](const auto& hash) { return hash.second.action == "failed"; });
}

// Per path, the newest record whose digests were good: a "failed" record never becomes the
// reference, so a changed file stays reported until someone looks at it.
std::map<std::string, mhl::HashEntry> expected_files(const History& history) {
    std::map<std::string, mhl::HashEntry> expected;
    for (const auto& [number, list] : history.generations)
        for (const auto& entry : list.entries)
            if (!all_failed(entry) || !expected.contains(entry.path)) expected[entry.path] = entry;
    return expected;
}

// The recorded format verification uses, or empty when the record has none we compute.
std::string verify_format(const mhl::HashEntry& entry) {
    for (const char* format : kVerifyOrder)
        if (entry.hashes.contains(format)) return format;
    return "";
}

enum class FileState { Verified, Modified, Unreadable };

FileState check_file(const FileOnDisk& file, const mhl::HashEntry& expected) {
    if (expected.size != file.size) return FileState::Modified;
    const std::string format = verify_format(expected);
    if (format.empty()) return FileState::Unreadable;
    auto digest = file_digest(file.absolute.string(), format);
    if (!digest) return FileState::Unreadable;
    return *digest == expected.hashes.at(format).value ? FileState::Verified : FileState::Modified;
}

// Hashes one file for the new generation, comparing each format with the record if any.
Result<mhl::HashEntry> record_file(const FileOnDisk& file, const mhl::HashEntry* expected,
                                   const MhlOptions& options, bool& failed) {
    mhl::HashEntry entry{file.relative, file.size, iso_date(file.modified), {}};
    std::map<std::string, std::string> digests;
    if (options.md5) {
        MEDIA_TRY_ASSIGN(FileDigests both, hash_file(file.absolute.string()));
        digests = {{"xxh64", both.xxh64}, {"md5", both.md5}};
    } else {
        MEDIA_TRY_ASSIGN(digests["xxh64"], xxh64_file(file.absolute.string()));
    }
    const std::string now = iso_date(std::time(nullptr));
    failed = false;
    for (const auto& [format, value] : digests) {
        std::string action = "original";
        if (expected && expected->hashes.contains(format)) {
            const bool same =
                expected->hashes.at(format).value == value && expected->size == file.size;
            action = same ? "verified" : "failed";
            failed = failed || !same;
        }
        entry.hashes[format] = {value, action, now};
    }
    return entry;
}

std::string manifest_name(int number, const fs::path& root, std::time_t now) {
    std::string folder = root.filename().string();
    if (folder.empty()) folder = "root";
    return fmt::format("{:04}_{}_{}.mhl", number, folder, utc_text(now, "%Y-%m-%d_%H%M%SZ"));
}

Result<fs::path> root_folder(const std::string& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        return Error(ErrorCode::NotFound, "not a folder").with_file(root);
    fs::path canonical = fs::canonical(root, ec);
    if (ec) return Error(ErrorCode::IoError, ec.message()).with_file(root);
    return canonical;
}

Result<History> existing_history(const fs::path& root) {
    auto history = read_history(root);
    if (!history && history.error().code() == ErrorCode::NotFound) return History{};
    if (history && !history->chain_errors.empty())
        return Error(ErrorCode::InvalidArgument, "the history does not verify, not adding to it: " +
                                                     history->chain_errors.front())
            .with_file(root.string());
    return history;
}

Result<void> write_generation(const fs::path& root, const History& history,
                              const mhl::HashList& list, MhlGeneration& generation) {
    const fs::path folder = root / kHistoryFolder;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return Error(ErrorCode::IoError, ec.message()).with_file(folder.string());
    const std::string xml = mhl::hashlist_xml(list);
    const std::string name = manifest_name(generation.number, root, std::time(nullptr));
    generation.manifest_path = (folder / name).string();
    MEDIA_TRY(write_text_file_atomically(generation.manifest_path, xml));
    std::vector<mhl::ChainEntry> chain = history.chain;
    chain.push_back({generation.number, name, "c4", c4_id(xml)});
    return write_text_file_atomically((folder / kChainFile).string(), mhl::chain_xml(chain));
}

}  // namespace

Result<MhlGeneration> create_mhl_generation(const std::string& root_arg,
                                            const MhlOptions& options) {
    MEDIA_TRY_ASSIGN(fs::path root, root_folder(root_arg));
    MEDIA_TRY_ASSIGN(History history, existing_history(root));
    const auto expected = expected_files(history);
    MEDIA_TRY_ASSIGN(auto files, list_files(root));
    mhl::HashList list{iso_date(std::time(nullptr)),
                       host_name(),
                       options.creator_tool,
                       slate_version(),
                       options.comment,
                       options.process,
                       kIgnorePatterns,
                       {}};
    MhlGeneration generation;
    generation.number = history.last_number + 1;
    std::set<std::string> present;
    for (const auto& file : files) {
        auto found = expected.find(file.relative);
        const bool replaced = std::find(options.replaced.begin(), options.replaced.end(),
                                        file.relative) != options.replaced.end();
        if (replaced) found = expected.end();  // a new version: recorded as an original
        bool failed = false;
        MEDIA_TRY_ASSIGN(
            auto entry,
            record_file(file, found == expected.end() ? nullptr : &found->second, options, failed));
        list.entries.push_back(std::move(entry));
        present.insert(file.relative);
        generation.new_files += found == expected.end() && !replaced ? 1 : 0;
        generation.modified += failed ? 1 : 0;
    }
    for (const auto& [path, entry] : expected) generation.missing += present.contains(path) ? 0 : 1;
    generation.files = static_cast<int>(list.entries.size());
    MEDIA_TRY(write_generation(root, history, list, generation));
    return generation;
}

Result<MhlVerifyReport> verify_mhl(const std::string& root_arg) {
    MEDIA_TRY_ASSIGN(fs::path root, root_folder(root_arg));
    MEDIA_TRY_ASSIGN(History history, read_history(root));
    MhlVerifyReport report;
    report.generation = history.last_number;
    report.chain_errors = history.chain_errors;
    MEDIA_TRY_ASSIGN(auto files, list_files(root));
    std::map<std::string, const FileOnDisk*> on_disk;
    for (const auto& file : files) on_disk[file.relative] = &file;
    const auto expected = expected_files(history);
    for (const auto& [path, entry] : expected) {
        auto found = on_disk.find(path);
        if (found == on_disk.end()) {
            report.missing.push_back(path);
            continue;
        }
        // An unreadable file cannot be shown to be intact: it counts as modified.
        auto state = check_file(*found->second, entry);
        (state == FileState::Verified ? report.verified : report.modified).push_back(path);
    }
    for (const auto& file : files)
        if (!expected.contains(file.relative)) report.new_files.push_back(file.relative);
    return report;
}

}  // namespace media::batch
