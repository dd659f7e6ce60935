// SPDX-License-Identifier: Apache-2.0
// The command table: one row per tools/<command>/ folder.
#include <array>

#include "common/cli.h"
#include "probe/probe_command.h"
#include "samples/samples_command.h"

namespace slate {

std::span<const Command> commands() {
    static constexpr std::array table{
        Command{"probe", "Describe media files and image sequences (like ffprobe)", run_probe},
        Command{"samples", "Generate the sample dailies (and a defects set) into a folder",
                run_samples},
    };
    return table;
}

}  // namespace slate
