// SPDX-License-Identifier: Apache-2.0
#include "mhl/mhl_args.h"

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kFooter = R"(Commands:
  create DIR   hash every file under DIR (except ascmhl/ and hidden temporary files) and
               write the next generation ascmhl/NNNN_<folder>_<date>_<time>Z.mhl plus the
               chain file ascmhl/ascmhl_chain.xml (ASC MHL v2.0, xxh64 + MD5). Files already
               recorded are verified first: a changed file is recorded as "failed".
  verify DIR   check every recorded file against the history and the chain file.

Output:
  One line per problem file (modified, missing, new) and a summary on stdout; with --json
  exactly one JSON document (schema "slate.mhl-verify" or "slate.mhl-create", version 1).

Exit codes:
  0  every recorded file verified (create: and none failed or went missing)
  1  a file is modified, missing or new, or a manifest differs from the chain file
  2  DIR or its history could not be read (verify: no ascmhl/ history)
  3  usage error)";

}  // namespace

ParseResult<MhlSettings> parse_mhl_args(const std::vector<std::string>& args) {
    MhlSettings settings;
    CLI::App app("Create or verify ASC MHL checksum generations for a folder.", "slate mhl");
    app.require_subcommand(1, 1);
    app.footer(kFooter);

    CLI::App* create = app.add_subcommand("create", "Write the next ASC MHL generation");
    create->add_option("dir", settings.root, "Folder to hash")->required();
    create->add_option("--process", settings.process, "ASC MHL process type")
        ->check(CLI::IsMember({"in-place", "transfer", "flatten"}))
        ->capture_default_str();
    create->add_option("--comment", settings.comment, "Comment recorded in the manifest");
    create->add_flag("--no-md5{false}", settings.md5, "Record xxh64 only");
    create->add_flag("--json", settings.json, "Print one JSON document instead of text");

    CLI::App* verify = app.add_subcommand("verify", "Check a folder against its ASC MHL history");
    verify->add_option("dir", settings.root, "Folder to verify")->required();
    verify->add_flag("--json", settings.json, "Print one JSON document instead of text");

    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;
    settings.action = create->parsed() ? MhlSettings::Action::Create : MhlSettings::Action::Verify;
    return settings;
}

}  // namespace slate
