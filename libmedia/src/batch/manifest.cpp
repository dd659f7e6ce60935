// SPDX-License-Identifier: Apache-2.0
// Clip manifests: CSV (RFC 4180) with a header row, or an Avid ALE's "Source File" column.
#include "media/batch/manifest.h"

#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "clip_name.h"
#include "media/batch/ale.h"
#include "media/core/text_file.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

struct CsvRecord {
    std::vector<std::string> fields;
    size_t line = 0;  ///< where the record starts (quoted fields may span lines)
};

std::string lower_trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// RFC 4180 with the usual tolerance: LF or CRLF line ends, quotes inside unquoted fields kept.
class CsvReader {
public:
    CsvReader(std::string_view text, const std::string& path) : m_text(text), m_path(path) {}

    bool done() const { return m_at >= m_text.size(); }

    Result<CsvRecord> next() {
        CsvRecord record{{}, m_line};
        std::string field;
        bool quoted = false;
        bool was_quoted = false;
        while (m_at < m_text.size()) {
            char c = m_text[m_at++];
            if (c == '\n') ++m_line;
            if (quoted) {
                if (c != '"')
                    field += c;
                else if (m_at < m_text.size() && m_text[m_at] == '"')
                    field += '"', ++m_at;
                else
                    quoted = false;
            } else if (c == '"' && field.empty() && !was_quoted) {
                quoted = was_quoted = true;
            } else if (c == ',') {
                record.fields.push_back(std::move(field));
                field.clear();
                was_quoted = false;
            } else if (c == '\n') {
                break;
            } else if (c == '\r' && m_at < m_text.size() && m_text[m_at] == '\n') {
                continue;
            } else {
                field += c;
            }
        }
        if (quoted)
            return Error(ErrorCode::InvalidArgument, "unterminated quoted field")
                .with_file(fmt::format("{}:{}", m_path, record.line));
        record.fields.push_back(std::move(field));
        return record;
    }

private:
    std::string_view m_text;
    const std::string& m_path;
    size_t m_at = 0;
    size_t m_line = 1;
};

struct CsvColumns {
    int path = -1;
    int clip = -1;
    int reel = -1;
};

CsvColumns find_columns(const std::vector<std::string>& header) {
    CsvColumns columns;
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string name = lower_trimmed(header[i]);
        const int index = static_cast<int>(i);
        if (columns.path < 0 &&
            (name == "path" || name == "file" || name == "source" || name == "source file"))
            columns.path = index;
        if (columns.clip < 0 && (name == "clip" || name == "name")) columns.clip = index;
        if (columns.reel < 0 && (name == "reel" || name == "tape")) columns.reel = index;
    }
    return columns;
}

std::string cell(const CsvRecord& record, int column) {
    if (column < 0 || static_cast<size_t>(column) >= record.fields.size()) return "";
    return record.fields[static_cast<size_t>(column)];
}

// Relative to the manifest's folder; names are kept byte for byte.
std::string resolve(const std::string& entry, const fs::path& folder) {
    fs::path path(entry);
    if (path.is_relative()) path = folder / path;
    return path.lexically_normal().string();
}

ClipEntry make_entry(const std::string& path, std::string clip, std::string reel) {
    if (clip.empty()) clip = clip_name_for(path);
    return {path, std::move(clip), std::move(reel)};
}

Result<std::vector<ClipEntry>> read_csv(const std::string& path, const fs::path& folder) {
    MEDIA_TRY_ASSIGN(std::string text, read_text_file(path));
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    CsvReader reader(text, path);
    if (reader.done())
        return Error(ErrorCode::InvalidArgument, "empty manifest: a header row is needed")
            .with_file(path);
    MEDIA_TRY_ASSIGN(CsvRecord header, reader.next());
    const CsvColumns columns = find_columns(header.fields);
    if (columns.path < 0)
        return Error(ErrorCode::InvalidArgument,
                     "the header row has no \"path\", \"file\" or \"source\" column")
            .with_file(path + ":1");
    std::vector<ClipEntry> clips;
    while (!reader.done()) {
        MEDIA_TRY_ASSIGN(CsvRecord record, reader.next());
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
        const std::string file = cell(record, columns.path);
        if (file.empty())
            return Error(ErrorCode::InvalidArgument, "empty path")
                .with_file(fmt::format("{}:{}", path, record.line));
        clips.push_back(make_entry(resolve(file, folder), cell(record, columns.clip),
                                   cell(record, columns.reel)));
    }
    return clips;
}

Result<std::vector<ClipEntry>> read_ale_manifest(const std::string& path, const fs::path& folder) {
    MEDIA_TRY_ASSIGN(AleDocument ale, read_ale(path));
    std::vector<ClipEntry> clips;
    for (const auto& clip : ale.clips) {
        const std::string& file = clip.source_file.empty() ? clip.name : clip.source_file;
        if (file.empty()) continue;
        clips.push_back(make_entry(resolve(file, folder), clip.name, clip.tape));
    }
    return clips;
}

}  // namespace

Result<std::vector<ClipEntry>> read_manifest(const std::string& path) {
    std::error_code ec;
    const fs::path folder = fs::absolute(fs::path(path), ec).parent_path();
    if (ec) return Error(ErrorCode::IoError, ec.message()).with_file(path);
    if (lower_trimmed(fs::path(path).extension().string()) == ".ale")
        return read_ale_manifest(path, folder);
    return read_csv(path, folder);
}

}  // namespace media::batch
