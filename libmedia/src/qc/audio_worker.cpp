// SPDX-License-Identifier: Apache-2.0
#include "audio_worker.h"

#include <fmt/format.h>

namespace media::qc::detail {
namespace {
// About a second of audio at typical packet sizes: enough slack to absorb decoding jitter.
constexpr size_t kQueueBlocks = 64;
}  // namespace

AudioWorker::AudioWorker(int channels, int sample_rate, const std::string& layout, bool loudness,
                         const analysis::LoudnessOptions& loudness_options,
                         const analysis::AudioLevelOptions& level_options)
    : m_levels(channels, sample_rate, layout, level_options),
      m_channels(channels),
      m_sample_rate(sample_rate),
      m_queue(kQueueBlocks) {
    if (loudness) {
        analysis::LoudnessOptions options = loudness_options;
        options.channel_layout = layout;
        auto meter = analysis::LoudnessMeter::create(channels, sample_rate, options);
        if (meter)
            m_meter.emplace(std::move(*meter));
        else
            m_error = meter.error().message();
    }
    m_thread = std::thread([this] { run(); });
}

AudioWorker::~AudioWorker() {
    m_queue.close();
    if (m_thread.joinable()) m_thread.join();
}

void AudioWorker::push(AudioBlock block) {
    m_queue.push(std::move(block));
}

void AudioWorker::run() {
    while (std::optional<AudioBlock> block = m_queue.pop()) {
        // A block that does not match the stream (a mid-stream layout change) is skipped and
        // noted: the meters are built for one channel count and rate.
        if (block->channels() != m_channels || block->sample_rate() != m_sample_rate) {
            if (m_error.empty())
                m_error = fmt::format("audio changed to {} channels at {} Hz mid-stream",
                                      block->channels(), block->sample_rate());
            continue;
        }
        m_levels.add(*block);
        if (m_meter) {
            if (auto added = m_meter->add(*block); !added && m_error.empty())
                m_error = added.error().message();
        }
    }
}

void AudioWorker::finish(std::optional<analysis::LoudnessResult>& loudness,
                         std::optional<analysis::AudioLevelsResult>& levels, std::string& error) {
    m_queue.close();
    if (m_thread.joinable()) m_thread.join();
    if (m_meter) loudness = m_meter->finish();
    levels = m_levels.finish();
    error = m_error;
}

}  // namespace media::qc::detail
