// SPDX-License-Identifier: Apache-2.0
// Sharded QC. A shard runs the parallel half of the decode pass (decode, measure_frame) over
// its frame range and stores every frame's measures; the merge replays them, in frame order,
// through the same VideoStage one process uses, measures the audio over the whole programme,
// and judges the file with the same code: the report is the one run_qc writes.
#include "media/qc/qc_shard.h"

#include <algorithm>

#include <fmt/format.h>

#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "qc_internal.h"
#include "shard_file.h"
#include "video_stage.h"

namespace media::qc {
namespace {

using detail::ShardInfo;
using detail::ShardReader;
using detail::ShardWriter;

Result<void> check_request(const QcShardRequest& request) {
    if (request.frames.first < 0 || request.frames.count <= 0)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: shard range {} is empty", request.input,
                                 format_frame_range(request.frames)));
    if (request.output.empty())
        return Error(ErrorCode::InvalidArgument, "qc shard: no shard file to write");
    return ok();
}

/// Hands out the range's frames; notes in `info` where the stream ended or failed.
class RangeReader {
public:
    RangeReader(MediaSource& source, int64_t count, ShardInfo& info)
        : m_source(source), m_count(count), m_info(info) {}

    std::optional<Frame> next() {
        if (m_given >= m_count || m_info.reached_end) return std::nullopt;
        auto frame = m_source.next_video_frame();
        if (!frame) {
            m_info.fatal_error = frame.error().message();
            m_info.reached_end = true;
            return std::nullopt;
        }
        if (!*frame) {
            m_info.reached_end = true;
            return std::nullopt;
        }
        ++m_given;
        return std::move(**frame);
    }
    /// After the range's last frame: whether the stream ends right there, so that the merge
    /// knows the end even when no shard runs past it. A failure there is the next shard's.
    void probe_end() {
        if (m_info.reached_end) return;
        auto frame = m_source.next_video_frame();
        if (frame && !*frame) m_info.reached_end = true;
    }

private:
    MediaSource& m_source;
    int64_t m_count;
    ShardInfo& m_info;
    int64_t m_given = 0;
};

// A source that seeked skips its "stream ended after N of M frames" check (it has not seen the
// frames before the seek): the shard that reached the end does it, as one pass would.
void check_truncation(const std::string& input, const MediaSource& source, int64_t end,
                      std::vector<DecodeIssue>& issues) {
    const auto declared = source.summary().frame_count;
    if (!declared || end >= *declared) return;
    auto info = probe(input);
    const StreamInfo* video = info ? info->first_video() : nullptr;
    issues.push_back({video ? video->index : -1, end, kNoPts,
                      "stream ended after " + std::to_string(end) + " of " +
                          std::to_string(*declared) +
                          " frames the container declares (truncated?)"});
}

// The source's decode problems that belong to this shard: those of its own frames (the
// frames decoded before the range, and any read ahead past it, belong to its neighbours).
std::vector<DecodeIssue> issues_of(const MediaSource& source, const FrameRange& range,
                                   const ShardInfo& info) {
    std::vector<DecodeIssue> issues;
    for (const DecodeIssue& issue : source.decode_errors()) {
        const bool inside = issue.frame >= range.first &&
                            (issue.frame < range.first + info.frames || info.reached_end);
        if (issue.frame < 0 || inside) issues.push_back(issue);
    }
    return issues;
}

Result<void> measure_range(const QcShardRequest& request, const detail::AnalyzerPlan& plan,
                           ShardWriter& writer, ShardInfo& info) {
    SourceOptions options;
    options.video = true;
    options.audio = false;
    MEDIA_TRY_ASSIGN(MediaSource source, MediaSource::open(request.input, options));
    const FrameRange& range = request.frames;
    const auto past_end = [&] {
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: shard range {} starts past the end of the video",
                                 request.input, format_frame_range(range)));
    };
    Frame previous;
    if (range.first > 0) {
        MEDIA_TRY(source.seek(range.first - 1));
        MEDIA_TRY_ASSIGN(auto frame, source.next_video_frame());
        if (!frame) return past_end();
        previous = std::move(*frame);
    }
    RangeReader reader(source, range.count, info);
    detail::measure_frames([&] { return reader.next(); }, std::move(previous),
                           [&](const detail::FrameWork& work) {
                               writer.add(work);
                               ++info.frames;
                           },
                           request.profile, plan, request.threads);
    reader.probe_end();
    if (range.first > 0 && info.frames == 0 && info.fatal_error.empty()) return past_end();
    info.issues = issues_of(source, range, info);
    if (range.first > 0 && info.reached_end && info.fatal_error.empty())
        check_truncation(request.input, source, range.first + info.frames, info.issues);
    return ok();
}

// --- merging ---------------------------------------------------------------------------------

Result<void> check_belongs(const ShardReader& shard, const QcMergeRequest& request,
                           const detail::InputIdentity& input, uint64_t fingerprint, bool video) {
    const ShardInfo& info = shard.info();
    if (!(info.input == input))
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: measured another input ({}, {} bytes), not {}", shard.path(),
                                 info.input.name, info.input.size, request.input));
    if (info.profile_fingerprint != fingerprint)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: made with other profile settings ('{}') than '{}'",
                                 shard.path(), info.profile_name, request.profile.name));
    if (info.video != video)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: does not match the input's streams", shard.path()));
    return ok();
}

