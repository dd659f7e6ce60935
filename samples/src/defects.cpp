// SPDX-License-Identifier: Apache-2.0
// The clip is ProRes 422 Proxy: an intra-only codec, so a frozen stretch decodes to bit-identical
// pictures and flat plants (black, flash) decode to exactly their code values. Plants are spaced
// at least ten frames apart so a detector's window never spans two of them.
#include "defects.h"

#include <nlohmann/json.hpp>

#include "atomic_output.h"
#include "catalog.h"
#include "manifest.h"

namespace media::samples {
namespace {

using nlohmann::json;

constexpr int64_t k_main_frames = 250;   // 10 s at 25 fps
constexpr int64_t k_part2_frames = 50;   // 2 s
constexpr int64_t k_timecode_jump = 50;  // part 2 starts 2 s later than a continuation would

// Normalised luma whose limited-range code is exactly `code` at 10 bits.
float luma_for_code10(int code) {
    return static_cast<float>((code / 4.0 - 16.0) / 219.0);
}

ClipSpec proxy_clip(int64_t frames, const char* start) {
    ClipSpec c;
    c.container = "mov";
    c.frames = frames;
    ColorInfo color;
    color.primaries = ColorPrimaries::BT709;
    color.transfer = TransferCharacteristic::BT709;
    color.matrix = MatrixCoefficients::BT709;
    color.range = ColorRange::Limited;
    c.video = VideoEncoding{"ProRes 422 Proxy",
                            "prores_ks",
                            "prores",
                            "Proxy",
                            "yuv422p10le",
                            1280,
                            720,
                            Rational(25, 1),
                            {{"profile", "proxy"}, {"vendor", "apl0"}},
                            8,
                            0,
                            "",
                            color,
                            false};
    c.audio = AudioEncoding{"pcm_s24le", 48000, 24, 0, false, standard_tones(2), ""};
    c.start_timecode = Timecode::parse(start, TimecodeRate{Rational(25, 1), false}).value();
    c.reel = "X001";
    return c;
}

std::vector<PlannedDefect> planted() {
    const Rect region{800, 450, 320, 180};  // clear of the moving box and the frame counter
    std::vector<PlannedDefect> d;
    d.push_back({DefectKind::Clipping, 20, 24, {}, {}, {}, 2, 6.0});
    d.push_back({DefectKind::Black, 50, 54, {}, {0.0f, 0.0f, 0.0f}, {}, 2, std::nullopt});
    d.push_back({DefectKind::Freeze, 75, 99, {}, {}, {}, 2, std::nullopt});
    d.push_back({DefectKind::RepeatedFrame, 110, 110, {}, {}, {}, 2, std::nullopt});
    d.push_back({DefectKind::OutOfRange,
                 120,
                 129,
                 region,
                 {luma_for_code10(1000), 0, 0},
                 {},
                 2,
                 std::nullopt});
    d.push_back({DefectKind::OutOfRange,
                 135,
                 139,
                 region,
                 {luma_for_code10(16), 0, 0},
                 {},
                 2,
                 std::nullopt});
    d.push_back({DefectKind::Flash, 150, 174, {}, {1.0f, 0, 0}, {0.2f, 0, 0}, 2, std::nullopt});
    d.push_back({DefectKind::Letterbox,
                 180,
                 189,
                 {0, 90, 1280, 540},
                 {0.0f, 0.0f, 0.0f},
                 {},
                 2,
                 std::nullopt});
    d.push_back({DefectKind::Silence, 200, 209, {}, {}, {}, 2, std::nullopt});
    d.push_back({DefectKind::LoudnessSpike, 225, 237, {}, {}, {}, 2, -1.0});
    d.push_back({DefectKind::TimecodeBreak, 0, 0, {}, {}, {}, 2, std::nullopt});
    return d;
}

bool is_audio(DefectKind kind) {
    return kind == DefectKind::Silence || kind == DefectKind::LoudnessSpike ||
           kind == DefectKind::Clipping;
}

// The content frame a file frame shows: the pattern stops moving during a freeze, and a
// repeated frame shows its predecessor's picture again.
int64_t content_index(const DefectsPlan& plan, int64_t frame) {
    for (const auto& d : plan.defects) {
        if (frame < d.first_frame || frame > d.last_frame) continue;
        if (d.kind == DefectKind::Freeze) return d.first_frame;
        if (d.kind == DefectKind::RepeatedFrame) return d.first_frame - 1;
    }
    return frame;
}

// Black bars around the active region, as a mis-framed letterboxed master has.
void letterbox(PlanarImage& image, const Rect& active, const YuvLevel& black) {
    fill_yuv(image, Rect{0, 0, image.width, active.y}, black);
    const int below = active.y + active.h;
    fill_yuv(image, Rect{0, below, image.width, image.height - below}, black);
    fill_yuv(image, Rect{0, active.y, active.x, active.h}, black);
    const int right = active.x + active.w;
    fill_yuv(image, Rect{right, active.y, image.width - right, active.h}, black);
}

void draw_main_frame(const DefectsPlan& plan, const Pattern& pattern, int64_t frame,
                     PlanarImage& image) {
    pattern.render_yuv(content_index(plan, frame), image);
    const Rect all{0, 0, image.width, image.height};
    for (const auto& d : plan.defects) {
        if (frame < d.first_frame || frame > d.last_frame) continue;
        if (d.kind == DefectKind::Black) fill_yuv(image, all, d.level);
        if (d.kind == DefectKind::OutOfRange) fill_yuv(image, d.region, d.level);
        if (d.kind == DefectKind::Letterbox) letterbox(image, d.region, d.level);
        if (d.kind == DefectKind::Flash) {
            const bool bright = ((frame - d.first_frame) / d.flash_half_period) % 2 == 0;
            fill_yuv(image, all, bright ? d.level : d.dark);
        }
    }
}

std::vector<LevelOverride> audio_overrides(const DefectsPlan& plan) {
    std::vector<LevelOverride> out;
    const ClipSpec& c = plan.main;
    for (const auto& d : plan.defects) {
        if (!is_audio(d.kind)) continue;
        const int64_t first =
            samples_before_frame(d.first_frame, c.video.rate, c.audio->sample_rate);
        const int64_t end =
            samples_before_frame(d.last_frame + 1, c.video.rate, c.audio->sample_rate);
        out.push_back({first, end - 1, d.audio_dbfs});
    }
    return out;
}

json region_json(const Rect& r) {
    return {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
}

json params_json(const DefectsPlan& plan, const PlannedDefect& d, const std::string& main_file) {
    const Timecode start = *plan.main.start_timecode;
    switch (d.kind) {
        case DefectKind::Black:
            return {{"y_code_10bit", luma_code(d.level.y, 10)}, {"chroma_code_10bit", 512}};
        case DefectKind::Freeze:
            return {{"held_content_frame", d.first_frame},
                    {"identical_frames", d.last_frame - d.first_frame + 1}};
        case DefectKind::RepeatedFrame:
            return {{"repeats_frame", d.first_frame - 1}};
        case DefectKind::Letterbox:
            return {{"active", region_json(d.region)}, {"y_code_10bit", luma_code(d.level.y, 10)}};
        case DefectKind::Clipping:
            return {{"level_dbfs", *d.audio_dbfs},
                    {"clipped_at", "full scale (24-bit)"},
                    {"channels", "all"}};
        case DefectKind::OutOfRange:
            return {{"region", region_json(d.region)},
                    {"direction", d.level.y > 1.0f ? "above_white" : "below_black"},
                    {"y_code_10bit", luma_code(d.level.y, 10)},
                    {"y_code_8bit", luma_code(d.level.y, 8)}};
        case DefectKind::Flash:
            return {{"bright_y_code_10bit", luma_code(d.level.y, 10)},
                    {"dark_y_code_10bit", luma_code(d.dark.y, 10)},
                    {"half_period_frames", d.flash_half_period},
                    {"flashes_per_second",
                     plan.main.video.rate.to_double() / (2.0 * d.flash_half_period)}};
        case DefectKind::Silence:
            return {{"level", "digital zero"}, {"channels", "all"}};
        case DefectKind::LoudnessSpike:
            return {
                {"level_dbfs", *d.audio_dbfs}, {"normal_level_dbfs", -20.0}, {"channels", "all"}};
        case DefectKind::TimecodeBreak:
            return {{"previous_file", main_file},
                    {"previous_last_timecode", (start + (plan.main.frames - 1)).to_string()},
                    {"expected_timecode", (start + plan.main.frames).to_string()},
                    {"found_timecode", plan.part2.start_timecode->to_string()},
                    {"jump_frames", *plan.part2.start_timecode - (start + plan.main.frames)}};
    }
    return {};
}

struct Names {
    std::string main;
    std::string part2;
    std::string sidecar;
};

Plant to_plant(const DefectsPlan& plan, const PlannedDefect& d, const Names& names) {
    Plant p{d.kind == DefectKind::TimecodeBreak ? names.part2 : names.main,
            std::string(to_string(d.kind)),
            d.first_frame,
            d.last_frame,
            -1,
            -1};
    if (is_audio(d.kind)) {
        const int rate = plan.main.audio->sample_rate;
        p.first_sample = samples_before_frame(d.first_frame, plan.main.video.rate, rate);
        p.last_sample = samples_before_frame(d.last_frame + 1, plan.main.video.rate, rate) - 1;
    }
    return p;
}

json plant_json(const DefectsPlan& plan, const PlannedDefect& d, const Names& names) {
    const Plant p = to_plant(plan, d, names);
    const bool part2 = d.kind == DefectKind::TimecodeBreak;
    const ClipSpec& clip = part2 ? plan.part2 : plan.main;
    const Rational frame_time = clip.video.rate.inverse();
    json out{{"kind", p.kind},
             {"file", p.file},
             {"first_frame", p.first_frame},
             {"last_frame", p.last_frame},
             {"first_timecode", (*clip.start_timecode + p.first_frame).to_string()},
             {"last_timecode", (*clip.start_timecode + p.last_frame).to_string()},
             {"start_seconds", (frame_time * Rational(p.first_frame, 1)).to_double()},
             {"end_seconds", (frame_time * Rational(p.last_frame + 1, 1)).to_double()},
             {"params", params_json(plan, d, names.main)}};
    if (is_audio(d.kind)) {
        out["first_sample"] = p.first_sample;
        out["last_sample"] = p.last_sample;
        out["sample_rate"] = clip.audio->sample_rate;
    }
    return out;
}

json sidecar_json(const DefectsPlan& plan, const Names& names) {
    json plants = json::array();
    for (const auto& d : plan.defects) plants.push_back(plant_json(plan, d, names));
    return {{"schema", "slate.samples.defects"},
            {"version", 1},
            {"clip", names.main},
            {"continuation", names.part2},
            {"frame_rate", plan.main.video.rate.to_string()},
            {"frames", plan.main.frames},
            {"sample_rate", plan.main.audio->sample_rate},
            {"start_timecode", plan.main.start_timecode->to_string()},
            {"frames_note",
             "0-based frame indices into the file, first and last inclusive; "
             "end_seconds is exclusive"},
            {"plants", std::move(plants)}};
}

Result<void> write_movie(const ClipSpec& clip, PendingOutput& out, const VideoSource& video,
                         const ToneProgram& tones) {
    return write_clip(clip, out.temp_path(), video, &tones);
}

}  // namespace

std::string_view to_string(DefectKind kind) {
    switch (kind) {
        case DefectKind::Black:
            return "black";
        case DefectKind::Freeze:
            return "freeze";
        case DefectKind::RepeatedFrame:
            return "repeated_frame";
        case DefectKind::Letterbox:
            return "letterbox";
        case DefectKind::Clipping:
            return "clipping";
        case DefectKind::OutOfRange:
            return "out_of_range";
        case DefectKind::Flash:
            return "flash";
        case DefectKind::Silence:
            return "silence";
        case DefectKind::LoudnessSpike:
            return "loudness_spike";
        case DefectKind::TimecodeBreak:
            return "timecode_break";
    }
    return "unknown";
}

DefectsPlan make_defects_plan() {
    DefectsPlan plan;
    plan.main = proxy_clip(k_main_frames, "10:00:00:00");
    const Timecode part2_start = *plan.main.start_timecode + (k_main_frames + k_timecode_jump);
    plan.part2 = proxy_clip(k_part2_frames, part2_start.to_string().c_str());
    plan.defects = planted();
    return plan;
}

Result<DefectsOutput> write_defects(const DefectsPlan& plan, const std::string& name,
                                    const std::filesystem::path& dir) {
    const std::string ext = extension_for(plan.main.container);
    const Names names{name + ext, name + plan.part2_suffix + ext, name + ".defects.json"};
    const Pattern pattern(plan.main.video.width, plan.main.video.height,
                          matrix_for(plan.main.video.color));
    const ClipSpec& main = plan.main;
    const int rate = main.audio->sample_rate;
    PendingOutput main_out(dir / names.main, false), part2_out(dir / names.part2, false);
    MEDIA_TRY(write_movie(
        main, main_out,
        [&](int64_t f, PlanarImage& image) { draw_main_frame(plan, pattern, f, image); },
        ToneProgram(main.audio->tones, rate, audio_overrides(plan))));
    // Part 2 carries on the picture and the tones where the main clip stopped; only its
    // timecode jumps.
    const int64_t offset = samples_before_frame(main.frames, main.video.rate, rate);
    MEDIA_TRY(write_movie(
        plan.part2, part2_out,
        [&](int64_t f, PlanarImage& image) { pattern.render_yuv(main.frames + f, image); },
        ToneProgram(plan.part2.audio->tones, rate, {}, offset)));
    PendingOutput sidecar_out(dir / names.sidecar, false);
    MEDIA_TRY(write_json(sidecar_out.temp_path(), sidecar_json(plan, names)));
    MEDIA_TRY(main_out.commit());
    MEDIA_TRY(part2_out.commit());
    MEDIA_TRY(sidecar_out.commit());
    DefectsOutput out;
    out.files = {{dir / names.main, summarize(plan.main)},
                 {dir / names.part2, summarize(plan.part2) + " (timecode break)"},
                 {dir / names.sidecar,
                  "defects sidecar, " + std::to_string(plan.defects.size()) + " plants"}};
    const std::string description = "planted defects, listed in " + names.sidecar;
    out.items = {
        {name, SampleSet::Defects, description, names.main, plan.main, names.sidecar, std::nullopt},
        {name + plan.part2_suffix, SampleSet::Defects,
         "continuation of " + names.main + " whose timecode jumps", names.part2, plan.part2,
         names.sidecar, std::nullopt}};
    for (const auto& d : plan.defects) out.plants.push_back(to_plant(plan, d, names));
    return out;
}

}  // namespace media::samples
