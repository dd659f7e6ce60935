// SPDX-License-Identifier: Apache-2.0
// `slate mhl create|verify DIR`: one libmedia call, text or one JSON document, an exit code.
#include "mhl/mhl_command.h"

#include <iostream>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/cli.h"
#include "media/batch/ascmhl.h"
#include "mhl/mhl_args.h"

namespace slate {
namespace {

using media::batch::MhlGeneration;
using media::batch::MhlVerifyReport;

int create_exit(const MhlGeneration& generation) {
    return generation.modified > 0 || generation.missing > 0 ? kExitChecksFailed : kExitOk;
}

void print_create(const MhlSettings& settings, const MhlGeneration& generation) {
    if (settings.json) {
        nlohmann::ordered_json doc = {{"schema", "slate.mhl-create"},
                                      {"version", 1},
                                      {"root", settings.root},
                                      {"generation", generation.number},
                                      {"manifest", generation.manifest_path},
                                      {"files", generation.files},
                                      {"new", generation.new_files},
                                      {"failed", generation.modified},
                                      {"missing", generation.missing}};
        std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return;
    }
    std::cout << fmt::format(
        "{}\n  generation {}: {} files, {} new, {} failed verification, {} "
        "missing\n",
        generation.manifest_path, generation.number, generation.files, generation.new_files,
        generation.modified, generation.missing);
}

// File names are shown verbatim except control characters, which would break the line layout.
std::string printable(const std::string& path) {
    std::string out;
    for (unsigned char c : path)
        out += c < 0x20 || c == 0x7f ? fmt::format("\\x{:02x}", c)
                                     : std::string(1, static_cast<char>(c));
    return out;
}

// Problem files in a stable order: modified, missing, new.
std::vector<std::pair<std::string, std::string>> problems(const MhlVerifyReport& report) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& path : report.modified) out.emplace_back(path, "modified");
    for (const auto& path : report.missing) out.emplace_back(path, "missing");
    for (const auto& path : report.new_files) out.emplace_back(path, "new");
    return out;
}

void print_verify_json(const MhlSettings& settings, const MhlVerifyReport& report) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto& [path, state] : problems(report))
        files.push_back({{"path", path}, {"state", state}});
    nlohmann::ordered_json doc = {{"schema", "slate.mhl-verify"},
                                  {"version", 1},
                                  {"root", settings.root},
                                  {"generation", report.generation},
                                  {"ok", report.ok()},
                                  {"verified", report.verified.size()},
                                  {"modified", report.modified.size()},
                                  {"missing", report.missing.size()},
                                  {"new", report.new_files.size()},
                                  {"files", files},
                                  {"chain_errors", report.chain_errors}};
    // Hostile file names may not be valid UTF-8: replace rather than throw.
    std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void print_verify_text(const MhlSettings& settings, const MhlVerifyReport& report) {
    for (const auto& [path, state] : problems(report))
        std::cout << fmt::format("{:<9} {}\n", state, printable(path));
    for (const auto& error : report.chain_errors)
        std::cout << fmt::format("{:<9} {}\n", "chain", printable(error));
    std::cout << fmt::format("{}: generation {}: {} verified, {} modified, {} missing, {} new{}\n",
                             settings.root, report.generation, report.verified.size(),
                             report.modified.size(), report.missing.size(), report.new_files.size(),
                             report.chain_errors.empty() ? "" : ", chain file mismatch");
}

int run_create(const MhlSettings& settings) {
    media::batch::MhlOptions options;
    options.process = settings.process;
    options.comment = settings.comment;
    options.md5 = settings.md5;
    auto generation = media::batch::create_mhl_generation(settings.root, options);
    if (!generation) return report_error("mhl", generation.error());
    print_create(settings, *generation);
    return create_exit(*generation);
}

int run_verify(const MhlSettings& settings) {
    auto report = media::batch::verify_mhl(settings.root);
    if (!report) return report_error("mhl", report.error());
    if (settings.json)
        print_verify_json(settings, *report);
    else
        print_verify_text(settings, *report);
    return report->ok() ? kExitOk : kExitChecksFailed;
}

}  // namespace

int run_mhl(const std::vector<std::string>& args) {
    auto parsed = parse_mhl_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<MhlSettings>(parsed);
    return settings.action == MhlSettings::Action::Create ? run_create(settings)
                                                          : run_verify(settings);
}

}  // namespace slate
