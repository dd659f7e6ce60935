// SPDX-License-Identifier: Apache-2.0
// The one decode pass: frames are decoded in order, measured in parallel (oneTBB pipeline with a
// bounded number of frames in flight, so memory is flat in the file's length), and handed to
// the ordered VideoStage; audio is read in step with the video and analysed on its own thread.
// A merge of QC shards runs the audio half alone (run_audio_pass).
#include <algorithm>
#include <functional>
#include <memory>
#include <thread>

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "audio_worker.h"
#include "media/io/media_source.h"
#include "qc_internal.h"
#include "video_stage.h"

namespace media::qc::detail {
namespace {

int worker_count(int threads) {
    if (threads > 0) return threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

/// Reads the source and keeps audio in step with video.
class Reader {
public:
    Reader(MediaSource& source, StreamAnalysis& stream, AudioWorker* audio, Rational rate)
        : m_source(source), m_stream(stream), m_audio(audio), m_rate(rate) {}

    /// The next video frame, or nullopt at the end or on a fatal error (noted in the stream).
    std::optional<Frame> next_frame() {
        if (m_video_done) return std::nullopt;
        auto next = m_source.next_video_frame();
        if (!next || !*next) {
            if (!next) stop(next.error().message());
            m_video_done = true;
            return std::nullopt;
        }
        ++m_frames;
        // Audio up to the end of this frame, so neither stream's packet queue grows.
        pump_audio(static_cast<double>(m_frames) / m_rate.to_double());
        return std::move(**next);
    }
    /// Reads audio until `seconds` (or to the end with a negative value).
    void pump_audio(double seconds) {
        while (m_audio && !m_audio_done &&
               (seconds < 0.0 || static_cast<double>(m_samples) < seconds * m_sample_rate)) {
            auto block = m_source.next_audio_block();
            if (!block || !*block) {
                if (!block) stop(block.error().message());
                m_audio_done = true;
                return;
            }
            m_samples += (*block)->samples();
            m_sample_rate = (*block)->sample_rate();
            m_audio->push(std::move(**block));
        }
    }
    int64_t samples() const { return m_samples; }
    int sample_rate() const { return m_sample_rate; }

private:
    void stop(const std::string& message) {
        if (m_stream.fatal_error.empty()) m_stream.fatal_error = message;
        m_stream.truncated = true;
    }

    MediaSource& m_source;
    StreamAnalysis& m_stream;
    AudioWorker* m_audio;
    Rational m_rate;
    bool m_video_done = false;
    bool m_audio_done = false;
    int64_t m_frames = 0;
    int64_t m_samples = 0;
    int m_sample_rate = 48000;
};

void run_video(Reader& reader, VideoStage& stage, const QcRequest& request,
               const AnalyzerPlan& plan) {
    measure_frames([&] { return reader.next_frame(); }, Frame(),
                   [&](const FrameWork& work) { stage.accept(work); }, request.profile, plan,
                   request.threads);
}

std::unique_ptr<AudioWorker> start_audio(const MediaSource& source, const QcRequest& request,
                                         const AnalyzerPlan& plan) {
    const SourceSummary& summary = source.summary();
    if (!summary.has_audio || summary.audio_channels <= 0 || summary.sample_rate <= 0)
        return nullptr;
    analysis::LoudnessOptions loudness;
    loudness.true_peak_limit = request.profile.true_peak_max;
    return std::make_unique<AudioWorker>(summary.audio_channels, summary.sample_rate,
                                         summary.channel_layout, plan.loudness, loudness,
                                         request.profile.audio);
}

// What follows the video: the rest of the audio, the source's decode problems, the audio
// results.
void finish_audio(MediaSource& source, Reader& reader, AudioWorker* audio, FileAnalysis& analysis) {
    reader.pump_audio(-1.0);
    for (const DecodeIssue& issue : source.decode_errors())
        analysis.stream.decode_errors.push_back(issue);
    if (!audio) return;
    std::string audio_error;
    audio->finish(analysis.loudness, analysis.audio_levels, audio_error);
    analysis.stream.audio_samples = reader.samples();
    analysis.stream.audio_seconds =
        static_cast<double>(reader.samples()) / std::max(reader.sample_rate(), 1);
    if (!audio_error.empty())
        analysis.stream.decode_errors.push_back({-1, -1, kNoPts, "audio: " + audio_error});
}

Result<MediaSource> open_source(const std::string& input, const SourceOptions& options,
                                StreamAnalysis& stream) {
    auto source = MediaSource::open(input, options);
    if (!source) {
        if (stream.fatal_error.empty()) stream.fatal_error = source.error().message();
        stream.truncated = true;
    }
    return source;
}

}  // namespace

void measure_frames(const std::function<std::optional<Frame>()>& next, Frame previous,
                    const std::function<void(const FrameWork&)>& take, const QcProfile& profile,
                    const AnalyzerPlan& plan, int threads) {
    const int workers = worker_count(threads);
    tbb::task_arena arena(workers);
    arena.execute([&] {
        tbb::parallel_pipeline(
            static_cast<size_t>(2 * workers + 2),
            tbb::make_filter<void, std::shared_ptr<FrameWork>>(
                tbb::filter_mode::serial_in_order,
                [&](tbb::flow_control& control) -> std::shared_ptr<FrameWork> {
                    auto frame = next();
                    if (!frame) {
                        control.stop();
                        return nullptr;
                    }
                    auto work = std::make_shared<FrameWork>();
                    work->previous = std::move(previous);
                    work->frame = std::move(*frame);
                    previous = work->frame;
                    return work;
                }) &
                tbb::make_filter<std::shared_ptr<FrameWork>, std::shared_ptr<FrameWork>>(
                    tbb::filter_mode::parallel,
                    [&](std::shared_ptr<FrameWork> work) {
                        measure_frame(*work, profile, plan);
                        return work;
                    }) &
                tbb::make_filter<std::shared_ptr<FrameWork>, void>(
                    tbb::filter_mode::serial_in_order,
                    [&](std::shared_ptr<FrameWork> work) { take(*work); }));
    });
}

void run_decode_pass(const std::string& input, const QcRequest& request, FileAnalysis& analysis) {
    AnalyzerPlan plan = plan_analyzers(request.profile);
    // run_qc settled the policy before the first file; a device that cannot be used now leaves
    // the statistics on the CPU.
    if (plan.video) {
        auto measurer = device_measurer(request.device);
        if (measurer) plan.measurer = std::move(*measurer);
    }
    SourceOptions options;
    options.video = analysis.facts.has_video && plan.video;
    options.audio = analysis.facts.has_audio;
    auto source = open_source(input, options, analysis.stream);
    if (!source) return;
    std::unique_ptr<AudioWorker> audio = start_audio(*source, request, plan);
    Reader reader(*source, analysis.stream, audio.get(), working_rate(analysis.facts));
    if (options.video) {
        VideoStage stage(analysis, request, plan);
        run_video(reader, stage, request, plan);
        stage.finish(analysis);
    }
    finish_audio(*source, reader, audio.get(), analysis);
    order_decode_errors(analysis.stream);
}

void run_audio_pass(const std::string& input, const QcRequest& request, FileAnalysis& analysis) {
    if (!analysis.facts.has_audio) return;
    SourceOptions options;
    options.video = false;
    options.audio = true;
    auto source = open_source(input, options, analysis.stream);
    if (!source) return;
    std::unique_ptr<AudioWorker> audio =
        start_audio(*source, request, plan_analyzers(request.profile));
    Reader reader(*source, analysis.stream, audio.get(), working_rate(analysis.facts));
    finish_audio(*source, reader, audio.get(), analysis);
}

}  // namespace media::qc::detail
