// SPDX-License-Identifier: Apache-2.0
// The transcode pipeline: decode -> resize/convert -> look -> burn-ins -> encode. Picture work runs
// on a producer thread, encoding and muxing on the caller's, with a small bounded queue between:
// the two overlap (as ffmpeg's single-threaded pipeline does not), and memory stays flat.
#include <chrono>
#include <filesystem>
#include <thread>
#include <variant>

#include <fmt/format.h>

#include "common/bounded_queue.h"
#include "media/color/color_processor.h"
#include "media/color/ycbcr.h"
#include "media/io/frame_resize.h"
#include "media/io/media_sink.h"
#include "media/io/media_source.h"
#include "media/io/sequence_pattern.h"
#include "media/transcode/transcode.h"
#include "transcode_internal.h"

namespace media::transcode {
namespace fs = std::filesystem;
using media::detail::BoundedQueue;

namespace {

using Item = std::variant<Frame, AudioBlock>;

bool is_float_format(PixelFormat format) {
    return info(format).sample_type == SampleType::F16 ||
           info(format).sample_type == SampleType::F32;
}

/// The frame format the pipeline hands the sink: packed float outputs are written from 16-bit
/// frames and stored as float by the image writer.
PixelFormat sink_frame_format(PixelFormat output) {
    if (!is_float_format(output)) return output;
    return info(output).has_alpha ? PixelFormat::Rgba16 : PixelFormat::Rgb16;
}

/// Everything done to a picture between decoder and encoder, built once per job.
class PictureChain {
public:
    static Result<PictureChain> create(const TranscodeRequest& request,
                                       const PlanDetails& details) {
        PictureChain chain;
        const TranscodePlan& plan = details.plan;
        const PixelFormat final_format = sink_frame_format(plan.pixel_format);
        const BurnInTemplate& burnin = request.burnin ? *request.burnin : request.preset.burnin;
        if (!request.look.empty()) {
            MEDIA_TRY_ASSIGN(auto processor,
                             color::ColorProcessor::create(request.look, request.device));
            if (!processor.is_noop())
                chain.m_look = std::make_unique<color::ColorProcessor>(std::move(processor));
        }
        ResizeDesc first;
        first.width = plan.width;
        first.height = plan.height;
        first.source_crop = details.geometry.crop;
        first.placement = details.geometry.placement;
        first.filter =
            resize_filter_from_name(request.preset.scale.filter).value_or(ResizeFilter::Bicubic);
        const bool yuv_look = chain.m_look && info(plan.source_format).is_yuv &&
                              info(final_format).is_yuv && !info(final_format).has_alpha;
        if (yuv_look) {
            // Y'CbCr in and out: scale in the source's own format, then the colour module's
            // Y'CbCr <-> float RGB (chroma siting honoured, no 16-bit round trip through
            // swscale's slow RGB48 paths), the look in float, and back to the output format.
            first.format = plan.source_format;
            first.color = plan.color;
            first.color.matrix = MatrixCoefficients::Unspecified;  // keep the source's encoding
            chain.m_yuv_look = true;
            chain.m_final_format = final_format;
            chain.m_final_color = plan.color;
        } else if (chain.m_look) {
            // Looks work on full-range RGB; the result is converted to the output afterwards.
            first.format = info(final_format).has_alpha ? PixelFormat::Rgba16 : PixelFormat::Rgb16;
            first.color = plan.color;
            first.color.matrix = MatrixCoefficients::RGB;
            first.color.range = ColorRange::Full;
            if (first.format != final_format) {
                ResizeDesc second;
                second.width = plan.width;
                second.height = plan.height;
                second.format = final_format;
                second.color = plan.color;
                second.filter = ResizeFilter::Point;
                MEDIA_TRY_ASSIGN(auto resizer, FrameResizer::create(second));
                chain.m_convert = std::make_unique<FrameResizer>(std::move(resizer));
            }
        } else {
            first.format = final_format;
            first.color = plan.color;
        }
        const bool needs_first =
            first.format != plan.source_format || plan.width != plan.source_width ||
            plan.height != plan.source_height || first.source_crop || first.placement;
        // Same format and size, but another matrix or range still needs converting.
        chain.m_first_desc = first;
        chain.m_always_resize = needs_first;
        MEDIA_TRY_ASSIGN(auto resizer, FrameResizer::create(first));
        chain.m_resize = std::make_unique<FrameResizer>(std::move(resizer));
        if (!burnin.empty()) {
            BurnInContext context{plan.clip, plan.reel};
            MEDIA_TRY_ASSIGN(auto renderer,
                             BurnInRenderer::create(burnin, context, plan.width, plan.height));
            chain.m_burnin = std::make_unique<BurnInRenderer>(std::move(renderer));
        }
        return chain;
    }

