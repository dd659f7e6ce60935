// SPDX-License-Identifier: Apache-2.0
// `slate task`: one task of a job plan, as a farm worker (or `slate run --on local`) runs it.
#include "run/task_command.h"

#include <filesystem>
#include <variant>

#include "common/cli.h"
#include "media/batch/plan_runner.h"
#include "run/run_args.h"

namespace slate {

int run_task(const std::vector<std::string>& args) {
    auto parsed = parse_task_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<TaskSettings>(parsed);
    std::string slate = settings.slate;
    if (slate.empty()) {
        std::error_code ec;
        slate = std::filesystem::read_symlink("/proc/self/exe", ec).string();
        if (ec) slate = "slate";
    }
    auto code = media::batch::run_plan_task(settings.plan, settings.step, settings.index, slate);
    if (!code) return report_error("task", code.error());
    // An exit status is one byte; a code that would wrap to 0 must still read as a failure.
    return *code >= 0 && *code <= 255 ? *code : 255;
}

}  // namespace slate
