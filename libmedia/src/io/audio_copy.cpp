// SPDX-License-Identifier: Apache-2.0
#include "audio_copy.h"

namespace media::io {

AudioCopier::AudioCopier(av::FormatInputPtr input, int index, AVFormatContext* output,
                         AVStream* stream)
    : m_input(std::move(input)),
      m_index(index),
      m_output(output),
      m_stream(stream),
      m_pending(av_packet_alloc()) {
    const AVStream* source = m_input->streams[index];
    m_start = source->start_time == AV_NOPTS_VALUE ? 0 : source->start_time;
}

Result<std::unique_ptr<AudioCopier>> AudioCopier::open(const AudioCopySettings& settings,
                                                       AVFormatContext* output) {
    MEDIA_TRY_ASSIGN(av::FormatInputPtr input, av::open_input(settings.source));
    int index = settings.stream;
    if (index < 0) index = av_find_best_stream(input.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (index < 0 || index >= static_cast<int>(input->nb_streams) ||
        input->streams[index]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO)
        return Error(ErrorCode::NotFound, "no audio stream to copy").with_file(settings.source);
    AVStream* stream = avformat_new_stream(output, nullptr);
    if (!stream) return Error(ErrorCode::OutOfMemory, "cannot add a stream");
    const AVStream* source = input->streams[index];
    int rc = avcodec_parameters_copy(stream->codecpar, source->codecpar);
    if (rc < 0) return av::make_error(ErrorCode::Internal, "cannot copy codec parameters", rc);
    stream->codecpar->codec_tag = 0;  // the source container's tag may mean nothing here
    stream->time_base = source->time_base;
    for (unsigned i = 0; i < input->nb_streams; ++i)
        if (static_cast<int>(i) != index) input->streams[i]->discard = AVDISCARD_ALL;
    auto copier =
        std::unique_ptr<AudioCopier>(new AudioCopier(std::move(input), index, output, stream));
    if (!copier->m_pending) return Error(ErrorCode::OutOfMemory, "cannot allocate a packet");
    return copier;
}

// Reads the next packet of the copied stream into m_pending; false at its end.
Result<bool> AudioCopier::next_packet() {
    for (;;) {
        av_packet_unref(m_pending.get());
        const int rc = av_read_frame(m_input.get(), m_pending.get());
        if (rc == AVERROR_EOF) return false;
        if (rc < 0) return av::make_error(ErrorCode::DecodeError, "cannot read audio to copy", rc);
        if (m_pending->stream_index == m_index) return true;
    }
}

Result<void> AudioCopier::copy_until(std::optional<Rational> seconds) {
    const AVRational source_tb = m_input->streams[m_index]->time_base;
    while (!m_done) {
        if (!m_has_pending) {
            MEDIA_TRY_ASSIGN(bool got, next_packet());
            m_has_pending = got;
            m_done = !got;
            if (!got) break;
        }
        const int64_t pts = m_pending->pts == AV_NOPTS_VALUE ? m_pending->dts : m_pending->pts;
        if (seconds && pts != AV_NOPTS_VALUE &&
            av_compare_ts(pts - m_start, source_tb, seconds->num(),
                          AVRational{1, static_cast<int>(seconds->den())}) >= 0)
            break;
        if (m_pending->pts != AV_NOPTS_VALUE) m_pending->pts -= m_start;
        if (m_pending->dts != AV_NOPTS_VALUE) m_pending->dts -= m_start;
        av_packet_rescale_ts(m_pending.get(), source_tb, m_stream->time_base);
        m_pending->stream_index = m_stream->index;
        m_pending->pos = -1;
        m_has_pending = false;
        const int rc = av_interleaved_write_frame(m_output, m_pending.get());
        if (rc < 0) return av::make_error(ErrorCode::IoError, "cannot write copied audio", rc);
    }
    return ok();
}

}  // namespace media::io
