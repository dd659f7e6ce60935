// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "media/qc/profile.h"
#include "qc/qc_args.h"

namespace slate {

/// `slate qc FILE --shard START:END --shard-out S`: writes the shard, prints one line; exit 0,
/// or 2 when the input cannot be read or the shard written.
int run_qc_shard(const QcSettings& settings, const media::qc::QcProfile& profile);

/// `slate qc FILE --merge-shards S...`: the report of FILE from its shards, with the usual
/// report options and exit codes (2 also when the shards do not make up the file).
int run_qc_merge(const QcSettings& settings, media::qc::QcProfile profile);

}  // namespace slate
