// SPDX-License-Identifier: Apache-2.0
// Expanding command-line inputs into clips: files, folders, globs, sequence patterns, manifests.
// Nothing is opened or decoded here: media files are recognised by extension.
#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "clip_name.h"
#include "media/batch/manifest.h"
#include "media/io/sequence_pattern.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

// Containers and audio files: one file is one clip.
const std::set<std::string, std::less<>> kMovieExtensions = {
    "mov",  "mp4", "m4v", "mxf",  "mkv", "avi", "mts", "m2ts", "r3d", "braw", "crm", "mpg",
    "mpeg", "ts",  "m2v", "webm", "y4m", "wav", "aif", "aiff", "bwf", "flac", "mp3", "m4a"};
// Still-image formats: numbered files in one folder form one sequence clip.
const std::set<std::string, std::less<>> kImageExtensions = {
    "dpx", "exr", "tif", "tiff", "png", "jpg", "jpeg", "dng", "ari", "cin", "tga", "bmp", "j2c"};

std::string extension_of(const fs::path& path) {
    std::string ext = path.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

bool is_hidden(const fs::path& path) {
    return path.filename().string().starts_with('.');
}

bool is_skipped_folder(const fs::path& path) {
    return is_hidden(path) || path.filename() == "ascmhl";
}

std::string absolute_normal(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    return (ec ? path : absolute).lexically_normal().string();
}

ClipEntry entry_for(const std::string& path) {
    return {path, clip_name_for(path), ""};
}

// Where the frame number sits in an image file name: the digit run that ends the stem.
struct FrameRun {
    std::string head;  ///< folder + name up to the digits
    std::string tail;  ///< extension after the digits
    size_t digits = 0;
};

std::optional<FrameRun> frame_run(const fs::path& file) {
    const std::string stem = file.stem().string();
    size_t begin = stem.size();
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(stem[begin - 1]))) --begin;
    if (begin == stem.size() || stem.size() - begin > 18) return std::nullopt;
    return FrameRun{(file.parent_path() / stem.substr(0, begin)).string(),
                    file.extension().string(), stem.size() - begin};
}

