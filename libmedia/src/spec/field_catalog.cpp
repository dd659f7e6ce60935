// SPDX-License-Identifier: Apache-2.0
// The fields a spec rule can test, with their types and where the values come from. The values
// themselves are read in field_values.cpp; docs/validate.md lists the same table.
#include "media/spec/fields.h"

namespace media::spec {
namespace {

using K = Value::Kind;

FieldInfo probe(std::string name, K type, std::string unit, std::string description) {
    return {std::move(name), type, std::move(unit), std::move(description), FieldSource::Probe,
            false,           {}};
}

FieldInfo audio(std::string name, K type, std::string unit, std::string description) {
    FieldInfo f = probe(std::move(name), type, std::move(unit), std::move(description));
    f.per_audio_stream = true;
    return f;
}

FieldInfo measure(std::string name, K type, std::string unit, std::string description,
                  std::vector<std::string> checks) {
    return {std::move(name),      type,  std::move(unit),  std::move(description),
            FieldSource::Measure, false, std::move(checks)};
}

std::vector<FieldInfo> make_catalog() {
    return {
        probe("file.name", K::Text, "", "file name without folder"),
        probe("file.extension", K::Text, "", "file extension, lower case, without the dot"),
        probe("file.size", K::Number, "bytes", "file size"),
        probe("container.format", K::Text, "",
              "container: mov, mp4, mxf, matroska, webm, avi, mpegts, wav, dpx, exr..."),
        probe("container.demuxer", K::Text, "", "libav's format name"),
        probe("container.duration", K::Number, "s", "container duration"),
        probe("container.bit_rate", K::Number, "b/s", "overall bit rate"),
        probe("container.start_timecode", K::Text, "", "start timecode (tmcd, MXF, tags)"),
        probe("container.reel", K::Text, "", "reel / tape name"),
        probe("container.stream_count", K::Number, "", "number of streams of any kind"),
        probe("container.stream_order", K::List, "",
              "kinds of the video, audio and subtitle streams in file order"),
        probe("container.video_streams", K::Number, "", "number of video streams"),
        probe("container.audio_streams", K::Number, "", "number of audio streams"),
        probe("container.subtitle_streams", K::Number, "", "number of subtitle streams"),
        probe("video.codec", K::Text, "", "codec (ffmpeg short name: prores, h264, dnxhd...)"),
        probe("video.codec_tag", K::Text, "", "FourCC (apch, avc1...)"),
        probe("video.profile", K::Text, "", "codec profile (ffmpeg's name: HQ, High, 4:2:2...)"),
        probe("video.level", K::Number, "", "codec level"),
        probe("video.width", K::Number, "px", "coded picture width"),
        probe("video.height", K::Number, "px", "coded picture height"),
        probe("video.sar", K::Rational, "", "sample (pixel) aspect ratio"),
        probe("video.dar", K::Rational, "", "display aspect ratio"),
        probe("video.scan_type", K::Text, "", "progressive, interlaced or unknown"),
        probe("video.field_order", K::Text, "", "progressive, tff, bff or unknown"),
        probe("video.frame_rate", K::Rational, "fps", "frame rate (exact)"),
        probe("video.frame_count", K::Number, "frames", "frames declared by the container"),
        probe("video.duration", K::Number, "s", "video stream duration"),
        probe("video.bit_rate", K::Number, "b/s", "video stream bit rate"),
        probe("video.pixel_format", K::Text, "", "pixel format (ffmpeg name)"),
        probe("video.bit_depth", K::Number, "bits", "bits per component"),
        probe("video.chroma_subsampling", K::Text, "", "4:2:0, 4:2:2, 4:4:4 ('' for RGB)"),
        probe("video.color_primaries", K::Text, "", "colour primaries (ffprobe's name)"),
        probe("video.color_transfer", K::Text, "", "transfer characteristics (ffprobe's name)"),
        probe("video.color_matrix", K::Text, "", "matrix coefficients (ffprobe's name)"),
        probe("video.color_range", K::Text, "", "tv (narrow), pc (full) or unknown"),
        probe("video.hdr", K::Bool, "", "an HDR transfer: PQ (SMPTE ST 2084) or HLG"),
        probe("video.mastering_display", K::Bool, "",
              "SMPTE ST 2086 mastering display metadata present"),
        probe("video.mastering_display.primaries", K::Text, "",
              "mastering display primaries: bt709, p3-d65, p3-dci, bt2020 or custom"),
        probe("video.mastering_display.max_luminance", K::Number, "cd/m²",
              "mastering display peak luminance"),
        probe("video.mastering_display.min_luminance", K::Number, "cd/m²",
              "mastering display black level"),
        probe("video.max_cll", K::Number, "cd/m²", "declared MaxCLL (absent when not declared)"),
        probe("video.max_fall", K::Number, "cd/m²", "declared MaxFALL (absent when not declared)"),
        probe("image.data_type", K::Text, "",
              "image files and sequences: sample type (half, float, uint16, uint10, uint8)"),
        probe("image.compression", K::Text, "", "image files and sequences: compression"),
        probe("image.channels", K::Number, "", "image files and sequences: channels"),
        probe("sequence.first_frame", K::Number, "", "image sequence: first frame number"),
        probe("sequence.frame_count", K::Number, "frames", "image sequence: files present"),
        probe("sequence.missing_frames", K::Number, "frames",
              "image sequence: numbers missing between the first and the last"),
        audio("audio.codec", K::Text, "", "codec (pcm_s24le, aac...), every audio stream"),
        audio("audio.channels", K::Number, "", "channels, every audio stream"),
        audio("audio.channel_layout", K::Text, "", "channel layout (ffmpeg's description)"),
        audio("audio.sample_rate", K::Number, "Hz", "sample rate, every audio stream"),
        audio("audio.bit_depth", K::Number, "bits", "bits per sample, every audio stream"),
        audio("audio.sample_format", K::Text, "", "sample format (ffmpeg name)"),
        audio("audio.language", K::Text, "", "language tag, every audio stream"),
        probe("audio.total_channels", K::Number, "", "channels summed over the audio streams"),
        probe("audio.channel_order", K::List, "",
              "channel names over all audio streams in order (FL FR FC LFE BL BR SL SR DL DR..., "
              "UNK when unlabelled)"),
        measure("measure.loudness_integrated", K::Number, "LUFS",
                "programme loudness, ITU-R BS.1770-4 gated", {"loudness_integrated"}),
        measure("measure.loudness_range", K::Number, "LU", "loudness range (EBU Tech 3342)",
                {"loudness_range"}),
        measure("measure.true_peak", K::Number, "dBTP", "largest true peak of any channel",
                {"true_peak"}),
        measure("measure.head_black", K::Number, "s", "black at the start of the programme",
                {"black"}),
        measure("measure.tail_black", K::Number, "s", "black at the end of the programme",
                {"black"}),
        measure("measure.longest_black", K::Number, "s", "longest black segment", {"black"}),
        measure("measure.longest_freeze", K::Number, "s", "longest frozen segment", {"freeze"}),
        measure("measure.black_silence", K::Number, "s",
                "longest span of black picture with silent audio", {"black_silence"}),
        measure("measure.flash_test", K::Text, "",
                "photosensitive flash test (ITU-R BT.1702): pass or fail", {"flash"}),
        measure("measure.flashes_per_second", K::Number, "flashes/s",
                "most flashes in any 1 s window", {"flash"}),
        measure("measure.av_duration_delta", K::Number, "s",
                "difference between audio and video durations", {"av_duration"}),
        measure("measure.timecode_breaks", K::Number, "", "timecode discontinuities",
                {"timecode_continuity"}),
        measure("measure.decode_errors", K::Number, "", "decode errors plus corrupt frames",
                {"decode_errors"}),
        measure("measure.frames_decoded", K::Number, "frames", "frames decoded", {"frame_count"}),
        measure("measure.max_cll", K::Number, "cd/m²",
                "MaxCLL computed from the pictures (99.9th percentile per frame, PQ only)",
                {"hdr_light_level"}),
        measure("measure.max_fall", K::Number, "cd/m²",
                "MaxFALL computed from the pictures (PQ only)", {"hdr_light_level"}),
    };
}

}  // namespace

const std::vector<FieldInfo>& field_catalog() {
    static const std::vector<FieldInfo> catalog = make_catalog();
    return catalog;
}

const FieldInfo* find_field(std::string_view name) {
    for (const FieldInfo& field : field_catalog())
        if (field.name == name) return &field;
    return nullptr;
}

}  // namespace media::spec
