// SPDX-License-Identifier: Apache-2.0
// `slate validate --lint`: what a loaded spec still lacks to be a spec others can trust —
// where its figures come from, titles, parameters that nothing uses, presets that do not exist.
#include <algorithm>

#include <fmt/format.h>

#include "media/spec/spec.h"
#include "media/transcode/preset.h"

namespace media::spec {
namespace {

bool uses_parameter(const Condition& c, const std::string& name) {
    if (c.kind == Condition::Kind::Test)
        return c.field == "param." + name ||
               (c.expected.kind == Operand::Kind::Param && c.expected.name == name);
    return std::any_of(c.children.begin(), c.children.end(),
                       [&](const Condition& child) { return uses_parameter(child, name); });
}

}  // namespace

std::vector<std::string> lint_spec(const Spec& spec) {
    std::vector<std::string> problems;
    const SpecInfo& info = spec.info;
    const std::string& file = info.source;
    auto about_spec = [&](std::string_view what) {
        problems.push_back(fmt::format("{}: spec '{}': {}", file, info.name, what));
    };
    if (info.version.empty()) about_spec("no spec_version");
    if (info.issuer.empty()) about_spec("no issuer");
    if (info.document.empty()) about_spec("no source document");
    if (info.document_date.empty()) about_spec("no document_date");
    if (info.description.empty()) about_spec("no description");
    const std::vector<std::string> presets = transcode::builtin_preset_names();
    for (const std::string& preset : info.presets)
        if (std::find(presets.begin(), presets.end(), preset) == presets.end())
            about_spec(fmt::format("preset '{}' is not a built-in transcode preset", preset));
    for (const Parameter& p : spec.parameters) {
        const bool used = std::any_of(spec.rules.begin(), spec.rules.end(), [&](const Rule& r) {
            return uses_parameter(r.check, p.name) || (r.when && uses_parameter(*r.when, p.name));
        });
        if (!used) about_spec(fmt::format("parameter '{}' is used by no rule", p.name));
        if (p.description.empty())
            about_spec(fmt::format("parameter '{}' has no description", p.name));
    }
    for (const Rule& rule : spec.rules) {
        if (rule.reference.empty())
            problems.push_back(
                fmt::format("{}:{}: rule '{}': no reference (where the figure "
                            "comes from)",
                            rule.source, rule.line + 1, rule.id));
    }
    return problems;
}

}  // namespace media::spec