Result<std::vector<ShardReader>> open_shards(const QcMergeRequest& request, bool video) {
    const detail::InputIdentity input = detail::identify_input(request.input);
    const uint64_t fingerprint = detail::profile_fingerprint(request.profile);
    std::vector<ShardReader> shards;
    for (const std::string& path : request.shards) {
        MEDIA_TRY_ASSIGN(ShardReader shard, ShardReader::open(path));
        MEDIA_TRY(check_belongs(shard, request, input, fingerprint, video));
        shards.push_back(std::move(shard));
    }
    std::stable_sort(shards.begin(), shards.end(), [](const auto& a, const auto& b) {
        return a.info().range.first < b.info().range.first;
    });
    return shards;
}

Error range_error(const ShardReader& shard, const std::string& what) {
    return Error(
        ErrorCode::InvalidArgument,
        fmt::format("{}: shard {} {}", shard.path(), format_frame_range(shard.info().range), what));
}

// The shards that make the programme, in order: contiguous from frame 0 to one that reached the
// end of the video. Shards after one whose decoding failed are not used (one pass stops there).
Result<std::vector<ShardReader*>> programme_of(std::vector<ShardReader>& shards) {
    std::vector<ShardReader*> used;
    int64_t next = 0;
    for (ShardReader& shard : shards) {
        const ShardInfo& info = shard.info();
        if (!used.empty() && used.back()->info().reached_end) {
            if (!used.back()->info().fatal_error.empty()) break;
            return range_error(shard,
                               fmt::format("starts after the end of the video (frame {})", next));
        }
        if (info.range.first > next)
            return range_error(shard,
                               fmt::format("leaves a gap: frames {} are in no shard",
                                           format_frame_range({next, info.range.first - next})));
        if (info.range.first < next)
            return range_error(shard,
                               fmt::format("overlaps the shard before it (up to frame {})", next));
        if (info.frames != info.range.count && !info.reached_end)
            return range_error(shard, "is incomplete");
        next = info.range.first + info.frames;
        used.push_back(&shard);
    }
    if (used.empty()) return Error(ErrorCode::InvalidArgument, "qc: no shard files to merge");
    if (!used.back()->info().reached_end)
        return range_error(*used.back(),
                           fmt::format("is the last, and ends at frame {} before the end of the "
                                       "video",
                                       next));
    return used;
}

Result<void> replay(std::vector<ShardReader*>& shards, const QcRequest& request,
                    FileAnalysis& analysis) {
    const detail::AnalyzerPlan plan = detail::plan_analyzers(request.profile);
    detail::VideoStage stage(analysis, request, plan);
    detail::FrameWork work;
    for (ShardReader* shard : shards) {
        for (;;) {
            MEDIA_TRY_ASSIGN(const bool more, shard->next(work));
            if (!more) break;
            stage.accept(work);
        }
    }
    stage.finish(analysis);
    StreamAnalysis& stream = analysis.stream;
    for (ShardReader* shard : shards) {
        const ShardInfo& info = shard->info();
        stream.decode_errors.insert(stream.decode_errors.end(), info.issues.begin(),
                                    info.issues.end());
        if (!info.fatal_error.empty()) {
            stream.fatal_error = info.fatal_error;
            stream.truncated = true;
        }
    }
    return ok();
}

Result<void> merge_file(const QcMergeRequest& request, FileReport& file) {
    QcRequest run;
    run.inputs = {request.input};
    run.profile = request.profile;
    run.threads = request.threads;
    FileAnalysis& analysis = file.analysis;
    const bool video = analysis.facts.has_video && detail::plan_analyzers(request.profile).video;
    MEDIA_TRY_ASSIGN(std::vector<ShardReader> shards, open_shards(request, video));
    if (video) {
        MEDIA_TRY_ASSIGN(std::vector<ShardReader*> used, programme_of(shards));
        MEDIA_TRY(replay(used, run, analysis));
    }
    detail::run_audio_pass(request.input, run, analysis);
    detail::order_decode_errors(analysis.stream);
    detail::judge_file(file, request.profile);
    return ok();
}

}  // namespace

Result<void> run_qc_shard(const QcShardRequest& request) {
    MEDIA_TRY(check_request(request));
    MEDIA_TRY_ASSIGN(const FileFacts facts, detail::read_file_facts(request.input));
    detail::AnalyzerPlan plan = detail::plan_analyzers(request.profile);
    MEDIA_TRY_ASSIGN(plan.measurer, detail::device_measurer(request.device));
    ShardInfo info;
    info.input = detail::identify_input(request.input);
    info.profile_name = request.profile.name;
    info.profile_fingerprint = detail::profile_fingerprint(request.profile);
    info.range = request.frames;
    info.video = facts.has_video && plan.video;
    MEDIA_TRY_ASSIGN(ShardWriter writer, ShardWriter::create(request.output, info));
    if (info.video)
        MEDIA_TRY(measure_range(request, plan, writer, info));
    else
        info.reached_end = true;  // nothing to measure: the merge decodes the audio itself
    return writer.commit(info);
}

Result<QcReport> merge_qc_shards(const QcMergeRequest& request) {
    if (request.shards.empty())
        return Error(ErrorCode::InvalidArgument, "qc: no shard files to merge");
    QcReport report = detail::new_report(request.profile);
    FileReport file;
    if (detail::open_file_report(request.input, file)) MEDIA_TRY(merge_file(request, file));
    if (request.on_file) request.on_file(file);
    report.files.push_back(std::move(file));
    return report;
}

}  // namespace media::qc
