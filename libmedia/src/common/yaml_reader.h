// SPDX-License-Identifier: Apache-2.0
// Checked reading of YAML mappings for versioned data files: every key is accounted for, every
// value has its expected type and range, and every error reads
// "<file>:<line>: key '<dotted.path>': <problem>". Private to libmedia, header-only, shared by
// the transcode preset, QC profile and delivery spec readers.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <concepts>
#include <initializer_list>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "media/core/result.h"

namespace media::yaml {

/// Counts the documents of a YAML stream without building them (see documents_in).
class DocumentCounter final : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++m_started == 2) m_second_line = mark.line;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

    int second_line() const { return m_second_line; }

private:
    int m_started = 0;
    int m_second_line = -1;
};

struct DocumentCount {
    int documents = 0;     ///< 0, 1 or 2 (2 meaning "more than one")
    int second_line = -1;  ///< 0-based line where the second document starts, if known
};

/// How many documents `text` holds, looking at two at most. yaml-cpp 0.7's LoadAll never ends on
/// some malformed input (a stray ',' at the top level yields empty documents until memory runs
/// out), so nothing here asks it for more than two. Throws yaml-cpp's ParserException.
inline DocumentCount documents_in(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentCounter counter;
    DocumentCount count;
    while (count.documents < 2 && parser.HandleNextDocument(counter)) ++count.documents;
    count.second_line = counter.second_line();
    return count;
}

/// "<file>:<line>: <problem>" for the file as a whole (line printed 1-based).
inline Error file_error(const std::string& source, int line, std::string_view problem) {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}:{}: {}", source, std::max(line, 0) + 1, problem));
}

/// The one YAML document of a data file. `first_line` says what the file should start with
/// (for the empty-file error), `what` names one file's content ("one QC profile per file").
/// Throws yaml-cpp's exceptions only for input yaml-cpp itself cannot represent.
inline Result<YAML::Node> load_one_document(const std::string& text, const std::string& source,
                                            std::string_view first_line, std::string_view what) {
    DocumentCount count;
    YAML::Node document;
    try {
        count = documents_in(text);
        if (count.documents > 0) document = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        return file_error(source, e.mark.line,
                          fmt::format("malformed YAML: {} (column {})", e.msg, e.mark.column + 1));
    }
    if (count.documents == 0)
        return file_error(source, 0, fmt::format("empty file (it starts with '{}')", first_line));
    // A document that is not a mapping gets the clearer "expected a mapping" from MapReader.
    if (count.documents > 1 && document.IsMap())
        return file_error(source, count.second_line,
                          fmt::format("more than one YAML document ({})", what));
    return document;
}

/// 0-based line of a node, -1 when yaml-cpp knows none.
inline int line_of(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? -1 : mark.line;
}

/// "<file>:<line>: key '<path>': <problem>" (line printed 1-based); the document itself has no
/// key: "<file>:<line>: <problem>".
inline Error error_at(const std::string& source, int line, std::string_view path,
                      std::string_view problem) {
    const int shown = std::max(line, 0) + 1;
    if (path.empty())
        return Error(ErrorCode::InvalidArgument, fmt::format("{}:{}: {}", source, shown, problem));
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}:{}: key '{}': {}", source, shown, path, problem));
}

/// How a value is described in "expected X, got Y".
inline std::string describe(const YAML::Node& node) {
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    if (node.IsNull() || !node.IsDefined()) return "nothing";
    return fmt::format("'{}'", node.Scalar());
}

/// Levenshtein distance, for "did you mean" on names a data file got wrong (a typo must be an
/// error that helps).
inline size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// "a, b, c" from any range of things fmt can print.
template <typename Range>
std::string join(const Range& items) {
    return fmt::format("{}", fmt::join(items, ", "));
}

/// A YAML list at a path, element by element.
struct ListItem {
    YAML::Node node;
    std::string path;  ///< "burnin[2]"
    int line = -1;
};

