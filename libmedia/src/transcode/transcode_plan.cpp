// SPDX-License-Identifier: Apache-2.0
// plan_transcode: everything a transcode decides before reading a frame (what --dry-run shows).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "media/io/codecs.h"
#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "media/io/sequence_pattern.h"
#include "media/transcode/transcode.h"
#include "transcode_internal.h"

namespace media::transcode {
namespace fs = std::filesystem;

namespace {

int round_even(double value) {
    const int v = static_cast<int>(std::lround(value / 2.0)) * 2;
    return std::max(2, v);
}

int round_plain(double value) {
    return std::max(1, static_cast<int>(std::lround(value)));
}

std::string local_date(const char* format) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, format, &tm);
    return text;
}

std::string fps_label(Rational rate) {
    if (!rate.valid() || rate.num() <= 0) return "unknown";
    if (rate.den() == 1) return std::to_string(rate.num());
    return fmt::format("{:.3f}", rate.to_double());
}

// Display width of the source, for aspect-preserving scaling of anamorphic pictures.
double display_width(int width, Rational sar) {
    if (!sar.valid() || sar.num() <= 0) return width;
    return width * sar.to_double();
}

Result<void> decide_geometry(const TranscodePreset& preset, TranscodePlan& plan,
                             GeometryPlan& geometry) {
    const ScaleSpec& scale = preset.scale;
    const int sw = plan.source_width;
    const int sh = plan.source_height;
    const bool keep_sar = scale.keep_sar;
    const double dw = keep_sar ? sw : display_width(sw, plan.source_sar);
    const auto even = [&](double v) { return scale.even ? round_even(v) : round_plain(v); };
    geometry = {};
    switch (scale.mode) {
        case ScaleMode::None: {
            if (scale.even && (sw % 2 || sh % 2)) {
                // Odd sources lose their last column/row rather than being resampled.
                plan.width = sw & ~1;
                plan.height = sh & ~1;
                geometry.crop = PixelRect{0, 0, plan.width, plan.height};
            } else if (!keep_sar && std::lround(dw) != sw) {
                plan.width = even(dw);  // anamorphic: resampled to square pixels
                plan.height = sh;
            } else {
                plan.width = sw;
                plan.height = sh;
            }
            break;
        }
        case ScaleMode::Stretch:
            plan.width = scale.width;
            plan.height = scale.height;
            break;
        case ScaleMode::Fit:
        case ScaleMode::Pad: {
            double box_w = scale.width;
            double box_h = scale.height;
            if (box_w <= 0) box_w = box_h * dw / sh;
            if (box_h <= 0) box_h = box_w * sh / dw;
            const double factor = std::min(box_w / dw, box_h / sh);
            // Never larger than the box: with `even`, the box itself rounds down to even.
            const auto limit = [&](double box) {
                const int b = static_cast<int>(box);
                return scale.even ? std::max(2, b & ~1) : std::max(1, b);
            };
            const int w = std::min(even(dw * factor), limit(box_w));
            const int h = std::min(even(sh * factor), limit(box_h));
            if (scale.mode == ScaleMode::Fit) {
                plan.width = w;
                plan.height = h;
            } else {
                plan.width = static_cast<int>(box_w);
                plan.height = static_cast<int>(box_h);
                geometry.placement =
                    PixelRect{((plan.width - w) / 2) & ~1, ((plan.height - h) / 2) & ~1, w, h};
            }
            break;
        }
        case ScaleMode::Fill: {
            plan.width = scale.width > 0 ? scale.width : even(dw);
            plan.height = scale.height > 0 ? scale.height : even(sh);
            // Crop the source to the output's display aspect, centred.
            const double target_aspect = static_cast<double>(plan.width) / plan.height;
            const double source_aspect = dw / sh;
            const double sar = keep_sar ? 1.0 : dw / sw;
            if (source_aspect > target_aspect) {
                const int cw = std::min(sw, round_even(sh * target_aspect / sar));
                geometry.crop = PixelRect{((sw - cw) / 2) & ~1, 0, cw, sh};
            } else {
                const int ch = std::min(sh, round_even(dw / target_aspect));
                geometry.crop = PixelRect{0, ((sh - ch) / 2) & ~1, sw, ch};
            }
            break;
        }
    }
    if (plan.width <= 0 || plan.height <= 0)
        return Error(ErrorCode::InvalidArgument,
                     "preset " + preset.name + " gives an empty picture");
    geometry.sar = keep_sar ? plan.source_sar : Rational(1, 1);
    const bool resized =
        plan.width != sw || plan.height != sh || geometry.crop || geometry.placement;
    plan.scale = resized ? fmt::format("{}x{} {} (source {}x{})", plan.width, plan.height,
                                       to_string(scale.mode), sw, sh)
                         : "none";
    return ok();
}

