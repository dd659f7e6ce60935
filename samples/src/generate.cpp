// SPDX-License-Identifier: Apache-2.0
// generate_samples: picks the catalog entries, runs the writer each one needs, and lists what it
// wrote in manifest.json.
#include <algorithm>
#include <fstream>
#include <optional>
#include <system_error>

extern "C" {
#include <libavutil/log.h>
}

#include "atomic_output.h"
#include "catalog.h"
#include "manifest.h"
#include "slate_samples/samples.h"

namespace media::samples {
namespace {

namespace fs = std::filesystem;

// x264, x265 and the muxers print progress and statistics at libav's default (info) level; the
// generator reports what it wrote itself, so only libav errors get through while it runs.
class QuietLibav {
public:
    QuietLibav() : m_saved(av_log_get_level()) { av_log_set_level(AV_LOG_ERROR); }
    ~QuietLibav() { av_log_set_level(m_saved); }
    QuietLibav(const QuietLibav&) = delete;
    QuietLibav& operator=(const QuietLibav&) = delete;

private:
    int m_saved;
};

struct Run {
    fs::path dir;
    SampleReport report;
    std::vector<ManifestItem> items;
};

// The pattern, black over a master's head, scaled where an HDR master must stay under its peak.
void draw_movie_frame(const Pattern& pattern, const MasterFacts& facts, int64_t frame,
                      PlanarImage& image) {
    if (frame < facts.head_black_frames) {
        fill_yuv(image, Rect{0, 0, image.width, image.height}, YuvLevel{0.0f, 0.0f, 0.0f});
        return;
    }
    pattern.render_yuv(frame, image);
    if (facts.signal_scale != 1.0)
        scale_towards_black(image, static_cast<float>(facts.signal_scale));
}

// Every channel digital zero while the head is black.
std::vector<LevelOverride> head_silence(const ClipSpec& clip, const MasterFacts& facts) {
    if (facts.head_black_frames <= 0) return {};
    const int64_t end =
        samples_before_frame(facts.head_black_frames, clip.video.rate, clip.audio->sample_rate);
    return {LevelOverride{0, end - 1, std::nullopt}};
}

Result<void> generate(const CatalogEntry& entry, const MovieEntry& movie, Run& run) {
    const ClipSpec& clip = movie.clip;
    const MasterFacts facts = movie.master.value_or(MasterFacts{});
    const std::string file = entry.name + extension_for(clip.container);
    PendingOutput out(run.dir / file, false);
    const Pattern pattern(clip.video.width, clip.video.height, matrix_for(clip.video.color));
    std::optional<ToneProgram> tones;
    if (clip.audio)
        tones.emplace(clip.audio->tones, clip.audio->sample_rate, head_silence(clip, facts));
    MEDIA_TRY(write_clip(
        clip, out.temp_path(),
        [&](int64_t f, PlanarImage& image) { draw_movie_frame(pattern, facts, f, image); },
        tones ? &*tones : nullptr));
    MEDIA_TRY(out.commit());
    run.report.files.push_back({out.final_path(), summarize(clip)});
    run.items.push_back({entry.name, entry.set, entry.description, file, clip, "", movie.master});
    return ok();
}

Result<void> generate(const CatalogEntry& entry, const SequenceEntry& sequence, Run& run) {
    const SequenceSpec& spec = sequence.sequence;
    PendingOutput out(run.dir / entry.name, true);
    // Sequences carry no Y'CbCr; the pattern's BT.709 matrix only turns it into R'G'B'.
    const Pattern pattern(spec.width, spec.height, k_bt709);
    MEDIA_TRY(write_sequence(spec, out.temp_path(), entry.name, [&](int64_t f, float* pixels) {
        pattern.render_rgb(f, pixels, spec.channels);
    }));
    MEDIA_TRY(out.commit());
    const std::string file = entry.name + "/" + sequence_pattern(entry.name, spec);
    run.report.files.push_back({run.dir / file, summarize(spec)});
    run.items.push_back({entry.name, entry.set, entry.description, file, spec, "", std::nullopt});
    return ok();
}

Result<void> generate(const CatalogEntry& entry, const DefectsPlan& plan, Run& run) {
    MEDIA_TRY_ASSIGN(DefectsOutput out, write_defects(plan, entry.name, run.dir));
    run.report.files.insert(run.report.files.end(), out.files.begin(), out.files.end());
    run.report.plants.insert(run.report.plants.end(), out.plants.begin(), out.plants.end());
    run.items.insert(run.items.end(), out.items.begin(), out.items.end());
    return ok();
}

// Entries of an earlier run's manifest whose files are still there and were not rewritten now, so
// that `--only` runs into one folder add up to one manifest. An unreadable manifest is replaced.
nlohmann::json earlier_entries(const fs::path& manifest, const std::vector<ManifestItem>& items) {
    nlohmann::json kept = nlohmann::json::array();
    std::ifstream in(manifest);
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    if (!doc.is_object() || doc.value("schema", "") != "slate.samples" ||
        doc.value("version", 0) != 1 || !doc.contains("files") || !doc["files"].is_array())
        return kept;
    for (const auto& entry : doc["files"]) {
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
            !entry.contains("file") || !entry["file"].is_string())
            continue;
        const auto name = entry["name"].get<std::string>();
        const bool rewritten = std::any_of(items.begin(), items.end(),
                                           [&](const auto& item) { return item.name == name; });
        const fs::path file = manifest.parent_path() / entry["file"].get<std::string>();
        const bool sequence = entry.value("kind", "") == "sequence";
        std::error_code ec;
        if (!rewritten && fs::exists(sequence ? file.parent_path() : file, ec))
            kept.push_back(entry);
    }
    return kept;
}

Result<void> write_manifest(const fs::path& path, const std::vector<ManifestItem>& items) {
    nlohmann::json doc = manifest_json(items);
    auto& files = doc["files"];
    for (auto& entry : earlier_entries(path, items)) files.push_back(std::move(entry));
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a["name"] < b["name"]; });
    return write_json_file(path, doc);
}

bool in_set(const CatalogEntry& entry, SampleSet set) {
    return set == SampleSet::All || entry.set == set;
}

Result<std::vector<const CatalogEntry*>> select(const SampleOptions& options) {
    std::vector<const CatalogEntry*> chosen;
    for (const auto& entry : catalog())
        if (in_set(entry, options.set) && (options.only.empty() || options.only == entry.name))
            chosen.push_back(&entry);
    if (chosen.empty())
        return Error(ErrorCode::InvalidArgument, "no clip named '" + options.only + "' in the " +
                                                     std::string(to_string(options.set)) + " set");
    return chosen;
}

}  // namespace

Result<SampleReport> generate_samples(const SampleOptions& options) {
    MEDIA_TRY_ASSIGN(auto chosen, select(options));
    std::error_code ec;
    fs::create_directories(options.output_dir, ec);
    if (ec || !fs::is_directory(options.output_dir, ec))
        return Error(ErrorCode::IoError, "cannot create the output folder")
            .with_file(options.output_dir.string());
    const QuietLibav quiet;
    Run run{options.output_dir, {}, {}};
    for (const CatalogEntry* entry : chosen) {
        auto done =
            std::visit([&](const auto& what) { return generate(*entry, what, run); }, entry->what);
        if (!done) return std::move(done).error().with_operation("generate " + entry->name);
    }
    const fs::path manifest = options.output_dir / "manifest.json";
    MEDIA_TRY(write_manifest(manifest, run.items));
    run.report.files.push_back(
        {manifest, "manifest, " + std::to_string(run.items.size()) + " entries"});
    return run.report;
}

}  // namespace media::samples
