// SPDX-License-Identifier: Apache-2.0
// Generates the dailies set and checks every file against manifest.json with an independent
// reader (libav for movies, OpenImageIO for sequences): codec, profile, size, rate, decoded frame
// and sample counts, timecode, reel, colour tags, HDR metadata, tones and the frame counter.
#include <filesystem>
#include <fstream>
#include <set>

#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

extern "C" {
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/pixdesc.h>
}

#include "av_check.h"
#include "slate_samples/samples.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace slate_test;

json load_json(const fs::path& path) {
    std::ifstream in(path);
    return json::parse(in);
}

void check_counter(const AVFrame& frame, const json& video, int64_t expected) {
    const json& c = video["frame_counter"];
    const int64_t value = read_counter([&](int x, int y) { return luma_at(frame, x, y); }, c["x"],
                                       c["y"], c["cell"], c["bits"]);
    EXPECT_EQ(value, expected) << "frame counter";
}

void check_video_stream(AVStream* stream, const json& video) {
    const AVCodecParameters* par = stream->codecpar;
    EXPECT_EQ(avcodec_get_name(par->codec_id), video["codec"].get<std::string>());
    const char* profile = avcodec_profile_name(par->codec_id, par->profile);
    EXPECT_EQ(profile ? profile : "", video["profile"].get<std::string>());
    EXPECT_EQ(par->width, video["width"].get<int>());
    EXPECT_EQ(par->height, video["height"].get<int>());
    const AVRational rate = stream->r_frame_rate;
    EXPECT_EQ(std::to_string(rate.num) + (rate.den == 1 ? "" : "/" + std::to_string(rate.den)),
              video["frame_rate"].get<std::string>());
    const json& color = video["color"];
    EXPECT_EQ(av_color_primaries_name(par->color_primaries), color["primaries"].get<std::string>());
    EXPECT_EQ(av_color_transfer_name(par->color_trc), color["transfer"].get<std::string>());
    EXPECT_EQ(av_color_space_name(par->color_space), color["matrix"].get<std::string>());
    EXPECT_EQ(av_color_range_name(par->color_range), color["range"].get<std::string>());
}

void check_hdr(AVStream* stream, const json& color) {
    if (!color.contains("mastering_display")) return;
    size_t size = 0;
    const auto* md = reinterpret_cast<const AVMasteringDisplayMetadata*>(
        av_stream_get_side_data(stream, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, &size));
    ASSERT_NE(md, nullptr) << "no mastering display side data";
    const json& m = color["mastering_display"];
    EXPECT_NEAR(av_q2d(md->max_luminance), m["max_luminance"].get<double>(), 1e-6);
    EXPECT_NEAR(av_q2d(md->min_luminance), m["min_luminance"].get<double>(), 1e-9);
    EXPECT_NEAR(av_q2d(md->display_primaries[0][0]), m["red"][0].get<double>(), 1e-4);
    EXPECT_NEAR(av_q2d(md->display_primaries[1][1]), m["green"][1].get<double>(), 1e-4);
    EXPECT_NEAR(av_q2d(md->white_point[0]), m["white_point"][0].get<double>(), 1e-4);
    const auto* cll = reinterpret_cast<const AVContentLightMetadata*>(
        av_stream_get_side_data(stream, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, &size));
    ASSERT_NE(cll, nullptr) << "no content light level side data";
    EXPECT_EQ(cll->MaxCLL, color["content_light_level"]["max_cll"].get<unsigned>());
    EXPECT_EQ(cll->MaxFALL, color["content_light_level"]["max_fall"].get<unsigned>());
}

void check_decoded_video(const fs::path& path, const json& video) {
    const AVPixFmtDescriptor* want =
        av_pix_fmt_desc_get(av_get_pix_fmt(video["pix_fmt"].get<std::string>().c_str()));
    ASSERT_NE(want, nullptr);
    const int64_t frames = video["frames"];
    bool hdr_in_frames = false;
    const int64_t decoded = decode_video(path, [&](int64_t index, const AVFrame& frame) {
        const AVPixFmtDescriptor* got =
            av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame.format));
        EXPECT_EQ(got->log2_chroma_w, want->log2_chroma_w);
        EXPECT_EQ(got->log2_chroma_h, want->log2_chroma_h);
        EXPECT_GE(got->comp[0].depth, want->comp[0].depth);  // ProRes 4444 decodes to 12 bits
        if (index == 0 || index == frames - 1) check_counter(frame, video, index);
        if (index == 0)
            hdr_in_frames =
                av_frame_get_side_data(&frame, AV_FRAME_DATA_MASTERING_DISPLAY_METADATA);
    });
    EXPECT_EQ(decoded, frames) << "decoded picture count";
    if (video["color"].contains("mastering_display")) {
        EXPECT_TRUE(hdr_in_frames) << "no HDR SEI";
    }
}