Result<void> decide_audio(const TranscodeRequest& request, const SourceSummary& source,
                          TranscodePlan& plan, AudioPlan& audio) {
    const AudioSpec& spec = request.preset.audio;
    audio = {};
    plan.audio = "none";
    if (request.audio == AudioScope::None) {
        plan.audio = "none (video only)";
        return ok();
    }
    if (spec.mode == AudioMode::None || !source.has_audio || plan.image_sequence) return ok();
    if (request.preset.frame_rate.mode == FrameRateMode::Conform &&
        plan.frame_rate != plan.source_rate) {
        plan.audio = "none (dropped: the picture is conformed to another rate)";
        return ok();
    }
    const int channels = source.audio_channels;
    std::vector<int> selection = spec.channels;
    if (selection.empty())
        for (int c = 0; c < channels; ++c) selection.push_back(c);
    for (int c : selection)
        if (c < 0 || c >= channels)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("preset {} selects audio channel {} but the source has {}",
                                     request.preset.name, c, channels));
    plan.audio_channels = selection;
    audio.stream = source.audio_stream;
    audio.channels = selection;
    audio.sample_rate = spec.sample_rate > 0 ? spec.sample_rate : source.sample_rate;
    const bool source_pcm = source.audio_codec.rfind("pcm_", 0) == 0;
    const bool all_channels = static_cast<int>(selection.size()) == channels &&
                              std::is_sorted(selection.begin(), selection.end());
    if (spec.mode == AudioMode::Copy && all_channels && spec.sample_rate <= 0) {
        audio.mode = AudioMode::Copy;
        plan.audio = fmt::format("copy {} ({}ch)", source.audio_codec, channels);
        return ok();
    }
    audio.mode = spec.mode == AudioMode::Aac ? AudioMode::Aac : AudioMode::Pcm;
    if (audio.mode == AudioMode::Aac) {
        audio.codec = spec.codec.empty() ? "aac" : spec.codec;
        audio.bit_rate = spec.bitrate;
    } else if (!spec.codec.empty() && spec.mode == AudioMode::Pcm) {
        audio.codec = spec.codec;
    } else {
        // Copy with a channel selection: PCM at the source's depth.
        const int depth = source.audio_bit_depth;
        audio.codec = source_pcm && depth > 0 && depth <= 16 ? "pcm_s16le" : "pcm_s24le";
    }
    std::string list;
    for (size_t i = 0; i < selection.size(); ++i)
        list += (i ? "," : "") + std::to_string(selection[i]);
    plan.audio = fmt::format("{}{} {}ch [{}]", audio.codec,
                             audio.bit_rate > 0 ? fmt::format(" {}k", audio.bit_rate / 1000) : "",
                             selection.size(), list);
    return ok();
}

ColorInfo merge_tags(const ColorInfo& wanted, const ColorInfo& source) {
    ColorInfo out = source;
    if (wanted.primaries != ColorPrimaries::Unspecified) out.primaries = wanted.primaries;
    if (wanted.transfer != TransferCharacteristic::Unspecified) out.transfer = wanted.transfer;
    if (wanted.matrix != MatrixCoefficients::Unspecified) out.matrix = wanted.matrix;
    if (wanted.range != ColorRange::Unspecified) out.range = wanted.range;
    if (wanted.chroma_location != ChromaLocation::Unspecified)
        out.chroma_location = wanted.chroma_location;
    return out;
}

// One line: the steps as color::describe() names them, joined by arrows.
std::string describe_look(const color::ColorPipelineDesc& look) {
    if (look.empty()) return "none";
    std::string text = color::describe(look);
    for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at))
        text.replace(at, 1, " -> ");
    return text;
}

