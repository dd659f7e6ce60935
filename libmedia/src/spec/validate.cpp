// SPDX-License-Identifier: Apache-2.0
// The validate runner: probe every file, run one QC pass when (and only as far as) the spec
// measures the essence, then decide every rule.
#include "media/spec/validate.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "condition_eval.h"
#include "media/io/probe.h"
#include "media/qc/file_analysis.h"
#include "media/qc/profile.h"
#include "media/qc/qc_run.h"
#include "media/spec/fields.h"
#include "spec_internal.h"

namespace media::spec {
namespace {

using detail::Evaluation;
using detail::Outcome;

Result<std::map<std::string, Value>> resolve_parameters(const ValidateRequest& request) {
    for (const auto& [name, text] : request.params)
        if (!request.spec.find_parameter(name)) {
            std::vector<std::string> names;
            for (const Parameter& p : request.spec.parameters) names.push_back(p.name);
            return Error(
                ErrorCode::InvalidArgument,
                fmt::format("--param {}: spec {} has no such parameter (it has: {})", name,
                            request.spec.info.name,
                            names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
        }
    std::optional<MediaInfo> source;
    std::map<std::string, Value> values;
    for (const Parameter& parameter : request.spec.parameters) {
        Value value = parameter.default_value;
        if (auto given = request.params.find(parameter.name); given != request.params.end()) {
            if (given->second == "source" && !parameter.source_field.empty()) {
                value = Value::of(std::string("source"));
            } else {
                auto parsed = detail::parse_parameter_text(given->second, parameter.type);
                if (!parsed)
                    return Error(ErrorCode::InvalidArgument,
                                 fmt::format("--param {}={}: expected a {} value", parameter.name,
                                             given->second, detail::type_name(parameter.type)));
                value = std::move(*parsed);
            }
        }
        const bool from_source = value.kind == Value::Kind::Text && value.text == "source" &&
                                 !parameter.source_field.empty();
        if (from_source && !request.source.empty()) {
            if (!source) {
                auto probed = probe(request.source);
                if (!probed)
                    return Error(ErrorCode::InvalidArgument,
                                 fmt::format("--source: {}", probed.error().message()));
                source = std::move(*probed);
            }
            value = detail::probe_field(*source, parameter.source_field);
        }
        if (from_source && request.source.empty())
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("spec {}: parameter {} takes the source file's {}: give "
                                     "--source FILE (the file the deliverable was made from) or "
                                     "--param {}=VALUE",
                                     request.spec.info.name, parameter.name, parameter.source_field,
                                     parameter.name));
        values[parameter.name] = std::move(value);
    }
    return values;
}

Result<qc::QcProfile> measurement_profile(const Spec& spec, const MeasurementPlan& plan) {
    MEDIA_TRY_ASSIGN(qc::QcProfile profile, qc::load_profile(spec.info.qc_profile));
    for (auto& [id, policy] : profile.checks)
        policy.enabled =
            std::find(plan.qc_checks.begin(), plan.qc_checks.end(), id) != plan.qc_checks.end();
    return profile;
}

std::string reference_text(const Rule& rule) {
    if (rule.notes.empty()) return rule.reference;
    if (rule.reference.empty()) return rule.notes;
    return rule.reference + " — " + rule.notes;
}

qc::CheckResult decide(const Rule& rule, const detail::FileFields& fields) {
    qc::CheckResult result;
    result.id = rule.id;
    result.title = rule.title;
    result.category = rule.category;
    result.severity = rule.severity;
    result.reference = reference_text(rule);
    if (rule.when) {
        const Evaluation when = detail::evaluate(*rule.when, fields, false);
        if (when.outcome != Outcome::Pass) {
            result.verdict = when.outcome == Outcome::Fail ? qc::Verdict::NotApplicable
                                                           : qc::Verdict::NotChecked;
            result.threshold_text = "applies when " + when.expected;
            result.measured_text = when.measured;
            result.message = when.outcome == Outcome::Fail
                                 ? fmt::format("not applicable: {}", when.measured)
                                 : when.reason;
            return result;
        }
    }
    const Evaluation check = detail::evaluate(rule.check, fields, true);
    result.threshold_text = check.expected;
    result.measured_text = check.measured;
    result.measured = check.value;
    result.unit = check.unit;
    result.events = check.events;
    switch (check.outcome) {
        case Outcome::Pass:
            result.verdict = qc::Verdict::Pass;
            break;
        case Outcome::Fail:
            result.verdict = qc::Verdict::Fail;
            // A single test's expected and measured text already say it all; a group names
            // the part that failed.
            if (rule.check.kind != Condition::Kind::Test) result.message = check.reason;
            break;
        case Outcome::Unknown:
            result.verdict = qc::Verdict::NotChecked;
            result.message = check.reason;
            break;
    }
    return result;
}

qc::FileVerdict verdict_of(const qc::FileReport& file, qc::Severity fail_on) {
    if (!file.error.empty()) return qc::FileVerdict::Error;
    bool failed = false, warned = false;
    for (const qc::CheckResult& check : file.checks)
        if (check.verdict == qc::Verdict::Fail)
            (check.severity >= fail_on ? failed : warned) = true;
    return failed ? qc::FileVerdict::Fail : warned ? qc::FileVerdict::Warn : qc::FileVerdict::Pass;
}

qc::FileReport validate_file(const std::string& input, const ValidateRequest& request,
                             const MeasurementPlan& plan, const qc::QcProfile* profile,
                             const std::map<std::string, Value>& params, qc::Severity fail_on) {
    qc::FileReport report;
    report.analysis.facts.path = input;
    auto info = probe(input);
    if (!info) {
        report.error = info.error().message();
        report.verdict = qc::FileVerdict::Error;
        return report;
    }
    info->path = input;
    report.analysis.facts = qc::file_facts_from(*info);
    report.analysis.facts.path = input;
    std::optional<qc::FileReport> measured;
    if (plan.decode && profile) {
        qc::QcRequest qc_request;
        qc_request.inputs = {input};
        qc_request.profile = *profile;
        qc_request.threads = request.threads;
        auto run = qc::run_qc(qc_request);
        if (run && !run->files.empty()) {
            measured = std::move(run->files.front());
            if (!measured->error.empty()) report.error = measured->error;
        } else if (!run) {
            report.error = run.error().message();
        }
    }
    const detail::FileFields fields{&*info, measured ? &*measured : nullptr, &params};
    for (const Rule& rule : request.spec.rules) report.checks.push_back(decide(rule, fields));
    // The QC pass's analysis (graphs, facts) goes to the report once the rules are decided.
    if (measured) report.analysis = std::move(measured->analysis);
    report.verdict = verdict_of(report, fail_on);
    return report;
}

}  // namespace

MeasurementPlan plan_measurements(const Spec& spec) {
    std::vector<std::string> fields, checks;
    for (const Rule& rule : spec.rules) {
        collect_fields(rule.check, fields, checks);
        if (rule.when) collect_fields(*rule.when, fields, checks);
    }
    for (const std::string& name : fields)
        if (const FieldInfo* field = find_field(name);
            field && field->source == FieldSource::Measure)
            checks.insert(checks.end(), field->qc_checks.begin(), field->qc_checks.end());
    std::sort(checks.begin(), checks.end());
    checks.erase(std::unique(checks.begin(), checks.end()), checks.end());
    MeasurementPlan plan;
    plan.decode = !checks.empty();
    plan.qc_checks = std::move(checks);
    return plan;
}

Result<qc::QcReport> run_validate(const ValidateRequest& request) {
    if (request.inputs.empty())
        return Error(ErrorCode::InvalidArgument, "validate: no input files given");
    MEDIA_TRY_ASSIGN(const auto params, resolve_parameters(request));
    const MeasurementPlan plan = plan_measurements(request.spec);
    std::optional<qc::QcProfile> profile;
    if (plan.decode) {
        auto loaded = measurement_profile(request.spec, plan);
        if (!loaded)
            return Error(
                ErrorCode::InvalidArgument,
                fmt::format("spec {}: {}", request.spec.info.name, loaded.error().message()));
        profile = std::move(*loaded);
    }
    const SpecInfo& info = request.spec.info;
    qc::QcReport report;
    report.kind = qc::ReportKind::Validate;
    report.profile_name = info.name;
    report.profile_version = info.version;
    report.profile_source = info.source;
    report.spec_issuer = info.issuer;
    report.spec_document = info.document_date.empty()
                               ? info.document
                               : fmt::format("{} ({})", info.document, info.document_date);
    report.severity_style = info.severity_style;
    report.fail_on = request.strict ? qc::Severity::Info : info.fail_on;
    for (const Parameter& parameter : request.spec.parameters)
        report.parameters.push_back({parameter.name, params.at(parameter.name).to_text()});
    for (const std::string& input : request.inputs) {
        qc::FileReport file = validate_file(input, request, plan, profile ? &*profile : nullptr,
                                            params, report.fail_on);
        if (request.on_file) request.on_file(file);
        report.files.push_back(std::move(file));
    }
    return report;
}

}  // namespace media::spec
