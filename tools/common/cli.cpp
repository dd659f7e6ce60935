// SPDX-License-Identifier: Apache-2.0
#include "cli.h"

#include <cstdio>
#include <iostream>

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

int finish(const ParseExit& exit) {
    auto& stream = exit.code == kExitOk ? std::cout : std::cerr;
    stream << exit.text;
    if (!exit.text.empty() && exit.text.back() != '\n') stream << '\n';
    return exit.code;
}

}  // namespace slate
