// SPDX-License-Identifier: Apache-2.0
// One libav stream described the way ffprobe -show_streams describes it.
#include <cmath>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/pixdesc.h>
}

#include "probe_internal.h"

namespace media::probe_detail {
namespace {

StreamKind kind_of(AVMediaType type) {
    switch (type) {
        case AVMEDIA_TYPE_VIDEO:
            return StreamKind::Video;
        case AVMEDIA_TYPE_AUDIO:
            return StreamKind::Audio;
        case AVMEDIA_TYPE_SUBTITLE:
            return StreamKind::Subtitle;
        case AVMEDIA_TYPE_DATA:
            return StreamKind::Data;
        case AVMEDIA_TYPE_ATTACHMENT:
            return StreamKind::Attachment;
        default:
            return StreamKind::Unknown;
    }
}

FieldOrder field_order_of(AVFieldOrder order) {
    switch (order) {
        case AV_FIELD_PROGRESSIVE:
            return FieldOrder::Progressive;
        case AV_FIELD_TT:
            return FieldOrder::TopFirst;
        case AV_FIELD_BB:
            return FieldOrder::BottomFirst;
        case AV_FIELD_TB:
            return FieldOrder::TopCodedBottomFirst;
        case AV_FIELD_BT:
            return FieldOrder::BottomCodedTopFirst;
        default:
            return FieldOrder::Unknown;
    }
}

std::string chroma_label(const AVPixFmtDescriptor* desc) {
    if (!desc || (desc->flags & AV_PIX_FMT_FLAG_RGB) || desc->nb_components < 3) return "";
    const int w = desc->log2_chroma_w, h = desc->log2_chroma_h;
    if (w == 0 && h == 0) return "4:4:4";
    if (w == 1 && h == 0) return "4:2:2";
    if (w == 1 && h == 1) return "4:2:0";
    if (w == 0 && h == 1) return "4:4:0";
    if (w == 2 && h == 0) return "4:1:1";
    if (w == 2 && h == 2) return "4:1:0";
    return "";
}

// Differences under 0.1 % are rounding in the container's time base, not a variable rate.
bool rates_differ(Rational a, Rational b) {
    if (!a.valid() || !b.valid() || a.num() == 0 || b.num() == 0) return false;
    return std::fabs(a.to_double() / b.to_double() - 1.0) > 1e-3;
}

ColorInfo color_of(const AVCodecParameters* par) {
    ColorInfo color;
    color.primaries = static_cast<ColorPrimaries>(par->color_primaries);
    color.transfer = static_cast<TransferCharacteristic>(par->color_trc);
    color.matrix = static_cast<MatrixCoefficients>(par->color_space);
    color.range = static_cast<ColorRange>(par->color_range);
    color.chroma_location = static_cast<ChromaLocation>(par->chroma_location);
    return color;
}

void add_stream_hdr(AVStream* stream, ColorInfo& color) {
    size_t size = 0;
    const uint8_t* data =
        av_stream_get_side_data(stream, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, &size);
    if (data && size >= sizeof(AVMasteringDisplayMetadata))
        color.mastering_display =
            to_mastering_display(*reinterpret_cast<const AVMasteringDisplayMetadata*>(data));
    data = av_stream_get_side_data(stream, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, &size);
    if (data && size >= sizeof(AVContentLightMetadata))
        color.content_light =
            to_content_light(*reinterpret_cast<const AVContentLightMetadata*>(data));
}

// ffprobe's DAR: the guessed SAR applied to the coded size, reduced with a 1024*1024 bound.
void fill_aspect(AVFormatContext* ctx, AVStream* stream, VideoInfo& video) {
    AVRational sar = av_guess_sample_aspect_ratio(ctx, stream, nullptr);
    if (sar.num == 0) return;
    AVRational dar{};
    av_reduce(&dar.num, &dar.den, int64_t{video.width} * sar.num, int64_t{video.height} * sar.den,
              1024 * 1024);
    video.sample_aspect_ratio = av::to_rational(sar);
    video.display_aspect_ratio = av::to_rational(dar);
}

VideoInfo describe_video(AVFormatContext* ctx, AVStream* stream) {
    const AVCodecParameters* par = stream->codecpar;
    VideoInfo video;
    video.width = par->width;
    video.height = par->height;
    fill_aspect(ctx, stream, video);
    video.field_order = field_order_of(par->field_order);
    video.r_frame_rate = av::to_rational(stream->r_frame_rate);
    video.avg_frame_rate = av::to_rational(stream->avg_frame_rate);
    video.variable_frame_rate = rates_differ(video.r_frame_rate, video.avg_frame_rate);
    const auto* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(par->format));
    video.pixel_format = desc ? desc->name : "";
    video.bit_depth = par->bits_per_raw_sample > 0 ? par->bits_per_raw_sample
                      : desc                       ? desc->comp[0].depth
                                                   : 0;
    video.chroma_subsampling = chroma_label(desc);
    video.color = color_of(par);
    add_stream_hdr(stream, video.color);
    return video;
}

AudioInfo describe_audio(const AVCodecParameters* par) {
    AudioInfo audio;
    audio.channels = par->ch_layout.nb_channels;
    char layout[128] = {};
    if (av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) >= 0)
        audio.channel_layout = layout;
    // Channel names only when the layout labels its channels (an "8 channels" layout with an
    // unspecified order has none: delivery checks must not guess an order).
    if (par->ch_layout.order == AV_CHANNEL_ORDER_NATIVE ||
        par->ch_layout.order == AV_CHANNEL_ORDER_CUSTOM) {
        for (int c = 0; c < audio.channels; ++c) {
            char name[32] = {};
            const AVChannel channel = av_channel_layout_channel_from_index(&par->ch_layout, c);
            if (channel == AV_CHAN_NONE || av_channel_name(name, sizeof name, channel) < 0)
                audio.channel_names.push_back("UNK");
            else
                audio.channel_names.push_back(name);
        }
    }
    audio.sample_rate = par->sample_rate;
    const char* format = av_get_sample_fmt_name(static_cast<AVSampleFormat>(par->format));
    audio.sample_format = format ? format : "";
    audio.bit_depth = par->bits_per_raw_sample > 0 ? par->bits_per_raw_sample
                                                   : av_get_bits_per_sample(par->codec_id);
    return audio;
}

