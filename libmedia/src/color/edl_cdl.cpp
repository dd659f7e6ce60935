// SPDX-License-Identifier: Apache-2.0
// ASC CDL comments in CMX3600 EDLs, as on-set and editorial tools write them:
//
//   001  A001C003 V     C        01:00:00:00 01:00:05:00 00:00:00:00 00:00:05:00
//   * FROM CLIP NAME: A001C003_220101_R1AB.mov
//   *ASC_SOP (1.1 1.0 0.9)(0.01 0 0)(1 1 1)
//   *ASC_SAT 0.9
//
// Keywords are matched without regard to case, spaces may sit anywhere around the numbers and
// parentheses, and a missing *ASC_SAT means 1. Anything else in the file (TITLE, FCM, M2,
// transition and effect lines, other comments) is left alone.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "file_text.h"
#include "media/color/cdl.h"

namespace media::color {
namespace {

// An EDL of many thousands of events stays far below this.
constexpr int64_t kMaxEdlFileBytes = 16 << 20;

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (is_blank(text.front()) || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (is_blank(text.back()) || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

// Removes `keyword` (any case) from the start of text; false when text does not start with it.
bool consume_keyword(std::string_view& text, std::string_view keyword) {
    if (text.size() < keyword.size()) return false;
    for (size_t i = 0; i < keyword.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) != keyword[i]) return false;
    text.remove_prefix(keyword.size());
    return true;
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// White-space separated fields of a line.
std::vector<std::string_view> fields_of(std::string_view line) {
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && is_blank(line[i])) ++i;
        size_t end = i;
        while (end < line.size() && !is_blank(line[end])) ++end;
        if (end > i) fields.push_back(line.substr(i, end - i));
        i = end;
    }
    return fields;
}

// HH:MM:SS:FF, with ';' or '.' before the frames for drop-frame timecode.
bool is_timecode(std::string_view text) {
    if (text.size() != 11) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        const bool separator = i % 3 == 2;
        const char c = text[i];
        if (separator ? (c != ':' && c != ';' && c != '.') : (c < '0' || c > '9')) return false;
    }
    return true;
}

std::optional<double> parse_number(std::string_view token) {
    if (token.size() > 1 && token[0] == '+') token.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

class EdlReader {
public:
    explicit EdlReader(const std::string& path) : m_path(path) {}

    Result<std::vector<EdlCdl>> read(std::string_view text) {
        if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
        int line_number = 0;
        size_t start = 0;
        while (start < text.size()) {
            // Lines end in \n, \r\n or a lone \r (old Avid exports).
            size_t end = start;
            while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
            ++line_number;
            MEDIA_TRY(read_line(trim(text.substr(start, end - start)), line_number));
            if (end < text.size() && text[end] == '\r' && end + 1 < text.size() &&
                text[end + 1] == '\n')
                ++end;
            start = end + 1;
        }
        finish_event();
        return std::move(m_found);
    }

private:
    struct Event {
        EdlCdl item;
        std::string to_clip;  // "* TO CLIP NAME:" of a transition's incoming clip
        int sop_line = 0;
        int sat_line = 0;
    };

    Error error(int line, const std::string& what) const {
        return Error(ErrorCode::InvalidArgument, fmt::format("line {}: {}", line, what))
            .with_file(m_path);
    }

    Result<void> read_line(std::string_view line, int number) {
        if (line.empty()) return ok();
        if (line.front() == '*') return read_comment(trim(line.substr(1)), number);
        const std::vector<std::string_view> fields = fields_of(line);
        if (all_digits(fields.front())) return read_event(fields, number);
        return ok();  // TITLE:, FCM:, M2, SPLIT:, EFFECTS NAME IS ...
    }

    Result<void> read_event(const std::vector<std::string_view>& fields, int line) {
        int event = 0;
        const std::string_view digits = fields.front();
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), event);
        if (ec != std::errc() || end != digits.data() + digits.size())
            return error(line, fmt::format("event number {} is out of range", digits));
        if (fields.size() < 2) return error(line, fmt::format("event {} has no reel name", event));
        std::string source_in;
        for (size_t i = 2; i < fields.size(); ++i)
            if (is_timecode(fields[i])) {
                source_in = std::string(fields[i]);
                break;
            }
        // A transition repeats the event number on a second line naming the incoming source:
        // that one is the event's reel.
        if (m_in_event && m_event.item.event == event) {
            m_event.item.reel = std::string(fields[1]);
            m_event.item.source_in = source_in;
            return ok();
        }
        finish_event();
        m_in_event = true;
        m_event.item.event = event;
        m_event.item.reel = std::string(fields[1]);
        m_event.item.source_in = source_in;
        return ok();
    }

    Result<void> read_comment(std::string_view body, int line) {
        std::string_view rest = body;
        if (consume_keyword(rest, "ASC_SOP")) return read_sop(rest, line);
        if (consume_keyword(rest, "ASC_SAT")) return read_sat(rest, line);
        if (!m_in_event) return ok();
        if (consume_keyword(rest, "FROM CLIP NAME:"))
            m_event.item.clip = std::string(trim(rest));
        else if (consume_keyword(rest, "TO CLIP NAME:"))
            m_event.to_clip = std::string(trim(rest));
        return ok();
    }

