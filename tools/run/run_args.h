// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/cli.h"

namespace slate {

/// What `slate run` was asked to do.
struct RunSettings {
    std::string plan;          ///< the plan file
    std::string on = "local";  ///< "local" or "slurm"
    bool resume = false;
    int cores = 0;     ///< local: cores to fill (0: all)
    std::string json;  ///< write the run report here ("-": stdout)
    std::vector<std::string> sbatch_args;
    bool quiet = false;
    std::string slate;  ///< the executable tasks run ("": this one)
    double poll_seconds = 0.5;
};

/// Parses `slate run` arguments (args[0] is the command name).
ParseResult<RunSettings> parse_run_args(const std::vector<std::string>& args);

/// What `slate task` was asked to do.
struct TaskSettings {
    std::string plan;
    std::string step;
    size_t index = 0;
    std::string slate;  ///< the executable the task's argv[0] becomes ("": this one)
};

/// Parses `slate task` arguments (args[0] is the command name).
ParseResult<TaskSettings> parse_task_args(const std::vector<std::string>& args);

}  // namespace slate