// A chunk (--frames): the range within the source, its start timecode and first file number.
Result<void> decide_frames(const TranscodeRequest& request, TranscodePlan& plan,
                           const AudioPlan& audio) {
    if (!request.frames) return ok();
    FrameRange range = *request.frames;
    const std::string text = format_frame_range(range);
    if (range.first < 0 || range.count <= 0)
        return Error(ErrorCode::InvalidArgument, "--frames " + text + ": an empty range")
            .with_file(request.input);
    if (plan.source_frames) {
        if (range.first >= *plan.source_frames)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("--frames {}: starts past the end of the source ({} frames)",
                                     text, *plan.source_frames))
                .with_file(request.input);
        range.count = std::min(range.count, *plan.source_frames - range.first);
    }
    if (audio.mode != AudioMode::None)
        return Error(ErrorCode::InvalidArgument,
                     "--frames encodes video only: add --no-audio (and encode the programme's "
                     "audio once with --audio-only)")
            .with_file(request.input);
    plan.frames = range;
    if (plan.start_timecode) plan.start_timecode = *plan.start_timecode + range.first;
    return ok();
}

// --audio-only: the preset must keep audio and the source must have some.
Result<void> check_audio_only(const TranscodeRequest& request, const SourceSummary& summary,
                              const TranscodePlan& plan, const AudioPlan& audio) {
    if (request.frames)
        return Error(ErrorCode::InvalidArgument,
                     "--audio-only encodes the whole programme: it takes no --frames");
    if (!summary.has_audio)
        return Error(ErrorCode::InvalidArgument, "--audio-only: the source has no audio")
            .with_file(request.input);
    if (audio.mode == AudioMode::None)
        return Error(ErrorCode::InvalidArgument, "--audio-only: preset " + request.preset.name +
                                                     " writes no audio (" + plan.audio + ")")
            .with_file(request.input);
    return ok();
}

bool inside(const fs::path& root, const fs::path& path) {
    const auto r = fs::weakly_canonical(root);
    const auto p = fs::weakly_canonical(path);
    auto [ri, pi] = std::mismatch(r.begin(), r.end(), p.begin(), p.end());
    return ri == r.end();
}

}  // namespace

std::string reel_from_clip_name(std::string_view clip) {
    // Camera rolls: one letter and three digits (ARRI, RED, Sony, Blackmagic naming: A001...).
    if (clip.size() < 4) return {};
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    const auto is_alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (!is_alpha(clip[0]) || !is_digit(clip[1]) || !is_digit(clip[2]) || !is_digit(clip[3]))
        return {};
    if (clip.size() > 4 && is_digit(clip[4])) return {};
    std::string reel(clip.substr(0, 4));
    reel[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reel[0])));
    return reel;
}

