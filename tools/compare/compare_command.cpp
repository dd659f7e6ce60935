// SPDX-License-Identifier: Apache-2.0
// `slate compare`: parse, run the comparison (libmedia), write the outputs, print a summary,
// exit with the verdict of any --fail-under.
#include "compare/compare_command.h"

#include <iostream>
#include <variant>

#include <fmt/format.h>

#include "common/cli.h"
#include "compare/compare_args.h"
#include "media/metrics/compare.h"
#include "media/metrics/compare_shard.h"
#include "media/report/compare_writers.h"

namespace slate {

namespace {

/// --shard: compares one frame range into a shard file and says so in one line.
int run_shard(const CompareSettings& s) {
    auto shard = media::metrics::run_compare_shard(s.request, *s.shard, s.shard_out);
    if (!shard) return report_error("compare", shard.error());
    if (!s.quiet)
        std::cout << fmt::format("shard {} -> {}: {} frames{}\n",
                                 media::format_frame_range(*s.shard), s.shard_out, shard->frames,
                                 shard->reached_end ? ", reached the end" : "");
    return kExitOk;
}

}  // namespace

int run_compare(const std::vector<std::string>& args) {
    auto parsed = parse_compare_args(args);
    if (auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const CompareSettings& s = std::get<CompareSettings>(parsed);
    if (s.merge_shards.empty())
        if (auto device = settle_device("compare", s.device); !device)
            return report_error("compare", device.error());
    if (s.shard) return run_shard(s);
    auto result = s.merge_shards.empty()
                      ? media::metrics::run_compare(s.request)
                      : media::metrics::merge_compare_shards(s.request, s.merge_shards);
    if (!result) return report_error("compare", result.error());
    if (auto written = media::report::write_compare_outputs(*result, s.outputs); !written)
        return report_error("compare", written.error());
    const bool to_stdout = s.outputs.json == "-" || s.outputs.csv == "-" || s.outputs.xml == "-";
    if (!s.quiet && !to_stdout) std::cout << media::report::compare_text(*result);
    int code = kExitOk;
    for (const auto& [name, minimum] : s.fail_under) {
        const int column = result->column(name);
        if (column < 0) {
            std::cerr << fmt::format("slate compare: --fail-under {}: no such metric in this run\n",
                                     name);
            return kExitUsage;
        }
        const double mean = result->pooled[static_cast<size_t>(column)].mean;
        if (!(mean >= minimum)) {
            std::cerr << fmt::format("slate compare: {} mean {:.4f} is under {}\n", name, mean,
                                     minimum);
            code = kExitChecksFailed;
        }
    }
    return code;
}

}  // namespace slate