// A RED clip spans segments name_001.R3D, name_002.R3D...: the clip is its first segment.
bool is_later_r3d_segment(const fs::path& file) {
    const std::string stem = file.stem().string();
    if (stem.size() < 4 || stem[stem.size() - 4] != '_' || stem.ends_with("001")) return false;
    if (!std::all_of(stem.end() - 3, stem.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    std::error_code ec;
    const fs::path first =
        file.parent_path() / (stem.substr(0, stem.size() - 3) + "001" + file.extension().string());
    return fs::exists(first, ec);
}

// Media files among `files` (absolute paths), image sequences collapsed to printf patterns.
void add_media_files(const std::vector<fs::path>& files, std::vector<ClipEntry>& out) {
    std::map<std::tuple<std::string, std::string, size_t>, std::vector<fs::path>> sequences;
    for (const auto& file : files) {
        const std::string ext = extension_of(file);
        if (kImageExtensions.contains(ext)) {
            if (auto run = frame_run(file)) {
                sequences[{run->head, run->tail, run->digits}].push_back(file);
                continue;
            }
            out.push_back(entry_for(file.string()));
        } else if (kMovieExtensions.contains(ext) &&
                   !(ext == "r3d" && is_later_r3d_segment(file))) {
            out.push_back(entry_for(file.string()));
        }
    }
    for (const auto& [key, members] : sequences) {
        if (members.size() == 1) {
            out.push_back(entry_for(members.front().string()));
            continue;
        }
        const auto& [head, tail, digits] = key;
        SequencePattern pattern{head, tail, static_cast<int>(digits)};
        out.push_back(entry_for(pattern.printf_form()));
    }
}

Result<void> add_folder(const fs::path& folder, std::vector<ClipEntry>& out) {
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    if (ec)
        return Error(ErrorCode::IoError, "cannot list the folder: " + ec.message())
            .with_file(folder.string());
    std::vector<fs::path> files;
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& path = it->path();
        if (it->is_directory(ec) && !it->is_symlink(ec)) {
            if (is_skipped_folder(path)) it.disable_recursion_pending();
        } else if (!is_hidden(path) && it->is_regular_file(ec)) {
            files.push_back(path);
        }
    }
    if (ec)
        return Error(ErrorCode::IoError, "cannot list the folder: " + ec.message())
            .with_file(folder.string());
    add_media_files(files, out);
    return ok();
}

bool has_glob_characters(std::string_view text) {
    return text.find_first_of("*?[") != std::string_view::npos;
}

std::vector<std::string> split_components(const fs::path& path) {
    std::vector<std::string> parts;
    for (const auto& part : path.relative_path())
        if (!part.empty()) parts.push_back(part.string());
    return parts;
}

// Component-wise match; "**" matches zero or more components. FNM_PERIOD: a hidden name
// matches only a pattern that spells its leading dot.
bool glob_match(const std::vector<std::string>& pattern, size_t p,
                const std::vector<std::string>& parts, size_t i) {
    if (p == pattern.size()) return i == parts.size();
    if (pattern[p] == "**") {
        for (size_t k = i; k <= parts.size(); ++k)
            if (glob_match(pattern, p + 1, parts, k)) return true;
        return false;
    }
    if (i == parts.size()) return false;
    if (fnmatch(pattern[p].c_str(), parts[i].c_str(), FNM_PERIOD) != 0) return false;
    return glob_match(pattern, p + 1, parts, i + 1);
}

Result<void> add_glob(const std::string& input, std::vector<ClipEntry>& out) {
    const fs::path pattern_path(input);
    fs::path base = pattern_path.is_absolute() ? pattern_path.root_path() : fs::path(".");
    std::vector<std::string> pattern = split_components(pattern_path);
    // The literal folders in front of the first wildcard are where the walk starts.
    while (pattern.size() > 1 && !has_glob_characters(pattern.front())) {
        base /= pattern.front();
        pattern.erase(pattern.begin());
    }
    const bool any_depth = std::find(pattern.begin(), pattern.end(), "**") != pattern.end();
    std::error_code ec;
    fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec);
    std::vector<fs::path> files;
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& path = it->path();
        const auto parts = split_components(path.lexically_relative(base));
        const bool folder = it->is_directory(ec) && !it->is_symlink(ec);
        const bool matched = glob_match(pattern, 0, parts, 0);
        if (folder && matched) {
            MEDIA_TRY(add_folder(fs::absolute(path).lexically_normal(), out));
            it.disable_recursion_pending();
        } else if (folder &&
                   (is_skipped_folder(path) || (!any_depth && parts.size() >= pattern.size()))) {
            it.disable_recursion_pending();
        } else if (!folder && matched && it->is_regular_file(ec)) {
            files.push_back(fs::absolute(path).lexically_normal());
        }
    }
    add_media_files(files, out);
    return ok();
}

// "shot.%06d.exr", "shot.####.exr": a pattern whose frames exist on disk.
bool add_sequence_pattern(const std::string& input, std::vector<ClipEntry>& out) {
    auto pattern = SequencePattern::parse(absolute_normal(input));
    if (!pattern) return false;
    auto files = find_sequence_files(*pattern);
    if (!files) return false;
    out.push_back(entry_for(files->pattern.printf_form()));
    return true;
}

Result<void> add_input(const std::string& input, std::vector<ClipEntry>& out) {
    std::error_code ec;
    const size_t before = out.size();
    const std::string ext = extension_of(input);
    if (fs::is_directory(input, ec)) {
        MEDIA_TRY(add_folder(absolute_normal(input), out));
    } else if (fs::exists(input, ec) && (ext == "csv" || ext == "ale")) {
        MEDIA_TRY_ASSIGN(auto clips, read_manifest(input));
        out.insert(out.end(), clips.begin(), clips.end());
    } else if (fs::exists(input, ec)) {
        out.push_back(entry_for(absolute_normal(input)));
    } else if (has_glob_characters(input)) {
        MEDIA_TRY(add_glob(input, out));
    } else {
        add_sequence_pattern(input, out);
    }
    if (out.size() == before)
        return Error(ErrorCode::NotFound, "names no media files or clips").with_file(input);
    return ok();
}

}  // namespace

Result<std::vector<ClipEntry>> gather_clips(const std::vector<std::string>& inputs) {
    std::vector<ClipEntry> clips;
    for (const auto& input : inputs) MEDIA_TRY(add_input(input, clips));
    std::stable_sort(clips.begin(), clips.end(),
                     [](const ClipEntry& a, const ClipEntry& b) { return a.path < b.path; });
    auto last = std::unique(clips.begin(), clips.end(), [](const ClipEntry& a, const ClipEntry& b) {
        return a.path == b.path;
    });
    clips.erase(last, clips.end());
    return clips;
}

}  // namespace media::batch
