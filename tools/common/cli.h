// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "media/core/device.h"
#include "media/core/error.h"

namespace CLI {
class App;
}

namespace slate {

/// Process exit codes shared by every command (documented in `slate --help`).
enum ExitCode : int {
    kExitOk = 0,            ///< success; for checking commands, every check passed
    kExitChecksFailed = 1,  ///< the media was read and failed a check
    kExitInputError = 2,    ///< an input was unreadable, or a runtime/device error occurred
    kExitUsage = 3,         ///< bad command line
};

/// What argument parsing does instead of producing settings: print `text` and exit with `code`
/// (help and --version exit 0 on stdout; usage errors exit 3 on stderr).
struct ParseExit {
    int code = kExitUsage;
    std::string text;
};

/// Settings, or the exit that parsing asked for.
template <typename Settings>
using ParseResult = std::variant<Settings, ParseExit>;

/// Runs CLI11 on args (args[0] is the command name). Returns nullopt-equivalent ParseExit with
/// code -1 when parsing succeeded.
ParseExit parse_with(CLI::App& app, const std::vector<std::string>& args);

/// Prints "slate COMMAND: error: <error>" to stderr and returns the exit code for it.
int report_error(std::string_view command, const media::Error& error);

/// Adds `--device auto|cpu|cuda` (where the GPU-capable work of the command runs) to `app`.
void add_device_option(CLI::App& app, std::string& device,
                       std::string_view what = "colour pipelines and QC statistics");
/// The policy of a --device value ("auto", "cpu", "cuda").
media::DevicePolicy device_policy(std::string_view name);
/// Settles --device once for a command, before any work: an explicit `cuda` that cannot be met
/// is the error to report (exit 2); `auto` given on the command line without a usable device
/// prints one info line on stderr and runs on the CPU.
media::Result<media::DeviceInfo> settle_device(std::string_view command, std::string_view name);

/// Prints a ParseExit where it belongs and returns its code.
int finish(const ParseExit& exit);

/// One `slate` command: its name, one line of help, and its entry point.
struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(const std::vector<std::string>& args);
};

/// Every command of `slate`, in the order `slate --help` lists them.
std::span<const Command> commands();

}  // namespace slate
