// SPDX-License-Identifier: Apache-2.0
// Generates the defects set and checks, by decoding, that each plant is where the sidecar says:
// present at its first and last frame (or sample) and absent just outside them.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "av_check.h"
#include "slate_samples/samples.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace slate_test;

// What the test keeps of each decoded picture of the defects clip.
struct PictureFacts {
    double mean_y = 0;
    uint64_t hash = 0;
    std::pair<int, int> region_range;
    double region_mean = 0;
    double top_bar_mean = 0;  ///< rows 0..89: the letterbox plant's top bar
    int64_t counter = -1;
};

// One generation serves every check: ctest runs each TEST in its own process, so the checks are
// steps of one test rather than tests of their own.
std::unique_ptr<TempDir> s_out;
media::samples::SampleReport s_report;
json s_sidecar;
std::vector<PictureFacts> s_pictures;

// The nth plant of a kind (out_of_range has two: above white, then below black).
const json& find(const std::string& kind, int nth = 0) {
    for (const auto& plant : s_sidecar["plants"])
        if (plant["kind"] == kind && nth-- == 0) return plant;
    throw std::runtime_error("no plant " + kind);
}

const PictureFacts& picture(int64_t index) {
    return s_pictures.at(static_cast<std::size_t>(index));
}

// The frame counter geometry the manifest gives for a file.
json counter_of(const std::string& name) {
    std::ifstream in(s_out->path() / "manifest.json");
    const json manifest = json::parse(in);
    for (const auto& entry : manifest["files"])
        if (entry["name"] == name) return entry["video"]["frame_counter"];
    throw std::runtime_error("no manifest entry " + name);
}

int64_t counter_value(const AVFrame& f, const json& counter) {
    return read_counter([&](int x, int y) { return luma_at(f, x, y); }, counter["x"], counter["y"],
                        counter["cell"], counter["bits"]);
}

void decode_main() {
    const json region = find("out_of_range")["params"]["region"];
    const json counter = counter_of("x001_c001_defects");
    decode_video(s_out->path() / "x001_c001_defects.mov", [&](int64_t, const AVFrame& f) {
        PictureFacts p;
        p.mean_y = mean_luma_code(f, 0, 0, f.width, f.height);
        p.hash = luma_hash(f);
        p.region_range = luma_code_range(f, region["x"], region["y"], region["w"], region["h"]);
        p.region_mean = mean_luma_code(f, region["x"], region["y"], region["w"], region["h"]);
        p.top_bar_mean = mean_luma_code(f, 0, 0, f.width, 90);
        p.counter = counter_value(f, counter);
        s_pictures.push_back(p);
    });
}

void check_SidecarListsEveryPlantOfTheReport() {
    EXPECT_EQ(s_sidecar["schema"], "slate.samples.defects");
    EXPECT_EQ(s_sidecar["version"], 1);
    std::set<std::string> kinds;
    for (const auto& plant : s_sidecar["plants"]) {
        kinds.insert(plant["kind"]);
        EXPECT_TRUE(fs::exists(s_out->path() / plant["file"].get<std::string>()));
        EXPECT_LE(plant["first_frame"].get<int64_t>(), plant["last_frame"].get<int64_t>());
    }
    const std::set<std::string> expected{
        "black",     "freeze",  "repeated_frame", "out_of_range", "flash",
        "letterbox", "silence", "loudness_spike", "clipping",     "timecode_break"};
    EXPECT_EQ(kinds, expected);
    ASSERT_EQ(s_report.plants.size(), s_sidecar["plants"].size());
    for (std::size_t i = 0; i < s_report.plants.size(); ++i) {
        EXPECT_EQ(s_report.plants[i].kind, s_sidecar["plants"][i]["kind"]);
        EXPECT_EQ(s_report.plants[i].first_frame, s_sidecar["plants"][i]["first_frame"]);
    }
}

void check_DecodesEveryFrameWithItsCounter() {
    ASSERT_EQ(static_cast<int64_t>(s_pictures.size()), s_sidecar["frames"].get<int64_t>());
    const auto covered = [](int64_t i) {  // frames a full-picture plant replaces or holds
        for (const char* kind : {"black", "freeze", "repeated_frame", "flash", "letterbox"})
            if (i >= find(kind)["first_frame"] && i <= find(kind)["last_frame"]) return true;
        return false;
    };
    for (int64_t i = 0; i < static_cast<int64_t>(s_pictures.size()); ++i) {
        if (!covered(i)) {
            EXPECT_EQ(picture(i).counter, i);
        }
    }
}