/// One YAML mapping being read. Keys are matched exactly; duplicates are errors (yaml-cpp keeps
/// both and would silently use the first).
class MapReader {
public:
    /// `line` is where the mapping's key sits, for errors about the mapping itself.
    static Result<MapReader> open(std::string source, const YAML::Node& node, std::string path,
                                  int line) {
        // A missing value's mark points past its key: use the key's line then.
        const int where = node.IsNull() || line_of(node) < 0 ? line : line_of(node);
        MapReader reader(std::move(source), std::move(path), where);
        if (!node.IsMap())
            return reader.error_here(fmt::format("expected a mapping, got {}", describe(node)));
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node key = it->first;
            const std::string name = key.IsScalar() ? key.Scalar() : std::string();
            if (!key.IsScalar())
                return error_at(reader.m_source, line_of(key), reader.m_path,
                                "keys must be plain text");
            if (reader.m_entries.contains(name))
                return error_at(reader.m_source, line_of(key), reader.path(name), "duplicate key");
            reader.m_entries.emplace(name, Entry{key, it->second});
        }
        return reader;
    }

    /// Error for the first key (in file order) not in `allowed`.
    Result<void> only(std::initializer_list<std::string_view> allowed) const {
        const Entry* unknown = nullptr;
        std::string unknown_name;
        for (const auto& [name, entry] : m_entries) {
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            if (!unknown || line_of(entry.key) < line_of(unknown->key)) {
                unknown = &entry;
                unknown_name = name;
            }
        }
        if (!unknown) return ok();
        return error_at(m_source, line_of(unknown->key), path(unknown_name),
                        fmt::format("unknown key (allowed: {})", join(allowed)));
    }

    bool has(std::string_view key) const { return m_entries.find(key) != m_entries.end(); }
    const YAML::Node& node(std::string_view key) const { return m_entries.find(key)->second.value; }
    std::string path(std::string_view key) const {
        return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
    }
    const std::string& path() const { return m_path; }
    const std::string& source() const { return m_source; }

    /// An error about a key's value, at the value's line (or the mapping's, if it is missing).
    Error error(std::string_view key, std::string_view problem) const {
        const auto found = m_entries.find(key);
        int line = m_line;
        if (found != m_entries.end()) {
            const Entry& entry = found->second;
            // A missing value's mark points past the key: use the key's line.
            line = line_of(entry.value);
            if (entry.value.IsNull() || line < 0) line = line_of(entry.key);
        }
        return error_at(m_source, line, path(key), problem);
    }
    Error error_here(std::string_view problem) const {
        return error_at(m_source, m_line, m_path, problem);
    }

    Result<void> require(std::string_view key, std::string_view why = {}) const {
        if (has(key)) return ok();
        return error(key, why.empty() ? std::string("missing required key")
                                      : fmt::format("missing required key ({})", why));
    }
    /// Error unless `key` is absent: for keys a mode or kind does not use.
    Result<void> forbid(std::string_view key, std::string_view why) const {
        return has(key) ? Result<void>(error(key, why)) : ok();
    }

    Result<MapReader> map(std::string_view key) const {
        MEDIA_TRY(require(key));
        return open(m_source, node(key), path(key), line_of(m_entries.find(key)->second.key));
    }

    /// Any scalar as text; absent leaves `out` unchanged.
    Result<void> read_text(std::string_view key, std::string& out) const {
        if (!has(key)) return ok();
        const YAML::Node& value = node(key);
        if (!value.IsScalar())
            return error(key, fmt::format("expected text, got {}", describe(value)));
        out = value.Scalar();
        return ok();
    }
    /// Text that must not be empty.
    Result<void> read_name(std::string_view key, std::string& out) const {
        if (!has(key)) return ok();
        std::string text;
        MEDIA_TRY(read_text(key, text));
        if (text.empty()) return error(key, "must not be empty");
        out = std::move(text);
        return ok();
    }

    template <std::integral T>
    Result<void> read_int(std::string_view key, T& out, T min, T max) const {
        if (!has(key)) return ok();
        const YAML::Node& value = node(key);
        long long number = 0;
        if (!value.IsScalar() || !YAML::convert<long long>::decode(value, number))
            return error(key, fmt::format("expected an integer, got {}", describe(value)));
        if (number < static_cast<long long>(min) || number > static_cast<long long>(max))
            return error(key, fmt::format("{} is out of range ({} to {})", number, min, max));
        out = static_cast<T>(number);
        return ok();
    }

    Result<void> read_number(std::string_view key, double& out, double min, double max) const {
        if (!has(key)) return ok();
        MEDIA_TRY_ASSIGN(double number, number_of(node(key), path(key)));
        if (number < min || number > max)
            return error(key, fmt::format("{} is out of range ({} to {})", number, min, max));
        out = number;
        return ok();
    }

    Result<void> read_bool(std::string_view key, bool& out) const {
        if (!has(key)) return ok();
        const YAML::Node& value = node(key);
        bool flag = false;
        if (!value.IsScalar() || !YAML::convert<bool>::decode(value, flag))
            return error(key, fmt::format("expected true or false, got {}", describe(value)));
        out = flag;
        return ok();
    }

    /// A flat mapping of text to text (encoder and muxer options); absent leaves `out` alone.
    Result<void> read_text_map(std::string_view key,
                               std::map<std::string, std::string>& out) const {
        if (!has(key)) return ok();
        if (node(key).IsNull()) return ok();  // "options:" with nothing is an empty mapping
        MEDIA_TRY_ASSIGN(MapReader inner, map(key));
        std::map<std::string, std::string> values;
        for (const auto& [name, entry] : inner.m_entries) {
            if (name.empty()) return inner.error(name, "empty option name");
            MEDIA_TRY(inner.read_text(name, values[name]));
        }
        out = std::move(values);
        return ok();
    }

    /// A list's elements (nothing when absent or empty).
    Result<std::vector<ListItem>> list(std::string_view key) const {
        std::vector<ListItem> items;
        if (!has(key) || node(key).IsNull()) return items;
        const YAML::Node& value = node(key);
        if (!value.IsSequence())
            return error(key, fmt::format("expected a list, got {}", describe(value)));
        for (size_t i = 0; i < value.size(); ++i) {
            const YAML::Node element = value[i];
            const int line = line_of(element) >= 0 ? line_of(element) : line_of(value);
            items.push_back({element, fmt::format("{}[{}]", path(key), i), line});
        }
        return items;
    }

    /// A finite number; `path` names it in errors.
    Result<double> number_of(const YAML::Node& value, const std::string& where) const {
        double number = 0;
        if (!value.IsScalar() || !YAML::convert<double>::decode(value, number) ||
            !std::isfinite(number))
            return error_at(m_source, line_of(value), where,
                            fmt::format("expected a number, got {}", describe(value)));
        return number;
    }

