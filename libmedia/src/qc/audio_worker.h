// SPDX-License-Identifier: Apache-2.0
// Runs the audio analyzers on their own thread, fed through a bounded queue, so loudness
// measurement overlaps video decoding and analysis instead of adding to it.
#pragma once

#include <optional>
#include <string>
#include <thread>

#include "common/bounded_queue.h"
#include "media/analysis/audio_levels.h"
#include "media/analysis/loudness.h"
#include "media/frame/audio_block.h"

namespace media::qc::detail {

class AudioWorker {
public:
    /// `loudness`: run the loudness meter (it is the costly part: true peak oversamples).
    AudioWorker(int channels, int sample_rate, const std::string& layout, bool loudness,
                const analysis::LoudnessOptions& loudness_options,
                const analysis::AudioLevelOptions& level_options);
    AudioWorker(const AudioWorker&) = delete;
    AudioWorker& operator=(const AudioWorker&) = delete;
    ~AudioWorker();

    /// Queues a block; blocks while the queue is full (memory stays bounded).
    void push(AudioBlock block);
    /// Drains the queue, stops the thread and hands over the results.
    void finish(std::optional<analysis::LoudnessResult>& loudness,
                std::optional<analysis::AudioLevelsResult>& levels, std::string& error);

private:
    void run();

    std::optional<analysis::LoudnessMeter> m_meter;
    analysis::AudioLevelAnalyzer m_levels;
    int m_channels;
    int m_sample_rate;
    std::string m_error;
    media::detail::BoundedQueue<AudioBlock> m_queue;
    std::thread m_thread;
};

}  // namespace media::qc::detail