void check_audio(const fs::path& path, AVFormatContext* ctx, const json& audio) {
    AVStream* stream = first_stream(ctx, AVMEDIA_TYPE_AUDIO);
    ASSERT_NE(stream, nullptr);
    EXPECT_EQ(avcodec_get_name(stream->codecpar->codec_id), audio["codec"].get<std::string>());
    EXPECT_EQ(stream->codecpar->sample_rate, audio["sample_rate"].get<int>());
    EXPECT_EQ(stream->codecpar->ch_layout.nb_channels, audio["channels"].get<int>());
    if (audio.contains("bits")) {
        EXPECT_EQ(stream->codecpar->bits_per_raw_sample, audio["bits"].get<int>());
    }
    const DecodedAudio decoded = decode_audio(path);
    ASSERT_EQ(decoded.channels.size(), audio["channels"].get<std::size_t>());
    const auto samples = audio["samples"].get<std::size_t>();
    const bool pcm = audio.contains("bits");
    if (pcm) {
        EXPECT_EQ(decoded.channels[0].size(), samples) << "decoded sample count";
    } else {  // AAC adds encoder delay and pads its last frame
        EXPECT_NEAR(static_cast<double>(decoded.channels[0].size()), static_cast<double>(samples),
                    2048.0);
    }
    const std::size_t window = 24000, start = pcm ? 0 : 4096;  // skip AAC priming
    for (const auto& tone : audio["tones"]) {
        const auto& signal = decoded.channels[tone["channel"].get<std::size_t>() - 1];
        EXPECT_NEAR(crossing_rate(signal, decoded.sample_rate, start, window),
                    tone["frequency_hz"].get<double>(), 2.0);
        const double amplitude = std::pow(10.0, tone["level_dbfs"].get<double>() / 20.0);
        EXPECT_NEAR(peak(signal, start, window), amplitude, pcm ? 1e-4 : 0.01);
    }
}

void check_movie(const fs::path& dir, const json& entry) {
    const fs::path path = dir / entry["file"].get<std::string>();
    InputPtr ctx = open_media(path);
    ASSERT_TRUE(ctx) << path;
    AVStream* video = first_stream(ctx.get(), AVMEDIA_TYPE_VIDEO);
    ASSERT_NE(video, nullptr);
    check_video_stream(video, entry["video"]);
    check_hdr(video, entry["video"]["color"]);
    EXPECT_EQ(find_timecode(ctx.get()), entry["timecode"]["start"].get<std::string>());
    if (entry["container"] != "mxf") {
        AVStream* data = first_stream(ctx.get(), AVMEDIA_TYPE_DATA);
        ASSERT_NE(data, nullptr) << "no tmcd track";
        EXPECT_EQ(data->codecpar->codec_tag, MKTAG('t', 'm', 'c', 'd'));
    }
    if (entry["reel"].is_string()) {
        EXPECT_EQ(find_tag(ctx.get(), "reel_name"), entry["reel"].get<std::string>());
    }
    check_decoded_video(path, entry["video"]);
    if (entry["audio"].is_object()) check_audio(path, ctx.get(), entry["audio"]);
}

// The counter reads from any channel: the cells are neutral grey, R = G = B.
int64_t counter_in(const std::vector<float>& pixels, int width, int channels, const json& c,
                   double threshold) {
    return read_counter(
        [&](int x, int y) {
            return pixels[(static_cast<std::size_t>(y) * width + x) * channels] > threshold ? 1.0
                                                                                            : 0.0;
        },
        c["x"], c["y"], c["cell"], c["bits"]);
}