void check_BlackFramesAreExactlyBlackAtTheListedFrames() {
    const json& plant = find("black");
    const int64_t first = plant["first_frame"], last = plant["last_frame"];
    const double black = plant["params"]["y_code_10bit"];
    for (int64_t i = first; i <= last; ++i) EXPECT_NEAR(picture(i).mean_y, black, 0.01) << i;
    EXPECT_GT(picture(first - 1).mean_y, black + 100);
    EXPECT_GT(picture(last + 1).mean_y, black + 100);
}

void check_FrozenFramesAreIdenticalAndOnlyThose() {
    const json& plant = find("freeze");
    const int64_t first = plant["first_frame"], last = plant["last_frame"];
    for (int64_t i = first + 1; i <= last; ++i)
        EXPECT_EQ(picture(i).hash, picture(first).hash) << i;
    EXPECT_NE(picture(first - 1).hash, picture(first).hash);
    EXPECT_NE(picture(last + 1).hash, picture(last).hash);
    EXPECT_EQ(picture(last).counter, plant["params"]["held_content_frame"].get<int64_t>());
    EXPECT_EQ(picture(last + 1).counter, last + 1);
}

void check_OutOfRangeRegionsAtTheListedFrames() {
    for (int nth = 0; nth < 2; ++nth) {
        const json& plant = find("out_of_range", nth);
        SCOPED_TRACE(plant["params"]["direction"].get<std::string>());
        const int64_t first = plant["first_frame"], last = plant["last_frame"];
        const double code = plant["params"]["y_code_10bit"];
        for (int64_t i = first; i <= last; ++i) EXPECT_NEAR(picture(i).region_mean, code, 1.0) << i;
        for (int64_t i : {first - 1, last + 1}) {  // legal (64..940) just outside the plant
            EXPECT_GE(picture(i).region_range.first, 64) << i;
            EXPECT_LE(picture(i).region_range.second, 940) << i;
        }
    }
}

void check_FlashAlternatesBrightAndDark() {
    const json& plant = find("flash");
    const int64_t first = plant["first_frame"], last = plant["last_frame"];
    const int half = plant["params"]["half_period_frames"];
    const double bright = plant["params"]["bright_y_code_10bit"],
                 dark = plant["params"]["dark_y_code_10bit"];
    for (int64_t i = first; i <= last; ++i)
        EXPECT_NEAR(picture(i).mean_y, ((i - first) / half) % 2 == 0 ? bright : dark, 0.5) << i;
    for (int64_t i : {first - 1, last + 1}) {
        EXPECT_GT(std::abs(picture(i).mean_y - bright), 100) << i;
        EXPECT_GT(std::abs(picture(i).mean_y - dark), 100) << i;
    }
}

void check_SilenceAndLoudnessSpikeAtTheListedSamples() {
    const DecodedAudio audio = decode_audio(s_out->path() / "x001_c001_defects.mov");
    ASSERT_EQ(audio.channels.size(), 2u);
    const json& silence = find("silence");
    const auto s0 = silence["first_sample"].get<std::size_t>(),
               s1 = silence["last_sample"].get<std::size_t>();
    for (const auto& channel : audio.channels) {
        EXPECT_EQ(peak(channel, s0, s1 - s0 + 1), 0.0);
        EXPECT_GT(peak(channel, s0 - 48, 48), 0.05);  // tone right up to the plant
        EXPECT_GT(peak(channel, s1 + 1, 48), 0.05);
    }
    const json& spike = find("loudness_spike");
    const auto p0 = spike["first_sample"].get<std::size_t>(),
               p1 = spike["last_sample"].get<std::size_t>();
    const double loud = std::pow(10.0, spike["params"]["level_dbfs"].get<double>() / 20.0);
    for (const auto& channel : audio.channels) {
        EXPECT_NEAR(peak(channel, p0, p1 - p0 + 1), loud, 1e-3);
        EXPECT_NEAR(peak(channel, p0 - 480, 480), 0.1, 1e-3);
        EXPECT_NEAR(peak(channel, p1 + 1, 480), 0.1, 1e-3);
    }
}