    Result<Frame> process(Frame frame, int64_t index, const std::optional<Timecode>& timecode) {
        frame.set_timecode(timecode);
        frame.set_index(index);
        if (m_yuv_look) return process_yuv_look(std::move(frame), index, timecode);
        const ColorInfo& in = frame.color();
        const bool same_encoding =
            (in.matrix == m_first_desc.color.matrix ||
             in.matrix == MatrixCoefficients::Unspecified) &&
            (in.range == m_first_desc.color.range || in.range == ColorRange::Unspecified);
        if (m_always_resize || !same_encoding) {
            MEDIA_TRY_ASSIGN(Frame resized, m_resize->resize(frame));
            frame = std::move(resized);
        } else {
            frame.set_color(m_first_desc.color);
        }
        if (m_look) MEDIA_TRY(m_look->apply(frame));
        if (m_burnin) MEDIA_TRY(m_burnin->render(frame, index, timecode));
        if (!m_convert) return frame;
        return m_convert->resize(frame);
    }

private:
    Result<Frame> process_yuv_look(Frame frame, int64_t index,
                                   const std::optional<Timecode>& timecode) {
        const ColorInfo source = frame.color();
        if (m_always_resize) {
            MEDIA_TRY_ASSIGN(Frame resized, m_resize->resize(frame));
            frame = std::move(resized);
        }
        // The source's tags decide how it is decoded (the plan's tags how it is encoded).
        const color::YcbcrDesc in = color::ycbcr_desc_from(source, frame.height());
        const color::YcbcrDesc out = color::ycbcr_desc_from(m_final_color, frame.height());
        MEDIA_TRY_ASSIGN(Frame encoded, Frame::allocate(FrameSpec{frame.width(), frame.height(),
                                                                  m_final_format, m_final_color}));
        if (m_look->on_device()) {
            // One upload, the fused Y'CbCr -> R'G'B' -> look -> Y'CbCr kernel, one download.
            MEDIA_TRY(m_look->apply_ycbcr(frame, in, encoded, out));
        } else {
            if (m_rgb.empty() || m_rgb.width() != frame.width() ||
                m_rgb.height() != frame.height()) {
                MEDIA_TRY_ASSIGN(m_rgb,
                                 Frame::allocate(FrameSpec{
                                     frame.width(), frame.height(), PixelFormat::RgbFloat, {}}));
            }
            MEDIA_TRY(color::ycbcr_to_rgb(frame, in, m_rgb));
            MEDIA_TRY(m_look->apply(m_rgb));
            MEDIA_TRY(color::rgb_to_ycbcr(m_rgb, out, encoded));
        }
        encoded.set_color(m_final_color);
        encoded.set_timecode(timecode);
        encoded.set_index(index);
        encoded.set_pts(frame.pts(), frame.time_base());
        encoded.set_corrupt(frame.corrupt());
        if (m_burnin) MEDIA_TRY(m_burnin->render(encoded, index, timecode));
        return encoded;
    }

