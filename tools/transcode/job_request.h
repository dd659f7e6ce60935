// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "media/core/result.h"
#include "media/transcode/transcode.h"
#include "transcode/transcode_args.h"

namespace slate {

/// A request with everything JobOptions says (look loaded, burn-in changes, policy flags);
/// input, clip and preset are filled in per job.
media::Result<media::transcode::TranscodeRequest> request_template(const JobOptions& job);

/// Applies JobOptions' burn-in changes to a preset's template.
media::transcode::BurnInRequest burnin_request(const JobOptions& job);

}  // namespace slate
