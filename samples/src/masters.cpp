// SPDX-License-Identifier: Apache-2.0
// Tone levels are tuned so that Slate's own BS.1770-4 measure (`slate qc`) reads the stated
// programme loudness: every channel plays its standard tone at one level, and loudness is linear
// in that level, so each layout has one constant, measured once (qc reads them to 0.01 LU).
#include "masters.h"

namespace media::samples {
namespace {

// ffmpeg 6 names this layout "5.1+downmix"; 5.1 has no name for it but parses the list.
constexpr const char* k_51_downmix = "FL+FR+FC+LFE+BL+BR+DL+DR";

// Per-channel tone levels (dBFS) and the programme loudness `slate qc` measures with them. LFE is
// not measured; side and back channels weigh 1.41, DL/DR 1.0. The true peak is each sine's peak,
// a few tenths of a dB higher between samples for the 7 and 8 kHz tones.
struct Mix {
    double level_dbfs;
    double loudness_lufs;
};
constexpr Mix k_51_downmix_mix{-32.80, -24.0};
constexpr Mix k_71_mix{-33.28, -24.0};
constexpr Mix k_51_mix{-31.35, -24.0};
constexpr Mix k_stereo_mix{-25.35, -24.0};
constexpr Mix k_loud_mix{-24.80, -16.0};       // 8 dB up: the loud 5.1+downmix
constexpr Mix k_broadcast_mix{-24.35, -23.0};  // EBU R128 stereo
// The gated measure drops 0.27 LU across the blocks straddling the end of a silent head: made up.
constexpr Mix k_head_black_mix{-32.53, -24.0};

// The UHD HDR pictures are scaled so their brightest R'G'B' stays under PQ 0.75 (1000 cd/m², the
// mastering display's peak); MaxCLL/MaxFALL below are what `slate qc` measures on them
// (hdr_light_level: MaxCLL at the 99.9th percentile of max(R,G,B)), rounded up.
constexpr double k_hdr_signal_scale = 0.78;
constexpr unsigned k_hdr_max_cll = 640;  // measured 632.7 (the counter's 1-cells, PQ 0.702)
constexpr unsigned k_hdr_max_fall = 95;  // measured 91.4

constexpr int64_t k_head_black_frames = 36;  // 1.5 s at 23.976

ColorInfo hdr10_1000(bool metadata) {
    ColorInfo c;
    c.primaries = ColorPrimaries::BT2020;
    c.transfer = TransferCharacteristic::SMPTE2084;
    c.matrix = MatrixCoefficients::BT2020_NCL;
    c.range = ColorRange::Limited;
    if (!metadata) return c;
    // P3-D65 mastering display of 0.0001-1000 cd/m², the common grading monitor.
    c.mastering_display =
        MasteringDisplay{0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3127, 0.3290, 0.0001, 1000.0};
    c.content_light = ContentLightLevel{k_hdr_max_cll, k_hdr_max_fall};
    return c;
}

VideoEncoding prores_hq(int width, int height, Rational rate, const ColorInfo& color) {
    VideoEncoding v;
    v.label = "ProRes 422 HQ";
    v.encoder = "prores_ks";
    v.codec = "prores";
    v.profile = "HQ";
    v.pixel_format = "yuv422p10le";
    v.width = width;
    v.height = height;
    v.rate = rate;
    v.options = {{"profile", "hq"}, {"vendor", "apl0"}};  // fourcc apch
    v.fixed_quantiser = 4;
    v.color = color;
    return v;
}

// XDCAM HD422: MPEG-2 4:2:2P@HL long GOP, 1080i25 top field first, 50 Mb/s CBR, closed GOPs of 12
// with two B-pictures. The VBV starts full, so even 2 s average exactly 50 Mb/s (starting empty,
// the first I-picture's debt is still being repaid when the clip ends). Scene-change detection is
// off (the encoder refuses it with closed GOPs) and qmax 28 is the most non-linear quantisation
// takes. One thread: slice threads could change the bitstream between machines.
VideoEncoding xdcam_hd422() {
    VideoEncoding v;
    v.label = "XDCAM HD422 (MPEG-2 4:2:2P@HL)";
    v.encoder = "mpeg2video";
    v.codec = "mpeg2video";
    v.profile = "4:2:2";
    v.pixel_format = "yuv422p";
    v.width = 1920;
    v.height = 1080;
    v.rate = Rational(25, 1);
    v.options = {{"b", "50M"},
                 {"minrate", "50M"},
                 {"maxrate", "50M"},
                 {"bufsize", "17825792"},
                 {"g", "12"},
                 {"bf", "2"},
                 {"flags", "+cgop"},
                 {"sc_threshold", "1000000000"},
                 {"intra_vlc", "1"},
                 {"non_linear_quant", "1"},
                 {"dc", "10"},
                 {"qmax", "28"},
                 {"rc_init_occupancy", "17825792"}};
    v.threads = 1;
    v.color = bt709_tags();
    v.interlaced = true;
    return v;
}

AudioEncoding pcm24(int channels, const std::string& layout, Mix mix) {
    AudioEncoding a;
    a.encoder = "pcm_s24le";
    a.tones = standard_tones(channels, mix.level_dbfs);
    a.layout = layout;
    return a;
}

ClipSpec movie(const char* container, int64_t frames, VideoEncoding video, AudioEncoding audio) {
    ClipSpec c;
    c.container = container;
    c.frames = frames;
    c.start_timecode = catalog_timecode("01:00:00:00", video.rate);
    c.video = std::move(video);
    c.audio = std::move(audio);
    return c;
}

ClipSpec hd_master(Rational rate, int64_t frames, int channels, const std::string& layout,
                   Mix mix) {
    return movie("mov", frames, prores_hq(1920, 1080, rate, bt709_tags()),
                 pcm24(channels, layout, mix));
}

ClipSpec hd_downmix_master(Rational rate, int64_t frames, Mix mix) {
    return hd_master(rate, frames, 8, k_51_downmix, mix);
}

// UHD ProRes costs about four HD frames each: half a second is enough for the metadata tests.
ClipSpec uhd_hdr_master(bool metadata) {
    return movie("mov", 12, prores_hq(3840, 2160, Rational(24, 1), hdr10_1000(metadata)),
                 pcm24(2, "stereo", k_stereo_mix));
}

MasterFacts facts(const char* fault, Mix mix, double signal_scale = 1.0,
                  int64_t head_black_frames = 0) {
    return {fault, mix.loudness_lufs, head_black_frames, signal_scale};
}

CatalogEntry master(const char* name, const char* description, ClipSpec clip, MasterFacts f) {
    return {name, SampleSet::Masters, description, MovieEntry{std::move(clip), std::move(f)}};
}

const Rational k_hd_rate(24000, 1001);

// The correct ones, which the faulty ones copy.
std::vector<CatalogEntry> good_masters() {
    std::vector<CatalogEntry> m;
    m.push_back(master("m001_master_hd",
                       "good HD master: ProRes 422 HQ 1080p23.976, 8 ch 24-bit PCM 5.1+downmix "
                       "(FL FR FC LFE BL BR DL DR), -24 LUFS",
                       hd_downmix_master(k_hd_rate, 48, k_51_downmix_mix),
                       facts("", k_51_downmix_mix)));
    m.push_back(master("m002_master_uhd_hdr",
                       "good UHD HDR10 master: ProRes 422 HQ 2160p24, BT.2020 PQ, mastering "
                       "display P3-D65 1000 cd/m², MaxCLL/MaxFALL as measured; stereo -24 LUFS",
                       uhd_hdr_master(true), facts("", k_stereo_mix, k_hdr_signal_scale)));
    return m;
}

std::vector<CatalogEntry> faulty_masters() {
    std::vector<CatalogEntry> m;
    m.push_back(master("m003_master_hd_50p",
                       "m001 at 50 fps: fault frame_rate (high frame rate without an HFR "
                       "allowance)",
                       hd_downmix_master(Rational(50, 1), 100, k_51_downmix_mix),
                       facts("frame_rate", k_51_downmix_mix)));
    m.push_back(
        master("m004_master_hd_71", "m001 in 7.1 (SL SR where DL DR belong): fault channel_layout",
               hd_master(k_hd_rate, 48, 8, "7.1", k_71_mix), facts("channel_layout", k_71_mix)));
    m.push_back(master("m005_master_hd_51",
                       "m001 with 5.1 alone (6 channels, no stereo downmix): fault channel_count",
                       hd_master(k_hd_rate, 48, 6, "5.1", k_51_mix),
                       facts("channel_count", k_51_mix)));
    m.push_back(master("m006_master_hd_loud", "m001 mixed at -16 LUFS: fault loudness",
                       hd_downmix_master(k_hd_rate, 48, k_loud_mix),
                       facts("loudness", k_loud_mix)));
    m.push_back(master("m007_master_hd_head_black",
                       "m001, 96 frames, the first 36 (1.5 s) black with digital silence: fault "
                       "head_black",
                       hd_downmix_master(k_hd_rate, 96, k_head_black_mix),
                       facts("head_black", k_head_black_mix, 1.0, k_head_black_frames)));
    m.push_back(master("m008_master_uhd_hdr_nometa",
                       "m002 without mastering display or content light level metadata: fault "
                       "hdr_metadata",
                       uhd_hdr_master(false),
                       facts("hdr_metadata", k_stereo_mix, k_hdr_signal_scale)));
    return m;
}

}  // namespace

std::vector<CatalogEntry> master_entries() {
    std::vector<CatalogEntry> m = good_masters();
    for (auto& entry : faulty_masters()) m.push_back(std::move(entry));
    m.push_back(master("m009_broadcast_1080i25",
                       "good broadcast master: XDCAM HD422 (MPEG-2 4:2:2P@HL 50 Mb/s CBR, closed "
                       "GOP 12) 1080i25 TFF, MXF OP1a, stereo 24-bit PCM -23 LUFS",
                       movie("mxf", 50, xdcam_hd422(), pcm24(2, "stereo", k_broadcast_mix)),
                       facts("", k_broadcast_mix)));
    return m;
}

}  // namespace media::samples
