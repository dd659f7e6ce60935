// SPDX-License-Identifier: Apache-2.0
#include "cli.h"

#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

namespace slate {

ParseExit parse_with(CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    if (!reversed.empty()) reversed.pop_back();  // args[0] is the command's own name
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        return {kExitOk, app.help()};
    } catch (const CLI::CallForAllHelp&) {
        return {kExitOk, app.help("", CLI::AppFormatMode::All)};
    } catch (const CLI::ParseError& e) {
        return {kExitUsage, std::string(e.what()) + "\nRun with --help for more information.\n"};
    }
    return {-1, {}};
}

int report_error(std::string_view command, const media::Error& error) {
    std::cerr << "slate " << command << ": error: " << error.to_string() << '\n';
    return kExitInputError;
}

void add_device_option(CLI::App& app, std::string& device, std::string_view what) {
    app.add_option("--device", device,
                   fmt::format("Where {} run: auto (CUDA when present), cpu, cuda (an error "
                               "without a GPU)",
                               what))
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
}

media::DevicePolicy device_policy(std::string_view name) {
    if (name == "cpu") return media::DevicePolicy::Cpu;
    if (name == "cuda") return media::DevicePolicy::Cuda;
    return media::DevicePolicy::Auto;
}

media::Result<media::DeviceInfo> settle_device(std::string_view command, std::string_view name) {
    const media::DevicePolicy policy = device_policy(name);
    MEDIA_TRY_ASSIGN(media::DeviceInfo device, media::resolve_device(policy));
    // Only an explicit --device auto says so: most runs are on machines without a GPU, and a
    // line on every one of them would be noise.
    if (name == "auto" && device.kind == media::DeviceKind::Cpu)
        std::cerr << "slate " << command << ": info: no CUDA device ("
                  << media::cuda_unavailable_reason() << "); running on the CPU\n";
    return device;
}

int finish(const ParseExit& exit) {
    auto& stream = exit.code == kExitOk ? std::cout : std::cerr;
    stream << exit.text;
    if (!exit.text.empty() && exit.text.back() != '\n') stream << '\n';
    return exit.code;
}

}  // namespace slate
