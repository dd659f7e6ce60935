// SPDX-License-Identifier: Apache-2.0
// The HTML QC report opens in a real browser: headless Chromium (Debian's `chromium`) renders the
// page of the defects clip to a PNG, which must be a full page of varied content (text, tables,
// graphs, thumbnails), not a blank or broken page. Skipped where Chromium is not installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "../test_support.h"
#include "media/io/media_source.h"
#include "slate_samples/samples.h"

namespace media::test {
namespace {

std::string browser() {
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
        if (have_program(name)) return name;
    return {};
}

TEST(QcHtml, RendersInHeadlessChromium) {
    const std::string chrome = browser();
    if (chrome.empty()) GTEST_SKIP() << "no Chromium installed (apt install chromium)";
    ScratchDir dir;
    ASSERT_TRUE(samples::generate_samples({dir.path(), samples::SampleSet::Defects, ""}));
    const std::string html = dir.file("report.html");
    const auto qc = run_command(fmt::format("{} qc {} --html {} -q", quote(SLATE_BINARY),
                                            quote(dir.file("x001_c001_defects.mov")), quote(html)),
                                dir);
    ASSERT_EQ(qc.exit_code, 1) << qc.err;
    const std::string png = dir.file("shot.png");
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    const auto shot = run_command(
        fmt::format("timeout 120 {} --headless --no-sandbox --disable-gpu --hide-scrollbars "
                    "--window-size=1280,2400 --screenshot={} file://{}",
                    chrome, quote(png), quote(html)),
        dir);
    ASSERT_TRUE(std::filesystem::exists(png)) << shot.err;
    auto source = MediaSource::open(png);  // libav's PNG decoder: one picture
    ASSERT_TRUE(source) << source.error().message();
    auto decoded = source->next_video_frame();
    ASSERT_TRUE(decoded && *decoded);
    const Frame& picture = **decoded;
    ASSERT_TRUE(info(picture.format()).is_packed && info(picture.format()).bytes_per_sample == 1)
        << info(picture.format()).name;
    ASSERT_EQ(picture.width(), 1280);
    // A rendered report has many distinct rows; a blank or error page is nearly uniform.
    const int height = picture.height();
    int varied_rows = 0;
    for (int y = 0; y < height; y += 8) {
        const std::byte* row = picture.plane_data(0) + y * picture.plane_stride(0);
        const int step =
            info(picture.format()).bytes_per_sample * info(picture.format()).components_in_plane(0);
        int lo = 255, hi = 0;
        for (int x = 0; x < picture.width(); x += 4) {
            const int v = std::to_integer<int>(row[x * step]);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        if (hi - lo > 64) ++varied_rows;
    }
    EXPECT_GT(varied_rows, height / 8 / 4) << "the page looks empty";
}

}  // namespace
}  // namespace media::test
