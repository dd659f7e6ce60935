// SPDX-License-Identifier: Apache-2.0
#include "transcode/transcode_args.h"

#include <CLI/CLI.hpp>

#include "common/cli.h"

namespace slate {
namespace {

constexpr const char* kFooter = R"(Presets:
  A built-in name (slate transcode --list-presets) or a preset file (.yaml).

Looks (applied in this order): --cdl FILE (.cdl/.cc/.ccc/.edl), --look NAME|FILE,
  --lut FILE (.cube/.3dl/.spi1d/.spi3d), then --from SPACE --to SPACE (built-in
  colour spaces, see slate grade --list-spaces; PQ/HLG to an SDR space is tone
  mapped with BT.2390).

Burn-ins come from the preset; --burnin-text and --watermark add elements,
  --no-burnin removes the preset's. Text is drawn exactly as written.

Naming fields: {clip} {reel} {tc} {preset} {date} {time} {codec} {width}
  {height} {fps} {ext} {index}.

Chunked encode (one long source in pieces, joined with slate join):
  --frames START:END --no-audio   source frames START..END-1 (END past the end
                                  stops there), video only, timecode shifted
  --audio-only                    the whole programme's audio with the preset's
                                  audio settings, in a QuickTime file NAME.mov

Every output is re-probed and checked (frame count, duration, start timecode,
  size, codec, pixel format) unless --no-verify.

Exit codes:
  0  every output was written and checked
  1  an output failed its check (it was removed)
  2  an input was unreadable, or an output could not be written
  3  usage error)";

}  // namespace

void add_job_options(CLI::App& app, JobOptions& job) {
    app.add_option("--cdl", job.cdl, "ASC CDL file (.cdl, .cc, .ccc) or CMX3600 EDL (.edl)");
    app.add_option("--cdl-id", job.cdl_id, "Correction id inside a .ccc/.cdl");
    app.add_option("--look", job.look, "Built-in look name or look file (.yaml)");
    app.add_option("--lut", job.lut, "LUT file (.cube, .3dl, .spi1d, .spi3d)");
    app.add_option("--from", job.from, "Source colour space (e.g. logc3, rec2100-pq)");
    app.add_option("--to", job.to, "Target colour space (e.g. rec709)");
    // One value per flag: a following input file must never become burn-in text.
    app.add_option("--burnin-text", job.burnin_text, "Add a free-text burn-in (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--watermark", job.watermark, "Add a translucent centred watermark");
    app.add_flag("--no-burnin", job.no_burnin, "Drop the preset's burn-ins");
    add_device_option(app, job.device);
    app.add_option("--name", job.name, "Output naming template instead of the preset's");
    app.add_flag("--overwrite", job.overwrite, "Replace outputs that exist");
    app.add_flag("--dry-run", job.dry_run, "Print what would be done; write nothing");
    app.add_flag("--tolerate-decode-errors", job.tolerate_decode_errors,
                 "Finish despite decode errors and report their count");
    app.add_flag("!--no-verify", job.verify, "Skip re-probing and checking each output");
    app.add_option("--threads", job.threads, "Decoder/encoder threads per job (0: automatic)")
        ->check(CLI::Range(0, 256));
    app.add_option("--rate", job.sequence_rate,
                   "Frame rate of image sequence inputs (24, 25, 23.976, 24000/1001...)");
}

ParseResult<TranscodeSettings> parse_transcode_args(const std::vector<std::string>& args) {
    TranscodeSettings settings;
    CLI::App app("Transcode clips with a preset: scale, look, burn-ins, carried timecode.",
                 "slate transcode");
    app.add_option("inputs", settings.inputs, "Media files or image sequence patterns");
    app.add_option("-p,--preset", settings.preset, "Preset name or file");
    app.add_option("-o,--output", settings.job.output_dir, "Output folder");
    app.add_option("--clip", settings.clip, "Clip name (default: the file name)");
    app.add_option("--reel", settings.reel, "Reel / tape name (default: source tag or clip)");
    app.add_flag("--json", settings.json, "Print one JSON document (schema slate.transcode)");
    app.add_flag("--list-presets", settings.list_presets, "List the built-in presets");
    std::string frames;
    app.add_option("--frames", frames, "Only source frames START:END (END exclusive): a chunk");
    app.add_flag("--no-audio", settings.no_audio, "Video only (chunks of a chunked encode)");
    app.add_flag("--audio-only", settings.audio_only,
                 "The programme's audio alone, with the preset's audio settings (.mov)");
    add_job_options(app, settings.job);
    app.footer(kFooter);
    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;
    if (settings.list_presets) return settings;
    if (!frames.empty()) {
        settings.frames = media::parse_frame_range(frames);
        if (!settings.frames)
            return ParseExit{
                kExitUsage,
                "slate transcode: --frames: not START:END with START < END: '" + frames + "'\n"};
    }
    if (settings.audio_only && (settings.no_audio || settings.frames))
        return ParseExit{kExitUsage,
                         "slate transcode: --audio-only takes neither --frames nor --no-audio\n"};
    if (settings.inputs.empty()) return ParseExit{kExitUsage, "slate transcode: no input given\n"};
    if (settings.preset.empty())
        return ParseExit{kExitUsage, "slate transcode: --preset is required\n"};
    if (settings.job.output_dir.empty())
        return ParseExit{kExitUsage, "slate transcode: --output is required\n"};
    if (settings.inputs.size() > 1 && !settings.clip.empty())
        return ParseExit{kExitUsage, "slate transcode: --clip takes one input only\n"};
    if (settings.inputs.size() > 1 && (settings.frames || settings.audio_only))
        return ParseExit{kExitUsage,
                         "slate transcode: --frames and --audio-only take one input only\n"};
    return settings;
}

}  // namespace slate
