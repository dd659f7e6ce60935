// SPDX-License-Identifier: Apache-2.0
// `slate join`: encoded chunks and the programme's audio into one file, without re-encoding,
// verified against the source (media::transcode::join_chunks).
#include "join/join_command.h"

#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "common/cli.h"
#include "media/transcode/chunked.h"

namespace slate {
namespace {

namespace tc = media::transcode;

constexpr const char* kFooter =
    R"(The chunks (from slate transcode --frames A:B --no-audio) are remuxed in the
order given, their timestamps running on; the audio (from slate transcode
--audio-only) is added as it is; the source's start timecode is written. The
joined file is then decoded and checked against the source: frame count,
continuous timestamps, duration and start timecode. Output goes to a temporary
name and is renamed only when it passes.

Exit codes:
  0  joined and verified
  2  a chunk, the audio or the source was unreadable or unfit, or the joined
     file failed verification (nothing is left under the output name)
  3  usage error)";

struct JoinSettings {
    tc::JoinRequest request;
    bool json = false;
};

ParseResult<JoinSettings> parse_join_args(const std::vector<std::string>& args) {
    JoinSettings settings;
    tc::JoinRequest& request = settings.request;
    CLI::App app("Join encoded chunks into one programme without re-encoding; verify it.",
                 "slate join");
    app.add_option("chunks", request.chunks, "Video-only chunk files, in order");
    app.add_option("--audio", request.audio,
                   "The programme's audio (slate transcode --audio-only)");
    app.add_option("--source", request.source, "The source the chunks were encoded from");
    app.add_option("-o,--output", request.output, "The joined file (container from its name)");
    app.add_flag("--overwrite", request.overwrite, "Replace an existing output");
    app.add_flag("--decode-all", request.decode_every_frame,
                 "Verify by decoding every frame (default: every packet, and a decode at each "
                 "join)");
    app.add_flag("--json", settings.json, "Print one JSON document (schema slate.join)");
    app.footer(kFooter);
    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;
    if (request.chunks.empty()) return ParseExit{kExitUsage, "slate join: no chunks given\n"};
    if (request.source.empty())
        return ParseExit{kExitUsage, "slate join: --source is required (for verification)\n"};
    if (request.output.empty()) return ParseExit{kExitUsage, "slate join: --output is required\n"};
    return settings;
}

nlohmann::json result_json(const tc::JoinRequest& request, const tc::JoinResult& result) {
    return {
        {"schema", "slate.join"},
        {"version", 1},
        {"output", result.output},
        {"chunks", request.chunks},
        {"audio", request.audio.empty() ? nlohmann::json(nullptr) : nlohmann::json(request.audio)},
        {"source", request.source},
        {"frames", result.frames},
        {"duration_seconds", result.duration_seconds},
        {"start_timecode",
         result.start_timecode ? nlohmann::json(result.start_timecode->to_string()) : nullptr},
        {"verified", result.ok()},
        {"problems", result.problems}};
}

}  // namespace

int run_join(const std::vector<std::string>& args) {
    auto parsed = parse_join_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<JoinSettings>(parsed);
    auto result = tc::join_chunks(settings.request);
    if (!result) return report_error("join", result.error());
    if (settings.json) {
        std::cout << result_json(settings.request, *result).dump(2) << '\n';
        return kExitOk;
    }
    std::cout << fmt::format(
        "{} chunks{} -> {}: {} frames, {:.3f} s{}, verified (frame count, continuous timestamps, "
        "duration, start timecode against {})\n",
        settings.request.chunks.size(), settings.request.audio.empty() ? "" : " + audio",
        result->output, result->frames, result->duration_seconds,
        result->start_timecode ? ", TC " + result->start_timecode->to_string() : "",
        settings.request.source);
    return kExitOk;
}

}  // namespace slate
