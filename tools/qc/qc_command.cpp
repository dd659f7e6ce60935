// SPDX-License-Identifier: Apache-2.0
// `slate qc`: parse, load the profile, run the QC session (one decode pass per file, or a merge
// of shards; reports written atomically), print a summary, exit with the verdict. --shard writes
// one frame range's measures instead.
#include "qc/qc_command.h"

#include <iostream>
#include <variant>

#include <fmt/format.h>

#include "common/cli.h"
#include "media/qc/profile.h"
#include "media/qc/qc_shard.h"
#include "media/report/qc_session.h"
#include "media/report/qc_writers.h"
#include "qc/qc_args.h"

namespace slate {
namespace {

int list_profiles() {
    std::cout << fmt::format("Built-in QC profiles ({}):\n", media::qc::qc_profiles_dir());
    for (const std::string& name : media::qc::builtin_profile_names()) {
        auto profile = media::qc::load_profile(name);
        std::cout << fmt::format("  {:<22} {}\n", name,
                                 profile ? profile->description : profile.error().message());
    }
    return kExitOk;
}

media::report::QcSession session_for(const QcSettings& s, media::qc::QcProfile profile) {
    media::report::QcSession session;
    session.request.inputs = s.inputs;
    session.request.profile = std::move(profile);
    session.request.threads = s.threads;
    session.request.device = device_policy(s.device);
    session.request.continuous = s.continuous;
    session.request.reference = s.reference;
    session.json_path = s.json;
    session.junit_path = s.junit;
    session.html_path = s.html;
    session.frames_csv_path = s.frames_csv;
    session.evidence_dir = s.evidence_dir;
    session.json.series = s.series;
    session.merge_shards = s.merge_shards;
    return session;
}

// `slate qc FILE --shard START:END --shard-out S`: one frame range's measures for a later merge.
int write_shard(const QcSettings& s, const media::qc::QcProfile& profile) {
    media::qc::QcShardRequest request;
    request.input = s.inputs.front();
    request.profile = profile;
    request.frames = *s.shard;
    request.output = s.shard_out;
    request.threads = s.threads;
    request.device = device_policy(s.device);
    if (auto written = media::qc::run_qc_shard(request); !written)
        return report_error("qc", written.error());
    if (!s.quiet)
        std::cout << fmt::format("shard {} of {}: {}\n", media::format_frame_range(*s.shard),
                                 request.input, s.shard_out);
    return kExitOk;
}

}  // namespace

int run_qc(const std::vector<std::string>& args) {
    auto parsed = parse_qc_args(args);
    if (auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const QcSettings& s = std::get<QcSettings>(parsed);
    if (s.list_profiles) return list_profiles();
    auto profile = media::qc::load_profile(s.profile);
    if (!profile) return report_error("qc", profile.error());
    if (auto device = settle_device("qc", s.device); !device)
        return report_error("qc", device.error());
    if (s.shard) return write_shard(s, *profile);
    auto report = media::report::run_qc_session(session_for(s, std::move(*profile)));
    if (!report) return report_error("qc", report.error());
    if (s.json == "-")
        std::cout << media::report::qc_report_json(*report, {s.series, true});
    else if (!s.quiet)
        std::cout << media::report::qc_report_text(*report, s.verbose);
    return report->exit_code();
}

}  // namespace slate
