// SPDX-License-Identifier: Apache-2.0
// Micro-benchmarks of the frame objects, and decoding a file given in SLATE_BENCH_INPUT
// (e.g. the ProRes clip decode_vs_ffmpeg.sh makes): zero-copy against always-copy.
#include <algorithm>
#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>

#include "media/frame/frame.h"
#include "media/frame/frame_pool.h"
#include "media/io/media_source.h"

namespace {

media::FrameSpec hd_422_10() {
    media::FrameSpec spec;
    spec.width = 1920;
    spec.height = 1080;
    spec.format = media::PixelFormat::Yuv422p10;
    return spec;
}

void BM_FrameAllocate(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(media::Frame::allocate(hd_422_10()));
}
BENCHMARK(BM_FrameAllocate);

void BM_FramePoolAcquire(benchmark::State& state) {
    media::FramePool pool(hd_422_10());
    for (auto _ : state) benchmark::DoNotOptimize(pool.acquire());
}
BENCHMARK(BM_FramePoolAcquire);

void BM_FrameCopyOnWrite(benchmark::State& state) {
    auto frame = *media::Frame::allocate(hd_422_10());
    // Touch every plane, so the clone reads real pages rather than the kernel's zero page.
    for (int p = 0; p < frame.plane_count(); ++p) {
        auto view = frame.mutable_plane<uint16_t>(p);
        for (int y = 0; y < view.height(); ++y)
            std::fill(view.row(y), view.row(y) + view.row_samples(), static_cast<uint16_t>(y));
    }
    for (auto _ : state) {
        media::Frame copy = frame;
        benchmark::DoNotOptimize(copy.mutable_plane<uint16_t>(0).data());
    }
    state.SetBytesProcessed(state.iterations() * 1920 * 1080 * 2 * 2);
}
BENCHMARK(BM_FrameCopyOnWrite)->Unit(benchmark::kMillisecond);

void BM_DecodeFile(benchmark::State& state) {
    const char* path = std::getenv("SLATE_BENCH_INPUT");
    if (!path) {
        state.SkipWithError("set SLATE_BENCH_INPUT to a media file");
        return;
    }
    media::SourceOptions options;
    options.zero_copy = state.range(0) != 0;
    int64_t frames = 0;
    for (auto _ : state) {
        auto source = media::MediaSource::open(path, options);
        if (!source) {
            state.SkipWithError(source.error().to_string().c_str());
            return;
        }
        for (auto frame = source->next_video_frame(); frame && *frame;
             frame = source->next_video_frame())
            ++frames;
    }
    state.counters["fps"] =
        benchmark::Counter(static_cast<double>(frames), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeFile)
    ->Arg(1)
    ->Arg(0)
    ->ArgName("zero_copy")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
