// SPDX-License-Identifier: Apache-2.0
// ASC CDL files: .cc (one ColorCorrection), .ccc (ColorCorrectionCollection) and .cdl
// (ColorDecisionList of ColorDecisions). The root element decides, not the extension; only
// .edl (a CMX3600 EDL with *ASC_SOP / *ASC_SAT comments, see edl_cdl.cpp) is told by its name.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "file_text.h"
#include "media/color/cdl.h"
#include "media/color/color_pipeline.h"

namespace media::color {
namespace {

// Real CDL files are a few KB; a collection for a whole show stays far below this.
constexpr int64_t kMaxCdlFileBytes = 16 << 20;

// Element names without a namespace prefix ("cdl:Slope" -> "Slope").
std::string_view local_name(const pugi::xml_node& node) {
    std::string_view name = node.name();
    const auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The first child element with one of the names (older files write SopNode / SatNode).
pugi::xml_node child_named(const pugi::xml_node& parent,
                           std::initializer_list<std::string_view> names) {
    for (pugi::xml_node child : parent.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::find(names.begin(), names.end(), local_name(child)) != names.end()) return child;
    }
    return {};
}

std::vector<pugi::xml_node> children_named(const pugi::xml_node& parent, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (pugi::xml_node child : parent.children())
        if (child.type() == pugi::node_element && local_name(child) == name) found.push_back(child);
    return found;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Reads exactly values.size() finite numbers separated by white space.
bool parse_numbers(std::string_view text, std::span<double> values) {
    size_t count = 0;
    size_t i = 0;
    while (true) {
        while (i < text.size() && is_space(text[i])) ++i;
        if (i == text.size()) break;
        size_t end = i;
        while (end < text.size() && !is_space(text[end])) ++end;
        if (count == values.size()) return false;
        std::string_view token = text.substr(i, end - i);
        if (token.size() > 1 && token[0] == '+') token.remove_prefix(1);
        double value = 0.0;
        auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
        if (ec != std::errc() || ptr != token.data() + token.size() || !std::isfinite(value))
            return false;
        values[count++] = value;
        i = end;
    }
    return count == values.size();
}

// Errors point at "line N: ColorCorrection 'id' > SOPNode > Slope".
class CdlReader {
public:
    CdlReader(const std::string& path, const std::string& text) : m_path(path), m_text(text) {}

    Error error(const pugi::xml_node& node, const std::string& where, const std::string& what,
                ErrorCode code = ErrorCode::InvalidArgument) const {
        const auto offset =
            node ? static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug())) : size_t{0};
        return Error(code,
                     fmt::format("line {}: {}: {}", detail::line_at(m_text, offset), where, what))
            .with_file(m_path);
    }

    Result<void> read_numbers(const pugi::xml_node& parent, std::string_view name,
                              const std::string& where, std::span<double> values) const {
        const pugi::xml_node node = child_named(parent, {name});
        const std::string here = fmt::format("{} > {}", where, name);
        if (!node) return error(parent, here, "missing");
        if (!parse_numbers(node.child_value(), values))
            return error(node, here,
                         fmt::format("expected {} finite number{}", values.size(),
                                     values.size() == 1 ? "" : "s"));
        return ok();
    }

    Result<CdlValues> read_correction(const pugi::xml_node& cc) const {
        CdlValues cdl;
        cdl.id = cc.attribute("id").value();
        const std::string where = fmt::format("ColorCorrection '{}'", cdl.id);
        const pugi::xml_node sop = child_named(cc, {"SOPNode", "SopNode"});
        const pugi::xml_node sat = child_named(cc, {"SATNode", "SatNode"});
        if (!sop && !sat) return error(cc, where, "has neither a SOPNode nor a SATNode");
        if (sop) {
            const std::string sop_where = where + " > SOPNode";
            MEDIA_TRY(read_numbers(sop, "Slope", sop_where, cdl.slope));
            MEDIA_TRY(read_numbers(sop, "Offset", sop_where, cdl.offset));
            MEDIA_TRY(read_numbers(sop, "Power", sop_where, cdl.power));
        }
        if (sat)
            MEDIA_TRY(read_numbers(sat, "Saturation", where + " > SATNode",
                                   std::span<double>(&cdl.saturation, 1)));
        if (auto checked = check_cdl(cdl); !checked)
            return error(cc, where, checked.error().message());
        return cdl;
    }

