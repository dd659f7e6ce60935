// SPDX-License-Identifier: Apache-2.0
// A clip whose name holds every character that breaks filter graphs and format strings is burnt
// in exactly as written: the transcoded picture matches the renderer's own drawing of the literal
// name, and not a drawing of the name with those characters dropped.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "media/io/frame_resize.h"
#include "media/io/media_source.h"
#include "media/transcode/burnin.h"
#include "media/transcode/transcode.h"
#include "scratch_dir.h"
#include "transcode_fixtures.h"

namespace media::transcode {
namespace {

using test::ScratchDir;

const std::string kHostile = "it's: 100% {clip} [v2]; a\\b %{pts} Ünïcødé";
const std::string kStripped = "its 100 clip v2 ab pts Ünïcødé";

Frame first_frame(const std::string& path) {
    auto source = MediaSource::open(path);
    EXPECT_TRUE(source) << source.error().to_string();
    auto frame = source->next_video_frame();
    EXPECT_TRUE(frame && *frame);
    return **frame;
}

Frame as_yuv444p10(const Frame& frame) {
    ResizeDesc desc;
    desc.width = frame.width();
    desc.height = frame.height();
    desc.format = PixelFormat::Yuv444p10;
    desc.color = frame.color();
    auto resizer = FrameResizer::create(desc);
    EXPECT_TRUE(resizer);
    auto out = resizer->resize(frame);
    EXPECT_TRUE(out) << out.error().to_string();
    return *out;
}

Frame drawn(const Frame& source, const BurnInTemplate& burnin, const std::string& clip) {
    Frame frame = as_yuv444p10(source);
    auto renderer =
        BurnInRenderer::create(burnin, BurnInContext{clip, ""}, frame.width(), frame.height());
    EXPECT_TRUE(renderer) << renderer.error().to_string();
    EXPECT_TRUE(renderer->render(frame, 0, std::nullopt));
    return frame;
}

TEST(BurnInLiteral, HostileClipNameIsDrawnAsWritten) {
    ScratchDir scratch;
    const std::string input = scratch.file(kHostile + ".mov");
    test::SourceClip clip;
    clip.width = 640;
    clip.height = 360;
    clip.frames = 2;
    clip.audio_channels = 0;
    test::write_source_clip(input, clip);

    auto preset = find_preset("prores_4444");
    ASSERT_TRUE(preset);
    BurnInElement element;
    element.field = BurnInField::ClipName;
    element.anchor = Anchor::TopLeft;
    element.size = 0.06;
    BurnInTemplate burnin;
    burnin.elements.push_back(element);

    TranscodeRequest request;
    request.input = input;
    request.output_dir = scratch.file("out");
    request.preset = *preset;
    request.burnin = burnin;
    auto result = run_transcode(request);
    ASSERT_TRUE(result) << result.error().to_string();
    EXPECT_EQ(result->plan.clip, kHostile);

    const Frame source = first_frame(input);
    const Frame output = as_yuv444p10(first_frame(result->plan.output));
    const Frame literal = drawn(source, burnin, kHostile);
    const Frame stripped = drawn(source, burnin, kStripped);

    // Over the pixels where the two drawings differ, the output must follow the literal one.
    const auto out_y = output.plane<uint16_t>(0);
    const auto lit_y = literal.plane<uint16_t>(0);
    const auto str_y = stripped.plane<uint16_t>(0);
    double to_literal = 0, to_stripped = 0;
    int64_t differing = 0;
    for (int y = 0; y < output.height(); ++y)
        for (int x = 0; x < output.width(); ++x) {
            const int l = lit_y.row(y)[x], s = str_y.row(y)[x], o = out_y.row(y)[x];
            if (std::abs(l - s) < 64) continue;
            ++differing;
            to_literal += std::abs(o - l);
            to_stripped += std::abs(o - s);
        }
    ASSERT_GT(differing, 500) << "the two names should draw differently";
    to_literal /= static_cast<double>(differing);
    to_stripped /= static_cast<double>(differing);
    EXPECT_LT(to_literal, 16.0) << "10-bit codes, ProRes 4444 round trip";
    EXPECT_GT(to_stripped, 8 * to_literal);
}

TEST(BurnInLiteral, TextForKeepsEveryByte) {
    BurnInTemplate burnin;
    BurnInElement clip_name;
    clip_name.field = BurnInField::ClipName;
    clip_name.prefix = "CLIP {x}: ";
    burnin.elements.push_back(clip_name);
    BurnInElement text;
    text.field = BurnInField::Text;
    text.text = kHostile;
    burnin.elements.push_back(text);
    auto renderer = BurnInRenderer::create(burnin, BurnInContext{kHostile, "R;1"}, 640, 360);
    ASSERT_TRUE(renderer) << renderer.error().to_string();
    EXPECT_EQ(renderer->text_for(0, 0, std::nullopt), "CLIP {x}: " + kHostile);
    EXPECT_EQ(renderer->text_for(1, 0, std::nullopt), kHostile);
}

}  // namespace
}  // namespace media::transcode