private:
    struct Entry {
        YAML::Node key;
        YAML::Node value;
    };

    MapReader(std::string source, std::string path, int line)
        : m_source(std::move(source)), m_path(std::move(path)), m_line(line) {}

    std::string m_source;
    std::string m_path;
    int m_line = -1;
    std::map<std::string, Entry, std::less<>> m_entries;
};

/// Reads the `schema` and `version` every versioned data file starts with: the schema must be
/// `schema` and the version `supported` (the one this build reads).
inline Result<void> read_schema_version(const MapReader& root, std::string_view schema,
                                        int supported, int& version) {
    MEDIA_TRY(root.require("schema", fmt::format("schema: {}", schema)));
    std::string found;
    MEDIA_TRY(root.read_text("schema", found));
    if (found != schema)
        return root.error("schema", fmt::format("expected '{}', got '{}'", schema, found));
    MEDIA_TRY(root.require("version"));
    MEDIA_TRY(root.read_int("version", version, 0, std::numeric_limits<int>::max()));
    if (version != supported)
        return root.error("version", fmt::format("unsupported version {} (this build reads {})",
                                                 version, supported));
    return {};
}

/// A name usable as a file stem: letters, digits, '_', '-' and '.', not starting with '.'.
inline bool is_plain_name(std::string_view name) {
    return !name.empty() && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                      c == '.';
           });
}

}  // namespace media::yaml
