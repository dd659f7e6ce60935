// SPDX-License-Identifier: Apache-2.0
#include "compare/compare_args.h"

#include <cstdlib>

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kFooter =
    R"(Metrics are computed as libvmaf defines them: psnr (Y, Cb, Cr and combined; capped at
6*bits+12 dB for identical frames), ssim (float_ssim, auto-downscaled like libvmaf),
ms_ssim (float_ms_ssim) and vmaf (v0.6.1 features and libvmaf's JSON models).

Inputs are any container, codec or image sequence; headerless .yuv files need --raw
(or --ref-raw / --dist-raw) WxH[:pixfmt[:rate]], e.g. 1920x1080:yuv420p10le:24.
The distorted picture is scaled to the reference's size (bicubic) and converted to its
format and bit depth when they differ (--no-scale makes a size difference an error).

VMAF models: --vmaf-model takes a name (vmaf_v0.6.1, vmaf_v0.6.1neg, vmaf_4k_v0.6.1, ...)
or a .json file; names are looked up in $SLATE_VMAF_MODEL_PATH and libvmaf's install
folders. Repeat the option for several models: the first is reported as "vmaf".

Outputs (files are written under a temporary name, then renamed):
  --json F   libvmaf-like JSON: frames with frameNum and metrics, pooled min/max/mean/
             harmonic_mean (+ p1, p5)
  --csv F    one row per frame
  --xml F    libvmaf's XML layout
One of them may be "-" (standard output, instead of the summary).

Sharding (a long master on a farm): --shard START:END --shard-out F compares frame pairs
START..END-1 only (END exclusive, "START:" to the end) and writes their rows to the shard
file F; --merge-shards F... (the same inputs and options, shards in any order) merges them
into the result and outputs of one run. Shards must cover every frame once.

Exit codes: 0 compared (and every --fail-under met), 1 a --fail-under was not met,
2 unreadable input or model, different rates/lengths/sizes, 3 usage error.)";

ParseExit usage(const std::string& message) {
    return ParseExit{kExitUsage, "slate compare: " + message + "\n"};
}

bool raw_extension(const std::string& path) {
    const auto dot = path.rfind('.');
    if (dot == std::string::npos) return false;
    const std::string ext = path.substr(dot + 1);
    return ext == "yuv" || ext == "raw";
}

/// The shard options' rules; parses --shard into s.shard. An error message, or empty.
std::string check_shard_options(CompareSettings& s, const std::string& shard) {
    const bool reports =
        !s.outputs.json.empty() || !s.outputs.csv.empty() || !s.outputs.xml.empty();
    if (!shard.empty()) {
        s.shard = media::parse_frame_range(shard);
        if (!s.shard)
            return "--shard wants START:END (END exclusive) or START:, got '" + shard + "'";
        if (s.shard_out.empty()) return "--shard needs --shard-out FILE";
        if (!s.merge_shards.empty()) return "--shard and --merge-shards: choose one";
        if (reports) return "--shard writes a shard file, not --json/--csv/--xml (merge first)";
        if (!s.fail_under.empty()) return "--fail-under applies to the merge, not to a shard";
    } else if (!s.shard_out.empty()) {
        return "--shard-out needs --shard START:END";
    }
    return {};
}

}  // namespace