    Result<Event*> event_for(std::string_view keyword, int line) {
        if (!m_in_event)
            return error(line, fmt::format("*{} comes before the first event", keyword));
        return &m_event;
    }

    // "(s s s)(o o o)(p p p)", or the nine numbers without parentheses.
    Result<void> read_sop(std::string_view text, int line) {
        MEDIA_TRY_ASSIGN(Event * event, event_for("ASC_SOP", line));
        if (event->sop_line != 0)
            return error(line,
                         fmt::format("a second *ASC_SOP for event {} (the first is on line {})",
                                     event->item.event, event->sop_line));
        text = trim(text);
        if (!text.empty() && text.front() == ':') text = trim(text.substr(1));
        std::vector<std::vector<std::string_view>> groups;
        if (!text.empty() && text.front() != '(') {
            const auto numbers = fields_of(text);
            if (numbers.size() != 9)
                return error(line, fmt::format("*ASC_SOP needs (slope)(offset)(power), three "
                                               "numbers each; found {} numbers",
                                               numbers.size()));
            for (size_t g = 0; g < 3; ++g)
                groups.emplace_back(numbers.begin() + static_cast<ptrdiff_t>(3 * g),
                                    numbers.begin() + static_cast<ptrdiff_t>(3 * g + 3));
        } else {
            while (!text.empty()) {
                if (text.front() != '(')
                    return error(line, fmt::format("*ASC_SOP: expected '(' at \"{}\"", text));
                const size_t close = text.find(')');
                if (close == std::string_view::npos)
                    return error(line, "*ASC_SOP: a '(' without its ')'");
                groups.push_back(fields_of(text.substr(1, close - 1)));
                text = trim(text.substr(close + 1));
            }
            if (groups.size() != 3)
                return error(line,
                             fmt::format("*ASC_SOP needs three groups, (slope)(offset)(power); "
                                         "found {} (an *ASC_SOP must be on one line)",
                                         groups.size()));
        }
        static constexpr std::array<const char*, 3> kNames{"slope", "offset", "power"};
        std::array<std::array<double, 3>*, 3> targets{
            &event->item.cdl.slope, &event->item.cdl.offset, &event->item.cdl.power};
        for (size_t g = 0; g < 3; ++g) {
            if (groups[g].size() != 3)
                return error(line, fmt::format("*ASC_SOP {} needs 3 numbers, found {}", kNames[g],
                                               groups[g].size()));
            for (size_t i = 0; i < 3; ++i) {
                const auto value = parse_number(groups[g][i]);
                if (!value)
                    return error(line, fmt::format("*ASC_SOP {}: \"{}\" is not a finite number",
                                                   kNames[g], groups[g][i]));
                (*targets[g])[i] = *value;
            }
        }
        event->sop_line = line;
        return check(event->item.cdl, line);
    }

    Result<void> read_sat(std::string_view text, int line) {
        MEDIA_TRY_ASSIGN(Event * event, event_for("ASC_SAT", line));
        if (event->sat_line != 0)
            return error(line,
                         fmt::format("a second *ASC_SAT for event {} (the first is on line {})",
                                     event->item.event, event->sat_line));
        text = trim(text);
        if (!text.empty() && text.front() == ':') text = trim(text.substr(1));
        const auto numbers = fields_of(text);
        if (numbers.size() != 1)
            return error(line,
                         fmt::format("*ASC_SAT needs one number, found {} values", numbers.size()));
        const auto value = parse_number(numbers.front());
        if (!value)
            return error(line,
                         fmt::format("*ASC_SAT: \"{}\" is not a finite number", numbers.front()));
        event->item.cdl.saturation = *value;
        event->sat_line = line;
        return check(event->item.cdl, line);
    }

    Result<void> check(const CdlValues& cdl, int line) const {
        if (auto checked = check_cdl(cdl); !checked) return error(line, checked.error().message());
        return ok();
    }

    void finish_event() {
        if (!m_in_event) return;
        Event& event = m_event;
        if (event.sop_line != 0 || event.sat_line != 0) {
            if (!event.to_clip.empty()) event.item.clip = event.to_clip;
            event.item.line = event.sop_line != 0 ? event.sop_line : event.sat_line;
            event.item.cdl.id = event.item.clip.empty() ? event.item.reel : event.item.clip;
            m_found.push_back(std::move(event.item));
        }
        m_event = Event{};
        m_in_event = false;
    }

    const std::string& m_path;
    // The event being read (GCC 12 misreads std::optional<Event> here as maybe-uninitialised).
    Event m_event;
    bool m_in_event = false;
    std::vector<EdlCdl> m_found;
};

}  // namespace

Result<std::vector<EdlCdl>> read_edl_cdls(const std::string& path) {
    MEDIA_TRY_ASSIGN(const std::string text, detail::read_text_file(path, kMaxEdlFileBytes));
    EdlReader reader(path);
    return reader.read(text);
}

}  // namespace media::color