void check_RepeatedFrameAndLetterboxAtTheListedFrames() {
    const json& repeated = find("repeated_frame");
    const int64_t at = repeated["first_frame"];
    EXPECT_EQ(picture(at).hash, picture(at - 1).hash);
    EXPECT_NE(picture(at + 1).hash, picture(at).hash);
    EXPECT_NE(picture(at - 1).hash, picture(at - 2).hash);
    EXPECT_EQ(picture(at).counter, repeated["params"]["repeats_frame"].get<int64_t>());
    const json& box = find("letterbox");
    const int64_t first = box["first_frame"], last = box["last_frame"];
    const double black = box["params"]["y_code_10bit"];
    const int top = box["params"]["active"]["y"];
    // ProRes rings a little below the bar's lower edge: the mean stays within half a code.
    for (int64_t i = first; i <= last; ++i) EXPECT_NEAR(picture(i).top_bar_mean, black, 0.5) << i;
    for (int64_t i : {first - 1, last + 1}) EXPECT_GT(picture(i).top_bar_mean, black + 50) << i;
    EXPECT_EQ(top, 90);
}

void check_ClippingAtTheListedSamples() {
    const DecodedAudio audio = decode_audio(s_out->path() / "x001_c001_defects.mov");
    const json& clip = find("clipping");
    const auto c0 = clip["first_sample"].get<std::size_t>(),
               c1 = clip["last_sample"].get<std::size_t>();
    for (const auto& channel : audio.channels) {
        EXPECT_GT(peak(channel, c0, c1 - c0 + 1), 0.9999);  // full scale, held flat
        EXPECT_NEAR(peak(channel, c0 - 480, 480), 0.1, 1e-3);
        EXPECT_NEAR(peak(channel, c1 + 1, 480), 0.1, 1e-3);
    }
}

void check_SecondFileTimecodeDoesNotContinue() {
    const json& plant = find("timecode_break");
    InputPtr main = open_media(s_out->path() / s_sidecar["clip"].get<std::string>());
    InputPtr part2 = open_media(s_out->path() / plant["file"].get<std::string>());
    ASSERT_TRUE(main && part2);
    EXPECT_EQ(find_timecode(main.get()), s_sidecar["start_timecode"].get<std::string>());
    EXPECT_EQ(find_timecode(part2.get()), plant["params"]["found_timecode"].get<std::string>());
    EXPECT_NE(find_timecode(part2.get()), plant["params"]["expected_timecode"].get<std::string>());
    // The picture carries on across the break; only the timecode jumps.
    const json layout = counter_of("x001_c001_defects_part2");
    int64_t counter = -1;
    decode_video(s_out->path() / plant["file"].get<std::string>(),
                 [&](int64_t index, const AVFrame& f) {
                     if (index == 0) counter = counter_value(f, layout);
                 });
    EXPECT_EQ(counter, s_sidecar["frames"].get<int64_t>());
}

TEST(SamplesDefects, PlantsAreWhereTheSidecarSays) {
    s_out = std::make_unique<TempDir>("defects");
    auto report =
        media::samples::generate_samples({s_out->path(), media::samples::SampleSet::Defects, ""});
    ASSERT_TRUE(report) << report.error().to_string();
    s_report = std::move(report).value();
    std::ifstream in(s_out->path() / "x001_c001_defects.defects.json");
    s_sidecar = json::parse(in);
    decode_main();
    {
        SCOPED_TRACE("SidecarListsEveryPlantOfTheReport");
        check_SidecarListsEveryPlantOfTheReport();
    }
    {
        SCOPED_TRACE("DecodesEveryFrameWithItsCounter");
        check_DecodesEveryFrameWithItsCounter();
    }
    {
        SCOPED_TRACE("BlackFramesAreExactlyBlackAtTheListedFrames");
        check_BlackFramesAreExactlyBlackAtTheListedFrames();
    }
    {
        SCOPED_TRACE("FrozenFramesAreIdenticalAndOnlyThose");
        check_FrozenFramesAreIdenticalAndOnlyThose();
    }
    {
        SCOPED_TRACE("OutOfRangeRegionsAtTheListedFrames");
        check_OutOfRangeRegionsAtTheListedFrames();
    }
    {
        SCOPED_TRACE("FlashAlternatesBrightAndDark");
        check_FlashAlternatesBrightAndDark();
    }
    {
        SCOPED_TRACE("SilenceAndLoudnessSpikeAtTheListedSamples");
        check_SilenceAndLoudnessSpikeAtTheListedSamples();
    }
    {
        SCOPED_TRACE("RepeatedFrameAndLetterboxAtTheListedFrames");
        check_RepeatedFrameAndLetterboxAtTheListedFrames();
    }
    {
        SCOPED_TRACE("ClippingAtTheListedSamples");
        check_ClippingAtTheListedSamples();
    }
    {
        SCOPED_TRACE("SecondFileTimecodeDoesNotContinue");
        check_SecondFileTimecodeDoesNotContinue();
    }
    s_out.reset();
}

}  // namespace
