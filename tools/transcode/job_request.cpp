// SPDX-License-Identifier: Apache-2.0
#include "transcode/job_request.h"

#include "common/cli.h"

namespace slate {

media::transcode::BurnInRequest burnin_request(const JobOptions& job) {
    media::transcode::BurnInRequest request;
    request.keep_preset = !job.no_burnin;
    request.texts = job.burnin_text;
    request.watermark = job.watermark;
    return request;
}

media::Result<media::transcode::TranscodeRequest> request_template(const JobOptions& job) {
    media::transcode::TranscodeRequest request;
    request.output_dir = job.output_dir;
    media::transcode::LookRequest look{job.cdl, job.cdl_id, job.look, job.lut, job.from, job.to};
    MEDIA_TRY_ASSIGN(request.look, media::transcode::build_look(look));
    request.output_name = job.name;
    request.overwrite = job.overwrite;
    request.tolerate_decode_errors = job.tolerate_decode_errors;
    request.verify = job.verify;
    request.threads = job.threads;
    request.device = device_policy(job.device);
    const auto rate = media::Rational::parse(job.sequence_rate);
    if (!rate || rate->num() <= 0)
        return media::Error(media::ErrorCode::InvalidArgument,
                            "--rate: not a frame rate: '" + job.sequence_rate + "'");
    request.sequence_rate = *rate;
    return request;
}

}  // namespace slate