void check_picture(const fs::path& file, const json& entry, int64_t index, const std::string& tc) {
    const json& video = entry["video"];
    auto in = OIIO::ImageInput::open(file.string());
    ASSERT_TRUE(in) << OIIO::geterror();
    const OIIO::ImageSpec& spec = in->spec();
    EXPECT_EQ(spec.width, video["width"].get<int>());
    EXPECT_EQ(spec.height, video["height"].get<int>());
    EXPECT_EQ(spec.nchannels, video["channels"] == "RGBA" ? 4 : 3);
    if (video["sample_type"] == "half") {
        EXPECT_EQ(spec.format, OIIO::TypeDesc::HALF);
    } else {
        EXPECT_EQ(spec.get_int_attribute("oiio:BitsPerSample"), video["bits"].get<int>());
    }
    const OIIO::ParamValue* timecode = spec.find_attribute("smpte:TimeCode");
    ASSERT_NE(timecode, nullptr);
    EXPECT_EQ(timecode->get_string(), tc);
    if (entry.contains("compression")) {
        EXPECT_EQ(spec.get_string_attribute("compression"),
                  entry["compression"].get<std::string>());
    }
    if (entry.contains("chromaticities")) {
        const OIIO::ParamValue* chroma = spec.find_attribute("chromaticities");
        ASSERT_NE(chroma, nullptr);
        ASSERT_EQ(chroma->type(), OIIO::TypeDesc(OIIO::TypeDesc::FLOAT, 8));
        const auto* xy = static_cast<const float*>(chroma->data());
        EXPECT_FLOAT_EQ(xy[0], 0.64f);    // red x
        EXPECT_FLOAT_EQ(xy[6], 0.3127f);  // white x
    }
    if (entry.contains("attributes")) {
        for (const auto& [key, value] : entry["attributes"].items())
            EXPECT_EQ(spec.get_string_attribute(key), value.get<std::string>());
    }
    std::vector<float> pixels(static_cast<std::size_t>(spec.width) * spec.height * spec.nchannels);
    ASSERT_TRUE(in->read_image(0, 0, 0, spec.nchannels, OIIO::TypeDesc::FLOAT, pixels.data()));
    // Counter cells are Y' 0.1 / 0.9: the same in R'G'B', about 0.02 / 0.79 once linearised.
    const double threshold = video["scene_linear"].get<bool>() ? 0.3 : 0.5;
    EXPECT_EQ(counter_in(pixels, spec.width, spec.nchannels, video["frame_counter"], threshold),
              index);
}

void check_sequence(const fs::path& dir, const json& entry) {
    const fs::path folder = dir / entry["name"].get<std::string>();
    const json& video = entry["video"];
    std::set<std::string> names;
    for (const auto& file : fs::directory_iterator(folder))
        names.insert(file.path().filename().string());
    ASSERT_EQ(names.size(), video["frames"].get<std::size_t>());
    const auto pattern = fs::path(entry["file"].get<std::string>()).filename().string();
    const auto name_of = [&](int64_t number) {
        char buf[256];
        std::snprintf(buf, sizeof buf, pattern.c_str(), static_cast<int>(number));
        return std::string(buf);
    };
    const int64_t first = video["first_number"], last = video["last_number"];
    EXPECT_TRUE(names.count(name_of(first)) && names.count(name_of(last)));
    check_picture(folder / name_of(first), entry, 0, entry["timecode"]["start"]);
    check_picture(folder / name_of(last), entry, last - first, entry["timecode"]["end"]);
}

TEST(SamplesDailies, EveryFileMatchesTheManifest) {
    TempDir out("dailies");
    auto report =
        media::samples::generate_samples({out.path(), media::samples::SampleSet::Dailies, ""});
    ASSERT_TRUE(report) << report.error().to_string();
    EXPECT_TRUE(report->plants.empty());
    const json manifest = load_json(out.path() / "manifest.json");
    EXPECT_EQ(manifest["schema"], "slate.samples");
    EXPECT_EQ(manifest["version"], 1);
    const auto catalog = media::samples::list_samples(media::samples::SampleSet::Dailies);
    ASSERT_EQ(manifest["files"].size(), catalog.size());
    for (const auto& entry : manifest["files"]) {
        SCOPED_TRACE(entry["name"].get<std::string>());
        if (entry["kind"] == "movie") {
            check_movie(out.path(), entry);
        } else {
            check_sequence(out.path(), entry);
        }
    }
    for (const auto& file : fs::recursive_directory_iterator(out.path()))
        EXPECT_EQ(file.path().string().find(".partial"), std::string::npos) << file.path();
}

}  // namespace
