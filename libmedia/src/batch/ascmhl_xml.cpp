// SPDX-License-Identifier: Apache-2.0
// ASC MHL v2.0 manifest and chain XML, after xsd/ASCMHL.xsd and xsd/ASCMHLDirectory.xsd of the
// ASC's reference implementation (github.com/ascmitc/mhl).
#include "ascmhl_xml.h"

#include <cstring>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace media::batch::mhl {
namespace {

constexpr const char* kHashListNamespace = "urn:ASC:MHL:v2.0";
constexpr const char* kDirectoryNamespace = "urn:ASC:MHL:DIRECTORY:v2.0";
// Written in this order; read in any.
constexpr std::string_view kHashFormats[] = {"xxh64", "xxh3", "xxh128", "xxh32",
                                             "md5",   "sha1", "c4"};

// Element names without a namespace prefix ("ascmhl:hash" -> "hash").
std::string_view local_name(const pugi::xml_node& node) {
    std::string_view name = node.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
    for (auto node : parent.children())
        if (node.type() == pugi::node_element && local_name(node) == name) return node;
    return {};
}

bool is_hash_format(std::string_view name) {
    for (auto format : kHashFormats)
        if (format == name) return true;
    return false;
}

void add_text(pugi::xml_node parent, const char* name, const std::string& text) {
    parent.append_child(name).text().set(text.c_str());
}

std::string to_xml(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

pugi::xml_document new_document() {
    pugi::xml_document doc;
    auto declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    return doc;
}

void add_creator(pugi::xml_node root, const HashList& list) {
    auto creator = root.append_child("creatorinfo");
    add_text(creator, "creationdate", list.creation_date);
    add_text(creator, "hostname", list.hostname);
    auto tool = creator.append_child("tool");
    tool.append_attribute("version") = list.tool_version.c_str();
    tool.text().set(list.tool.c_str());
    if (!list.comment.empty()) add_text(creator, "comment", list.comment);
}

void add_process(pugi::xml_node root, const HashList& list) {
    auto process = root.append_child("processinfo");
    add_text(process, "process", list.process);
    if (list.ignore_patterns.empty()) return;
    auto ignore = process.append_child("ignore");
    for (const auto& pattern : list.ignore_patterns) add_text(ignore, "pattern", pattern);
}

void add_hash(pugi::xml_node hashes, const HashEntry& entry) {
    auto hash = hashes.append_child("hash");
    auto path = hash.append_child("path");
    path.append_attribute("size") = static_cast<unsigned long long>(entry.size);
    if (!entry.last_modified.empty())
        path.append_attribute("lastmodificationdate") = entry.last_modified.c_str();
    path.text().set(entry.path.c_str());
    for (auto format : kHashFormats) {
        auto found = entry.hashes.find(std::string(format));
        if (found == entry.hashes.end()) continue;
        auto value = hash.append_child(std::string(format).c_str());
        if (!found->second.action.empty())
            value.append_attribute("action") = found->second.action.c_str();
        if (!found->second.hash_date.empty())
            value.append_attribute("hashdate") = found->second.hash_date.c_str();
        value.text().set(found->second.value.c_str());
    }
}

Result<pugi::xml_node> load_root(pugi::xml_document& doc, const std::string& xml,
                                 std::string_view root_name, const std::string& source) {
    // No end-of-line normalisation: a carriage return inside a file name (written raw, as
    // pugixml writes it) must read back as itself.
    pugi::xml_parse_result parsed =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_eol);
    if (!parsed)
        return Error(ErrorCode::InvalidArgument, fmt::format("not well-formed XML: {} (at byte {})",
                                                             parsed.description(), parsed.offset))
            .with_file(source);
    pugi::xml_node root = doc.document_element();
    if (local_name(root) != root_name)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("root element is <{}>, expected <{}>", root.name(), root_name))
            .with_file(source);
    return root;
}