void describe_codec(const AVCodecParameters* par, StreamInfo& info) {
    if (const AVCodecDescriptor* desc = avcodec_descriptor_get(par->codec_id)) {
        info.codec = desc->name;
        info.codec_long = desc->long_name ? desc->long_name : "";
    }
    if (par->codec_tag != 0) {
        char fourcc[AV_FOURCC_MAX_STRING_SIZE] = {};
        info.codec_tag = av_fourcc_make_string(fourcc, par->codec_tag);
    }
    if (const char* profile = avcodec_profile_name(par->codec_id, par->profile))
        info.profile = profile;
    info.level = par->level;
    info.bit_rate = par->bit_rate;
}

}  // namespace

MasteringDisplay to_mastering_display(const AVMasteringDisplayMetadata& md) {
    MasteringDisplay out;
    if (md.has_primaries) {
        out.red_x = av_q2d(md.display_primaries[0][0]);
        out.red_y = av_q2d(md.display_primaries[0][1]);
        out.green_x = av_q2d(md.display_primaries[1][0]);
        out.green_y = av_q2d(md.display_primaries[1][1]);
        out.blue_x = av_q2d(md.display_primaries[2][0]);
        out.blue_y = av_q2d(md.display_primaries[2][1]);
        out.white_x = av_q2d(md.white_point[0]);
        out.white_y = av_q2d(md.white_point[1]);
    }
    if (md.has_luminance) {
        out.min_luminance = av_q2d(md.min_luminance);
        out.max_luminance = av_q2d(md.max_luminance);
    }
    return out;
}

ContentLightLevel to_content_light(const AVContentLightMetadata& cll) {
    return ContentLightLevel{cll.MaxCLL, cll.MaxFALL};
}

StreamInfo describe_stream(AVFormatContext* ctx, AVStream* stream) {
    const AVCodecParameters* par = stream->codecpar;
    StreamInfo info;
    info.index = stream->index;
    info.kind = kind_of(par->codec_type);
    describe_codec(par, info);
    info.time_base = av::to_rational(stream->time_base);
    info.start_pts = stream->start_time == AV_NOPTS_VALUE ? 0 : stream->start_time;
    if (stream->duration != AV_NOPTS_VALUE)
        info.duration_seconds = static_cast<double>(stream->duration) * av_q2d(stream->time_base);
    if (stream->nb_frames > 0) info.frame_count = stream->nb_frames;
    info.language = dict_value(stream->metadata, "language");
    info.timecode = dict_value(stream->metadata, "timecode");
    if (info.kind == StreamKind::Video) info.video = describe_video(ctx, stream);
    if (info.kind == StreamKind::Audio) info.audio = describe_audio(par);
    return info;
}

}  // namespace media::probe_detail