    bool m_yuv_look = false;
    PixelFormat m_final_format = PixelFormat::Yuv422p10;
    ColorInfo m_final_color;
    Frame m_rgb;  // reused float RGB picture (the producer thread alone uses the chain)
    ResizeDesc m_first_desc;
    bool m_always_resize = true;
    std::unique_ptr<FrameResizer> m_resize;
    std::unique_ptr<color::ColorProcessor> m_look;
    std::unique_ptr<BurnInRenderer> m_burnin;
    std::unique_ptr<FrameResizer> m_convert;
};

/// The sink's audio as the plan says: copied packets, or encoded (PCM, AAC); none for None.
void add_audio(SinkOptions& options, const TranscodeRequest& request, const AudioPlan& audio) {
    if (audio.mode == AudioMode::Copy) {
        options.audio_copy = AudioCopySettings{request.input, audio.stream};
    } else if (audio.mode == AudioMode::Pcm || audio.mode == AudioMode::Aac) {
        AudioEncodeSettings settings;
        settings.codec = audio.codec;
        settings.channels = static_cast<int>(audio.channels.size());
        settings.sample_rate = audio.sample_rate;
        settings.bit_rate = audio.bit_rate;
        options.audio = settings;
    }
}

SinkOptions sink_options(const TranscodeRequest& request, const PlanDetails& details) {
    const TranscodePreset& preset = request.preset;
    const TranscodePlan& plan = details.plan;
    SinkOptions options;
    options.container = plan.image_sequence ? std::string() : preset.container;
    options.container_options = preset.container_options;
    if (plan.image_sequence) {
        options.first_frame_number = details.first_frame_number;
        options.image_attributes = preset.image_attributes;
        if (is_float_format(plan.pixel_format))
            options.image_sample = info(plan.pixel_format).sample_type;
    }
    VideoEncodeSettings video;
    video.codec = preset.codec;
    video.options = preset.codec_options;
    video.pixel_format = sink_frame_format(plan.pixel_format);
    video.width = plan.width;
    video.height = plan.height;
    video.frame_rate = plan.frame_rate;
    video.color = plan.color;
    video.start_timecode = plan.start_timecode;
    video.sample_aspect = details.geometry.sar;
    video.threads = request.threads;
    video.codec_tag = preset.codec_tag;
    // HEVC in MP4/MOV: hvc1 (parameter sets in the sample description) is what Apple plays.
    if (video.codec_tag.empty() && preset.codec == "libx265" &&
        (preset.container == "mp4" || preset.container == "mov"))
        video.codec_tag = "hvc1";
    options.video = video;
    if (!plan.reel.empty() && !plan.image_sequence) {
        options.metadata["reel_name"] = plan.reel;        // MXF: source package name
        options.video_metadata["reel_name"] = plan.reel;  // mov: the tmcd track's name
    }
    add_audio(options, request, details.audio);
    return options;
}

// Takes the block by value: the usual all-channels case hands it on without copying samples.
Result<AudioBlock> select_channels(AudioBlock block, const std::vector<int>& channels) {
    bool identity = static_cast<int>(channels.size()) == block.channels();
    for (size_t i = 0; identity && i < channels.size(); ++i)
        identity = channels[i] == static_cast<int>(i);
    if (identity) return block;
    MEDIA_TRY_ASSIGN(AudioBlock out, AudioBlock::allocate(static_cast<int>(channels.size()),
                                                          block.samples(), block.sample_rate()));
    for (size_t i = 0; i < channels.size(); ++i) {
        if (channels[i] >= block.channels())
            return Error(ErrorCode::DecodeError, "audio lost channels mid-stream");
        const auto from = block.channel(channels[i]);
        auto to = out.channel(static_cast<int>(i));
        std::copy(from.begin(), from.end(), to.begin());
    }
    out.set_pts(block.pts());
    return out;
}

/// The producer: decodes, reads audio in step, runs the picture chain, queues the results.
class Producer {
public:
    Producer(const TranscodeRequest& request, const PlanDetails& details, MediaSource& source,
             PictureChain& chain, BoundedQueue<Item>& queue, const std::atomic<bool>& stop)
        : m_request(request),
          m_details(details),
          m_source(source),
          m_chain(chain),
          m_queue(queue),
          m_stop(stop) {}