Result<HashEntry> parse_hash(const pugi::xml_node& node, const std::string& source) {
    HashEntry entry;
    auto path = child(node, "path");
    entry.path = path.text().as_string();
    if (entry.path.empty())
        return Error(ErrorCode::InvalidArgument, "a <hash> without a <path>").with_file(source);
    entry.size = path.attribute("size").as_ullong();
    entry.last_modified = path.attribute("lastmodificationdate").as_string();
    for (auto value : node.children()) {
        if (value.type() != pugi::node_element || !is_hash_format(local_name(value))) continue;
        entry.hashes[std::string(local_name(value))] = {value.text().as_string(),
                                                        value.attribute("action").as_string(),
                                                        value.attribute("hashdate").as_string()};
    }
    return entry;
}

}  // namespace

std::string hashlist_xml(const HashList& list) {
    pugi::xml_document doc = new_document();
    auto root = doc.append_child("hashlist");
    root.append_attribute("version") = "2.0";
    root.append_attribute("xmlns") = kHashListNamespace;
    add_creator(root, list);
    add_process(root, list);
    if (!list.entries.empty()) {
        auto hashes = root.append_child("hashes");
        for (const auto& entry : list.entries) add_hash(hashes, entry);
    }
    return to_xml(doc);
}

Result<HashList> parse_hashlist(const std::string& xml, const std::string& source) {
    pugi::xml_document doc;
    MEDIA_TRY_ASSIGN(pugi::xml_node root, load_root(doc, xml, "hashlist", source));
    if (std::string_view(root.attribute("version").as_string()) != "2.0")
        return Error(ErrorCode::InvalidArgument, "not an ASC MHL 2.0 hashlist").with_file(source);
    HashList list;
    auto creator = child(root, "creatorinfo");
    list.creation_date = child(creator, "creationdate").text().as_string();
    list.hostname = child(creator, "hostname").text().as_string();
    list.tool = child(creator, "tool").text().as_string();
    list.tool_version = child(creator, "tool").attribute("version").as_string();
    list.comment = child(creator, "comment").text().as_string();
    list.process = child(child(root, "processinfo"), "process").text().as_string();
    for (auto node : child(root, "hashes").children()) {
        if (local_name(node) != "hash") continue;  // directory hashes are not checked
        MEDIA_TRY_ASSIGN(HashEntry entry, parse_hash(node, source));
        list.entries.push_back(std::move(entry));
    }
    return list;
}

std::string chain_xml(const std::vector<ChainEntry>& chain) {
    pugi::xml_document doc = new_document();
    auto root = doc.append_child("ascmhldirectory");
    root.append_attribute("xmlns") = kDirectoryNamespace;
    for (const auto& entry : chain) {
        auto list = root.append_child("hashlist");
        list.append_attribute("sequencenr") = entry.sequence;
        add_text(list, "path", entry.file);
        add_text(list, entry.hash_format.c_str(), entry.hash);
    }
    return to_xml(doc);
}

Result<std::vector<ChainEntry>> parse_chain(const std::string& xml, const std::string& source) {
    pugi::xml_document doc;
    MEDIA_TRY_ASSIGN(pugi::xml_node root, load_root(doc, xml, "ascmhldirectory", source));
    std::vector<ChainEntry> chain;
    for (auto node : root.children()) {
        if (local_name(node) != "hashlist") continue;
        ChainEntry entry;
        entry.sequence = node.attribute("sequencenr").as_int();
        entry.file = child(node, "path").text().as_string();
        for (auto value : node.children())
            if (is_hash_format(local_name(value))) {
                entry.hash_format = std::string(local_name(value));
                entry.hash = value.text().as_string();
            }
        if (entry.sequence <= 0 || entry.file.empty() || entry.hash.empty())
            return Error(ErrorCode::InvalidArgument,
                         "a <hashlist> without sequencenr, path or hash")
                .with_file(source);
        chain.push_back(std::move(entry));
    }
    return chain;
}

}  // namespace media::batch::mhl
