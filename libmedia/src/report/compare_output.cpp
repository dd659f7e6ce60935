// SPDX-License-Identifier: Apache-2.0
// Writes the comparison's requested outputs: every destination is checked before anything is
// written, each file goes to a temporary name and is renamed when whole.
#include <cstdio>

#include "media/core/text_file.h"
#include "media/io/temp_output.h"
#include "media/report/compare_writers.h"

namespace media::report {

Result<void> write_compare_outputs(const metrics::CompareResult& result,
                                   const CompareOutputs& outputs) {
    const std::pair<const std::string*, std::string (*)(const metrics::CompareResult&)> writers[] =
        {{&outputs.json, [](const metrics::CompareResult& r) { return compare_json(r); }},
         {&outputs.csv, compare_csv},
         {&outputs.xml, compare_xml}};
    for (const auto& [path, write] : writers)
        if (!path->empty() && *path != "-") MEDIA_TRY(io::check_output_folder(*path));
    for (const auto& [path, write] : writers) {
        if (path->empty()) continue;
        const std::string text = write(result);
        if (*path == "-") {
            std::fwrite(text.data(), 1, text.size(), stdout);
            std::fflush(stdout);
        } else {
            MEDIA_TRY(write_text_file_atomically(*path, text));
        }
    }
    return ok();
}

}  // namespace media::report
