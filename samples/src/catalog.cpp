// SPDX-License-Identifier: Apache-2.0
// Clip lengths are kept short (1-2 s) and encoders on fast settings (constant quantiser for the
// intra codecs, fast presets for x264/x265) so the whole dailies set writes in seconds.
#include "catalog.h"

#include "masters.h"

namespace media::samples {
namespace {

// HDR10: BT.2020 primaries, PQ, mastered on a P3-D65 display of 0.0001-4000 cd/m² (a Pulsar-class
// monitor: the pictures reach 3906 cd/m²).
ColorInfo hdr10() {
    ColorInfo c;
    c.primaries = ColorPrimaries::BT2020;
    c.transfer = TransferCharacteristic::SMPTE2084;
    c.matrix = MatrixCoefficients::BT2020_NCL;
    c.range = ColorRange::Limited;
    c.chroma_location = ChromaLocation::Left;
    c.mastering_display =
        MasteringDisplay{0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3127, 0.3290, 0.0001, 4000.0};
    // CTA-861.3 light levels of the pictures as drawn: the brightest pixels are the frame
    // counter's 1-cells at PQ 0.9 (3906 cd/m²), the frame average stays under 400 cd/m².
    c.content_light = ContentLightLevel{4000, 400};
    return c;
}

AudioEncoding pcm24(int channels, bool discrete) {
    return AudioEncoding{"pcm_s24le", 48000, 24, 0, discrete, standard_tones(channels), ""};
}

CatalogEntry prores4444() {
    ClipSpec c;
    c.container = "mov";
    c.frames = 48;
    c.video = VideoEncoding{"ProRes 4444",
                            "prores_ks",
                            "prores",
                            "4444",
                            "yuv444p10le",
                            1920,
                            1080,
                            Rational(24, 1),
                            {{"profile", "4444"}, {"vendor", "apl0"}},
                            4,
                            0,
                            "",
                            bt709_tags(),
                            false};
    c.audio = pcm24(4, true);
    c.start_timecode = catalog_timecode("01:00:00:00", Rational(24, 1), false);
    c.reel = "A001";
    return {"a001_c001_prores4444", SampleSet::Dailies,
            "ProRes 4444 1080p24 MOV, 4 ch 24-bit PCM, TC 01:00:00:00 (tmcd), reel A001",
            MovieEntry{c, std::nullopt}};
}

CatalogEntry dnxhr_hqx() {
    ClipSpec c;
    c.container = "mxf";
    c.frames = 12;  // UHD DNxHR HQX is 3.6 MB and ~0.2 s of encoding per frame
    c.video = VideoEncoding{"DNxHR HQX",
                            "dnxhd",
                            "dnxhd",
                            "DNXHR HQX",
                            "yuv422p10le",
                            3840,
                            2160,
                            Rational(24000, 1001),
                            {{"profile", "dnxhr_hqx"}},
                            0,
                            0,
                            "",
                            bt709_tags(),
                            false};
    c.audio = pcm24(2, false);
    c.start_timecode = catalog_timecode("14:22:10:05", Rational(24000, 1001), false);
    c.reel = "A001";
    return {"a001_c002_dnxhr_hqx", SampleSet::Dailies,
            "DNxHR HQX UHD 23.976 MXF OP1a, stereo 24-bit PCM, TC 14:22:10:05",
            MovieEntry{c, std::nullopt}};
}

CatalogEntry h264() {
    ClipSpec c;
    c.container = "mp4";
    c.frames = 48;
    // x264's bitstream depends on its thread count: fixed, so every machine writes the same file.
    c.video = VideoEncoding{"H.264 High",
                            "libx264",
                            "h264",
                            "High",
                            "yuv420p",
                            1920,
                            1080,
                            Rational(30000, 1001),
                            {{"preset", "superfast"}, {"profile", "high"}},
                            0,
                            2,
                            "",
                            bt709_tags(),
                            false};
    c.audio = AudioEncoding{"aac", 48000, 16, 192000, false, standard_tones(2), ""};
    c.start_timecode = catalog_timecode("00:59:59;00", Rational(30000, 1001), true);
    return {"b001_c001_h264", SampleSet::Dailies,
            "H.264 High 1080p29.97 MP4, AAC stereo, drop-frame TC 00:59:59;00 (tmcd)",
            MovieEntry{c, std::nullopt}};
}

CatalogEntry hevc_pq() {
    ClipSpec c;
    c.container = "mov";
    c.frames = 24;  // x265 is the slowest encoder here, even on its fastest preset
    // The SEI carries the same HDR10 metadata as the stream side data (mdcv/clli boxes). The
    // thread pool and frame threads are fixed so the bitstream does not depend on the machine.
    c.video = VideoEncoding{
        "HEVC Main 10 HDR10",
        "libx265",
        "hevc",
        "Main 10",
        "yuv420p10le",
        1920,
        1080,
        Rational(25, 1),
        {{"preset", "ultrafast"},
         {"x265-params",
          "log-level=error:info=0:pools=2:frame-threads=1:lookahead-slices=0:hdr10=1:repeat-"
          "headers=1:"
          "master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(40000000,1):"
          "max-cll=4000,400"}},
        0,
        0,
        "hvc1",
        hdr10(),
        false};
    c.audio = pcm24(2, false);
    c.start_timecode = catalog_timecode("02:00:00:00", Rational(25, 1), false);
    c.reel = "C001";
    return {"c001_c001_hevc_pq", SampleSet::Dailies,
            "HEVC Main 10 1080p25 MOV, BT.2020 PQ with mastering display and MaxCLL/MaxFALL",
            MovieEntry{c, std::nullopt}};
}

CatalogEntry dpx10() {
    SequenceSpec s;
    s.label = "DPX 10-bit RGB";
    s.format = "dpx";
    s.width = 1920;
    s.height = 1080;
    s.channels = 3;
    s.bits = 10;
    s.rate = Rational(24, 1);
    s.first_number = 86400;  // the frame count of 01:00:00:00 at 24 fps
    s.frames = 24;
    s.start_timecode = catalog_timecode("01:00:00:00", Rational(24, 1), false);
    s.attributes = {{"dpx:Transfer", "ITU-R 709-4"}, {"dpx:Colorimetric", "ITU-R 709-4"}};
    return {"d001_dpx10", SampleSet::Dailies,
            "10-bit RGB DPX sequence 1080p24, frames 86400-86423, TC 01:00:00:00",
            SequenceEntry{s}};
}

CatalogEntry exr_half() {
    SequenceSpec s;
    s.label = "OpenEXR half RGBA";
    s.format = "exr";
    s.width = 1920;
    s.height = 1080;
    s.channels = 4;
    s.bits = 16;
    s.half_float = true;
    s.scene_linear = true;
    s.rate = Rational(24, 1);
    s.first_number = 1001;
    s.frames = 24;
    s.start_timecode =
        catalog_timecode("01:00:41:17", Rational(24, 1), false);  // 86400 + 1001 frames
    s.compression = "piz";  // zlib at 1080p made this the slowest clip; PIZ is ~3x faster
    s.rec709_chromaticities = true;
    return {
        "e001_exr_half", SampleSet::Dailies,
        "half-float RGBA OpenEXR sequence 1080p24, PIZ, Rec.709 chromaticities, frames 1001-1024",
        SequenceEntry{s}};
}

CatalogEntry defects() {
    return {"x001_c001_defects", SampleSet::Defects,
            "ProRes 422 Proxy 720p25 with planted black, freeze, out-of-range, flash, silence, "
            "loudness spike and a timecode break (+ _part2 file, .defects.json sidecar)",
            make_defects_plan()};
}

}  // namespace

std::vector<Tone> standard_tones(int channels, double level_dbfs) {
    std::vector<Tone> tones;
    for (int c = 0; c < channels; ++c) tones.push_back(Tone{1000 * (c + 1), level_dbfs});
    return tones;
}

ColorInfo bt709_tags() {
    ColorInfo c;
    c.primaries = ColorPrimaries::BT709;
    c.transfer = TransferCharacteristic::BT709;
    c.matrix = MatrixCoefficients::BT709;
    c.range = ColorRange::Limited;
    return c;
}

Timecode catalog_timecode(const char* text, Rational rate, bool drop) {
    return Timecode::parse(text, TimecodeRate{rate, drop}).value();
}

std::string extension_for(const std::string& container) {
    return container == "mp4" ? ".mp4" : container == "mxf" ? ".mxf" : ".mov";
}

YuvMatrix matrix_for(const ColorInfo& color) {
    const bool bt2020 = color.matrix == MatrixCoefficients::BT2020_NCL ||
                        color.matrix == MatrixCoefficients::BT2020_CL;
    return bt2020 ? k_bt2020 : k_bt709;
}

const std::vector<CatalogEntry>& catalog() {
    static const std::vector<CatalogEntry> entries = [] {
        std::vector<CatalogEntry> all{prores4444(), dnxhr_hqx(), h264(),   hevc_pq(),
                                      dpx10(),      exr_half(),  defects()};
        for (auto& entry : master_entries()) all.push_back(std::move(entry));
        return all;
    }();
    return entries;
}

}  // namespace media::samples