    void run() {
        m_result = loop();
        m_queue.close();
    }
    Result<void>& result() { return m_result; }
    int64_t decode_errors() const { return m_decode_errors; }
    const std::string& first_decode_error() const { return m_first_error; }

private:
    Result<void> loop() {
        const TranscodePlan& plan = m_details.plan;
        const bool audio =
            m_details.audio.mode == AudioMode::Pcm || m_details.audio.mode == AudioMode::Aac;
        // A chunk starts at plan.frames->first: indices below are the source's (burn-ins count
        // source frames), the timecode is already the chunk's.
        const int64_t first = plan.frames ? plan.frames->first : 0;
        const int64_t count = plan.frames ? plan.frames->count : INT64_MAX;
        if (first > 0) {
            auto sought = m_source.seek(first);
            if (!sought)
                return std::move(sought).error().with_file(m_request.input).with_frame(first);
        }
        int64_t index = 0;
        while (index < count) {
            if (m_stop.load() || (m_request.cancel && m_request.cancel->load()))
                return Error(ErrorCode::Internal, "cancelled");
            MEDIA_TRY_ASSIGN(std::optional<Frame> decoded, m_source.next_video_frame());
            MEDIA_TRY(check_decode(first + index));
            if (!decoded) break;
            std::optional<Timecode> timecode;
            if (plan.start_timecode) timecode = *plan.start_timecode + index;
            auto processed = m_chain.process(std::move(*decoded), first + index, timecode);
            if (!processed) return std::move(processed).error().with_frame(first + index);
            if (!m_queue.push(std::move(*processed))) return ok();
            ++index;
            if (audio) MEDIA_TRY(pump_audio(Rational(index, 1) / plan.frame_rate));
        }
        if (audio) MEDIA_TRY(pump_audio(std::nullopt));
        return ok();
    }

    Result<void> check_decode(int64_t index) {
        const auto& issues = m_source.decode_errors();
        while (m_seen < issues.size()) {
            const DecodeIssue& issue = issues[m_seen++];
            ++m_decode_errors;
            const int64_t at = issue.frame >= 0 ? issue.frame : index;
            if (m_first_error.empty())
                m_first_error = fmt::format("frame {}: {}", at, issue.message);
            if (!m_request.tolerate_decode_errors)
                return Error(ErrorCode::DecodeError,
                             fmt::format("decode error at frame {}: {}", at, issue.message))
                    .with_file(m_request.input)
                    .with_frame(at);
        }
        return ok();
    }

    // Audio up to `until` seconds (all of it when nullopt).
    Result<void> pump_audio(std::optional<Rational> until) {
        for (;;) {
            if (until && m_audio_time.valid() && !(m_audio_time < *until)) return ok();
            MEDIA_TRY_ASSIGN(std::optional<AudioBlock> block, m_source.next_audio_block());
            if (!block) {
                m_audio_time = Rational(INT64_MAX / 4, 1);
                return ok();
            }
            m_audio_time =
                m_audio_time.valid() ? m_audio_time + block->duration() : block->duration();
            MEDIA_TRY_ASSIGN(AudioBlock selected,
                             select_channels(std::move(*block), m_details.audio.channels));
            if (!m_queue.push(std::move(selected))) return ok();
        }
    }