Result<PlanDetails> plan_details(const TranscodeRequest& request) {
    const TranscodePreset& preset = request.preset;
    PlanDetails details;
    TranscodePlan& plan = details.plan;
    plan.input = request.input;
    if (request.output_dir.empty())
        return Error(ErrorCode::InvalidArgument, "no output folder given");

    // The source is opened once, as the run will read it: opening finds the stream parameters
    // by decoding the first frames, which is not worth paying twice (or three times, with a
    // separate probe) per job.
    SourceOptions source_options;
    source_options.sequence_rate = request.sequence_rate;
    source_options.threads = request.threads;
    const AudioMode wanted = preset.audio.mode;
    source_options.audio = preset.kind == OutputKind::Movie && request.audio != AudioScope::None &&
                           (wanted == AudioMode::Pcm || wanted == AudioMode::Aac ||
                            (wanted == AudioMode::Copy && !preset.audio.channels.empty()));
    const bool audio_only = request.audio == AudioScope::Only;
    if (audio_only && preset.kind != OutputKind::Movie)
        return Error(ErrorCode::InvalidArgument,
                     "--audio-only: preset " + preset.name + " writes images, no audio");
    MEDIA_TRY_ASSIGN(MediaSource opened, MediaSource::open(request.input, source_options));
    details.source = std::make_shared<MediaSource>(std::move(opened));
    details.source_reads_audio = source_options.audio && details.source->summary().has_audio;
    const SourceSummary& summary = details.source->summary();
    if (!summary.has_video)
        return Error(ErrorCode::UnsupportedFormat, "no video stream").with_file(request.input);

    plan.source_width = summary.video.width;
    plan.source_height = summary.video.height;
    if (summary.sample_aspect.valid() && summary.sample_aspect.num() > 0)
        plan.source_sar = summary.sample_aspect;
    plan.source_codec = summary.video_codec;
    plan.source_format = summary.video.format;
    plan.source_rate = summary.frame_rate;
    if (!plan.source_rate.valid() || plan.source_rate.num() <= 0)
        return Error(ErrorCode::UnsupportedFormat, "the video has no frame rate")
            .with_file(request.input);
    plan.source_frames = summary.frame_count;
    plan.source_audio_channels = summary.has_audio ? summary.audio_channels : 0;

    plan.clip = request.clip.empty() ? clip_name_of(request.input) : request.clip;
    plan.reel = request.reel;
    if (plan.reel.empty()) plan.reel = summary.reel_name;
    if (plan.reel.empty()) plan.reel = reel_from_clip_name(plan.clip);

    // Frame rate and timecode.
    plan.frame_rate = preset.frame_rate.mode == FrameRateMode::Conform ? preset.frame_rate.rate
                                                                       : plan.source_rate;
    if (summary.start_timecode) {
        if (plan.frame_rate == plan.source_rate) {
            plan.start_timecode = summary.start_timecode;
        } else {
            // Conform keeps the label ("01:00:00:00" stays 01:00:00:00) at the new rate.
            auto relabelled = Timecode::from_string_for_rate(summary.start_timecode->to_string(),
                                                             plan.frame_rate);
            if (relabelled) plan.start_timecode = *relabelled;
        }
    }

    // Output kind, codec and pixel format.
    plan.image_sequence = preset.kind == OutputKind::ImageSequence;
    if (plan.image_sequence) {
        plan.codec = preset.container.empty() ? preset.extension.substr(1) : preset.container;
        plan.pixel_format = preset.pixel_format.value_or(PixelFormat::Rgb16);
    } else {
        const EncoderCaps caps = encoder_caps(preset.codec);
        if (!caps.exists || !caps.video)
            return Error(ErrorCode::UnsupportedFormat,
                         "preset " + preset.name + ": no video encoder '" + preset.codec + "'")
                .with_file(preset.source_file);
        plan.codec = preset.codec;
        if (preset.pixel_format) {
            plan.pixel_format = *preset.pixel_format;
        } else {
            // Match source: keep the decoded format when the encoder takes it, else its first.
            const auto& formats = caps.pixel_formats;
            if (std::find(formats.begin(), formats.end(), plan.source_format) != formats.end())
                plan.pixel_format = plan.source_format;
            else if (!formats.empty())
                plan.pixel_format = formats.front();
        }
        if (!caps.pixel_formats.empty() &&
            std::find(caps.pixel_formats.begin(), caps.pixel_formats.end(), plan.pixel_format) ==
                caps.pixel_formats.end())
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("preset {}: encoder {} does not take {}", preset.name,
                                     preset.codec, info_name(plan.pixel_format)))
                .with_file(preset.source_file);
    }

    MEDIA_TRY(decide_geometry(preset, plan, details.geometry));
    MEDIA_TRY(decide_audio(request, summary, plan, details.audio));
    if (audio_only) MEDIA_TRY(check_audio_only(request, summary, plan, details.audio));
    plan.audio_only = audio_only;

    // Colour: tags from the preset over the source's; the pixels follow the tags' matrix/range.
    plan.color = merge_tags(preset.color.tags, summary.video.color);
    const PixelFormatInfo& out_info = info_of(plan.pixel_format);
    if (out_info.is_rgb) {
        plan.color.matrix = MatrixCoefficients::RGB;
        plan.color.range = ColorRange::Full;
    } else {
        if (plan.color.matrix == MatrixCoefficients::RGB ||
            plan.color.matrix == MatrixCoefficients::Unspecified)
            plan.color.matrix =
                plan.height >= 720 ? MatrixCoefficients::BT709 : MatrixCoefficients::BT470BG;
        if (plan.color.range == ColorRange::Unspecified) plan.color.range = ColorRange::Limited;
    }
    plan.color.mastering_display = summary.video.color.mastering_display;
    plan.color.content_light = summary.video.color.content_light;
    plan.look = describe_look(request.look);
    const BurnInTemplate& burnin = request.burnin ? *request.burnin : preset.burnin;
    for (const auto& element : burnin.elements) {
        std::string text =
            std::string(to_string(element.field)) + " " + std::string(to_string(element.anchor));
        if (!element.text.empty()) text += " \"" + element.text + "\"";
        plan.burnins.push_back(text);
    }

    MEDIA_TRY(decide_frames(request, plan, details.audio));

    // Output name, confined to the output folder.
    NamingFields fields = request.extra_fields;
    fields["clip"] = plan.clip;
    fields["reel"] = plan.reel;
    fields["tc"] = plan.start_timecode ? plan.start_timecode->to_string() : "";
    fields["preset"] = preset.name;
    fields["date"] = local_date("%Y%m%d");
    fields["time"] = local_date("%H%M%S");
    fields["codec"] = plan.codec;
    fields["width"] = std::to_string(plan.width);
    fields["height"] = std::to_string(plan.height);
    fields["fps"] = fps_label(plan.frame_rate);
    // The audio-only intermediate is always QuickTime: it holds PCM of any depth and AAC,
    // timed in samples (Matroska's millisecond clock would not be exact).
    const std::string extension = audio_only ? std::string(".mov") : preset.extension;
    fields["ext"] = extension.empty() ? "" : extension.substr(1);
    if (!fields.count("index")) fields["index"] = "0";
    std::string name = request.output_name;
    if (name.empty()) {
        MEDIA_TRY_ASSIGN(name, expand_naming(preset.naming, fields));
    } else {
        MEDIA_TRY_ASSIGN(name, expand_naming(name, fields));
    }
    const fs::path root(request.output_dir);
    fs::path output = root / name;
    if (plan.image_sequence) {
        const std::string stem = fs::path(name).filename().string();
        const int digits = std::clamp(preset.sequence_digits, 1, 10);
        output = output / fmt::format("{}.%0{}d{}", stem, digits, preset.extension);
        // A chunk's timecode is already shifted; a file number is shifted here.
        details.first_frame_number =
            plan.start_timecode
                ? plan.start_timecode->frames()
                : summary.first_frame_number.value_or(0) + (plan.frames ? plan.frames->first : 0);
    } else {
        output += extension;
    }
    if (!inside(root, output))
        return Error(ErrorCode::InvalidArgument,
                     "output name '" + name + "' leaves the output folder")
            .with_file(request.input);
    plan.output = output.string();
    std::error_code ec;
    if (plan.image_sequence) {
        const fs::path folder = output.parent_path();
        plan.output_exists = fs::exists(folder, ec) && !fs::is_empty(folder, ec);
    } else {
        plan.output_exists = fs::exists(output, ec);
    }
    return details;
}