ParseResult<CompareSettings> parse_compare_args(const std::vector<std::string>& args) {
    CompareSettings s;
    media::metrics::CompareRequest& r = s.request;
    std::string metrics = "psnr,ssim,ms_ssim,vmaf";
    std::vector<std::string> models;
    std::string raw, ref_raw, dist_raw;
    std::vector<std::string> fail_under;
    bool no_scale = false;
    int64_t frames = 0;
    CLI::App app(
        "Compare a distorted video with its reference: PSNR, SSIM, MS-SSIM and VMAF "
        "with libvmaf's numbers, from any file.",
        "slate compare");
    app.add_option("reference", r.reference.path, "Reference (source) file")->required();
    app.add_option("distorted", r.distorted.path, "Distorted (encoded, proxy) file")->required();
    app.add_option("-m,--metrics", metrics, "Comma-separated: psnr,ssim,ms_ssim,vmaf");
    app.add_option("--vmaf-model", models, "VMAF model name or .json file (repeatable)");
    app.add_option("--json", s.outputs.json, "Write JSON here (- = stdout)");
    app.add_option("--csv", s.outputs.csv, "Write per-frame CSV here (- = stdout)");
    app.add_option("--xml", s.outputs.xml, "Write XML here (- = stdout)");
    app.add_option("-j,--threads", r.threads, "Metric threads (0 = every core)")
        ->check(CLI::Range(0, 256));
    app.add_option("--ref-offset", r.reference.offset, "Skip this many reference frames")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--dist-offset", r.distorted.offset, "Skip this many distorted frames")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--frames", frames, "Compare at most this many frames")
        ->check(CLI::PositiveNumber);
    app.add_flag("--allow-length-mismatch", r.allow_length_mismatch,
                 "Compare the common part when lengths differ");
    app.add_flag("--no-scale", no_scale, "A size difference is an error (no scaling)");
    app.add_option("--raw", raw, "Raw format of .yuv/.raw inputs: WxH[:pixfmt[:rate]]");
    app.add_option("--ref-raw", ref_raw, "Read the reference as raw video of this format");
    app.add_option("--dist-raw", dist_raw, "Read the distorted input as raw video of this format");
    app.add_option("--ssim-scale", r.ssim_scale, "float_ssim downscale (0 = libvmaf's automatic)")
        ->check(CLI::Range(0, 64));
    app.add_flag("--vmaf-transform", r.vmaf_predict.enable_transform,
                 "Apply the model's score transform even when the file leaves it off");
    app.add_flag("--no-clip", r.vmaf_predict.disable_clip,
                 "Do not clip VMAF scores to the model's range");
    app.add_option("--fail-under", fail_under,
                   "METRIC=VALUE: exit 1 when the pooled mean is lower (e.g. vmaf=93)");
    app.add_flag("-q,--quiet", s.quiet, "No summary on stdout");
    std::string shard;
    app.add_option("--shard", shard,
                   "Compare only frames START:END (END exclusive; START: to the end)");
    app.add_option("--shard-out", s.shard_out, "Shard file --shard writes");
    app.add_option("--merge-shards", s.merge_shards, "Merge these shard files (any order)")
        ->expected(1, -1);
    add_device_option(app, s.device, "the metrics");
    app.footer(kFooter);
    if (ParseExit exit = parse_with(app, args); exit.code != -1) return exit;

    r.metrics.clear();
    for (size_t start = 0; start <= metrics.size();) {
        size_t comma = metrics.find(',', start);
        if (comma == std::string::npos) comma = metrics.size();
        const std::string name = metrics.substr(start, comma - start);
        start = comma + 1;
        if (name.empty()) continue;
        auto metric = media::metrics::metric_from_name(name);
        if (!metric) return usage("unknown metric '" + name + "' (psnr, ssim, ms_ssim, vmaf)");
        bool seen = false;
        for (auto m : r.metrics) seen = seen || m == *metric;
        if (!seen) r.metrics.push_back(*metric);
    }
    if (r.metrics.empty()) return usage("--metrics names no metric");
    if (!models.empty()) r.vmaf_models = models;
    if (frames > 0) r.frame_count = frames;
    r.scale_to_reference = !no_scale;
    r.device = device_policy(s.device);

    auto raw_for = [&](const std::string& specific, const std::string& path,
                       std::optional<media::RawVideoFormat>& out) -> std::string {
        const std::string& text = !specific.empty() ? specific : (raw_extension(path) ? raw : "");
        if (text.empty()) {
            if (raw_extension(path))
                return "'" + path +
                       "' is headerless raw video: give its format with --raw WxH[:pixfmt[:rate]]";
            return {};
        }
        auto parsed = media::parse_raw_video_format(text);
        if (!parsed) return parsed.error().message();
        out = *parsed;
        return {};
    };
    if (std::string e = raw_for(ref_raw, r.reference.path, r.reference.raw); !e.empty())
        return usage(e);
    if (std::string e = raw_for(dist_raw, r.distorted.path, r.distorted.raw); !e.empty())
        return usage(e);

    int to_stdout = 0;
    for (const std::string* p : {&s.outputs.json, &s.outputs.csv, &s.outputs.xml})
        to_stdout += *p == "-";
    if (to_stdout > 1)
        return usage("only one of --json, --csv, --xml can be written to stdout (-)");
    if (to_stdout == 1 && s.quiet) return usage("an output to stdout and --quiet: choose one");

    for (const std::string& item : fail_under) {
        const auto eq = item.find('=');
        char* end = nullptr;
        const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
        const double minimum = std::strtod(value.c_str(), &end);
        if (eq == std::string::npos || eq == 0 || value.empty() || *end != '\0')
            return usage("--fail-under wants METRIC=VALUE, got '" + item + "'");
        s.fail_under.emplace_back(item.substr(0, eq), minimum);
    }
    if (std::string e = check_shard_options(s, shard); !e.empty()) return usage(e);
    return s;
}

}  // namespace slate