    const TranscodeRequest& m_request;
    const PlanDetails& m_details;
    MediaSource& m_source;
    PictureChain& m_chain;
    BoundedQueue<Item>& m_queue;
    const std::atomic<bool>& m_stop;
    Result<void> m_result = ok();
    size_t m_seen = 0;
    int64_t m_decode_errors = 0;
    std::string m_first_error;
    Rational m_audio_time;
};

void remove_output(const TranscodePlan& plan, const std::vector<std::string>& files) {
    std::error_code ec;
    if (plan.image_sequence) {
        for (const auto& file : files) fs::remove(file, ec);
        fs::remove(fs::path(plan.output).parent_path(), ec);  // only if now empty
    } else {
        fs::remove(plan.output, ec);
    }
}

/// Removes an output that failed its check; the error lists what was wrong.
Error reject_output(const TranscodePlan& plan, const TranscodeResult& result) {
    remove_output(plan, result.files);
    std::string problems;
    for (const auto& p : result.check.problems) problems += (problems.empty() ? "" : "; ") + p;
    return Error(ErrorCode::EncodeError, "output check failed: " + problems).with_file(plan.output);
}

std::vector<std::string> sequence_files(const TranscodePlan& plan, int64_t first, int64_t count) {
    std::vector<std::string> files;
    auto pattern = SequencePattern::parse(plan.output);
    if (!pattern) return files;
    for (int64_t i = 0; i < count; ++i) files.push_back(pattern->path_of(first + i));
    return files;
}

Result<void> prepare_output(const TranscodeRequest& request, const TranscodePlan& plan) {
    std::error_code ec;
    const fs::path target =
        plan.image_sequence ? fs::path(plan.output).parent_path() : fs::path(plan.output);
    if (plan.output_exists) {
        if (!request.overwrite)
            return Error(ErrorCode::InvalidArgument,
                         "output exists (use --overwrite to replace it)")
                .with_file(target.string());
        if (plan.image_sequence) {
            // Old frames of another length must not mix with the new ones.
            auto pattern = SequencePattern::parse(plan.output);
            for (const auto& entry : fs::directory_iterator(target, ec))
                if (pattern && pattern->match(entry.path().filename().string()))
                    fs::remove(entry.path(), ec);
        }
    }
    const fs::path folder = plan.image_sequence ? target : target.parent_path();
    fs::create_directories(folder, ec);
    if (ec)
        return Error(ErrorCode::IoError, "cannot create the output folder: " + ec.message())
            .with_file(folder.string());
    return ok();
}

// --audio-only: the programme's audio with the preset's audio settings, no picture.
SinkOptions audio_sink_options(const TranscodeRequest& request, const PlanDetails& details) {
    SinkOptions options;
    options.container = "mov";
    add_audio(options, request, details.audio);
    return options;
}

Result<void> write_audio_only(const TranscodeRequest& request, const PlanDetails& details,
                              MediaSink& sink) {
    if (details.audio.mode == AudioMode::Copy) return ok();  // the sink copies it on finish
    SourceOptions source_options;
    source_options.video = false;
    source_options.audio = true;
    source_options.audio_stream = details.audio.stream;
    source_options.threads = request.threads;
    MEDIA_TRY_ASSIGN(MediaSource source, MediaSource::open(request.input, source_options));
    for (;;) {
        if (request.cancel && request.cancel->load())
            return Error(ErrorCode::Internal, "cancelled");
        MEDIA_TRY_ASSIGN(std::optional<AudioBlock> block, source.next_audio_block());
        if (!block) break;
        if (!source.decode_errors().empty() && !request.tolerate_decode_errors)
            return Error(ErrorCode::DecodeError,
                         "audio decode error: " + source.decode_errors().front().message)
                .with_file(request.input);
        MEDIA_TRY_ASSIGN(AudioBlock selected,
                         select_channels(std::move(*block), details.audio.channels));
        MEDIA_TRY(sink.write_audio(selected));
    }
    return ok();
}

Result<TranscodeResult> run_audio_only(const TranscodeRequest& request, PlanDetails details,
                                       std::chrono::steady_clock::time_point started) {
    const TranscodePlan& plan = details.plan;
    details.source.reset();  // the picture decoder is not needed
    MEDIA_TRY(prepare_output(request, plan));
    MEDIA_TRY_ASSIGN(MediaSink sink,
                     MediaSink::create(plan.output, audio_sink_options(request, details)));
    MEDIA_TRY(write_audio_only(request, details, sink));
    MEDIA_TRY(sink.finish());
    TranscodeResult result;
    result.plan = plan;
    result.files = {plan.output};
    if (request.verify) {
        result.check = check_output(plan, 0);
        if (!result.check.ok) {
            return reject_output(plan, result);
        }
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace

Result<TranscodeResult> run_transcode(const TranscodeRequest& request) {
    return run_transcode(request, TranscodePlan{});
}

Result<TranscodeResult> run_transcode(const TranscodeRequest& request, const TranscodePlan& given) {
    const auto started = std::chrono::steady_clock::now();
    MEDIA_TRY_ASSIGN(PlanDetails details, plan_details(request));
    details.plan.output_exists = details.plan.output_exists || given.output_exists;
    if (details.plan.audio_only) return run_audio_only(request, std::move(details), started);
    const TranscodePlan& plan = details.plan;
    MEDIA_TRY(prepare_output(request, plan));

    const bool decode_audio =
        details.audio.mode == AudioMode::Pcm || details.audio.mode == AudioMode::Aac;
    if (decode_audio != details.source_reads_audio) {
        // The plan opened the source for other audio than it decided on (rare): open it again.
        SourceOptions source_options;
        source_options.audio = decode_audio;
        source_options.audio_stream = details.audio.stream;
        source_options.threads = request.threads;
        source_options.sequence_rate = request.sequence_rate;
        MEDIA_TRY_ASSIGN(MediaSource reopened, MediaSource::open(request.input, source_options));
        details.source = std::make_shared<MediaSource>(std::move(reopened));
    }
    MediaSource& source = *details.source;
    MEDIA_TRY_ASSIGN(PictureChain chain, PictureChain::create(request, details));
    MEDIA_TRY_ASSIGN(MediaSink sink,
                     MediaSink::create(plan.output, sink_options(request, details)));

    BoundedQueue<Item> queue(6);
    std::atomic<bool> stop{false};
    Producer producer(request, details, source, chain, queue, stop);
    std::thread worker([&] { producer.run(); });
    Result<void> written = ok();
    int64_t frames = 0;
    while (auto item = queue.pop()) {
        if (request.cancel && request.cancel->load()) {
            written = Error(ErrorCode::Internal, "cancelled");
            break;
        }
        if (auto* frame = std::get_if<Frame>(&*item)) {
            written = sink.write_video(*frame);
            if (!written) break;
            ++frames;
            if (request.progress && (frames % 8 == 0)) request.progress(frames);
        } else {
            written = sink.write_audio(std::get<AudioBlock>(*item));
            if (!written) break;
        }
    }
    stop = true;
    queue.abandon();
    worker.join();
    if (!written) return std::move(written).error().with_file(plan.output);
    if (!producer.result()) return std::move(producer.result()).error();
    if (frames == 0 && plan.frames)
        return Error(ErrorCode::InvalidArgument, "--frames " + format_frame_range(*plan.frames) +
                                                     ": the source ends before its first frame")
            .with_file(request.input);
    if (frames == 0)
        return Error(ErrorCode::DecodeError, "no frame could be decoded").with_file(request.input);
    MEDIA_TRY(sink.finish());
    if (request.progress) request.progress(frames);

    TranscodeResult result;
    result.plan = plan;
    result.frames = frames;
    result.decode_errors = producer.decode_errors();
    result.first_decode_error = producer.first_decode_error();
    result.files = plan.image_sequence ? sequence_files(plan, details.first_frame_number, frames)
                                       : std::vector<std::string>{plan.output};
    if (request.verify) {
        result.check = check_output(plan, frames);
        // Frames the source declared but that never came: a truncated or damaged input.
        const std::optional<int64_t> declared = plan.frames && plan.source_frames
                                                    ? std::optional<int64_t>(plan.frames->count)
                                                    : plan.source_frames;
        if (declared && *declared != frames && !request.tolerate_decode_errors &&
            !plan.image_sequence) {
            result.check.ok = false;
            result.check.problems.push_back(
                fmt::format("wrote {} frames, the source declares {}{}", frames, *declared,
                            plan.frames ? " in " + format_frame_range(*plan.frames) : ""));
        }
        if (!result.check.ok) {
            return reject_output(plan, result);
        }
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace media::transcode