Result<TranscodePlan> plan_transcode(const TranscodeRequest& request) {
    MEDIA_TRY_ASSIGN(PlanDetails details, plan_details(request));
    return details.plan;
}

std::string TranscodePlan::describe() const {
    std::ostringstream out;
    out << "input    " << input << "\n";
    out << "clip     " << clip << (reel.empty() ? "" : "  reel " + reel) << "\n";
    out << "source   " << source_width << "x" << source_height << " " << source_codec << " "
        << info_name(source_format) << " @ " << fps_label(source_rate) << " fps";
    if (source_frames) out << ", " << *source_frames << " frames";
    // A chunk's timecode is its first frame's; the source's is that many frames earlier.
    const int64_t first = frames ? frames->first : 0;
    if (start_timecode) out << ", TC " << (*start_timecode + -first).to_string();
    out << "\n";
    if (frames)
        out << "frames   " << format_frame_range(*frames)
            << (start_timecode ? ", TC " + start_timecode->to_string() : std::string()) << "\n";
    out << "output   " << output << (output_exists ? "  (exists)" : "") << "\n";
    if (audio_only) {
        out << "video    none (audio only)\n";
        out << "audio    " << audio << "\n";
        return out.str();
    }
    out << "video    " << codec << " " << info_name(pixel_format) << " " << width << "x" << height
        << " @ " << fps_label(frame_rate) << " fps, " << to_string(color.primaries) << "/"
        << to_string(color.transfer) << "/" << to_string(color.matrix) << "/"
        << to_string(color.range) << "\n";
    out << "scale    " << scale << "\n";
    out << "look     " << look << "\n";
    out << "audio    " << audio << "\n";
    out << "burn-ins " << (burnins.empty() ? "none" : "") << "\n";
    for (const auto& b : burnins) out << "         " << b << "\n";
    return out.str();
}

}  // namespace media::transcode
