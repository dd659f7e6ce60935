// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/cli.h"
#include "media/core/device.h"
#include "media/core/version.h"
#include "media/io/library_versions.h"

namespace {

void print_usage(std::ostream& out) {
    out << "slate: post-production media toolkit\n\n"
           "Usage: slate <command> [options]   (slate <command> --help for its options)\n\n"
           "Commands:\n";
    for (const auto& command : slate::commands())
        out << fmt::format("  {:<12}{}\n", command.name, command.summary);
    out << "\nOptions:\n  -h, --help     this text\n  --version      library versions and "
           "CUDA devices\n\n"
           "Exit codes: 0 ok, 1 checks failed, 2 input unreadable or runtime error, 3 usage "
           "error.\n";
}

void print_version() {
    std::cout << "slate " << media::slate_version() << '\n';
    for (const auto& [name, version] : media::library_versions())
        std::cout << fmt::format("  {:<14}{}\n", name, version);
    std::cout << fmt::format("  {:<14}{}\n", "CUDA", media::cuda_built_in() ? "built in" : "not built");
    auto devices = media::cuda_devices();
    if (media::cuda_built_in() && devices.empty()) std::cout << "  devices       none found\n";
    for (const auto& device : devices)
        std::cout << fmt::format("  device {:<7}{} ({} MiB, sm_{}{})\n", device.index, device.name,
                                 device.memory_bytes >> 20, device.compute_major,
                                 device.compute_minor);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_usage(std::cerr);
        return slate::kExitUsage;
    }
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        print_usage(std::cout);
        return slate::kExitOk;
    }
    if (args[0] == "--version" || args[0] == "version") {
        print_version();
        return slate::kExitOk;
    }
    for (const auto& command : slate::commands())
        if (command.name == args[0]) return command.run(args);
    std::cerr << "slate: unknown command '" << args[0] << "'\n\n";
    print_usage(std::cerr);
    return slate::kExitUsage;
}
