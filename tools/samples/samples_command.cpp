// SPDX-License-Identifier: Apache-2.0
#include "samples/samples_command.h"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "samples/samples_args.h"

namespace slate {
namespace {

namespace samples = media::samples;

int print_list(samples::SampleSet set) {
    const auto clips = samples::list_samples(set);
    std::size_t width = 0;
    for (const auto& clip : clips) width = std::max(width, clip.name.size());
    for (const auto& clip : clips)
        std::cout << fmt::format("{:<{}}  {:<9}{}\n", clip.name, width,
                                 samples::to_string(clip.set), clip.description);
    return kExitOk;
}

void print_report(const samples::SampleReport& report) {
    for (const auto& file : report.files)
        std::cout << fmt::format("wrote {}  ({})\n", file.path.string(), file.summary);
    for (const auto& plant : report.plants) {
        std::cout << fmt::format("plant {:<15}{} frames {}-{}", plant.kind, plant.file,
                                 plant.first_frame, plant.last_frame);
        if (plant.first_sample >= 0)
            std::cout << fmt::format(", samples {}-{}", plant.first_sample, plant.last_sample);
        std::cout << '\n';
    }
}

}  // namespace

int run_samples(const std::vector<std::string>& args) {
    auto parsed = parse_samples_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<SamplesSettings>(parsed);
    if (settings.list) return print_list(settings.set);
    const std::string what = settings.only.empty()
                                 ? "the " + std::string(samples::to_string(settings.set)) + " set"
                                 : settings.only;
    std::cerr << "slate samples: writing " << what << " into " << settings.output_dir.string()
              << '\n';
    auto report = samples::generate_samples({settings.output_dir, settings.set, settings.only});
    if (!report) return report_error("samples", report.error());
    print_report(*report);
    return kExitOk;
}

}  // namespace slate
