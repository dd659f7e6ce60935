// SPDX-License-Identifier: Apache-2.0
// Avid Log Exchange: a "Heading" block of KEY<TAB>value lines, a "Column" block naming the
// tab-separated columns, and a "Data" block with one row per clip.
#include "media/batch/ale.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "media/core/text_file.h"

namespace media::batch {
namespace {

// The columns AleClip names; the rest go to AleClip::extra.
constexpr std::string_view kFixedColumns[] = {"Name", "Tape",   "Start",
                                              "End",  "Tracks", "Source File"};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string clean_value(std::string value) {
    for (char& c : value)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return value;
}

std::vector<std::string> split_tabs(std::string_view line) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
        size_t tab = line.find('\t', start);
        fields.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos) return fields;
        start = tab + 1;
    }
}

std::string* fixed_field(AleClip& clip, std::string_view column) {
    const std::string key = lower(column);
    if (key == "name") return &clip.name;
    if (key == "tape") return &clip.tape;
    if (key == "start") return &clip.start;
    if (key == "end") return &clip.end;
    if (key == "tracks") return &clip.tracks;
    if (key == "source file") return &clip.source_file;
    return nullptr;
}

bool is_fixed_column(std::string_view name) {
    AleClip probe;
    return fixed_field(probe, name) != nullptr;
}

std::vector<std::string> extra_columns(const AleDocument& ale) {
    std::set<std::string> names;
    for (const auto& clip : ale.clips)
        for (const auto& [name, value] : clip.extra)
            if (!is_fixed_column(name)) names.insert(name);
    return {names.begin(), names.end()};
}

std::string row_of(const AleClip& clip, const std::vector<std::string>& extras) {
    std::vector<std::string> cells = {clip.name, clip.tape,   clip.start,
                                      clip.end,  clip.tracks, clip.source_file};
    for (const auto& column : extras) {
        auto found = clip.extra.find(column);
        cells.push_back(found == clip.extra.end() ? "" : found->second);
    }
    for (auto& cell : cells) cell = clean_value(std::move(cell));
    return fmt::format("{}", fmt::join(cells, "\t"));
}

// Splits on LF, dropping a CR before it (Avid writes CRLF; other tools LF).
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

struct AleParser {
    const std::string& path;
    AleDocument document;
    std::vector<std::string> columns;
    enum class Section { None, Heading, Column, Data } section = Section::None;

    Error error_at(size_t line, std::string message) const {
        return Error(ErrorCode::InvalidArgument, std::move(message))
            .with_file(fmt::format("{}:{}", path, line));
    }

    void heading(std::string_view line) {
        auto fields = split_tabs(line);
        if (fields.size() < 2) return;
        const std::string key = lower(trim(fields[0]));
        const std::string value(trim(fields[1]));
        if (key == "fps") document.fps = value;
        if (key == "video_format") document.video_format = value;
        if (key == "audio_format") document.audio_format = value;
    }

    Result<void> column(std::string_view line, size_t number) {
        if (!columns.empty()) return error_at(number, "a second Column line");
        for (auto& name : split_tabs(line)) columns.emplace_back(trim(name));
        while (!columns.empty() && columns.back().empty()) columns.pop_back();
        if (columns.empty()) return error_at(number, "empty Column line");
        return ok();
    }

    Result<void> data(std::string_view line, size_t number) {
        if (columns.empty()) return error_at(number, "Data row before the Column line");
        auto fields = split_tabs(line);
        // Avid ends rows with a tab; trailing empty cells beyond the columns are harmless.
        while (fields.size() > columns.size() && fields.back().empty()) fields.pop_back();
        if (fields.size() > columns.size())
            return error_at(number, fmt::format("row has {} fields but there are {} columns",
                                                fields.size(), columns.size()));
        AleClip clip;
        for (size_t i = 0; i < fields.size(); ++i) {
            if (std::string* field = fixed_field(clip, columns[i]))
                *field = fields[i];
            else
                clip.extra[columns[i]] = fields[i];
        }
        document.clips.push_back(std::move(clip));
        return ok();
    }

    Result<void> line(std::string_view text, size_t number) {
        const std::string keyword = lower(trim(text));
        if (keyword == "heading") return section = Section::Heading, ok();
        if (keyword == "column") return section = Section::Column, ok();
        if (keyword == "data") return section = Section::Data, ok();
        if (trim(text).empty()) return ok();
        switch (section) {
            case Section::Heading:
                return heading(text), ok();
            case Section::Column:
                return column(text, number);
            case Section::Data:
                return data(text, number);
            case Section::None:
                break;
        }
        return error_at(number, "not an ALE file (expected \"Heading\")");
    }
};

}  // namespace

Result<void> write_ale(const std::string& path, const AleDocument& ale) {
    const auto extras = extra_columns(ale);
    std::vector<std::string> columns(std::begin(kFixedColumns), std::end(kFixedColumns));
    for (const auto& extra : extras) columns.push_back(clean_value(extra));
    std::string text = "Heading\r\nFIELD_DELIM\tTABS\r\n";
    text += fmt::format("VIDEO_FORMAT\t{}\r\n", clean_value(ale.video_format));
    text += fmt::format("AUDIO_FORMAT\t{}\r\n", clean_value(ale.audio_format));
    text += fmt::format("FPS\t{}\r\n\r\n", clean_value(ale.fps));
    text += fmt::format("Column\r\n{}\r\n\r\nData\r\n", fmt::join(columns, "\t"));
    for (const auto& clip : ale.clips) text += row_of(clip, extras) + "\r\n";
    return write_text_file_atomically(path, text);
}

Result<AleDocument> read_ale(const std::string& path) {
    MEDIA_TRY_ASSIGN(std::string text, read_text_file(path));
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    AleParser parser{path, {}, {}};
    const auto lines = split_lines(text);
    for (size_t i = 0; i < lines.size(); ++i) MEDIA_TRY(parser.line(lines[i], i + 1));
    if (parser.columns.empty())
        return Error(ErrorCode::InvalidArgument, "no Column line: not an ALE file").with_file(path);
    return std::move(parser.document);
}

}  // namespace media::batch