    // Every ColorCorrection the document holds, in order.
    Result<std::vector<pugi::xml_node>> corrections(const pugi::xml_node& root) const {
        const std::string_view kind = local_name(root);
        std::vector<pugi::xml_node> found;
        if (kind == "ColorCorrection") {
            found.push_back(root);
        } else if (kind == "ColorCorrectionCollection") {
            found = children_named(root, "ColorCorrection");
        } else if (kind == "ColorDecisionList") {
            for (const pugi::xml_node& decision : children_named(root, "ColorDecision"))
                if (auto cc = child_named(decision, {"ColorCorrection"})) found.push_back(cc);
        } else {
            return error(root, fmt::format("<{}>", root.name()),
                         "not an ASC CDL document (expected ColorCorrection, "
                         "ColorCorrectionCollection or ColorDecisionList)");
        }
        if (found.empty()) return error(root, std::string(kind), "holds no ColorCorrection");
        return found;
    }

    Result<pugi::xml_node> pick(const std::vector<pugi::xml_node>& all,
                                const std::string& id) const {
        if (id.empty()) return all.front();
        std::vector<std::string> ids;
        for (const pugi::xml_node& cc : all) {
            if (cc.attribute("id").value() == id) return cc;
            if (ids.size() < 20) ids.emplace_back(cc.attribute("id").value());
        }
        return Error(ErrorCode::NotFound, fmt::format("no ColorCorrection with id '{}' (ids: {})",
                                                      id, fmt::join(ids, ", ")))
            .with_file(m_path);
    }

private:
    const std::string& m_path;
    const std::string& m_text;
};

bool has_edl_extension(std::string_view path) {
    if (path.size() < 4) return false;
    std::string tail(path.substr(path.size() - 4));
    std::transform(tail.begin(), tail.end(), tail.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return tail == ".edl";
}

// "3" and "003" both name event 3.
bool names_event(const std::string& id, int event) {
    if (id.empty() || id.size() > 9 ||
        !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    return std::stoi(id) == event;
}

// An EDL event's CDL, picked by clip name, then reel name, then event number (empty: the first
// event that has one).
Result<CdlValues> load_edl_cdl(const std::string& path, const std::string& id) {
    MEDIA_TRY_ASSIGN(const std::vector<EdlCdl> events, read_edl_cdls(path));
    if (events.empty())
        return Error(ErrorCode::NotFound, "no event of the EDL has an *ASC_SOP or *ASC_SAT")
            .with_file(path);
    if (id.empty()) return events.front().cdl;
    using Match = bool (*)(const EdlCdl&, const std::string&);
    constexpr std::array<Match, 3> kMatches{
        [](const EdlCdl& e, const std::string& want) { return !e.clip.empty() && e.clip == want; },
        [](const EdlCdl& e, const std::string& want) { return e.reel == want; },
        [](const EdlCdl& e, const std::string& want) { return names_event(want, e.event); }};
    for (const Match match : kMatches)
        for (const EdlCdl& event : events)
            if (match(event, id)) return event.cdl;
    constexpr size_t kListed = 10;
    std::vector<std::string> present;
    for (size_t i = 0; i < std::min(events.size(), kListed); ++i)
        present.push_back(fmt::format("{:03} {}", events[i].event, events[i].cdl.id));
    const std::string more =
        events.size() > kListed ? fmt::format(" and {} more", events.size() - kListed) : "";
    return Error(ErrorCode::NotFound,
                 fmt::format("no event with a CDL has clip, reel or event number '{}' "
                             "(events with a CDL: {}{})",
                             id, fmt::join(present, ", "), more))
        .with_file(path);
}

}  // namespace

Result<CdlValues> load_cdl(const std::string& path, const std::string& id) {
    if (has_edl_extension(path)) return load_edl_cdl(path, id);
    MEDIA_TRY_ASSIGN(const std::string text, detail::read_text_file(path, kMaxCdlFileBytes));
    pugi::xml_document document;
    // No DOCTYPE or custom entity expansion in pugixml: a "billion laughs" file stays small.
    const pugi::xml_parse_result parsed =
        document.load_buffer(text.data(), text.size(), pugi::parse_default);
    if (!parsed)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("line {}: malformed XML: {}",
                                 detail::line_at(text, static_cast<size_t>(parsed.offset)),
                                 parsed.description()))
            .with_file(path);
    const CdlReader reader(path, text);
    MEDIA_TRY_ASSIGN(const auto all, reader.corrections(document.document_element()));
    MEDIA_TRY_ASSIGN(const pugi::xml_node chosen, reader.pick(all, id));
    return reader.read_correction(chosen);
}

}  // namespace media::color
