// SPDX-License-Identifier: Apache-2.0
// `slate validate --explain`: a spec as text a person reads before delivering to it.
#include <fmt/format.h>

#include "media/qc/qc_report.h"
#include "media/spec/spec.h"
#include "spec_internal.h"

namespace media::spec {
namespace {

std::string operand_text(const Condition& c) {
    switch (c.expected.kind) {
        case Operand::Kind::Param:
            return fmt::format("{{param: {}}}", c.expected.name);
        case Operand::Kind::Field:
            return c.expected.name;
        case Operand::Kind::Literal:
            break;
    }
    return c.expected.literal.to_text();
}

void wrap(std::string& out, const std::string& label, const std::string& text) {
    if (text.empty()) return;
    // Plain word wrap at 96 columns under a hanging label.
    const std::string indent(9, ' ');
    std::string line = fmt::format("    {:<5}", label);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (line.size() + word.size() + 1 > 96 && line.size() > indent.size()) {
            out += line + "\n";
            line = indent;
        }
        if (line.size() > indent.size() && line.back() != ' ') line += ' ';
        line += word;
        start = end + 1;
    }
    out += line + "\n";
}

}  // namespace

std::string describe(const Condition& c) {
    switch (c.kind) {
        case Condition::Kind::Test:
            if (c.op == Op::Exists)
                return fmt::format("{} {}", c.field,
                                   c.expected.literal.boolean ? "is present" : "is absent");
            return fmt::format("{} {} {}{}", c.field, to_string(c.op), operand_text(c),
                               detail::tolerance_text(c.tolerance));
        case Condition::Kind::QcCheck:
            return fmt::format("QC check '{}' passes", c.qc_check);
        case Condition::Kind::AllOf:
        case Condition::Kind::AnyOf: {
            std::vector<std::string> parts;
            for (const Condition& child : c.children) parts.push_back(describe(child));
            return fmt::format("{} ({})", c.kind == Condition::Kind::AllOf ? "all of" : "any of",
                               fmt::join(parts, c.kind == Condition::Kind::AllOf ? "; " : " | "));
        }
        case Condition::Kind::Not:
            return fmt::format("not ({})", c.children.empty() ? "" : describe(c.children[0]));
    }
    return {};
}

std::string explain_spec(const Spec& spec) {
    const SpecInfo& info = spec.info;
    std::string out = fmt::format("{}{}\n", info.name,
                                  info.version.empty() ? "" : " (version " + info.version + ")");
    if (!info.description.empty()) out += info.description + "\n";
    if (!info.issuer.empty()) out += fmt::format("Issuer:    {}\n", info.issuer);
    if (!info.document.empty())
        out += fmt::format("Document:  {}{}\n", info.document,
                           info.document_date.empty() ? "" : " (" + info.document_date + ")");
    if (!info.extends.empty())
        out += fmt::format("Extends:   {}\n", fmt::join(info.extends, " <- "));
    out += fmt::format("Source:    {}\n", info.source);
    out += fmt::format(
        "QC:        thresholds from profile {}; a failure at or above {} fails "
        "the file\n",
        info.qc_profile, qc::to_string(info.fail_on, info.severity_style));
    if (!info.presets.empty())
        out += fmt::format("Presets:   output of {} is checked by this spec\n",
                           fmt::join(info.presets, ", "));
    if (!spec.parameters.empty()) {
        out += "\nParameters (--param NAME=VALUE):\n";
        for (const Parameter& p : spec.parameters) {
            out += fmt::format("  {} ({}, default {}{})\n", p.name, detail::type_name(p.type),
                               p.default_value.to_text(),
                               p.source_field.empty()
                                   ? ""
                                   : "; 'source' = " + p.source_field + " of --source FILE");
            wrap(out, "", p.description);
        }
    }
    out += fmt::format("\nRules ({}):\n", spec.rules.size());
    for (const Rule& rule : spec.rules) {
        out +=
            fmt::format("  [{}] {}: {}  ({})\n", qc::to_string(rule.severity, info.severity_style),
                        rule.id, rule.title, rule.category);
        if (rule.when) wrap(out, "if", describe(*rule.when));
        wrap(out, "pass", describe(rule.check));
        wrap(out, "ref", rule.reference);
        wrap(out, "note", rule.notes);
    }
    return out;
}

}  // namespace media::spec
